"""The `FlowClone` resource: a flow promoted into another integration (environment) by cloning."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, overload

import pulumi
import pulumi.dynamic

from . import _utilities
from .providers.flow_clone import FlowCloneProvider

__all__ = ["FlowClone", "FlowCloneArgs"]

#: Properties only integrator.io (or the clone) sets: declared so that an Output exists for each.
_OUTPUT_ONLY: tuple[str, ...] = ("flow_id", "export_ids", "import_ids", "created_at", "last_modified")


@pulumi.input_type
class FlowCloneArgs:
    def __init__(
        self,
        *,
        source_flow_id: pulumi.Input[str],
        integration_id: pulumi.Input[str],
        connection_map: pulumi.Input[Mapping[str, pulumi.Input[str]] | None] = None,
        name: pulumi.Input[str | None] = None,
        flow_grouping_id: pulumi.Input[str | None] = None,
        schedule: pulumi.Input[str | None] = None,
        timezone: pulumi.Input[str | None] = None,
        disabled: pulumi.Input[bool | None] = None,
    ) -> None:
        """
        The arguments of a `FlowClone`.

        :param pulumi.Input[str] source_flow_id: The id of the flow to clone, for example the flow of the
            development stack. Changing it makes a new clone.
        :param pulumi.Input[str] integration_id: The id of the integration (environment) to clone the flow into.
            Changing it makes a new clone.
        :param pulumi.Input[Mapping[str, pulumi.Input[str]]] connection_map: For each connection the source
            flow's exports and imports use, the connection the copies should use: `{source id: target id}`. Map
            an id to itself to keep a connection. Every connection of the source must be mapped; a missing one
            fails the create, naming it, before anything is written. Changing it makes a new clone.
        :param pulumi.Input[str] name: The cloned flow's name. Defaults to the resource name (not integrator.io's
            "Clone - <source name>"); pass the source flow's name to keep it.
        :param pulumi.Input[str] flow_grouping_id: The id of one of the target integration's flow groups to
            show the flow in.
        :param pulumi.Input[str] schedule: When the cloned flow runs: a 6-field cron expression whose first
            field is `?`, such as `"? 0 2 ? * *"`. A clone never inherits the source's schedule: omit it for a
            flow that runs only when started.
        :param pulumi.Input[str] timezone: The IANA time zone the `schedule` is read in, such as
            `America/Los_Angeles`. Omitted, the clone keeps the source flow's time zone.
        :param pulumi.Input[bool] disabled: Whether the cloned flow is disabled. Defaults to `false`, as for
            `Flow`: the clone (which integrator.io creates disabled) is enabled in the same create, and runs on
            its `schedule`. Set `true` to promote a flow without enabling it.
        """
        pulumi.set(self, "source_flow_id", source_flow_id)
        pulumi.set(self, "integration_id", integration_id)
        if connection_map is not None:
            pulumi.set(self, "connection_map", connection_map)
        if name is not None:
            pulumi.set(self, "name", name)
        if flow_grouping_id is not None:
            pulumi.set(self, "flow_grouping_id", flow_grouping_id)
        if schedule is not None:
            pulumi.set(self, "schedule", schedule)
        if timezone is not None:
            pulumi.set(self, "timezone", timezone)
        if disabled is not None:
            pulumi.set(self, "disabled", disabled)

    @property
    @pulumi.getter
    def source_flow_id(self) -> pulumi.Input[str]:
        """The id of the flow to clone, for example the flow of the development stack. Changing it makes a new clone."""
        return pulumi.get(self, "source_flow_id")

    @source_flow_id.setter
    def source_flow_id(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "source_flow_id", value)

    @property
    @pulumi.getter
    def integration_id(self) -> pulumi.Input[str]:
        """The id of the integration (environment) to clone the flow into. Changing it makes a new clone."""
        return pulumi.get(self, "integration_id")

    @integration_id.setter
    def integration_id(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "integration_id", value)

    @property
    @pulumi.getter
    def connection_map(self) -> pulumi.Input[Mapping[str, pulumi.Input[str]] | None]:
        """
        For each connection the source flow's exports and imports use, the connection the copies should use:
        `{source id: target id}`. Map an id to itself to keep a connection. Every connection of the source must
        be mapped; a missing one fails the create, naming it, before anything is written. Changing it makes a
        new clone.
        """
        return pulumi.get(self, "connection_map")

    @connection_map.setter
    def connection_map(self, value: pulumi.Input[Mapping[str, pulumi.Input[str]] | None]) -> None:
        pulumi.set(self, "connection_map", value)

    @property
    @pulumi.getter
    def name(self) -> pulumi.Input[str | None]:
        """
        The cloned flow's name. Defaults to the resource name (not integrator.io's "Clone - <source name>");
        pass the source flow's name to keep it.
        """
        return pulumi.get(self, "name")

    @name.setter
    def name(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "name", value)

    @property
    @pulumi.getter
    def flow_grouping_id(self) -> pulumi.Input[str | None]:
        """The id of one of the target integration's flow groups to show the flow in."""
        return pulumi.get(self, "flow_grouping_id")

    @flow_grouping_id.setter
    def flow_grouping_id(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "flow_grouping_id", value)

    @property
    @pulumi.getter
    def schedule(self) -> pulumi.Input[str | None]:
        """
        When the cloned flow runs: a 6-field cron expression whose first field is `?`, such as `"? 0 2 ? * *"`.
        A clone never inherits the source's schedule: omit it for a flow that runs only when started.
        """
        return pulumi.get(self, "schedule")

    @schedule.setter
    def schedule(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "schedule", value)

    @property
    @pulumi.getter
    def timezone(self) -> pulumi.Input[str | None]:
        """
        The IANA time zone the `schedule` is read in, such as `America/Los_Angeles`. Omitted, the clone keeps
        the source flow's time zone.
        """
        return pulumi.get(self, "timezone")

    @timezone.setter
    def timezone(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "timezone", value)

    @property
    @pulumi.getter
    def disabled(self) -> pulumi.Input[bool | None]:
        """
        Whether the cloned flow is disabled. Defaults to `false`, as for `Flow`: the clone (which integrator.io
        creates disabled) is enabled in the same create, and runs on its `schedule`. Set `true` to promote a
        flow without enabling it.
        """
        return pulumi.get(self, "disabled")

    @disabled.setter
    def disabled(self, value: pulumi.Input[bool | None]) -> None:
        pulumi.set(self, "disabled", value)


