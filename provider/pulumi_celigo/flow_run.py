"""The `FlowRun` resource: run an integrator.io flow as a step of a deployment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, overload

import pulumi
import pulumi.dynamic

from . import _utilities
from .providers.flow_run import FlowRunProvider

__all__ = ["FlowRun", "FlowRunArgs"]

#: Properties only the run sets: declared so that an Output exists for each.
_OUTPUT_ONLY: tuple[str, ...] = (
    "job_id",
    "status",
    "num_success",
    "num_error",
    "num_ignore",
    "started_at",
    "ended_at",
)


@pulumi.input_type
class FlowRunArgs:
    def __init__(
        self,
        *,
        flow_id: pulumi.Input[str],
        triggers: pulumi.Input[Sequence[Any] | None] = None,
        export_ids: pulumi.Input[Sequence[pulumi.Input[str]] | None] = None,
        start_date: pulumi.Input[str | None] = None,
        end_date: pulumi.Input[str | None] = None,
        wait: pulumi.Input[bool | None] = None,
        timeout: pulumi.Input[float | None] = None,
    ) -> None:
        """
        The arguments of a `FlowRun`.

        :param pulumi.Input[str] flow_id: The id of the flow to run. The flow must be enabled.
        :param pulumi.Input[Sequence[Any]] triggers: Any values: when one of them changes, the flow runs
            again (the FlowRun is replaced). For example `[flow.id, "v1"]` runs a flow once after it is
            created (or replaced) and again whenever "v1" is bumped. Avoid `flow.last_modified`: after an
            update by PATCH it changes only at the next refresh.
        :param pulumi.Input[Sequence[pulumi.Input[str]]] export_ids: Run only these page generators (ids of
            exports the flow's page generators run). By default every page generator runs.
        :param pulumi.Input[str] start_date: Start of the delta window (ISO-8601, such as
            `2024-01-31T00:00:00.000Z`): delta exports fetch what changed from then on.
        :param pulumi.Input[str] end_date: End of the delta window (ISO-8601); not before `start_date`.
        :param pulumi.Input[bool] wait: Wait for the run to finish, failing the deployment if it fails.
            Defaults to `true`. With `false` the deployment goes on once the run is started.
        :param pulumi.Input[float] timeout: How many seconds to wait for the run to finish (with `wait`).
            Defaults to 600.
        """
        pulumi.set(self, "flow_id", flow_id)
        if triggers is not None:
            pulumi.set(self, "triggers", triggers)
        if export_ids is not None:
            pulumi.set(self, "export_ids", export_ids)
        if start_date is not None:
            pulumi.set(self, "start_date", start_date)
        if end_date is not None:
            pulumi.set(self, "end_date", end_date)
        if wait is not None:
            pulumi.set(self, "wait", wait)
        if timeout is not None:
            pulumi.set(self, "timeout", timeout)

    @property
    @pulumi.getter
    def flow_id(self) -> pulumi.Input[str]:
        """The id of the flow to run. The flow must be enabled."""
        return pulumi.get(self, "flow_id")

    @flow_id.setter
    def flow_id(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "flow_id", value)

    @property
    @pulumi.getter
    def triggers(self) -> pulumi.Input[Sequence[Any] | None]:
        """Any values: when one of them changes, the flow runs again (the FlowRun is replaced)."""
        return pulumi.get(self, "triggers")

    @triggers.setter
    def triggers(self, value: pulumi.Input[Sequence[Any] | None]) -> None:
        pulumi.set(self, "triggers", value)

    @property
    @pulumi.getter
    def export_ids(self) -> pulumi.Input[Sequence[pulumi.Input[str]] | None]:
        """Run only these page generators (export ids). By default every page generator runs."""
        return pulumi.get(self, "export_ids")

    @export_ids.setter
    def export_ids(self, value: pulumi.Input[Sequence[pulumi.Input[str]] | None]) -> None:
        pulumi.set(self, "export_ids", value)

    @property
    @pulumi.getter
    def start_date(self) -> pulumi.Input[str | None]:
        """Start of the delta window (ISO-8601)."""
        return pulumi.get(self, "start_date")

    @start_date.setter
    def start_date(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "start_date", value)

    @property
    @pulumi.getter
    def end_date(self) -> pulumi.Input[str | None]:
        """End of the delta window (ISO-8601); not before `start_date`."""
        return pulumi.get(self, "end_date")

    @end_date.setter
    def end_date(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "end_date", value)

    @property
    @pulumi.getter
    def wait(self) -> pulumi.Input[bool | None]:
        """Wait for the run to finish, failing the deployment if it fails. Defaults to `true`."""
        return pulumi.get(self, "wait")

    @wait.setter
    def wait(self, value: pulumi.Input[bool | None]) -> None:
        pulumi.set(self, "wait", value)

    @property
    @pulumi.getter
    def timeout(self) -> pulumi.Input[float | None]:
        """How many seconds to wait for the run to finish (with `wait`). Defaults to 600."""
        return pulumi.get(self, "timeout")

    @timeout.setter
    def timeout(self, value: pulumi.Input[float | None]) -> None:
        pulumi.set(self, "timeout", value)


class FlowRun(pulumi.dynamic.Resource, module="celigo", name="FlowRun"):
    """
    A run of an integrator.io flow, started when the resource is created: during `pulumi up`, after
    the resources it depends on.

    Like pulumi-command's `Command`, changing any of `flow_id`, `triggers`, `export_ids`,
    `start_date` or `end_date` replaces the resource, which runs the flow again; nothing else does.
    With `wait` (the default) the deployment waits for the job and fails with the job's errors when
    it fails. Destroying a FlowRun changes nothing in integrator.io: a run cannot be undone.

    ## Example Usage

    ```python
    import pulumi_celigo as celigo

    backfill = celigo.FlowRun("orders-backfill",
        flow_id=orders.id,
        start_date="2024-01-01T00:00:00.000Z",
        triggers=[orders.id, "v1"])             # run once per flow; bump "v1" to run again
    pulumi.export("backfillRecords", backfill.num_success)
    ```
    """

    @overload
    def __init__(
        self,
        resource_name: str,
        opts: pulumi.ResourceOptions | None = None,
        *,
        flow_id: pulumi.Input[str] | None = None,
        triggers: pulumi.Input[Sequence[Any] | None] = None,
        export_ids: pulumi.Input[Sequence[pulumi.Input[str]] | None] = None,
        start_date: pulumi.Input[str | None] = None,
        end_date: pulumi.Input[str | None] = None,
        wait: pulumi.Input[bool | None] = None,
        timeout: pulumi.Input[float | None] = None,
    ) -> None:
        """
        Run an integrator.io flow during the deployment.

        :param str resource_name: The name of the resource.
        :param pulumi.ResourceOptions opts: Options for the resource.
        :param pulumi.Input[str] flow_id: The id of the flow to run. The flow must be enabled.
        :param pulumi.Input[Sequence[Any]] triggers: Any values: when one of them changes, the flow runs
            again (the FlowRun is replaced).
        :param pulumi.Input[Sequence[pulumi.Input[str]]] export_ids: Run only these page generators (export
            ids). By default every page generator runs.
        :param pulumi.Input[str] start_date: Start of the delta window (ISO-8601).
        :param pulumi.Input[str] end_date: End of the delta window (ISO-8601); not before `start_date`.
        :param pulumi.Input[bool] wait: Wait for the run to finish, failing the deployment if it fails.
            Defaults to `true`.
        :param pulumi.Input[float] timeout: How many seconds to wait for the run to finish. Defaults to 600.
        """
        ...

    @overload
    def __init__(self, resource_name: str, args: FlowRunArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        """
        Run an integrator.io flow during the deployment.

        :param str resource_name: The name of the resource.
        :param FlowRunArgs args: The arguments to use to populate this resource's properties.
        :param pulumi.ResourceOptions opts: Options for the resource.
        """
        ...

    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:
        resource_args, opts = _utilities.get_resource_args_opts(FlowRunArgs, resource_name, *args, **kwargs)
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
        triggers: pulumi.Input[Sequence[Any] | None] = None,
        export_ids: pulumi.Input[Sequence[pulumi.Input[str]] | None] = None,
        start_date: pulumi.Input[str | None] = None,
        end_date: pulumi.Input[str | None] = None,
        wait: pulumi.Input[bool | None] = None,
        timeout: pulumi.Input[float | None] = None,
    ) -> None:
        opts = opts if opts is not None else pulumi.ResourceOptions()
        if not isinstance(opts, pulumi.ResourceOptions):
            raise TypeError("Expected resource options to be a ResourceOptions instance")
        if opts.import_ is not None:
            raise TypeError(
                f"FlowRun {resource_name!r}: the import_ option does not work for dynamic resources "
                "(pulumi/pulumi#16175). To read an existing job, use FlowRun.get(name, job_id)."
            )
        inputs: dict[str, Any] = {
            "flow_id": flow_id,
            "triggers": triggers,
            "export_ids": export_ids,
            "start_date": start_date,
            "end_date": end_date,
            "wait": wait,
            "timeout": timeout,
        }
        # Every property, even unset, gets a key: Pulumi creates an Output for each key.
        props: dict[str, Any] = dict.fromkeys((*inputs, *_OUTPUT_ONLY))
        if opts.id is None:
            if flow_id is None:
                raise TypeError("Missing required property 'flow_id'")
            props.update({k: v for k, v in inputs.items() if v is not None})
        elif any(value is not None for value in inputs.values()):
            raise TypeError(
                f"FlowRun {resource_name!r}: opts.id reads an existing job, so it takes no run arguments. "
                "Use FlowRun.get(name, job_id)."
            )
        super().__init__(FlowRunProvider(), resource_name, props, opts)

    @staticmethod
    def get(resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None) -> FlowRun:
        """
        Read an existing job (a run of a flow) by its id, without running anything.

        :param str resource_name: The unique name of the resulting resource.
        :param pulumi.Input[str] id: The id of the job (24 lowercase hexadecimal digits).
        :param pulumi.ResourceOptions opts: Options for the resource.
        """
        _utilities.check_id(f"FlowRun.get({resource_name!r})", "id", id)
        opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))
        return FlowRun(resource_name, opts=opts)

    @property
    @pulumi.getter
    def flow_id(self) -> pulumi.Output[str]:
        """The id of the flow that ran."""
        return pulumi.get(self, "flow_id")

    @property
    @pulumi.getter
    def triggers(self) -> pulumi.Output[Sequence[Any] | None]:
        """The values whose change runs the flow again."""
        return pulumi.get(self, "triggers")

    @property
    @pulumi.getter
    def export_ids(self) -> pulumi.Output[Sequence[str] | None]:
        """The page generators (export ids) that ran; absent when all of them did."""
        return pulumi.get(self, "export_ids")

    @property
    @pulumi.getter
    def start_date(self) -> pulumi.Output[str | None]:
        """Start of the delta window, if one was given."""
        return pulumi.get(self, "start_date")

    @property
    @pulumi.getter
    def end_date(self) -> pulumi.Output[str | None]:
        """End of the delta window, if one was given."""
        return pulumi.get(self, "end_date")

    @property
    @pulumi.getter
    def wait(self) -> pulumi.Output[bool | None]:
        """Whether the deployment waited for the run to finish."""
        return pulumi.get(self, "wait")

    @property
    @pulumi.getter
    def timeout(self) -> pulumi.Output[float | None]:
        """How many seconds the deployment waits for the run to finish."""
        return pulumi.get(self, "timeout")

    @property
    @pulumi.getter
    def job_id(self) -> pulumi.Output[str]:
        """The id of the integrator.io job of this run (also the resource's id)."""
        return pulumi.get(self, "job_id")

    @property
    @pulumi.getter
    def status(self) -> pulumi.Output[str]:
        """
        The job's status: `completed` once a waited-for run succeeded; `queued` when not waiting (a refresh
        reads the current one: `queued`, `running`, `completed`, `failed` or `canceled`).
        """
        return pulumi.get(self, "status")

    @property
    @pulumi.getter
    def num_success(self) -> pulumi.Output[int | None]:
        """How many records the run processed successfully."""
        return pulumi.get(self, "num_success")

    @property
    @pulumi.getter
    def num_error(self) -> pulumi.Output[int | None]:
        """How many records failed."""
        return pulumi.get(self, "num_error")

    @property
    @pulumi.getter
    def num_ignore(self) -> pulumi.Output[int | None]:
        """How many records were ignored."""
        return pulumi.get(self, "num_ignore")

    @property
    @pulumi.getter
    def started_at(self) -> pulumi.Output[str | None]:
        """When the job started (ISO-8601)."""
        return pulumi.get(self, "started_at")

    @property
    @pulumi.getter
    def ended_at(self) -> pulumi.Output[str | None]:
        """When the job ended (ISO-8601)."""
        return pulumi.get(self, "ended_at")
