"""The `FlowConnectionReplacement` resource: a flow's steps moved to another connection."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, overload

import pulumi
import pulumi.dynamic

from . import _utilities
from .providers.flow_connection_replacement import FlowConnectionReplacementProvider

__all__ = ["FlowConnectionReplacement", "FlowConnectionReplacementArgs"]

#: Properties the provider computes: declared so that an Output exists for each.
_OUTPUT_ONLY: tuple[str, ...] = (
    "in_effect",
    "steps_on_new_connection",
    "steps_on_old_connection",
    "replaced_export_ids",
    "replaced_import_ids",
)


@pulumi.input_type
class FlowConnectionReplacementArgs:
    def __init__(
        self,
        *,
        flow_id: pulumi.Input[str],
        connection_id: pulumi.Input[str],
        new_connection_id: pulumi.Input[str],
        restore_on_delete: pulumi.Input[bool | None] = None,
    ) -> None:
        """
        The arguments of a `FlowConnectionReplacement`.

        :param pulumi.Input[str] flow_id: The id of the flow whose steps change connection. Changing it replaces
            the resource.
        :param pulumi.Input[str] connection_id: The id of the connection the flow's steps use now; the flow must
            use it. Changing it replaces the resource.
        :param pulumi.Input[str] new_connection_id: The id of the connection those steps should use instead.
            Changing it replaces the resource.
        :param pulumi.Input[bool] restore_on_delete: Whether deleting the resource moves the steps back to
            `connection_id`. Defaults to `true`; with `false` they keep the new connection.
        """
        pulumi.set(self, "flow_id", flow_id)
        pulumi.set(self, "connection_id", connection_id)
        pulumi.set(self, "new_connection_id", new_connection_id)
        if restore_on_delete is not None:
            pulumi.set(self, "restore_on_delete", restore_on_delete)

    @property
    @pulumi.getter
    def flow_id(self) -> pulumi.Input[str]:
        """The id of the flow whose steps change connection. Changing it replaces the resource."""
        return pulumi.get(self, "flow_id")

    @flow_id.setter
    def flow_id(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "flow_id", value)

    @property
    @pulumi.getter
    def connection_id(self) -> pulumi.Input[str]:
        """
        The id of the connection the flow's steps use now; the flow must use it. Changing it replaces the
        resource.
        """
        return pulumi.get(self, "connection_id")

    @connection_id.setter
    def connection_id(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "connection_id", value)

    @property
    @pulumi.getter
    def new_connection_id(self) -> pulumi.Input[str]:
        """The id of the connection those steps should use instead. Changing it replaces the resource."""
        return pulumi.get(self, "new_connection_id")

    @new_connection_id.setter
    def new_connection_id(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "new_connection_id", value)

    @property
    @pulumi.getter
    def restore_on_delete(self) -> pulumi.Input[bool | None]:
        """
        Whether deleting the resource moves the steps back to `connection_id`. Defaults to `true`; with `false`
        they keep the new connection.
        """
        return pulumi.get(self, "restore_on_delete")

    @restore_on_delete.setter
    def restore_on_delete(self, value: pulumi.Input[bool | None]) -> None:
        pulumi.set(self, "restore_on_delete", value)


class FlowConnectionReplacement(pulumi.dynamic.Resource, module="celigo", name="FlowConnectionReplacement"):
    """
    Moves every export and import of a flow that uses `connection_id` to `new_connection_id`
    (integrator.io's `replaceConnection`), and keeps it so: if someone moves a step back, the
    resource reads as changed and the next `pulumi up` replaces the connection again. Deleting the
    resource moves the steps back, unless `restore_on_delete=False`.

    The create checks, before any write, that both connections exist and that the flow uses
    `connection_id`.

    ## Example Usage

    ```python
    import pulumi_celigo as celigo

    swap = celigo.FlowConnectionReplacement("slack-to-prod",
        flow_id=flow.id,
        connection_id="65a1c0de0003000000000002",
        new_connection_id="65a1c0de0003000000000005")
    ```
    """

    @overload
    def __init__(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        *,
        flow_id: pulumi.Input[str] | None = None,
        connection_id: pulumi.Input[str] | None = None,
        new_connection_id: pulumi.Input[str] | None = None,
        restore_on_delete: pulumi.Input[bool | None] = None,
    ) -> None:
        """
        Replace a connection in a flow's steps.

        :param str resource_name: The name of the resource.
        :param pulumi.ResourceOptions opts: Options for the resource.
        :param pulumi.Input[str] flow_id: The id of the flow whose steps change connection.
        :param pulumi.Input[str] connection_id: The id of the connection the flow's steps use now.
        :param pulumi.Input[str] new_connection_id: The id of the connection they should use instead.
        :param pulumi.Input[bool] restore_on_delete: Move the steps back on delete. Defaults to `true`.
        """
        ...

    @overload
    def __init__(
        self, resource_name: str, args: FlowConnectionReplacementArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        """
        Replace a connection in a flow's steps.

        :param str resource_name: The name of the resource.
        :param FlowConnectionReplacementArgs args: The arguments to use to populate this resource's properties.
        :param pulumi.ResourceOptions opts: Options for the resource.
        """
        ...

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        resource_args, opts = _utilities.get_resource_args_opts(
            FlowConnectionReplacementArgs, resource_name, *args, **kwargs
        )
        if resource_args is not None:
            self._internal_init(resource_name, opts, **vars(resource_args))
        else:
            self._internal_init(resource_name, *args, **kwargs)

    def _internal_init(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        *,
        flow_id: pulumi.Input[str] | None = None,
        connection_id: pulumi.Input[str] | None = None,
        new_connection_id: pulumi.Input[str] | None = None,
        restore_on_delete: pulumi.Input[bool | None] = None,
    ) -> None:
        opts = opts if opts is not None else pulumi.ResourceOptions()
        if not isinstance(opts, pulumi.ResourceOptions):
            raise TypeError("Expected resource options to be a ResourceOptions instance")
        if opts.import_ is not None:
            raise TypeError(
                f"FlowConnectionReplacement {resource_name!r}: the import_ option does not work for dynamic "
                "resources (pulumi/pulumi#16175)."
            )
        inputs: dict[str, Any] = {
            "flow_id": flow_id,
            "connection_id": connection_id,
            "new_connection_id": new_connection_id,
            "restore_on_delete": restore_on_delete,
        }
        props: dict[str, Any] = dict.fromkeys((*inputs, *_OUTPUT_ONLY))
        if opts.id is None:
            for required in ("flow_id", "connection_id", "new_connection_id"):
                if inputs[required] is None:
                    raise TypeError(f"Missing required property '{required}'")
            props.update(_utilities.to_props(inputs, {}))
        elif any(value is not None for value in inputs.values()):
            raise TypeError(
                f"FlowConnectionReplacement {resource_name!r}: opts.id reads existing state, so it takes no "
                "arguments. Use FlowConnectionReplacement.get(name, id)."
            )
        super().__init__(FlowConnectionReplacementProvider(), resource_name, props, opts)

    @staticmethod
    def get(
        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None
    ) -> FlowConnectionReplacement:
        """
        Read a replacement without managing it (the id is `<flow id>:<connection id>:<new connection id>`).

        :param str resource_name: The unique name of the resulting resource.
        :param pulumi.Input[str] id: The id of the replacement: three ids of 24 lowercase hexadecimal digits joined
            by ':'.
        :param pulumi.ResourceOptions opts: Options for the resource.
        """
        _utilities.check_id(f"FlowConnectionReplacement.get({resource_name!r})", "id", id, parts=3)
        opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        return FlowConnectionReplacement(resource_name, opts=opts)

    @property
    @pulumi.getter
    def flow_id(self) -> pulumi.Output[str]:
        """The id of the flow whose steps changed connection."""
        return pulumi.get(self, "flow_id")

    @property
    @pulumi.getter
    def connection_id(self) -> pulumi.Output[str]:
        """The id of the connection the steps used."""
        return pulumi.get(self, "connection_id")

    @property
    @pulumi.getter
    def new_connection_id(self) -> pulumi.Output[str]:
        """The id of the connection the steps use instead."""
        return pulumi.get(self, "new_connection_id")

    @property
    @pulumi.getter
    def restore_on_delete(self) -> pulumi.Output[bool]:
        """Whether deleting the resource moves the steps back to `connection_id`."""
        return pulumi.get(self, "restore_on_delete")

    @property
    @pulumi.getter
    def in_effect(self) -> pulumi.Output[bool]:
        """Whether no step of the flow uses `connection_id` any more (false after a swap back out of band)."""
        return pulumi.get(self, "in_effect")

    @property
    @pulumi.getter
    def steps_on_new_connection(self) -> pulumi.Output[Sequence[str]]:
        """The ids of the flow's exports and imports that use `new_connection_id`, as last read."""
        return pulumi.get(self, "steps_on_new_connection")

    @property
    @pulumi.getter
    def steps_on_old_connection(self) -> pulumi.Output[Sequence[str]]:
        """The ids of the flow's exports and imports that still use `connection_id`, as last read."""
        return pulumi.get(self, "steps_on_old_connection")

    @property
    @pulumi.getter
    def replaced_export_ids(self) -> pulumi.Output[Sequence[str]]:
        """The ids of the exports the replacement moved (those a delete moves back)."""
        return pulumi.get(self, "replaced_export_ids")

    @property
    @pulumi.getter
    def replaced_import_ids(self) -> pulumi.Output[Sequence[str]]:
        """The ids of the imports the replacement moved (those a delete moves back)."""
        return pulumi.get(self, "replaced_import_ids")
