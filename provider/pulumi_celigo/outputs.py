"""Nested output types of `Flow`: what `flow.page_generators` and the like resolve to.

Each is a `dict` with snake_case keys whose values can also be read as attributes
(`flow.page_generators.apply(lambda pgs: pgs[0].id)`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pulumi

__all__ = [
    "FlowHookReference",
    "FlowLogging",
    "FlowPageGenerator",
    "FlowPageProcessor",
    "FlowPageProcessorHooks",
    "FlowResponseMapping",
    "FlowResponseMappingField",
    "FlowResponseMappingList",
    "FlowRouter",
    "FlowRouterBranch",
]


@pulumi.output_type
class FlowPageGenerator(dict[str, Any]):
    """A source step of a flow: an export the flow runs to fetch records."""

    def __init__(
        self,
        *,
        id: str | None = None,
        export_id: str | None = None,
        schedule: str | None = None,
        skip_retries: bool | None = None,
        keep_delta_behind_flow_id: str | None = None,
        keep_delta_behind_export_id: str | None = None,
    ) -> None:
        if id is not None:
            pulumi.set(self, "id", id)
        if export_id is not None:
            pulumi.set(self, "export_id", export_id)
        if schedule is not None:
            pulumi.set(self, "schedule", schedule)
        if skip_retries is not None:
            pulumi.set(self, "skip_retries", skip_retries)
        if keep_delta_behind_flow_id is not None:
            pulumi.set(self, "keep_delta_behind_flow_id", keep_delta_behind_flow_id)
        if keep_delta_behind_export_id is not None:
            pulumi.set(self, "keep_delta_behind_export_id", keep_delta_behind_export_id)

    @property
    @pulumi.getter
    def id(self) -> str | None:
        """Assigned by integrator.io to each page generator."""
        return pulumi.get(self, "id")

    @property
    @pulumi.getter
    def export_id(self) -> str | None:
        """The id of the export this step runs."""
        return pulumi.get(self, "export_id")

    @property
    @pulumi.getter
    def schedule(self) -> str | None:
        """
        This source's own schedule, a 6-field cron expression whose first field is `?`, such as `"? 0 2 ? * *"`
        (daily at 02:00). Defaults to the flow's `schedule`.
        """
        return pulumi.get(self, "schedule")

    @property
    @pulumi.getter
    def skip_retries(self) -> bool | None:
        """Don't keep retry data for records that fail in this source: they cannot be retried. Defaults to `false`."""
        return pulumi.get(self, "skip_retries")

    @property
    @pulumi.getter
    def keep_delta_behind_flow_id(self) -> str | None:
        """Keep this export's delta window (the date it resumes from) behind that of the flow with this id."""
        return pulumi.get(self, "keep_delta_behind_flow_id")

    @property
    @pulumi.getter
    def keep_delta_behind_export_id(self) -> str | None:
        """Keep this export's delta window (the date it resumes from) behind that of the export with this id."""
        return pulumi.get(self, "keep_delta_behind_export_id")


@pulumi.output_type
class FlowPageProcessor(dict[str, Any]):
    """A destination or lookup step of a flow: an import (`type="import"`) or a lookup export (`type="export"`)."""

    def __init__(
        self,
        *,
        type: str | None = None,
        export_id: str | None = None,
        import_id: str | None = None,
        proceed_on_failure: bool | None = None,
        response_mapping: FlowResponseMapping | None = None,
        hooks: FlowPageProcessorHooks | None = None,
    ) -> None:
        if type is not None:
            pulumi.set(self, "type", type)
        if export_id is not None:
            pulumi.set(self, "export_id", export_id)
        if import_id is not None:
            pulumi.set(self, "import_id", import_id)
        if proceed_on_failure is not None:
            pulumi.set(self, "proceed_on_failure", proceed_on_failure)
        if response_mapping is not None:
            pulumi.set(self, "response_mapping", response_mapping)
        if hooks is not None:
            pulumi.set(self, "hooks", hooks)

    @property
    @pulumi.getter
    def type(self) -> str | None:
        """`"import"` (a destination, with `import_id`) or `"export"` (a lookup, with `export_id`)."""
        return pulumi.get(self, "type")

    @property
    @pulumi.getter
    def export_id(self) -> str | None:
        """The id of the lookup export this step runs (type `"export"`)."""
        return pulumi.get(self, "export_id")

    @property
    @pulumi.getter
    def import_id(self) -> str | None:
        """The id of the import this step runs (type `"import"`)."""
        return pulumi.get(self, "import_id")

    @property
    @pulumi.getter
    def proceed_on_failure(self) -> bool | None:
        """Pass records on to the next step even when this step fails for them. Defaults to `false`."""
        return pulumi.get(self, "proceed_on_failure")

    @property
    @pulumi.getter
    def response_mapping(self) -> FlowResponseMapping | None:
        """Fields of this step's response to merge back into each record."""
        return pulumi.get(self, "response_mapping")

    @property
    @pulumi.getter
    def hooks(self) -> FlowPageProcessorHooks | None:
        """Scripts this step runs."""
        return pulumi.get(self, "hooks")


