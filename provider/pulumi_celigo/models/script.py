"""The script document (reference section 5.2): JavaScript that exports' and imports' hooks call."""

from __future__ import annotations

from ._base import ApiModel


class Script(ApiModel):
    """`content` comes back only from `GET /scripts/{id}` (and POST/PUT answers), never in lists."""

    id: str | None = None
    name: str | None = None
    description: str | None = None
    content: str | None = None
    # Server-owned, read-only.
    created_at: str | None = None
    last_modified: str | None = None
