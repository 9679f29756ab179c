"""The `get_flow` function: read one integrator.io flow by its id."""

from __future__ import annotations

from collections.abc import Generator, Mapping, Sequence
from typing import Any

import pulumi

from . import _functions, outputs
from .models import Flow
from .providers.flow import MARKER_KEY

__all__ = ["AwaitableGetFlowResult", "GetFlowResult", "get_flow", "get_flow_output"]


@pulumi.output_type
class GetFlowResult:
    """A collection of values returned by get_flow: the flow's fields, in the program's snake_case names."""

    def __init__(
        self,
        *,
        id: str | None = None,
        name: str | None = None,
        description: str | None = None,
        disabled: bool | None = None,
        schedule: str | None = None,
        timezone: str | None = None,
        integration_id: str | None = None,
        flow_grouping_id: str | None = None,
        page_generators: Sequence[outputs.FlowPageGenerator] | None = None,
        page_processors: Sequence[outputs.FlowPageProcessor] | None = None,
        routers: Sequence[outputs.FlowRouter] | None = None,
        run_page_generators_in_parallel: bool | None = None,
        run_next_flow_ids: Sequence[str] | None = None,
        skip_retries: bool | None = None,
        auto_resolve_matching_trace_keys: bool | None = None,
        settings: Mapping[str, Any] | None = None,
        aliases: Sequence[Any] | None = None,
        logging: outputs.FlowLogging | None = None,
        free: bool | None = None,
        template_id: str | None = None,
        source_id: str | None = None,
        connector_id: str | None = None,
        export_id: str | None = None,
        import_id: str | None = None,
        created_at: str | None = None,
        last_modified: str | None = None,
        last_executed_at: str | None = None,
        resolved_at: str | None = None,
    ) -> None:
        pulumi.set(self, "id", id)
        pulumi.set(self, "name", name)
        pulumi.set(self, "description", description)
        pulumi.set(self, "disabled", disabled)
        pulumi.set(self, "schedule", schedule)
        pulumi.set(self, "timezone", timezone)
        pulumi.set(self, "integration_id", integration_id)
        pulumi.set(self, "flow_grouping_id", flow_grouping_id)
        pulumi.set(self, "page_generators", page_generators)
        pulumi.set(self, "page_processors", page_processors)
        pulumi.set(self, "routers", routers)
        pulumi.set(self, "run_page_generators_in_parallel", run_page_generators_in_parallel)
        pulumi.set(self, "run_next_flow_ids", run_next_flow_ids)
        pulumi.set(self, "skip_retries", skip_retries)
        pulumi.set(self, "auto_resolve_matching_trace_keys", auto_resolve_matching_trace_keys)
        pulumi.set(self, "settings", settings)
        pulumi.set(self, "aliases", aliases)
        pulumi.set(self, "logging", logging)
        pulumi.set(self, "free", free)
        pulumi.set(self, "template_id", template_id)
        pulumi.set(self, "source_id", source_id)
        pulumi.set(self, "connector_id", connector_id)
        pulumi.set(self, "export_id", export_id)
        pulumi.set(self, "import_id", import_id)
        pulumi.set(self, "created_at", created_at)
        pulumi.set(self, "last_modified", last_modified)
        pulumi.set(self, "last_executed_at", last_executed_at)
        pulumi.set(self, "resolved_at", resolved_at)

    @property
    @pulumi.getter
    def id(self) -> str:
        """The flow's id."""
        return pulumi.get(self, "id")

    @property
    @pulumi.getter
    def name(self) -> str:
        """The flow's name."""
        return pulumi.get(self, "name")

    @property
    @pulumi.getter
    def description(self) -> str | None:
        """The flow's description."""
        return pulumi.get(self, "description")

    @property
    @pulumi.getter
    def disabled(self) -> bool:
        """Whether the flow is disabled."""
        return pulumi.get(self, "disabled")

    @property
    @pulumi.getter
    def schedule(self) -> str | None:
        """When the flow runs (integrator.io's 6-field cron), if on a schedule."""
        return pulumi.get(self, "schedule")

    @property
    @pulumi.getter
    def timezone(self) -> str | None:
        """The IANA time zone of the schedule."""
        return pulumi.get(self, "timezone")

    @property
    @pulumi.getter
    def integration_id(self) -> str | None:
        """The integration the flow belongs to; None for a standalone flow."""
        return pulumi.get(self, "integration_id")

    @property
    @pulumi.getter
    def flow_grouping_id(self) -> str | None:
        """The flow group of the integration the flow is shown in."""
        return pulumi.get(self, "flow_grouping_id")

    @property
    @pulumi.getter
    def page_generators(self) -> Sequence[outputs.FlowPageGenerator] | None:
        """The flow's sources: the exports it runs."""
        return pulumi.get(self, "page_generators")

    @property
    @pulumi.getter
    def page_processors(self) -> Sequence[outputs.FlowPageProcessor] | None:
        """The flow's destination and lookup steps."""
        return pulumi.get(self, "page_processors")

    @property
    @pulumi.getter
    def routers(self) -> Sequence[outputs.FlowRouter] | None:
        """The flow's routers and their branches."""
        return pulumi.get(self, "routers")

    @property
    @pulumi.getter
    def run_page_generators_in_parallel(self) -> bool | None:
        """Whether the page generators run at the same time."""
        return pulumi.get(self, "run_page_generators_in_parallel")

    @property
    @pulumi.getter
    def run_next_flow_ids(self) -> Sequence[str] | None:
        """The flows run when this one finishes."""
        return pulumi.get(self, "run_next_flow_ids")

    @property
    @pulumi.getter
    def skip_retries(self) -> bool | None:
        """Whether retry data is not kept for failed records."""
        return pulumi.get(self, "skip_retries")

    @property
    @pulumi.getter
    def auto_resolve_matching_trace_keys(self) -> bool | None:
        """Whether errors resolve when a later run processes the same trace key."""
        return pulumi.get(self, "auto_resolve_matching_trace_keys")

    @property
    @pulumi.getter
    def settings(self) -> Mapping[str, Any] | None:
        """The flow's custom settings (pulumi_celigo's own marker left out)."""
        return pulumi.get(self, "settings")

    @property
    @pulumi.getter
    def aliases(self) -> Sequence[Any] | None:
        """The flow's aliases, in integrator.io's format."""
        return pulumi.get(self, "aliases")

    @property
    @pulumi.getter
    def logging(self) -> outputs.FlowLogging | None:
        """The flow's debug logging."""
        return pulumi.get(self, "logging")

    @property
    @pulumi.getter
    def free(self) -> bool | None:
        """Whether the flow is a free flow."""
        return pulumi.get(self, "free")

    @property
    @pulumi.getter
    def template_id(self) -> str | None:
        """The template the flow was installed from, if any."""
        return pulumi.get(self, "template_id")

    @property
    @pulumi.getter
    def source_id(self) -> str | None:
        """The flow this one was cloned from, if any."""
        return pulumi.get(self, "source_id")

    @property
    @pulumi.getter
    def connector_id(self) -> str | None:
        """The integration app the flow belongs to, if any."""
        return pulumi.get(self, "connector_id")

    @property
    @pulumi.getter
    def export_id(self) -> str | None:
        """Legacy single-step flows only: the export the flow runs."""
        return pulumi.get(self, "export_id")

    @property
    @pulumi.getter
    def import_id(self) -> str | None:
        """Legacy single-step flows only: the import the flow runs."""
        return pulumi.get(self, "import_id")

    @property
    @pulumi.getter
    def created_at(self) -> str:
        """When the flow was created (ISO-8601)."""
        return pulumi.get(self, "created_at")

    @property
    @pulumi.getter
    def last_modified(self) -> str:
        """When the flow was last changed (ISO-8601)."""
        return pulumi.get(self, "last_modified")

    @property
    @pulumi.getter
    def last_executed_at(self) -> str | None:
        """When the flow last ran (ISO-8601), if it ever did."""
        return pulumi.get(self, "last_executed_at")

    @property
    @pulumi.getter
    def resolved_at(self) -> str | None:
        """When the flow's errors were last resolved (ISO-8601), if ever."""
        return pulumi.get(self, "resolved_at")


