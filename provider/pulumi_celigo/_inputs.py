"""Nested input types of `Flow`: each comes as an `...Args` class and an `...ArgsDict` dict form.

Both forms use the same snake_case names, which are also the names the provider receives.

Types are defined after the types they hold, and annotations are not postponed (no
`from __future__ import annotations`): `TypedDict` sees `NotRequired` only in evaluated annotations.
"""

from collections.abc import Mapping, Sequence
from typing import Any, NotRequired, TypedDict

import pulumi

from ._utilities import Shape

__all__ = [
    "FlowHookReferenceArgs",
    "FlowHookReferenceArgsDict",
    "FlowPageGeneratorArgs",
    "FlowPageGeneratorArgsDict",
    "FlowPageProcessorArgs",
    "FlowPageProcessorArgsDict",
    "FlowPageProcessorHooksArgs",
    "FlowPageProcessorHooksArgsDict",
    "FlowResponseMappingArgs",
    "FlowResponseMappingArgsDict",
    "FlowResponseMappingFieldArgs",
    "FlowResponseMappingFieldArgsDict",
    "FlowResponseMappingListArgs",
    "FlowResponseMappingListArgsDict",
    "FlowRouterArgs",
    "FlowRouterArgsDict",
    "FlowRouterBranchArgs",
    "FlowRouterBranchArgsDict",
]


class FlowHookReferenceArgsDict(TypedDict):
    """A hook: a function of a script. The dict form of `FlowHookReferenceArgs`."""

    function: NotRequired[pulumi.Input[str | None]]
    """The name of the function to call."""
    script_id: NotRequired[pulumi.Input[str | None]]
    """The id of the script that defines it."""


@pulumi.input_type
class FlowHookReferenceArgs:
    def __init__(
        self,
        *,
        function: pulumi.Input[str | None] = None,
        script_id: pulumi.Input[str | None] = None,
    ) -> None:
        """
        A hook: a function of a script.

        :param pulumi.Input[str] function: The name of the function to call.
        :param pulumi.Input[str] script_id: The id of the script that defines it.
        """
        if function is not None:
            pulumi.set(self, "function", function)
        if script_id is not None:
            pulumi.set(self, "script_id", script_id)

    @property
    @pulumi.getter
    def function(self) -> pulumi.Input[str | None]:
        """The name of the function to call."""
        return pulumi.get(self, "function")

    @function.setter
    def function(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "function", value)

    @property
    @pulumi.getter
    def script_id(self) -> pulumi.Input[str | None]:
        """The id of the script that defines it."""
        return pulumi.get(self, "script_id")

    @script_id.setter
    def script_id(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "script_id", value)


class FlowPageProcessorHooksArgsDict(TypedDict):
    """Scripts a step runs. The dict form of `FlowPageProcessorHooksArgs`."""

    post_response_map: NotRequired[pulumi.Input[FlowHookReferenceArgs | FlowHookReferenceArgsDict | None]]
    """Runs after the response mapping, on each page of records."""


@pulumi.input_type
class FlowPageProcessorHooksArgs:
    def __init__(
        self,
        *,
        post_response_map: pulumi.Input[FlowHookReferenceArgs | FlowHookReferenceArgsDict | None] = None,
    ) -> None:
        """
        Scripts a step runs.

        :param pulumi.Input[FlowHookReferenceArgs] post_response_map: Runs after the response mapping, on each
            page of records.
        """
        if post_response_map is not None:
            pulumi.set(self, "post_response_map", post_response_map)

    @property
    @pulumi.getter
    def post_response_map(self) -> pulumi.Input[FlowHookReferenceArgs | FlowHookReferenceArgsDict | None]:
        """Runs after the response mapping, on each page of records."""
        return pulumi.get(self, "post_response_map")

    @post_response_map.setter
    def post_response_map(self, value: pulumi.Input[FlowHookReferenceArgs | FlowHookReferenceArgsDict | None]) -> None:
        pulumi.set(self, "post_response_map", value)


