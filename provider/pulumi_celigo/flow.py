"""The `Flow` resource: an integrator.io flow, managed by Pulumi."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, overload

import pulumi
import pulumi.dynamic

from . import _utilities, outputs
from ._inputs import (
    PAGE_PROCESSOR_SHAPE,
    ROUTER_SHAPE,
    FlowPageGeneratorArgs,
    FlowPageGeneratorArgsDict,
    FlowPageProcessorArgs,
    FlowPageProcessorArgsDict,
    FlowRouterArgs,
    FlowRouterArgsDict,
)
from .providers.flow import FlowProvider

__all__ = ["Flow", "FlowArgs"]

#: Where a flow's arguments hold nested input types (see `_utilities.to_props`).
_SHAPE: _utilities.Shape = {
    "page_generators": [{}],
    "page_processors": [PAGE_PROCESSOR_SHAPE],
    "routers": [ROUTER_SHAPE],
}
#: Properties only integrator.io sets: declared so that an Output exists for each.
_OUTPUT_ONLY: tuple[str, ...] = (
    "logging",
    "free",
    "template_id",
    "source_id",
    "connector_id",
    "export_id",
    "import_id",
    "created_at",
    "last_modified",
    "last_executed_at",
    "resolved_at",
)


@pulumi.input_type
class FlowArgs:
    def __init__(
        self,
        *,
        name: pulumi.Input[str | None] = None,
        description: pulumi.Input[str | None] = None,
        disabled: pulumi.Input[bool | None] = None,
        schedule: pulumi.Input[str | None] = None,
        timezone: pulumi.Input[str | None] = None,
        integration_id: pulumi.Input[str | None] = None,
        flow_grouping_id: pulumi.Input[str | None] = None,
        page_generators: pulumi.Input[
            Sequence[pulumi.Input[FlowPageGeneratorArgs | FlowPageGeneratorArgsDict]] | None
        ] = None,
        page_processors: pulumi.Input[
            Sequence[pulumi.Input[FlowPageProcessorArgs | FlowPageProcessorArgsDict]] | None
        ] = None,
        routers: pulumi.Input[Sequence[pulumi.Input[FlowRouterArgs | FlowRouterArgsDict]] | None] = None,
        run_page_generators_in_parallel: pulumi.Input[bool | None] = None,
        run_next_flow_ids: pulumi.Input[Sequence[pulumi.Input[str]] | None] = None,
        skip_retries: pulumi.Input[bool | None] = None,
        auto_resolve_matching_trace_keys: pulumi.Input[bool | None] = None,
        settings: pulumi.Input[Mapping[str, Any] | None] = None,
        aliases: pulumi.Input[Sequence[Any] | None] = None,
        adopt_id: pulumi.Input[str | None] = None,
        allow_delete_with_dependents: pulumi.Input[bool | None] = None,
    ) -> None:
        """
        The arguments of a `Flow`. All are optional: `name` defaults to the resource name.

        :param pulumi.Input[str] name: The flow's name in integrator.io. Defaults to the resource name.
        :param pulumi.Input[str] description: A description of the flow.
        :param pulumi.Input[bool] disabled: Whether the flow is disabled: a disabled flow neither runs on its
            schedule nor can be started. Defaults to `false`: an enabled flow with a `schedule` runs on it.
        :param pulumi.Input[str] schedule: When the flow runs: a 6-field cron expression whose first field is
            `?`, such as `"? 0 2 ? * *"` (daily at 02:00) or `"? */5 * * * *"`. Omit it for a flow that runs
            only when started.
        :param pulumi.Input[str] timezone: The IANA time zone the `schedule` is read in, such as
            `America/Los_Angeles`.
        :param pulumi.Input[str] integration_id: The id of the integration the flow belongs to; omit it for a
            standalone flow. Changing it once set replaces the flow: integrator.io cannot move a flow out of an
            integration.
        :param pulumi.Input[str] flow_grouping_id: The id of one of the integration's flow groups to show the
            flow in. Needs `integration_id`.
        :param pulumi.Input[Sequence[pulumi.Input[FlowPageGeneratorArgs]]] page_generators: The flow's sources:
            the exports it runs, in order.
        :param pulumi.Input[Sequence[pulumi.Input[FlowPageProcessorArgs]]] page_processors: The flow's
            destination and lookup steps, in order. A flow has either `page_processors` or `routers`.
        :param pulumi.Input[Sequence[pulumi.Input[FlowRouterArgs]]] routers: The flow's routers, which send
            records down branches of steps. A flow has either `page_processors` or `routers`.
        :param pulumi.Input[bool] run_page_generators_in_parallel: Run the page generators at the same time
            instead of one after another. Defaults to `false`.
        :param pulumi.Input[Sequence[pulumi.Input[str]]] run_next_flow_ids: The ids of the flows to run when
            this one finishes.
        :param pulumi.Input[bool] skip_retries: Don't keep retry data for records that fail in this flow: they
            cannot be retried. Defaults to `false`.
        :param pulumi.Input[bool] auto_resolve_matching_trace_keys: Resolve an open error automatically when a
            later run processes a record with the same trace key. Defaults to `true`.
        :param pulumi.Input[Mapping[str, Any]] settings: The flow's custom settings: a free-form JSON object,
            available to its scripts; passed as given.
        :param pulumi.Input[Sequence[Any]] aliases: The flow's aliases, in integrator.io's format; passed as
            given.
        :param pulumi.Input[str] adopt_id: Take over the existing flow with this id at create instead of
            creating one: the flow's managed fields are set to the program's values. This is how to bring an
            existing flow under management, since `pulumi import` does not work for dynamic resources. Later
            changes to it have no effect.
        :param pulumi.Input[bool] allow_delete_with_dependents: Delete the flow even when other resources depend
            on it (such as flows that run it next). By default such a delete is refused, naming the dependents.
            Defaults to `false`.
        """
        if name is not None:
            pulumi.set(self, "name", name)
        if description is not None:
            pulumi.set(self, "description", description)
        if disabled is not None:
            pulumi.set(self, "disabled", disabled)
        if schedule is not None:
            pulumi.set(self, "schedule", schedule)
        if timezone is not None:
            pulumi.set(self, "timezone", timezone)
        if integration_id is not None:
            pulumi.set(self, "integration_id", integration_id)
        if flow_grouping_id is not None:
            pulumi.set(self, "flow_grouping_id", flow_grouping_id)
        if page_generators is not None:
            pulumi.set(self, "page_generators", page_generators)
        if page_processors is not None:
            pulumi.set(self, "page_processors", page_processors)
        if routers is not None:
            pulumi.set(self, "routers", routers)
        if run_page_generators_in_parallel is not None:
            pulumi.set(self, "run_page_generators_in_parallel", run_page_generators_in_parallel)
        if run_next_flow_ids is not None:
            pulumi.set(self, "run_next_flow_ids", run_next_flow_ids)
        if skip_retries is not None:
            pulumi.set(self, "skip_retries", skip_retries)
        if auto_resolve_matching_trace_keys is not None:
            pulumi.set(self, "auto_resolve_matching_trace_keys", auto_resolve_matching_trace_keys)
        if settings is not None:
            pulumi.set(self, "settings", settings)
        if aliases is not None:
            pulumi.set(self, "aliases", aliases)
        if adopt_id is not None:
            pulumi.set(self, "adopt_id", adopt_id)
        if allow_delete_with_dependents is not None:
            pulumi.set(self, "allow_delete_with_dependents", allow_delete_with_dependents)

    @property
    @pulumi.getter
    def name(self) -> pulumi.Input[str | None]:
        """The flow's name in integrator.io. Defaults to the resource name."""
        return pulumi.get(self, "name")

    @name.setter
    def name(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "name", value)

    @property
    @pulumi.getter
    def description(self) -> pulumi.Input[str | None]:
        """A description of the flow."""
        return pulumi.get(self, "description")

    @description.setter
    def description(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "description", value)

    @property
    @pulumi.getter
    def disabled(self) -> pulumi.Input[bool | None]:
        """
        Whether the flow is disabled: a disabled flow neither runs on its schedule nor can be started. Defaults
        to `false`: an enabled flow with a `schedule` runs on it.
        """
        return pulumi.get(self, "disabled")

    @disabled.setter
    def disabled(self, value: pulumi.Input[bool | None]) -> None:
        pulumi.set(self, "disabled", value)

    @property
    @pulumi.getter
    def schedule(self) -> pulumi.Input[str | None]:
        """
        When the flow runs: a 6-field cron expression whose first field is `?`, such as `"? 0 2 ? * *"` (daily
        at 02:00) or `"? */5 * * * *"`. Omit it for a flow that runs only when started.
        """
        return pulumi.get(self, "schedule")

    @schedule.setter
    def schedule(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "schedule", value)

    @property
    @pulumi.getter
    def timezone(self) -> pulumi.Input[str | None]:
        """The IANA time zone the `schedule` is read in, such as `America/Los_Angeles`."""
        return pulumi.get(self, "timezone")

    @timezone.setter
    def timezone(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "timezone", value)

    @property
    @pulumi.getter
    def integration_id(self) -> pulumi.Input[str | None]:
        """
        The id of the integration the flow belongs to; omit it for a standalone flow. Changing it once set
        replaces the flow: integrator.io cannot move a flow out of an integration.
        """
        return pulumi.get(self, "integration_id")

    @integration_id.setter
    def integration_id(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "integration_id", value)

    @property
    @pulumi.getter
    def flow_grouping_id(self) -> pulumi.Input[str | None]:
        """The id of one of the integration's flow groups to show the flow in. Needs `integration_id`."""
        return pulumi.get(self, "flow_grouping_id")

    @flow_grouping_id.setter
    def flow_grouping_id(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "flow_grouping_id", value)

    @property
    @pulumi.getter
    def page_generators(
        self,
    ) -> pulumi.Input[Sequence[pulumi.Input[FlowPageGeneratorArgs | FlowPageGeneratorArgsDict]] | None]:
        """The flow's sources: the exports it runs, in order."""
        return pulumi.get(self, "page_generators")

    @page_generators.setter
    def page_generators(
        self, value: pulumi.Input[Sequence[pulumi.Input[FlowPageGeneratorArgs | FlowPageGeneratorArgsDict]] | None]
    ) -> None:
        pulumi.set(self, "page_generators", value)

    @property
    @pulumi.getter
    def page_processors(
        self,
    ) -> pulumi.Input[Sequence[pulumi.Input[FlowPageProcessorArgs | FlowPageProcessorArgsDict]] | None]:
        """The flow's destination and lookup steps, in order. A flow has either `page_processors` or `routers`."""
        return pulumi.get(self, "page_processors")

    @page_processors.setter
    def page_processors(
        self, value: pulumi.Input[Sequence[pulumi.Input[FlowPageProcessorArgs | FlowPageProcessorArgsDict]] | None]
    ) -> None:
        pulumi.set(self, "page_processors", value)

    @property
    @pulumi.getter
    def routers(self) -> pulumi.Input[Sequence[pulumi.Input[FlowRouterArgs | FlowRouterArgsDict]] | None]:
        """
        The flow's routers, which send records down branches of steps. A flow has either `page_processors` or
        `routers`.
        """
        return pulumi.get(self, "routers")

    @routers.setter
    def routers(self, value: pulumi.Input[Sequence[pulumi.Input[FlowRouterArgs | FlowRouterArgsDict]] | None]) -> None:
        pulumi.set(self, "routers", value)

    @property
    @pulumi.getter
    def run_page_generators_in_parallel(self) -> pulumi.Input[bool | None]:
        """Run the page generators at the same time instead of one after another. Defaults to `false`."""
        return pulumi.get(self, "run_page_generators_in_parallel")

    @run_page_generators_in_parallel.setter
    def run_page_generators_in_parallel(self, value: pulumi.Input[bool | None]) -> None:
        pulumi.set(self, "run_page_generators_in_parallel", value)

    @property
    @pulumi.getter
    def run_next_flow_ids(self) -> pulumi.Input[Sequence[pulumi.Input[str]] | None]:
        """The ids of the flows to run when this one finishes."""
        return pulumi.get(self, "run_next_flow_ids")

    @run_next_flow_ids.setter
    def run_next_flow_ids(self, value: pulumi.Input[Sequence[pulumi.Input[str]] | None]) -> None:
        pulumi.set(self, "run_next_flow_ids", value)

    @property
    @pulumi.getter
    def skip_retries(self) -> pulumi.Input[bool | None]:
        """Don't keep retry data for records that fail in this flow: they cannot be retried. Defaults to `false`."""
        return pulumi.get(self, "skip_retries")

    @skip_retries.setter
    def skip_retries(self, value: pulumi.Input[bool | None]) -> None:
        pulumi.set(self, "skip_retries", value)

    @property
    @pulumi.getter
    def auto_resolve_matching_trace_keys(self) -> pulumi.Input[bool | None]:
        """
        Resolve an open error automatically when a later run processes a record with the same trace key.
        Defaults to `true`.
        """
        return pulumi.get(self, "auto_resolve_matching_trace_keys")

    @auto_resolve_matching_trace_keys.setter
    def auto_resolve_matching_trace_keys(self, value: pulumi.Input[bool | None]) -> None:
        pulumi.set(self, "auto_resolve_matching_trace_keys", value)

    @property
    @pulumi.getter
    def settings(self) -> pulumi.Input[Mapping[str, Any] | None]:
        """The flow's custom settings: a free-form JSON object, available to its scripts; passed as given."""
        return pulumi.get(self, "settings")

    @settings.setter
    def settings(self, value: pulumi.Input[Mapping[str, Any] | None]) -> None:
        pulumi.set(self, "settings", value)

    @property
    @pulumi.getter
    def aliases(self) -> pulumi.Input[Sequence[Any] | None]:
        """The flow's aliases, in integrator.io's format; passed as given."""
        return pulumi.get(self, "aliases")

    @aliases.setter
    def aliases(self, value: pulumi.Input[Sequence[Any] | None]) -> None:
        pulumi.set(self, "aliases", value)

    @property
    @pulumi.getter
    def adopt_id(self) -> pulumi.Input[str | None]:
        """
        Take over the existing flow with this id at create instead of creating one: the flow's managed fields
        are set to the program's values. This is how to bring an existing flow under management, since `pulumi
        import` does not work for dynamic resources. Later changes to it have no effect.
        """
        return pulumi.get(self, "adopt_id")

    @adopt_id.setter
    def adopt_id(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "adopt_id", value)

    @property
    @pulumi.getter
    def allow_delete_with_dependents(self) -> pulumi.Input[bool | None]:
        """
        Delete the flow even when other resources depend on it (such as flows that run it next). By default such
        a delete is refused, naming the dependents. Defaults to `false`.
        """
        return pulumi.get(self, "allow_delete_with_dependents")

    @allow_delete_with_dependents.setter
    def allow_delete_with_dependents(self, value: pulumi.Input[bool | None]) -> None:
        pulumi.set(self, "allow_delete_with_dependents", value)