class AwaitableGetFlowResult(GetFlowResult):
    # pylint: disable=using-constant-test
    def __await__(self) -> Generator[Any, None, GetFlowResult]:
        if False:
            yield self
        return GetFlowResult(
            id=self.id,
            name=self.name,
            description=self.description,
            disabled=self.disabled,
            schedule=self.schedule,
            timezone=self.timezone,
            integration_id=self.integration_id,
            flow_grouping_id=self.flow_grouping_id,
            page_generators=self.page_generators,
            page_processors=self.page_processors,
            routers=self.routers,
            run_page_generators_in_parallel=self.run_page_generators_in_parallel,
            run_next_flow_ids=self.run_next_flow_ids,
            skip_retries=self.skip_retries,
            auto_resolve_matching_trace_keys=self.auto_resolve_matching_trace_keys,
            settings=self.settings,
            aliases=self.aliases,
            logging=self.logging,
            free=self.free,
            template_id=self.template_id,
            source_id=self.source_id,
            connector_id=self.connector_id,
            export_id=self.export_id,
            import_id=self.import_id,
            created_at=self.created_at,
            last_modified=self.last_modified,
            last_executed_at=self.last_executed_at,
            resolved_at=self.resolved_at,
        )


def flow_values(flow: Flow) -> dict[str, Any]:
    """A flow document as the result's snake_case values (pulumi_celigo's create marker left out)."""
    values = {k: v for k, v in flow.to_python().items() if k in Flow.model_fields}
    settings = {k: v for k, v in (values.get("settings") or {}).items() if k != MARKER_KEY}
    if settings:
        values["settings"] = settings
    else:
        values.pop("settings", None)
    return values