class FlowResponseMappingFieldArgsDict(TypedDict):
    """One response field copied into the record. The dict form of `FlowResponseMappingFieldArgs`."""

    extract: NotRequired[pulumi.Input[str | None]]
    """The field to read from the response, such as `id`."""
    generate: NotRequired[pulumi.Input[str | None]]
    """The record field to write it to, such as `orderId`."""


@pulumi.input_type
class FlowResponseMappingFieldArgs:
    def __init__(
        self,
        *,
        extract: pulumi.Input[str | None] = None,
        generate: pulumi.Input[str | None] = None,
    ) -> None:
        """
        One response field copied into the record.

        :param pulumi.Input[str] extract: The field to read from the response, such as `id`.
        :param pulumi.Input[str] generate: The record field to write it to, such as `orderId`.
        """
        if extract is not None:
            pulumi.set(self, "extract", extract)
        if generate is not None:
            pulumi.set(self, "generate", generate)

    @property
    @pulumi.getter
    def extract(self) -> pulumi.Input[str | None]:
        """The field to read from the response, such as `id`."""
        return pulumi.get(self, "extract")

    @extract.setter
    def extract(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "extract", value)

    @property
    @pulumi.getter
    def generate(self) -> pulumi.Input[str | None]:
        """The record field to write it to, such as `orderId`."""
        return pulumi.get(self, "generate")

    @generate.setter
    def generate(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "generate", value)


class FlowResponseMappingListArgsDict(TypedDict):
    """Response fields copied into a list of the record. The dict form of `FlowResponseMappingListArgs`."""

    generate: NotRequired[pulumi.Input[str | None]]
    """The record's list to write into, such as `lines`."""
    fields: NotRequired[
        pulumi.Input[Sequence[pulumi.Input[FlowResponseMappingFieldArgs | FlowResponseMappingFieldArgsDict]] | None]
    ]
    """The fields to copy into each entry of that list."""


@pulumi.input_type
class FlowResponseMappingListArgs:
    def __init__(
        self,
        *,
        generate: pulumi.Input[str | None] = None,
        fields: pulumi.Input[
            Sequence[pulumi.Input[FlowResponseMappingFieldArgs | FlowResponseMappingFieldArgsDict]] | None
        ] = None,
    ) -> None:
        """
        Response fields copied into a list of the record.

        :param pulumi.Input[str] generate: The record's list to write into, such as `lines`.
        :param pulumi.Input[Sequence[pulumi.Input[FlowResponseMappingFieldArgs]]] fields: The fields to copy
            into each entry of that list.
        """
        if generate is not None:
            pulumi.set(self, "generate", generate)
        if fields is not None:
            pulumi.set(self, "fields", fields)

    @property
    @pulumi.getter
    def generate(self) -> pulumi.Input[str | None]:
        """The record's list to write into, such as `lines`."""
        return pulumi.get(self, "generate")

    @generate.setter
    def generate(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "generate", value)

    @property
    @pulumi.getter
    def fields(
        self,
    ) -> pulumi.Input[Sequence[pulumi.Input[FlowResponseMappingFieldArgs | FlowResponseMappingFieldArgsDict]] | None]:
        """The fields to copy into each entry of that list."""
        return pulumi.get(self, "fields")

    @fields.setter
    def fields(
        self,
        value: pulumi.Input[
            Sequence[pulumi.Input[FlowResponseMappingFieldArgs | FlowResponseMappingFieldArgsDict]] | None
        ],
    ) -> None:
        pulumi.set(self, "fields", value)


class FlowResponseMappingArgsDict(TypedDict):
    """Fields of a step's response to merge back into each record. The dict form of `FlowResponseMappingArgs`."""

    fields: NotRequired[
        pulumi.Input[Sequence[pulumi.Input[FlowResponseMappingFieldArgs | FlowResponseMappingFieldArgsDict]] | None]
    ]
    """Response fields to copy into each record."""
    lists: NotRequired[
        pulumi.Input[Sequence[pulumi.Input[FlowResponseMappingListArgs | FlowResponseMappingListArgsDict]] | None]
    ]
    """Response fields to copy into lists of each record."""


