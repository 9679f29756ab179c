"""The flow document and its steps (reference section 4.2)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from ._base import ApiModel

#: Fields the server owns: a PUT keeps them whatever the body says, and clients never write them.
SERVER_OWNED_FIELDS = frozenset(
    {
        "id",
        "created_at",
        "last_modified",
        "last_executed_at",
        "resolved_at",
        "free",
        "template_id",
        "source_id",
        "connector_id",
        "export_id",
        "import_id",
        "logging",
    }
)


#: Where a create leaves its marker: a key of the flow's free-form `settings` (the one free-form
#: field the API is documented to keep), hidden from diffs and outputs.
MARKER_KEY = "pulumiCeligo"
#: The marker's entry: `settings.pulumiCeligo.createToken`.
MARKER_TOKEN = "createToken"


def marker_token(settings: dict[str, Any] | None) -> str | None:
    """The create marker a flow's `settings` carries, if any."""
    marker = (settings or {}).get(MARKER_KEY)
    token = marker.get(MARKER_TOKEN) if isinstance(marker, dict) else None
    return token if isinstance(token, str) else None


class MappedField(ApiModel):
    extract: str | None = None
    generate: str | None = None


class MappedList(ApiModel):
    generate: str | None = None
    fields: list[MappedField] | None = None


class ResponseMapping(ApiModel):
    fields: list[MappedField] | None = None
    lists: list[MappedList] | None = None


class HookRef(ApiModel):
    function: str | None = None
    script_id: str | None = None


class PageProcessorHooks(ApiModel):
    post_response_map: HookRef | None = None


class PageGenerator(ApiModel):
    """A source step. The server assigns `id` (`_id`) to each entry."""

    id: str | None = None
    export_id: str | None = None
    schedule: str | None = None
    skip_retries: bool | None = None
    keep_delta_behind_flow_id: str | None = None
    keep_delta_behind_export_id: str | None = None


class PageProcessor(ApiModel):
    """A destination or lookup step: `type` "import" needs `import_id`, "export" needs `export_id`."""

    type: Literal["export", "import"] | None = None
    export_id: str | None = None
    import_id: str | None = None
    proceed_on_failure: bool | None = None
    response_mapping: ResponseMapping | None = None
    hooks: PageProcessorHooks | None = None


class RouterBranch(ApiModel):
    name: str | None = None
    description: str | None = None
    input_filter: dict[str, Any] | None = None
    page_processors: list[PageProcessor] | None = None
    next_router_id: str | None = Field(default=None, alias="nextRouterId")


class Router(ApiModel):
    # Router ids are client-chosen strings without the usual underscore.
    id: str | None = Field(default=None, alias="id")
    name: str | None = None
    route_records_to: str | None = None
    route_records_using: str | None = None
    script: dict[str, Any] | None = None
    branches: list[RouterBranch] | None = None
    next_router_id: str | None = Field(default=None, alias="nextRouterId")


class FlowLogging(ApiModel):
    debug_until: str | None = None


class Flow(ApiModel):
    """An integrator.io flow. Timestamps stay ISO-8601 strings so they round-trip byte for byte."""

    id: str | None = None
    name: str | None = None
    description: str | None = None
    disabled: bool | None = None
    schedule: str | None = None
    timezone: str | None = None
    integration_id: str | None = None
    flow_grouping_id: str | None = None
    page_generators: list[PageGenerator] | None = None
    page_processors: list[PageProcessor] | None = None
    routers: list[Router] | None = None
    run_page_generators_in_parallel: bool | None = None
    run_next_flow_ids: list[str] | None = None
    skip_retries: bool | None = None
    auto_resolve_matching_trace_keys: bool | None = None
    settings: dict[str, Any] | None = None
    aliases: list[Any] | None = None
    logging: FlowLogging | None = None
    # Server-owned, read-only.
    free: bool | None = None
    template_id: str | None = None
    source_id: str | None = None
    connector_id: str | None = None
    export_id: str | None = None
    import_id: str | None = None
    created_at: str | None = None
    last_modified: str | None = None
    last_executed_at: str | None = None
    resolved_at: str | None = None


class PatchOperation(ApiModel):
    """One JSON-Patch operation; PATCH accepts only `replace` (and `remove` of /logging/debugUntil)."""

    op: Literal["replace", "remove"] = "replace"
    path: str
    value: Any = None

    def to_api(self) -> dict[str, Any]:
        body: dict[str, Any] = {"op": self.op, "path": self.path}
        if self.op == "replace":
            body["value"] = self.value
        return body
