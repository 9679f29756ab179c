"""The integration document (reference section 5.2): a container of flows, with flow groupings."""

from __future__ import annotations

from typing import Any

from ._base import ApiModel


class FlowGrouping(ApiModel):
    """A group of the integration's flows, as the UI shows them. The server assigns `id` (`_id`)."""

    id: str | None = None
    name: str | None = None


class Integration(ApiModel):
    id: str | None = None
    name: str | None = None
    description: str | None = None
    readme: str | None = None
    sandbox: bool | None = None
    flow_groupings: list[FlowGrouping] | None = None
    registered_connection_ids: list[str] | None = None
    settings: dict[str, Any] | None = None
    # Server-owned, read-only.
    created_at: str | None = None
    last_modified: str | None = None