@pulumi.input_type
class FlowResponseMappingArgs:
    def __init__(
        self,
        *,
        fields: pulumi.Input[
            Sequence[pulumi.Input[FlowResponseMappingFieldArgs | FlowResponseMappingFieldArgsDict]] | None
        ] = None,
        lists: pulumi.Input[
            Sequence[pulumi.Input[FlowResponseMappingListArgs | FlowResponseMappingListArgsDict]] | None
        ] = None,
    ) -> None:
        """
        Fields of a step's response to merge back into each record.

        :param pulumi.Input[Sequence[pulumi.Input[FlowResponseMappingFieldArgs]]] fields: Response fields to
            copy into each record.
        :param pulumi.Input[Sequence[pulumi.Input[FlowResponseMappingListArgs]]] lists: Response fields to copy
            into lists of each record.
        """
        if fields is not None:
            pulumi.set(self, "fields", fields)
        if lists is not None:
            pulumi.set(self, "lists", lists)

    @property
    @pulumi.getter
    def fields(
        self,
    ) -> pulumi.Input[Sequence[pulumi.Input[FlowResponseMappingFieldArgs | FlowResponseMappingFieldArgsDict]] | None]:
        """Response fields to copy into each record."""
        return pulumi.get(self, "fields")

    @fields.setter
    def fields(
        self,
        value: pulumi.Input[
            Sequence[pulumi.Input[FlowResponseMappingFieldArgs | FlowResponseMappingFieldArgsDict]] | None
        ],
    ) -> None:
        pulumi.set(self, "fields", value)

    @property
    @pulumi.getter
    def lists(
        self,
    ) -> pulumi.Input[Sequence[pulumi.Input[FlowResponseMappingListArgs | FlowResponseMappingListArgsDict]] | None]:
        """Response fields to copy into lists of each record."""
        return pulumi.get(self, "lists")

    @lists.setter
    def lists(
        self,
        value: pulumi.Input[
            Sequence[pulumi.Input[FlowResponseMappingListArgs | FlowResponseMappingListArgsDict]] | None
        ],
    ) -> None:
        pulumi.set(self, "lists", value)


class FlowPageProcessorArgsDict(TypedDict):
    """
    A destination or lookup step of a flow: an import (`type="import"`) or a lookup export (`type="export"`).
    The dict form of `FlowPageProcessorArgs`.
    """

    type: pulumi.Input[str]
    """`"import"` (a destination, with `import_id`) or `"export"` (a lookup, with `export_id`). Required."""
    export_id: NotRequired[pulumi.Input[str | None]]
    """The id of the lookup export this step runs (type `"export"`)."""
    import_id: NotRequired[pulumi.Input[str | None]]
    """The id of the import this step runs (type `"import"`)."""
    proceed_on_failure: NotRequired[pulumi.Input[bool | None]]
    """Pass records on to the next step even when this step fails for them. Defaults to `false`."""
    response_mapping: NotRequired[pulumi.Input[FlowResponseMappingArgs | FlowResponseMappingArgsDict | None]]
    """Fields of this step's response to merge back into each record."""
    hooks: NotRequired[pulumi.Input[FlowPageProcessorHooksArgs | FlowPageProcessorHooksArgsDict | None]]
    """Scripts this step runs."""


