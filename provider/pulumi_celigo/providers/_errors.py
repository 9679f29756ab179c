"""Turn client errors into messages for the person running `pulumi up`: which resource, which
field (in the program's snake_case names), what the API said, and what to do.

One translator for providers and functions: `with translate(label, "create"):` turns any
`CeligoError` raised inside into a `ResourceError` (as httpx maps transport exceptions at one place).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from ..client import ApiError, CeligoError, ForbiddenError, NotFoundError, UnauthorizedError
from ..errors import ResourceError

_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
#: Where a person finds an id of each kind, for messages that ask them to check one.
ID_HINTS = {
    "flow": "integrator.io > Flow builder > the flow's URL",
    "integration": "integrator.io > Integrations > the integration's URL",
    "connection": "integrator.io > Resources > Connections > the connection's URL",
    "export": "integrator.io > Resources > Exports > the export's URL",
    "import": "integrator.io > Resources > Imports > the import's URL",
    "script": "integrator.io > Resources > Scripts > the script's URL",
}


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


def not_found(label: str, what: str, id_: str, kind: str = "flow") -> ResourceError:
    """The one message for an id that names nothing: `<label>: <what> <id> names no <kind> ...`."""
    where = f" ({ID_HINTS[kind]})" if kind in ID_HINTS else ""
    return ResourceError(
        f"{label}: {what} {id_!r} names no {kind} this API token can see: check the id{where} and the token's scope"
    )


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
    return ResourceError(f"{head}: {error}")


@contextmanager
def translate(
    label: str, operation: str, *, what: str | None = None, id: str | None = None, kind: str = "flow"
) -> Iterator[None]:
    """Raise a `ResourceError` for people in place of any `CeligoError` raised inside the block.

    With `what` and `id` (e.g. `what="flow_id"`), a 404 means that id names nothing: `not_found`.
    A 404 from a signed download URL means the link expired. Anything else: `describe`.
    """
    try:
        yield
    except NotFoundError as exc:
        if exc.path == "<signed URL>":
            raise ResourceError(
                f"{label}: {operation} failed: the download link expired before it was used; try again"
            ) from None
        if what is not None and id is not None:
            raise not_found(label, what, id, kind) from None
        raise describe(label, operation, exc) from None
    except CeligoError as exc:
        raise describe(label, operation, exc) from None
