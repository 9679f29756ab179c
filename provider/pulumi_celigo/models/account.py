"""The resources a flow references: connections, exports, imports and integrations (section 5)."""

from __future__ import annotations

from typing import Any

from ._base import ApiModel


class Connection(ApiModel):
    id: str | None = None
    name: str | None = None
    type: str | None = None
    offline: bool | None = None
    http: dict[str, Any] | None = None


class Export(ApiModel):
    id: str | None = None
    name: str | None = None
    adaptor_type: str | None = None
    connection_id: str | None = None
    is_lookup: bool | None = None


class Import(ApiModel):
    id: str | None = None
    name: str | None = None
    adaptor_type: str | None = None
    connection_id: str | None = None


class FlowGrouping(ApiModel):
    id: str | None = None
    name: str | None = None


class Integration(ApiModel):
    id: str | None = None
    name: str | None = None
    description: str | None = None
    sandbox: bool | None = None
    flow_groupings: list[FlowGrouping] | None = None