@pulumi.input_type
class FlowPageProcessorArgs:
    def __init__(
        self,
        *,
        type: pulumi.Input[str],
        export_id: pulumi.Input[str | None] = None,
        import_id: pulumi.Input[str | None] = None,
        proceed_on_failure: pulumi.Input[bool | None] = None,
        response_mapping: pulumi.Input[FlowResponseMappingArgs | FlowResponseMappingArgsDict | None] = None,
        hooks: pulumi.Input[FlowPageProcessorHooksArgs | FlowPageProcessorHooksArgsDict | None] = None,
    ) -> None:
        """
        A destination or lookup step of a flow: an import (`type="import"`) or a lookup export
        (`type="export"`).

        :param pulumi.Input[str] type: `"import"` (a destination, with `import_id`) or `"export"` (a lookup,
            with `export_id`). Required.
        :param pulumi.Input[str] export_id: The id of the lookup export this step runs (type `"export"`).
        :param pulumi.Input[str] import_id: The id of the import this step runs (type `"import"`).
        :param pulumi.Input[bool] proceed_on_failure: Pass records on to the next step even when this step fails
            for them. Defaults to `false`.
        :param pulumi.Input[FlowResponseMappingArgs] response_mapping: Fields of this step's response to merge
            back into each record.
        :param pulumi.Input[FlowPageProcessorHooksArgs] hooks: Scripts this step runs.
        """
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
    def type(self) -> pulumi.Input[str]:
        """`"import"` (a destination, with `import_id`) or `"export"` (a lookup, with `export_id`). Required."""
        return pulumi.get(self, "type")

    @type.setter
    def type(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "type", value)

    @property
    @pulumi.getter
    def export_id(self) -> pulumi.Input[str | None]:
        """The id of the lookup export this step runs (type `"export"`)."""
        return pulumi.get(self, "export_id")

    @export_id.setter
    def export_id(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "export_id", value)

    @property
    @pulumi.getter
    def import_id(self) -> pulumi.Input[str | None]:
        """The id of the import this step runs (type `"import"`)."""
        return pulumi.get(self, "import_id")

    @import_id.setter
    def import_id(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "import_id", value)

    @property
    @pulumi.getter
    def proceed_on_failure(self) -> pulumi.Input[bool | None]:
        """Pass records on to the next step even when this step fails for them. Defaults to `false`."""
        return pulumi.get(self, "proceed_on_failure")

    @proceed_on_failure.setter
    def proceed_on_failure(self, value: pulumi.Input[bool | None]) -> None:
        pulumi.set(self, "proceed_on_failure", value)

    @property
    @pulumi.getter
    def response_mapping(self) -> pulumi.Input[FlowResponseMappingArgs | FlowResponseMappingArgsDict | None]:
        """Fields of this step's response to merge back into each record."""
        return pulumi.get(self, "response_mapping")

    @response_mapping.setter
    def response_mapping(
        self, value: pulumi.Input[FlowResponseMappingArgs | FlowResponseMappingArgsDict | None]
    ) -> None:
        pulumi.set(self, "response_mapping", value)

    @property
    @pulumi.getter
    def hooks(self) -> pulumi.Input[FlowPageProcessorHooksArgs | FlowPageProcessorHooksArgsDict | None]:
        """Scripts this step runs."""
        return pulumi.get(self, "hooks")

    @hooks.setter
    def hooks(self, value: pulumi.Input[FlowPageProcessorHooksArgs | FlowPageProcessorHooksArgsDict | None]) -> None:
        pulumi.set(self, "hooks", value)


class FlowPageGeneratorArgsDict(TypedDict):
    """A source step of a flow: an export the flow runs to fetch records. The dict form of `FlowPageGeneratorArgs`."""

    export_id: pulumi.Input[str]
    """The id of the export this step runs. Required."""
    schedule: NotRequired[pulumi.Input[str | None]]
    """
    This source's own schedule, a 6-field cron expression whose first field is `?`, such as `"? 0 2 ? * *"`
    (daily at 02:00). Defaults to the flow's `schedule`.
    """
    skip_retries: NotRequired[pulumi.Input[bool | None]]
    """Don't keep retry data for records that fail in this source: they cannot be retried. Defaults to `false`."""
    keep_delta_behind_flow_id: NotRequired[pulumi.Input[str | None]]
    """Keep this export's delta window (the date it resumes from) behind that of the flow with this id."""
    keep_delta_behind_export_id: NotRequired[pulumi.Input[str | None]]
    """Keep this export's delta window (the date it resumes from) behind that of the export with this id."""