class FlowClone(pulumi.dynamic.Resource, module="celigo", name="FlowClone"):
    """
    A flow promoted into another integration (environment) by cloning: integrator.io copies the
    flow and its exports and imports, pointing the copies at the target environment's connections
    through `connection_map`. The create also applies `schedule`, `timezone` and `disabled` (a clone
    starts disabled and without schedule), so the promoted flow is complete in one step.

    Before anything is written, the create checks that `connection_map` maps every connection the
    source flow uses and that every target connection exists; otherwise it fails listing them all.
    Deleting the resource deletes the cloned flow and the exports and imports the clone created.

    ## Example Usage

    ```python
    import pulumi
    import pulumi_celigo as celigo

    config = pulumi.Config()
    prod = celigo.FlowClone("orders-prod",
        source_flow_id=config.require("devFlowId"),
        integration_id=config.require("prodIntegrationId"),
        connection_map={
            config.require("devGithubConnectionId"): config.require("prodGithubConnectionId"),
            config.require("devSlackConnectionId"): config.require("prodSlackConnectionId"),
        },
        name="Orders sync",
        schedule="? 0 2 ? * *",
        timezone="America/Los_Angeles")
    pulumi.export("prodFlowId", prod.id)
    ```
    """

    @overload
    def __init__(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        *,
        source_flow_id: pulumi.Input[str] | None = None,
        integration_id: pulumi.Input[str] | None = None,
        connection_map: pulumi.Input[Mapping[str, pulumi.Input[str]] | None] = None,
        name: pulumi.Input[str | None] = None,
        flow_grouping_id: pulumi.Input[str | None] = None,
        schedule: pulumi.Input[str | None] = None,
        timezone: pulumi.Input[str | None] = None,
        disabled: pulumi.Input[bool | None] = None,
    ) -> None:
        """
        Clone a flow into another integration.

        :param str resource_name: The name of the resource.
        :param pulumi.ResourceOptions opts: Options for the resource.
        :param pulumi.Input[str] source_flow_id: The id of the flow to clone. Changing it makes a new clone.
        :param pulumi.Input[str] integration_id: The id of the integration to clone the flow into. Changing it
            makes a new clone.
        :param pulumi.Input[Mapping[str, pulumi.Input[str]]] connection_map: `{source connection id: target
            connection id}` for every connection the source flow uses. Changing it makes a new clone.
        :param pulumi.Input[str] name: The cloned flow's name. Defaults to the resource name.
        :param pulumi.Input[str] flow_grouping_id: The id of one of the target integration's flow groups.
        :param pulumi.Input[str] schedule: When the cloned flow runs (6-field cron whose first field is `?`).
        :param pulumi.Input[str] timezone: The IANA time zone of the schedule. Omitted, the source's is kept.
        :param pulumi.Input[bool] disabled: Whether the cloned flow is disabled. Defaults to `false`.
        """
        ...

    @overload
    def __init__(self, resource_name: str, args: FlowCloneArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        """
        Clone a flow into another integration.

        :param str resource_name: The name of the resource.
        :param FlowCloneArgs args: The arguments to use to populate this resource's properties.
        :param pulumi.ResourceOptions opts: Options for the resource.
        """
        ...

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        resource_args, opts = _utilities.get_resource_args_opts(FlowCloneArgs, resource_name, *args, **kwargs)
        if resource_args is not None:
            self._internal_init(resource_name, opts, **vars(resource_args))
        else:
            self._internal_init(resource_name, *args, **kwargs)

    def _internal_init(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        *,
        source_flow_id: pulumi.Input[str] | None = None,
        integration_id: pulumi.Input[str] | None = None,
        connection_map: pulumi.Input[Mapping[str, pulumi.Input[str]] | None] = None,
        name: pulumi.Input[str | None] = None,
        flow_grouping_id: pulumi.Input[str | None] = None,
        schedule: pulumi.Input[str | None] = None,
        timezone: pulumi.Input[str | None] = None,
        disabled: pulumi.Input[bool | None] = None,
    ) -> None:
        opts = opts if opts is not None else pulumi.ResourceOptions()
        if not isinstance(opts, pulumi.ResourceOptions):
            raise TypeError("Expected resource options to be a ResourceOptions instance")
        if opts.import_ is not None:
            raise TypeError(
                f"FlowClone {resource_name!r}: the import_ option does not work for dynamic resources "
                "(pulumi/pulumi#16175)."
            )
        inputs: dict[str, Any] = {
            "source_flow_id": source_flow_id,
            "integration_id": integration_id,
            "connection_map": connection_map,
            "name": name,
            "flow_grouping_id": flow_grouping_id,
            "schedule": schedule,
            "timezone": timezone,
            "disabled": disabled,
        }
        # Every property, even unset, gets a key: Pulumi creates an Output for each key.
        props: dict[str, Any] = dict.fromkeys((*inputs, *_OUTPUT_ONLY))
        if opts.id is None:
            if source_flow_id is None:
                raise TypeError("Missing required property 'source_flow_id'")
            if integration_id is None:
                raise TypeError("Missing required property 'integration_id'")
            props.update(_utilities.to_props(inputs, {}))
            if props["name"] is None:
                props["name"] = resource_name
        elif any(value is not None for value in inputs.values()):
            raise TypeError(
                f"FlowClone {resource_name!r}: opts.id reads an existing clone, so it takes no arguments. "
                "Use FlowClone.get(name, id)."
            )
        super().__init__(FlowCloneProvider(), resource_name, props, opts)

    @staticmethod
    def get(resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None) -> FlowClone:
        """
        Read an existing cloned flow without managing it: `pulumi destroy` leaves it alone.

        :param str resource_name: The unique name of the resulting resource.
        :param pulumi.Input[str] id: The id of the cloned flow (24 lowercase hexadecimal digits).
        :param pulumi.ResourceOptions opts: Options for the resource.
        """
        _utilities.check_id(f"FlowClone.get({resource_name!r})", "id", id)
        opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        return FlowClone(resource_name, opts=opts)

    @property
    @pulumi.getter
    def source_flow_id(self) -> pulumi.Output[str]:
        """The id of the flow this one was cloned from."""
        return pulumi.get(self, "source_flow_id")

    @property
    @pulumi.getter
    def integration_id(self) -> pulumi.Output[str]:
        """The id of the integration the clone belongs to."""
        return pulumi.get(self, "integration_id")

    @property
    @pulumi.getter
    def connection_map(self) -> pulumi.Output[Mapping[str, str]]:
        """The connection map the clone was made with: `{source connection id: target connection id}`."""
        return pulumi.get(self, "connection_map")

    @property
    @pulumi.getter
    def name(self) -> pulumi.Output[str]:
        """The cloned flow's name."""
        return pulumi.get(self, "name")

    @property
    @pulumi.getter
    def flow_grouping_id(self) -> pulumi.Output[str | None]:
        """The id of the flow group the cloned flow shows in, if any."""
        return pulumi.get(self, "flow_grouping_id")

    @property
    @pulumi.getter
    def schedule(self) -> pulumi.Output[str | None]:
        """When the cloned flow runs (6-field cron), if it runs on a schedule."""
        return pulumi.get(self, "schedule")

    @property
    @pulumi.getter
    def timezone(self) -> pulumi.Output[str | None]:
        """The IANA time zone of the cloned flow's schedule."""
        return pulumi.get(self, "timezone")

    @property
    @pulumi.getter
    def disabled(self) -> pulumi.Output[bool]:
        """Whether the cloned flow is disabled."""
        return pulumi.get(self, "disabled")

    @property
    @pulumi.getter
    def flow_id(self) -> pulumi.Output[str]:
        """The id of the cloned flow (also the resource's id)."""
        return pulumi.get(self, "flow_id")

    @property
    @pulumi.getter
    def export_ids(self) -> pulumi.Output[Sequence[str]]:
        """The ids of the exports the clone created (copies of the source flow's); deleted with the resource."""
        return pulumi.get(self, "export_ids")

    @property
    @pulumi.getter
    def import_ids(self) -> pulumi.Output[Sequence[str]]:
        """The ids of the imports the clone created (copies of the source flow's); deleted with the resource."""
        return pulumi.get(self, "import_ids")

    @property
    @pulumi.getter
    def created_at(self) -> pulumi.Output[str]:
        """When the clone was created (ISO-8601)."""
        return pulumi.get(self, "created_at")

    @property
    @pulumi.getter
    def last_modified(self) -> pulumi.Output[str]:
        """When the cloned flow was last changed (ISO-8601)."""
        return pulumi.get(self, "last_modified")