class Flow(pulumi.dynamic.Resource, module="celigo", name="Flow"):
    """
    An integrator.io flow: where its records come from (`page_generators`), the steps they go
    through (`page_processors`, or `routers` with branches of steps) and when it runs.

    The program is authoritative for the flow's arguments; what it cannot express (fields written
    in integrator.io's UI or by other clients) is kept on every update. Credentials come from the
    stack (`pulumi config set --secret celigo:apiToken ...`) or from `CELIGO_API_TOKEN`.

    ## Example Usage

    ```python
    import pulumi
    import pulumi_celigo as celigo

    orders = celigo.Flow("orders",
        integration_id="64f1c2d3e4f5a6b7c8d9e0f1",
        schedule="? 0 2 ? * *",
        timezone="Europe/Berlin",
        page_generators=[{"export_id": "64f1c2d3e4f5a6b7c8d9e0a1"}],
        page_processors=[{
            "type": "import",
            "import_id": "64f1c2d3e4f5a6b7c8d9e0b2",
            "response_mapping": {"fields": [{"extract": "id", "generate": "orderId"}]},
        }])
    pulumi.export("flow_id", orders.id)
    ```

    ## Existing flows

    `pulumi import` does not work for dynamic resources. To manage an existing flow, pass its id
    as `adopt_id`; to only read one, use `Flow.get`.
    """

    @overload
    def __init__(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        *,
        name: pulumi.Input[str | None] = None,
        description: pulumi.Input[str | None] = None,
        disabled: pulumi.Input[bool | None] = None,
        schedule: pulumi.Input[str | None] = None,
        timezone: pulumi.Input[str | None] = None,
        integration_id: pulumi.Input[str | None] = None,
        flow_grouping_id: pulumi.Input[str | None] = None,
        page_generators: pulumi.Input[
            Sequence[pulumi.Input[FlowPageGeneratorArgs | FlowPageGeneratorArgsDict]] | None
        ] = None,
        page_processors: pulumi.Input[
            Sequence[pulumi.Input[FlowPageProcessorArgs | FlowPageProcessorArgsDict]] | None
        ] = None,
        routers: pulumi.Input[Sequence[pulumi.Input[FlowRouterArgs | FlowRouterArgsDict]] | None] = None,
        run_page_generators_in_parallel: pulumi.Input[bool | None] = None,
        run_next_flow_ids: pulumi.Input[Sequence[pulumi.Input[str]] | None] = None,
        skip_retries: pulumi.Input[bool | None] = None,
        auto_resolve_matching_trace_keys: pulumi.Input[bool | None] = None,
        settings: pulumi.Input[Mapping[str, Any] | None] = None,
        aliases: pulumi.Input[Sequence[Any] | None] = None,
        adopt_id: pulumi.Input[str | None] = None,
        allow_delete_with_dependents: pulumi.Input[bool | None] = None,
    ) -> None:
        """
        Create (or, with `adopt_id`, take over) an integrator.io flow.

        :param str resource_name: The name of the resource.
        :param pulumi.ResourceOptions opts: Options for the resource.
        :param pulumi.Input[str] name: The flow's name in integrator.io. Defaults to the resource name.
        :param pulumi.Input[str] description: A description of the flow.
        :param pulumi.Input[bool] disabled: Whether the flow is disabled: a disabled flow neither runs on its
            schedule nor can be started. Defaults to `false`: an enabled flow with a `schedule` runs on it.
        :param pulumi.Input[str] schedule: When the flow runs: a 6-field cron expression whose first field is
            `?`, such as `"? 0 2 ? * *"` (daily at 02:00) or `"? */5 * * * *"`. Omit it for a flow that runs
            only when started.
        :param pulumi.Input[str] timezone: The IANA time zone the `schedule` is read in, such as
            `America/Los_Angeles`.
        :param pulumi.Input[str] integration_id: The id of the integration the flow belongs to; omit it for a
            standalone flow. Changing it once set replaces the flow: integrator.io cannot move a flow out of an
            integration.
        :param pulumi.Input[str] flow_grouping_id: The id of one of the integration's flow groups to show the
            flow in. Needs `integration_id`.
        :param pulumi.Input[Sequence[pulumi.Input[FlowPageGeneratorArgs]]] page_generators: The flow's sources:
            the exports it runs, in order.
        :param pulumi.Input[Sequence[pulumi.Input[FlowPageProcessorArgs]]] page_processors: The flow's
            destination and lookup steps, in order. A flow has either `page_processors` or `routers`.
        :param pulumi.Input[Sequence[pulumi.Input[FlowRouterArgs]]] routers: The flow's routers, which send
            records down branches of steps. A flow has either `page_processors` or `routers`.
        :param pulumi.Input[bool] run_page_generators_in_parallel: Run the page generators at the same time
            instead of one after another. Defaults to `false`.
        :param pulumi.Input[Sequence[pulumi.Input[str]]] run_next_flow_ids: The ids of the flows to run when
            this one finishes.
        :param pulumi.Input[bool] skip_retries: Don't keep retry data for records that fail in this flow: they
            cannot be retried. Defaults to `false`.
        :param pulumi.Input[bool] auto_resolve_matching_trace_keys: Resolve an open error automatically when a
            later run processes a record with the same trace key. Defaults to `true`.
        :param pulumi.Input[Mapping[str, Any]] settings: The flow's custom settings: a free-form JSON object,
            available to its scripts; passed as given.
        :param pulumi.Input[Sequence[Any]] aliases: The flow's aliases, in integrator.io's format; passed as
            given.
        :param pulumi.Input[str] adopt_id: Take over the existing flow with this id at create instead of
            creating one: the flow's managed fields are set to the program's values. This is how to bring an
            existing flow under management, since `pulumi import` does not work for dynamic resources. Later
            changes to it have no effect.
        :param pulumi.Input[bool] allow_delete_with_dependents: Delete the flow even when other resources depend
            on it (such as flows that run it next). By default such a delete is refused, naming the dependents.
            Defaults to `false`.
        """
        ...

    @overload
    def __init__(self, resource_name: str, args: FlowArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        """
        Create (or, with `adopt_id`, take over) an integrator.io flow.

        :param str resource_name: The name of the resource.
        :param FlowArgs args: The arguments to use to populate this resource's properties.
        :param pulumi.ResourceOptions opts: Options for the resource.
        """
        ...

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        resource_args, opts = _utilities.get_resource_args_opts(FlowArgs, resource_name, *args, **kwargs)
        if resource_args is not None:
            self._internal_init(resource_name, opts, **vars(resource_args))
        else:
            self._internal_init(resource_name, *args, **kwargs)

    def _internal_init(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        *,
        name: pulumi.Input[str | None] = None,
        description: pulumi.Input[str | None] = None,
        disabled: pulumi.Input[bool | None] = None,
        schedule: pulumi.Input[str | None] = None,
        timezone: pulumi.Input[str | None] = None,
        integration_id: pulumi.Input[str | None] = None,
        flow_grouping_id: pulumi.Input[str | None] = None,
        page_generators: pulumi.Input[
            Sequence[pulumi.Input[FlowPageGeneratorArgs | FlowPageGeneratorArgsDict]] | None
        ] = None,
        page_processors: pulumi.Input[
            Sequence[pulumi.Input[FlowPageProcessorArgs | FlowPageProcessorArgsDict]] | None
        ] = None,
        routers: pulumi.Input[Sequence[pulumi.Input[FlowRouterArgs | FlowRouterArgsDict]] | None] = None,
        run_page_generators_in_parallel: pulumi.Input[bool | None] = None,
        run_next_flow_ids: pulumi.Input[Sequence[pulumi.Input[str]] | None] = None,
        skip_retries: pulumi.Input[bool | None] = None,
        auto_resolve_matching_trace_keys: pulumi.Input[bool | None] = None,
        settings: pulumi.Input[Mapping[str, Any] | None] = None,
        aliases: pulumi.Input[Sequence[Any] | None] = None,
        adopt_id: pulumi.Input[str | None] = None,
        allow_delete_with_dependents: pulumi.Input[bool | None] = None,
    ) -> None:
        opts = opts if opts is not None else pulumi.ResourceOptions()
        if not isinstance(opts, pulumi.ResourceOptions):
            raise TypeError("Expected resource options to be a ResourceOptions instance")
        if opts.import_ is not None:
            raise TypeError(
                f"Flow {resource_name!r}: the import_ option does not work for dynamic resources "
                "(pulumi/pulumi#16175). To manage an existing flow, pass adopt_id=<its id> instead."
            )
        inputs: dict[str, Any] = {
            "name": name,
            "description": description,
            "disabled": disabled,
            "schedule": schedule,
            "timezone": timezone,
            "integration_id": integration_id,
            "flow_grouping_id": flow_grouping_id,
            "page_generators": page_generators,
            "page_processors": page_processors,
            "routers": routers,
            "run_page_generators_in_parallel": run_page_generators_in_parallel,
            "run_next_flow_ids": run_next_flow_ids,
            "skip_retries": skip_retries,
            "auto_resolve_matching_trace_keys": auto_resolve_matching_trace_keys,
            "settings": settings,
            "aliases": aliases,
            "adopt_id": adopt_id,
            "allow_delete_with_dependents": allow_delete_with_dependents,
        }
        # Every property, even unset, gets a key: Pulumi creates an Output for each key.
        props: dict[str, Any] = dict.fromkeys((*inputs, *_OUTPUT_ONLY))
        if opts.id is None:
            props.update(_utilities.to_props(inputs, _SHAPE))
            if props["name"] is None:
                props["name"] = resource_name
            # What the URN says (the dynamic server does not pass it to create): makes a create that
            # was interrupted and run again find the flow it made (providers.flow.create_token).
            parent = opts.parent.urn if opts.parent is not None else ""
            props["__identity"] = pulumi.Output.concat(
                pulumi.get_project(), "/", pulumi.get_stack(), "/", parent, "/celigo:Flow/", resource_name
            )
        elif any(value is not None for value in inputs.values()):
            raise TypeError(
                f"Flow {resource_name!r}: opts.id reads an existing flow, so it takes no flow arguments. "
                "To read a flow, use Flow.get(name, id); to manage an existing flow, pass adopt_id=<its id> instead."
            )
        super().__init__(FlowProvider(), resource_name, props, opts)

    @staticmethod
    def get(resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None) -> Flow:
        """
        Read an existing flow without managing it: `pulumi destroy` leaves it alone. The flow must exist.

        :param str resource_name: The unique name of the resulting resource.
        :param pulumi.Input[str] id: The id of the flow to read: 24 lowercase hexadecimal digits, as in the flow's
            URL in integrator.io's Flow builder.
        :param pulumi.ResourceOptions opts: Options for the resource.
        """
        _utilities.check_id(f"Flow.get({resource_name!r})", "id", id)
        opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        return Flow(resource_name, opts=opts)

    @property
    @pulumi.getter
    def name(self) -> pulumi.Output[str]:
        """The flow's name in integrator.io. Defaults to the resource name."""
        return pulumi.get(self, "name")

    @property
    @pulumi.getter
    def description(self) -> pulumi.Output[str | None]:
        """A description of the flow."""
        return pulumi.get(self, "description")

    @property
    @pulumi.getter
    def disabled(self) -> pulumi.Output[bool]:
        """
        Whether the flow is disabled: a disabled flow neither runs on its schedule nor can be started. Defaults
        to `false`: an enabled flow with a `schedule` runs on it.
        """
        return pulumi.get(self, "disabled")

    @property
    @pulumi.getter
    def schedule(self) -> pulumi.Output[str | None]:
        """
        When the flow runs: a 6-field cron expression whose first field is `?`, such as `"? 0 2 ? * *"` (daily
        at 02:00) or `"? */5 * * * *"`. Omit it for a flow that runs only when started.
        """
        return pulumi.get(self, "schedule")

    @property
    @pulumi.getter
    def timezone(self) -> pulumi.Output[str | None]:
        """The IANA time zone the `schedule` is read in, such as `America/Los_Angeles`."""
        return pulumi.get(self, "timezone")

    @property
    @pulumi.getter
    def integration_id(self) -> pulumi.Output[str | None]:
        """
        The id of the integration the flow belongs to; omit it for a standalone flow. Changing it once set
        replaces the flow: integrator.io cannot move a flow out of an integration.
        """
        return pulumi.get(self, "integration_id")

    @property
    @pulumi.getter
    def flow_grouping_id(self) -> pulumi.Output[str | None]:
        """The id of one of the integration's flow groups to show the flow in. Needs `integration_id`."""
        return pulumi.get(self, "flow_grouping_id")

    @property
    @pulumi.getter
    def page_generators(self) -> pulumi.Output[Sequence[outputs.FlowPageGenerator] | None]:
        """The flow's sources: the exports it runs, in order."""
        return pulumi.get(self, "page_generators")

    @property
    @pulumi.getter
    def page_processors(self) -> pulumi.Output[Sequence[outputs.FlowPageProcessor] | None]:
        """The flow's destination and lookup steps, in order. A flow has either `page_processors` or `routers`."""
        return pulumi.get(self, "page_processors")

    @property
    @pulumi.getter
    def routers(self) -> pulumi.Output[Sequence[outputs.FlowRouter] | None]:
        """
        The flow's routers, which send records down branches of steps. A flow has either `page_processors` or
        `routers`.
        """
        return pulumi.get(self, "routers")

    @property
    @pulumi.getter
    def run_page_generators_in_parallel(self) -> pulumi.Output[bool | None]:
        """Run the page generators at the same time instead of one after another. Defaults to `false`."""
        return pulumi.get(self, "run_page_generators_in_parallel")

    @property
    @pulumi.getter
    def run_next_flow_ids(self) -> pulumi.Output[Sequence[str] | None]:
        """The ids of the flows to run when this one finishes."""
        return pulumi.get(self, "run_next_flow_ids")

    @property
    @pulumi.getter
    def skip_retries(self) -> pulumi.Output[bool | None]:
        """Don't keep retry data for records that fail in this flow: they cannot be retried. Defaults to `false`."""
        return pulumi.get(self, "skip_retries")

    @property
    @pulumi.getter
    def auto_resolve_matching_trace_keys(self) -> pulumi.Output[bool | None]:
        """
        Resolve an open error automatically when a later run processes a record with the same trace key.
        Defaults to `true`.
        """
        return pulumi.get(self, "auto_resolve_matching_trace_keys")

    @property
    @pulumi.getter
    def settings(self) -> pulumi.Output[Mapping[str, Any] | None]:
        """The flow's custom settings: a free-form JSON object, available to its scripts; passed as given."""
        return pulumi.get(self, "settings")

    @property
    @pulumi.getter
    def aliases(self) -> pulumi.Output[Sequence[Any] | None]:
        """The flow's aliases, in integrator.io's format; passed as given."""
        return pulumi.get(self, "aliases")

    @property
    @pulumi.getter
    def adopt_id(self) -> pulumi.Output[str | None]:
        """
        Take over the existing flow with this id at create instead of creating one: the flow's managed fields
        are set to the program's values. This is how to bring an existing flow under management, since `pulumi
        import` does not work for dynamic resources. Later changes to it have no effect.
        """
        return pulumi.get(self, "adopt_id")

    @property
    @pulumi.getter
    def allow_delete_with_dependents(self) -> pulumi.Output[bool | None]:
        """
        Delete the flow even when other resources depend on it (such as flows that run it next). By default such
        a delete is refused, naming the dependents. Defaults to `false`.
        """
        return pulumi.get(self, "allow_delete_with_dependents")

    @property
    @pulumi.getter
    def logging(self) -> pulumi.Output[outputs.FlowLogging]:
        """The flow's debug logging, set by integrator.io."""
        return pulumi.get(self, "logging")

    @property
    @pulumi.getter
    def free(self) -> pulumi.Output[bool | None]:
        """Whether integrator.io counts the flow as a free flow."""
        return pulumi.get(self, "free")

    @property
    @pulumi.getter
    def template_id(self) -> pulumi.Output[str | None]:
        """The id of the template the flow was installed from, if any."""
        return pulumi.get(self, "template_id")

    @property
    @pulumi.getter
    def source_id(self) -> pulumi.Output[str | None]:
        """The id of the flow this one was cloned from, if any."""
        return pulumi.get(self, "source_id")

    @property
    @pulumi.getter
    def connector_id(self) -> pulumi.Output[str | None]:
        """The id of the integration app the flow belongs to, if any."""
        return pulumi.get(self, "connector_id")

    @property
    @pulumi.getter
    def export_id(self) -> pulumi.Output[str | None]:
        """Legacy single-step flows only: the export the flow runs. Set by integrator.io."""
        return pulumi.get(self, "export_id")

    @property
    @pulumi.getter
    def import_id(self) -> pulumi.Output[str | None]:
        """Legacy single-step flows only: the import the flow runs. Set by integrator.io."""
        return pulumi.get(self, "import_id")

    @property
    @pulumi.getter
    def created_at(self) -> pulumi.Output[str]:
        """When the flow was created (ISO-8601)."""
        return pulumi.get(self, "created_at")

    @property
    @pulumi.getter
    def last_modified(self) -> pulumi.Output[str]:
        """When the flow was last changed (ISO-8601)."""
        return pulumi.get(self, "last_modified")

    @property
    @pulumi.getter
    def last_executed_at(self) -> pulumi.Output[str | None]:
        """When the flow last ran (ISO-8601), if it ever did."""
        return pulumi.get(self, "last_executed_at")

    @property
    @pulumi.getter
    def resolved_at(self) -> pulumi.Output[str | None]:
        """When the flow's errors were last resolved (ISO-8601), if ever."""
        return pulumi.get(self, "resolved_at")
