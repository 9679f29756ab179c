"""Connections (section 5). Exports, imports, integrations and scripts have modules of their own."""

from __future__ import annotations

from typing import Any

from ._base import ApiModel


class Connection(ApiModel):
    id: str | None = None
    name: str | None = None
    type: str | None = None
    offline: bool | None = None
    http: dict[str, Any] | None = None