@pulumi.input_type
class FlowPageGeneratorArgs:
    def __init__(
        self,
        *,
        export_id: pulumi.Input[str],
        schedule: pulumi.Input[str | None] = None,
        skip_retries: pulumi.Input[bool | None] = None,
        keep_delta_behind_flow_id: pulumi.Input[str | None] = None,
        keep_delta_behind_export_id: pulumi.Input[str | None] = None,
    ) -> None:
        """
        A source step of a flow: an export the flow runs to fetch records.

        :param pulumi.Input[str] export_id: The id of the export this step runs. Required.
        :param pulumi.Input[str] schedule: This source's own schedule, a 6-field cron expression whose first
            field is `?`, such as `"? 0 2 ? * *"` (daily at 02:00). Defaults to the flow's `schedule`.
        :param pulumi.Input[bool] skip_retries: Don't keep retry data for records that fail in this source: they
            cannot be retried. Defaults to `false`.
        :param pulumi.Input[str] keep_delta_behind_flow_id: Keep this export's delta window (the date it resumes
            from) behind that of the flow with this id.
        :param pulumi.Input[str] keep_delta_behind_export_id: Keep this export's delta window (the date it
            resumes from) behind that of the export with this id.
        """
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
    def export_id(self) -> pulumi.Input[str]:
        """The id of the export this step runs. Required."""
        return pulumi.get(self, "export_id")

    @export_id.setter
    def export_id(self, value: pulumi.Input[str]) -> None:
        pulumi.set(self, "export_id", value)

    @property
    @pulumi.getter
    def schedule(self) -> pulumi.Input[str | None]:
        """
        This source's own schedule, a 6-field cron expression whose first field is `?`, such as `"? 0 2 ? * *"`
        (daily at 02:00). Defaults to the flow's `schedule`.
        """
        return pulumi.get(self, "schedule")

    @schedule.setter
    def schedule(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "schedule", value)

    @property
    @pulumi.getter
    def skip_retries(self) -> pulumi.Input[bool | None]:
        """Don't keep retry data for records that fail in this source: they cannot be retried. Defaults to `false`."""
        return pulumi.get(self, "skip_retries")

    @skip_retries.setter
    def skip_retries(self, value: pulumi.Input[bool | None]) -> None:
        pulumi.set(self, "skip_retries", value)

    @property
    @pulumi.getter
    def keep_delta_behind_flow_id(self) -> pulumi.Input[str | None]:
        """Keep this export's delta window (the date it resumes from) behind that of the flow with this id."""
        return pulumi.get(self, "keep_delta_behind_flow_id")

    @keep_delta_behind_flow_id.setter
    def keep_delta_behind_flow_id(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "keep_delta_behind_flow_id", value)

    @property
    @pulumi.getter
    def keep_delta_behind_export_id(self) -> pulumi.Input[str | None]:
        """Keep this export's delta window (the date it resumes from) behind that of the export with this id."""
        return pulumi.get(self, "keep_delta_behind_export_id")

    @keep_delta_behind_export_id.setter
    def keep_delta_behind_export_id(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "keep_delta_behind_export_id", value)


class FlowRouterBranchArgsDict(TypedDict):
    """
    One branch of a router: a filter and the steps of the records that pass it. The dict form of
    `FlowRouterBranchArgs`.
    """

    name: NotRequired[pulumi.Input[str | None]]
    """The branch's name."""
    description: NotRequired[pulumi.Input[str | None]]
    """A description of the branch."""
    input_filter: NotRequired[pulumi.Input[Mapping[str, Any] | None]]
    """The filter records must pass to take this branch, in integrator.io's filter format; passed as given."""
    page_processors: NotRequired[
        pulumi.Input[Sequence[pulumi.Input[FlowPageProcessorArgs | FlowPageProcessorArgsDict]] | None]
    ]
    """The branch's steps, in order."""
    next_router_id: NotRequired[pulumi.Input[str | None]]
    """The id of the router records go to after this branch."""