def to_result(flow: Flow) -> AwaitableGetFlowResult:
    base = _functions.typed(GetFlowResult, flow_values(flow))
    return AwaitableGetFlowResult(**{name: getattr(base, name) for name in Flow.model_fields})


def get_flow(id: str | None = None, opts: pulumi.InvokeOptions | None = None) -> AwaitableGetFlowResult:
    """
    Read an integrator.io flow by its id (one GET), for example one managed elsewhere.

    ## Example Usage

    ```python
    import pulumi_celigo as celigo

    orders = celigo.get_flow(id="64f1c2d3e4f5a6b7c8d9e0f1")
    pulumi.export("ordersSchedule", orders.schedule)
    ```

    :param str id: The id of the flow: 24 lowercase hexadecimal digits, as in the flow's URL in integrator.io's Flow
        builder. Anything else is refused before any request.
    :param pulumi.InvokeOptions opts: Accepted for compatibility with generated SDKs; not used.
    """
    label = f"get_flow(id={id!r})"
    if not id:
        raise TypeError("Missing required argument 'id'")
    with _functions.api_call(label, "id", id) as client:
        flow = client.flows.get(id)
    return to_result(flow)


def get_flow_output(
    id: pulumi.Input[str] | None = None,
    opts: pulumi.InvokeOptions | pulumi.InvokeOutputOptions | None = None,
) -> pulumi.Output[GetFlowResult]:
    """
    Read an integrator.io flow by its id, once the id is known (it may be another resource's output).

    :param pulumi.Input[str] id: The id of the flow: 24 lowercase hexadecimal digits, as in the flow's URL in
        integrator.io's Flow builder.
    :param opts: `depends_on` is waited for; other options are not used.
    """
    return _functions.output_form(get_flow, {"id": id}, opts)