@pulumi.output_type
class FlowResponseMapping(dict[str, Any]):
    """Fields of a step's response to merge back into each record."""

    def __init__(
        self,
        *,
        fields: Sequence[FlowResponseMappingField] | None = None,
        lists: Sequence[FlowResponseMappingList] | None = None,
    ) -> None:
        if fields is not None:
            pulumi.set(self, "fields", fields)
        if lists is not None:
            pulumi.set(self, "lists", lists)

    @property
    @pulumi.getter
    def fields(self) -> Sequence[FlowResponseMappingField] | None:
        """Response fields to copy into each record."""
        return pulumi.get(self, "fields")

    @property
    @pulumi.getter
    def lists(self) -> Sequence[FlowResponseMappingList] | None:
        """Response fields to copy into lists of each record."""
        return pulumi.get(self, "lists")


@pulumi.output_type
class FlowResponseMappingField(dict[str, Any]):
    """One response field copied into the record."""

    def __init__(
        self,
        *,
        extract: str | None = None,
        generate: str | None = None,
    ) -> None:
        if extract is not None:
            pulumi.set(self, "extract", extract)
        if generate is not None:
            pulumi.set(self, "generate", generate)

    @property
    @pulumi.getter
    def extract(self) -> str | None:
        """The field to read from the response, such as `id`."""
        return pulumi.get(self, "extract")

    @property
    @pulumi.getter
    def generate(self) -> str | None:
        """The record field to write it to, such as `orderId`."""
        return pulumi.get(self, "generate")


@pulumi.output_type
class FlowResponseMappingList(dict[str, Any]):
    """Response fields copied into a list of the record."""

    def __init__(
        self,
        *,
        generate: str | None = None,
        fields: Sequence[FlowResponseMappingField] | None = None,
    ) -> None:
        if generate is not None:
            pulumi.set(self, "generate", generate)
        if fields is not None:
            pulumi.set(self, "fields", fields)

    @property
    @pulumi.getter
    def generate(self) -> str | None:
        """The record's list to write into, such as `lines`."""
        return pulumi.get(self, "generate")

    @property
    @pulumi.getter
    def fields(self) -> Sequence[FlowResponseMappingField] | None:
        """The fields to copy into each entry of that list."""
        return pulumi.get(self, "fields")


@pulumi.output_type
class FlowPageProcessorHooks(dict[str, Any]):
    """Scripts a step runs."""

    def __init__(
        self,
        *,
        post_response_map: FlowHookReference | None = None,
    ) -> None:
        if post_response_map is not None:
            pulumi.set(self, "post_response_map", post_response_map)

    @property
    @pulumi.getter
    def post_response_map(self) -> FlowHookReference | None:
        """Runs after the response mapping, on each page of records."""
        return pulumi.get(self, "post_response_map")


@pulumi.output_type
class FlowHookReference(dict[str, Any]):
    """A hook: a function of a script."""

    def __init__(
        self,
        *,
        function: str | None = None,
        script_id: str | None = None,
    ) -> None:
        if function is not None:
            pulumi.set(self, "function", function)
        if script_id is not None:
            pulumi.set(self, "script_id", script_id)

    @property
    @pulumi.getter
    def function(self) -> str | None:
        """The name of the function to call."""
        return pulumi.get(self, "function")

    @property
    @pulumi.getter
    def script_id(self) -> str | None:
        """The id of the script that defines it."""
        return pulumi.get(self, "script_id")