@pulumi.input_type
class FlowRouterBranchArgs:
    def __init__(
        self,
        *,
        name: pulumi.Input[str | None] = None,
        description: pulumi.Input[str | None] = None,
        input_filter: pulumi.Input[Mapping[str, Any] | None] = None,
        page_processors: pulumi.Input[
            Sequence[pulumi.Input[FlowPageProcessorArgs | FlowPageProcessorArgsDict]] | None
        ] = None,
        next_router_id: pulumi.Input[str | None] = None,
    ) -> None:
        """
        One branch of a router: a filter and the steps of the records that pass it.

        :param pulumi.Input[str] name: The branch's name.
        :param pulumi.Input[str] description: A description of the branch.
        :param pulumi.Input[Mapping[str, Any]] input_filter: The filter records must pass to take this branch,
            in integrator.io's filter format; passed as given.
        :param pulumi.Input[Sequence[pulumi.Input[FlowPageProcessorArgs]]] page_processors: The branch's steps,
            in order.
        :param pulumi.Input[str] next_router_id: The id of the router records go to after this branch.
        """
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
    def name(self) -> pulumi.Input[str | None]:
        """The branch's name."""
        return pulumi.get(self, "name")

    @name.setter
    def name(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "name", value)

    @property
    @pulumi.getter
    def description(self) -> pulumi.Input[str | None]:
        """A description of the branch."""
        return pulumi.get(self, "description")

    @description.setter
    def description(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "description", value)

    @property
    @pulumi.getter
    def input_filter(self) -> pulumi.Input[Mapping[str, Any] | None]:
        """The filter records must pass to take this branch, in integrator.io's filter format; passed as given."""
        return pulumi.get(self, "input_filter")

    @input_filter.setter
    def input_filter(self, value: pulumi.Input[Mapping[str, Any] | None]) -> None:
        pulumi.set(self, "input_filter", value)

    @property
    @pulumi.getter
    def page_processors(
        self,
    ) -> pulumi.Input[Sequence[pulumi.Input[FlowPageProcessorArgs | FlowPageProcessorArgsDict]] | None]:
        """The branch's steps, in order."""
        return pulumi.get(self, "page_processors")

    @page_processors.setter
    def page_processors(
        self, value: pulumi.Input[Sequence[pulumi.Input[FlowPageProcessorArgs | FlowPageProcessorArgsDict]] | None]
    ) -> None:
        pulumi.set(self, "page_processors", value)

    @property
    @pulumi.getter
    def next_router_id(self) -> pulumi.Input[str | None]:
        """The id of the router records go to after this branch."""
        return pulumi.get(self, "next_router_id")

    @next_router_id.setter
    def next_router_id(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "next_router_id", value)


class FlowRouterArgsDict(TypedDict):
    """A branching step: sends each record down one or more branches. The dict form of `FlowRouterArgs`."""

    id: NotRequired[pulumi.Input[str | None]]
    """The router's id, chosen by you: `next_router_id` of other routers and branches refers to it."""
    name: NotRequired[pulumi.Input[str | None]]
    """The router's name."""
    route_records_to: NotRequired[pulumi.Input[str | None]]
    """Which branches a record takes, such as `"first_matching_branch"` or `"all_matching_branches"`."""
    route_records_using: NotRequired[pulumi.Input[str | None]]
    """How branches are chosen: `"input_filters"` (each branch's `input_filter`) or `"script"`."""
    script: NotRequired[pulumi.Input[Mapping[str, Any] | None]]
    """The routing script, when `route_records_using` is `"script"`; passed to integrator.io as given."""
    branches: NotRequired[pulumi.Input[Sequence[pulumi.Input[FlowRouterBranchArgs | FlowRouterBranchArgsDict]] | None]]
    """The router's branches, in order."""
    next_router_id: NotRequired[pulumi.Input[str | None]]
    """The id of the router records go to after this one's branches."""


