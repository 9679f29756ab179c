"""Turn client errors into messages for the person running `pulumi up`: which resource, which
field (in the program's snake_case names), what the API said, and what to do."""

from __future__ import annotations

import re

from ..client import ApiError, CeligoError, ForbiddenError, NotFoundError, UnauthorizedError
from ..errors import ResourceError

_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def python_field_path(api_path: str) -> str:
    """`pageProcessors[1]._importId` or `pageProcessors.1._importId` -> `page_processors[1].import_id`."""
    out = ""
    for name, index in _SEGMENT.findall(api_path):
        if index or name.isdigit():
            out += f"[{index or name}]"
            continue
        snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in name.lstrip("_")).lstrip("_")
        out += f".{snake}" if out else snake
    return out


def describe(resource: str, operation: str, error: CeligoError) -> ResourceError:
    """`Flow "Orders sync": create failed: ...` with the fields translated to the program's names."""
    head = f"{resource}: {operation} failed"
    if isinstance(error, ApiError) and error.details and not isinstance(error, (UnauthorizedError, ForbiddenError)):
        parts = []
        for detail in error.details:
            where = f"{python_field_path(detail.field)}: " if detail.field else ""
            code = f" ({detail.code})" if detail.code else ""
            parts.append(f"{where}{detail.message or 'rejected'}{code}")
        return ResourceError(f"{head}: the API answered HTTP {error.status}: " + "; ".join(parts))
    if isinstance(error, ForbiddenError):
        return ResourceError(
            f"{head}: the API token may not {operation} ({error.method} {error.path} answered 403). "
            "Use a full-access token, or a custom token whose scope includes this flow and integration."
        )
    if isinstance(error, NotFoundError):
        return ResourceError(f"{head}: {error}")
    return ResourceError(f"{head}: {error}")