@pulumi.output_type
class FlowRouter(dict[str, Any]):
    """A branching step: sends each record down one or more branches."""

    def __init__(
        self,
        *,
        id: str | None = None,
        name: str | None = None,
        route_records_to: str | None = None,
        route_records_using: str | None = None,
        script: Mapping[str, Any] | None = None,
        branches: Sequence[FlowRouterBranch] | None = None,
        next_router_id: str | None = None,
    ) -> None:
        if id is not None:
            pulumi.set(self, "id", id)
        if name is not None:
            pulumi.set(self, "name", name)
        if route_records_to is not None:
            pulumi.set(self, "route_records_to", route_records_to)
        if route_records_using is not None:
            pulumi.set(self, "route_records_using", route_records_using)
        if script is not None:
            pulumi.set(self, "script", script)
        if branches is not None:
            pulumi.set(self, "branches", branches)
        if next_router_id is not None:
            pulumi.set(self, "next_router_id", next_router_id)

    @property
    @pulumi.getter
    def id(self) -> str | None:
        """The router's id, chosen by you: `next_router_id` of other routers and branches refers to it."""
        return pulumi.get(self, "id")

    @property
    @pulumi.getter
    def name(self) -> str | None:
        """The router's name."""
        return pulumi.get(self, "name")

    @property
    @pulumi.getter
    def route_records_to(self) -> str | None:
        """Which branches a record takes, such as `"first_matching_branch"` or `"all_matching_branches"`."""
        return pulumi.get(self, "route_records_to")

    @property
    @pulumi.getter
    def route_records_using(self) -> str | None:
        """How branches are chosen: `"input_filters"` (each branch's `input_filter`) or `"script"`."""
        return pulumi.get(self, "route_records_using")

    @property
    @pulumi.getter
    def script(self) -> Mapping[str, Any] | None:
        """The routing script, when `route_records_using` is `"script"`; passed to integrator.io as given."""
        return pulumi.get(self, "script")

    @property
    @pulumi.getter
    def branches(self) -> Sequence[FlowRouterBranch] | None:
        """The router's branches, in order."""
        return pulumi.get(self, "branches")

    @property
    @pulumi.getter
    def next_router_id(self) -> str | None:
        """The id of the router records go to after this one's branches."""
        return pulumi.get(self, "next_router_id")


@pulumi.output_type
class FlowRouterBranch(dict[str, Any]):
    """One branch of a router: a filter and the steps of the records that pass it."""

    def __init__(
        self,
        *,
        name: str | None = None,
        description: str | None = None,
        input_filter: Mapping[str, Any] | None = None,
        page_processors: Sequence[FlowPageProcessor] | None = None,
        next_router_id: str | None = None,
    ) -> None:
        if name is not None:
            pulumi.set(self, "name", name)
        if description is not None:
            pulumi.set(self, "description", description)
        if input_filter is not None:
            pulumi.set(self, "input_filter", input_filter)
        if page_processors is not None:
            pulumi.set(self, "page_processors", page_processors)
        if next_router_id is not None:
            pulumi.set(self, "next_router_id", next_router_id)

    @property
    @pulumi.getter
    def name(self) -> str | None:
        """The branch's name."""
        return pulumi.get(self, "name")

    @property
    @pulumi.getter
    def description(self) -> str | None:
        """A description of the branch."""
        return pulumi.get(self, "description")

    @property
    @pulumi.getter
    def input_filter(self) -> Mapping[str, Any] | None:
        """The filter records must pass to take this branch, in integrator.io's filter format; passed as given."""
        return pulumi.get(self, "input_filter")

    @property
    @pulumi.getter
    def page_processors(self) -> Sequence[FlowPageProcessor] | None:
        """The branch's steps, in order."""
        return pulumi.get(self, "page_processors")

    @property
    @pulumi.getter
    def next_router_id(self) -> str | None:
        """The id of the router records go to after this branch."""
        return pulumi.get(self, "next_router_id")


@pulumi.output_type
class FlowLogging(dict[str, Any]):
    """A flow's debug logging, set by integrator.io."""

    def __init__(
        self,
        *,
        debug_until: str | None = None,
    ) -> None:
        if debug_until is not None:
            pulumi.set(self, "debug_until", debug_until)

    @property
    @pulumi.getter
    def debug_until(self) -> str | None:
        """When debug logging ends (ISO-8601); absent when it is off."""
        return pulumi.get(self, "debug_until")


# ---- nested result types of the functions (get_flow_audit_log, get_flow_dependencies) -------------


@pulumi.output_type
class GetFlowAuditLogEntryByUserResult(dict[str, Any]):
    """Who made a change recorded in a flow's audit log."""

    def __init__(self, *, id: str | None = None, email: str | None = None, name: str | None = None) -> None:
        if id is not None:
            pulumi.set(self, "id", id)
        if email is not None:
            pulumi.set(self, "email", email)
        if name is not None:
            pulumi.set(self, "name", name)

    @property
    @pulumi.getter
    def id(self) -> str | None:
        """The user's id."""
        return pulumi.get(self, "id")

    @property
    @pulumi.getter
    def email(self) -> str | None:
        """The user's email address."""
        return pulumi.get(self, "email")

    @property
    @pulumi.getter
    def name(self) -> str | None:
        """The user's name."""
        return pulumi.get(self, "name")