@pulumi.input_type
class FlowRouterArgs:
    def __init__(
        self,
        *,
        id: pulumi.Input[str | None] = None,
        name: pulumi.Input[str | None] = None,
        route_records_to: pulumi.Input[str | None] = None,
        route_records_using: pulumi.Input[str | None] = None,
        script: pulumi.Input[Mapping[str, Any] | None] = None,
        branches: pulumi.Input[Sequence[pulumi.Input[FlowRouterBranchArgs | FlowRouterBranchArgsDict]] | None] = None,
        next_router_id: pulumi.Input[str | None] = None,
    ) -> None:
        """
        A branching step: sends each record down one or more branches.

        :param pulumi.Input[str] id: The router's id, chosen by you: `next_router_id` of other routers and
            branches refers to it.
        :param pulumi.Input[str] name: The router's name.
        :param pulumi.Input[str] route_records_to: Which branches a record takes, such as
            `"first_matching_branch"` or `"all_matching_branches"`.
        :param pulumi.Input[str] route_records_using: How branches are chosen: `"input_filters"` (each branch's
            `input_filter`) or `"script"`.
        :param pulumi.Input[Mapping[str, Any]] script: The routing script, when `route_records_using` is
            `"script"`; passed to integrator.io as given.
        :param pulumi.Input[Sequence[pulumi.Input[FlowRouterBranchArgs]]] branches: The router's branches, in
            order.
        :param pulumi.Input[str] next_router_id: The id of the router records go to after this one's branches.
        """
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
    def id(self) -> pulumi.Input[str | None]:
        """The router's id, chosen by you: `next_router_id` of other routers and branches refers to it."""
        return pulumi.get(self, "id")

    @id.setter
    def id(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "id", value)

    @property
    @pulumi.getter
    def name(self) -> pulumi.Input[str | None]:
        """The router's name."""
        return pulumi.get(self, "name")

    @name.setter
    def name(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "name", value)

    @property
    @pulumi.getter
    def route_records_to(self) -> pulumi.Input[str | None]:
        """Which branches a record takes, such as `"first_matching_branch"` or `"all_matching_branches"`."""
        return pulumi.get(self, "route_records_to")

    @route_records_to.setter
    def route_records_to(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "route_records_to", value)

    @property
    @pulumi.getter
    def route_records_using(self) -> pulumi.Input[str | None]:
        """How branches are chosen: `"input_filters"` (each branch's `input_filter`) or `"script"`."""
        return pulumi.get(self, "route_records_using")

    @route_records_using.setter
    def route_records_using(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "route_records_using", value)

    @property
    @pulumi.getter
    def script(self) -> pulumi.Input[Mapping[str, Any] | None]:
        """The routing script, when `route_records_using` is `"script"`; passed to integrator.io as given."""
        return pulumi.get(self, "script")

    @script.setter
    def script(self, value: pulumi.Input[Mapping[str, Any] | None]) -> None:
        pulumi.set(self, "script", value)

    @property
    @pulumi.getter
    def branches(self) -> pulumi.Input[Sequence[pulumi.Input[FlowRouterBranchArgs | FlowRouterBranchArgsDict]] | None]:
        """The router's branches, in order."""
        return pulumi.get(self, "branches")

    @branches.setter
    def branches(
        self, value: pulumi.Input[Sequence[pulumi.Input[FlowRouterBranchArgs | FlowRouterBranchArgsDict]] | None]
    ) -> None:
        pulumi.set(self, "branches", value)

    @property
    @pulumi.getter
    def next_router_id(self) -> pulumi.Input[str | None]:
        """The id of the router records go to after this one's branches."""
        return pulumi.get(self, "next_router_id")

    @next_router_id.setter
    def next_router_id(self, value: pulumi.Input[str | None]) -> None:
        pulumi.set(self, "next_router_id", value)


#: Where the nested input types hold other input types (see `_utilities.to_props`).
RESPONSE_MAPPING_SHAPE: Shape = {"fields": [{}], "lists": [{"fields": [{}]}]}
PAGE_PROCESSOR_SHAPE: Shape = {"response_mapping": RESPONSE_MAPPING_SHAPE, "hooks": {"post_response_map": {}}}
ROUTER_SHAPE: Shape = {"branches": [{"page_processors": [PAGE_PROCESSOR_SHAPE]}]}
