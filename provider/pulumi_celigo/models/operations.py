"""Request and response documents of the flow operations: clone, run, jobs, audit, dependencies."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ._base import ApiModel


class CloneRequest(ApiModel):
    integration_id: str
    connection_map: dict[str, str] = Field(default_factory=dict, alias="connectionMap")
    name: str | None = None
    flow_grouping_id: str | None = None


class ManifestEntry(ApiModel):
    model: str
    id: str


class CloneManifest(ApiModel):
    """What `POST /flows/{id}/clone` created, grouped by model."""

    entries: list[ManifestEntry]

    @property
    def flow_id(self) -> str:
        flows = [e.id for e in self.entries if e.model == "Flow"]
        if len(flows) != 1:
            raise ValueError(f"clone manifest names {len(flows)} flows, expected exactly one")
        return flows[0]

    def ids_of(self, model: str) -> list[str]:
        return [e.id for e in self.entries if e.model == model]


class ExportWindow(ApiModel):
    start_date: str | None = None
    end_date: str | None = None


class RunRequest(ApiModel):
    export: ExportWindow | None = None
    export_ids: list[str] | None = None


class Job(ApiModel):
    id: str
    type: str | None = None
    flow_id: str | None = None
    integration_id: str | None = None
    status: str | None = None
    started_at: str | None = None
    ended_at: str | None = None
    num_success: int | None = None
    num_error: int | None = None
    num_ignore: int | None = None
    created_at: str | None = None
    last_modified: str | None = None

    @property
    def finished(self) -> bool:
        return self.status in JOB_FINAL_STATUSES


JOB_FINAL_STATUSES = frozenset({"completed", "failed", "canceled"})


class JobError(ApiModel):
    code: str | None = None
    message: str | None = None
    source: str | None = None
    occurred_at: str | None = None


class AuditUser(ApiModel):
    id: str | None = None
    email: str | None = None
    name: str | None = None


class FieldChange(ApiModel):
    field_path: str
    old_value: Any = None
    new_value: Any = None


class AuditEntry(ApiModel):
    id: str
    resource_type: str | None = None
    resource_id: str | None = None
    source: str | None = None
    event: str | None = None
    time: str | None = None
    by_user: AuditUser | None = None
    field_changes: list[FieldChange] = Field(default_factory=list)


class DependencyRef(ApiModel):
    # Dependencies name their ids `id`, without the underscore.
    id: str = Field(alias="id")
    name: str | None = None


class Dependencies(ApiModel):
    """Resources that use a flow, keyed by plural resource type (`flows`, ...); empty when none."""

    flows: list[DependencyRef] = Field(default_factory=list)

    def all(self) -> dict[str, list[DependencyRef]]:
        """Every dependent, known types and any the model does not name."""
        found: dict[str, list[DependencyRef]] = {}
        if self.flows:
            found["flows"] = list(self.flows)
        for key, value in (self.model_extra or {}).items():
            if isinstance(value, list) and value:
                found[key] = [DependencyRef.model_validate(v) for v in value]
        return found


class TemplateLink(ApiModel):
    signed_url: str = Field(alias="signedURL")


class TokenInfo(ApiModel):
    user_id: str | None = None
    scope: Any = None