@pulumi.output_type
class GetFlowAuditLogEntryFieldChangeResult(dict[str, Any]):
    """One field changed by an audited event."""

    def __init__(self, *, field_path: str | None = None, old_value: Any = None, new_value: Any = None) -> None:
        if field_path is not None:
            pulumi.set(self, "field_path", field_path)
        pulumi.set(self, "old_value", old_value)
        pulumi.set(self, "new_value", new_value)

    @property
    @pulumi.getter
    def field_path(self) -> str | None:
        """The changed field, in the API's names (`pageGenerators[0].schedule`)."""
        return pulumi.get(self, "field_path")

    @property
    @pulumi.getter
    def old_value(self) -> Any:
        """The value before the change (None when the field was absent)."""
        return pulumi.get(self, "old_value")

    @property
    @pulumi.getter
    def new_value(self) -> Any:
        """The value after the change (None when the field was removed)."""
        return pulumi.get(self, "new_value")


@pulumi.output_type
class GetFlowAuditLogEntryResult(dict[str, Any]):
    """One event of a flow's audit log: who did what, when, from where, and the fields it changed."""

    def __init__(
        self,
        *,
        id: str | None = None,
        resource_type: str | None = None,
        resource_id: str | None = None,
        source: str | None = None,
        event: str | None = None,
        time: str | None = None,
        by_user: GetFlowAuditLogEntryByUserResult | None = None,
        field_changes: Sequence[GetFlowAuditLogEntryFieldChangeResult] | None = None,
    ) -> None:
        if id is not None:
            pulumi.set(self, "id", id)
        if resource_type is not None:
            pulumi.set(self, "resource_type", resource_type)
        if resource_id is not None:
            pulumi.set(self, "resource_id", resource_id)
        if source is not None:
            pulumi.set(self, "source", source)
        if event is not None:
            pulumi.set(self, "event", event)
        if time is not None:
            pulumi.set(self, "time", time)
        if by_user is not None:
            pulumi.set(self, "by_user", by_user)
        pulumi.set(self, "field_changes", list(field_changes or []))

    @property
    @pulumi.getter
    def id(self) -> str | None:
        """The audit entry's id."""
        return pulumi.get(self, "id")

    @property
    @pulumi.getter
    def resource_type(self) -> str | None:
        """The kind of resource changed: `flow`."""
        return pulumi.get(self, "resource_type")

    @property
    @pulumi.getter
    def resource_id(self) -> str | None:
        """The id of the resource changed."""
        return pulumi.get(self, "resource_id")

    @property
    @pulumi.getter
    def source(self) -> str | None:
        """Where the change came from: `api`, `ui`, ..."""
        return pulumi.get(self, "source")

    @property
    @pulumi.getter
    def event(self) -> str | None:
        """`create`, `update` or `delete`."""
        return pulumi.get(self, "event")

    @property
    @pulumi.getter
    def time(self) -> str | None:
        """When it happened (ISO-8601)."""
        return pulumi.get(self, "time")

    @property
    @pulumi.getter
    def by_user(self) -> GetFlowAuditLogEntryByUserResult | None:
        """Who made the change."""
        return pulumi.get(self, "by_user")

    @property
    @pulumi.getter
    def field_changes(self) -> Sequence[GetFlowAuditLogEntryFieldChangeResult]:
        """The fields changed (empty for a `create`)."""
        return pulumi.get(self, "field_changes")


@pulumi.output_type
class GetFlowDependenciesDependentResult(dict[str, Any]):
    """A resource that depends on a flow (such as a flow that runs it next)."""

    def __init__(self, *, id: str | None = None, name: str | None = None) -> None:
        if id is not None:
            pulumi.set(self, "id", id)
        if name is not None:
            pulumi.set(self, "name", name)

    @property
    @pulumi.getter
    def id(self) -> str | None:
        """The dependent resource's id."""
        return pulumi.get(self, "id")

    @property
    @pulumi.getter
    def name(self) -> str | None:
        """The dependent resource's name."""
        return pulumi.get(self, "name")


__all__ += [
    "GetFlowAuditLogEntryByUserResult",
    "GetFlowAuditLogEntryFieldChangeResult",
    "GetFlowAuditLogEntryResult",
    "GetFlowDependenciesDependentResult",
]
