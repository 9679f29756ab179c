"""The Script provider: JavaScript that exports' and imports' hooks call (`hooks.<name>.script_id`).

Calls: create = 1 POST, plus, once per name per plugin process, 1 list and 1 GET per listed script of
that name (lists leave `content` out, where the marker is);
adopt = 1 GET (+ 1 PUT when it differs); read = 1 GET; update = GET + PUT; delete = `/dependencies` +
DELETE (refused while an export or import hook uses the script), or the DELETE alone with
`allow_delete_with_dependents=True`.

A script has no free-form field (no `settings`), so its create marker lives where the API keeps text
verbatim: a last line of `content`, `// pulumi-celigo create token: <token>`. It is hidden from diffs
and outputs, and kept by every update.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from typing import Any, ClassVar

from pulumi.dynamic import CheckFailure

from ..models import Script
from ._document import DocumentProvider

__all__ = ["ScriptInputs", "ScriptProvider"]

MARKER_LINE = "// pulumi-celigo create token: "
_MARKER = re.compile(r"\n?// pulumi-celigo create token: ([0-9a-f]+)\n?\Z")


class ScriptInputs(Script):
    """What a program may write: the script's fields and the provider's options."""

    adopt_id: str | None = None
    allow_delete_with_dependents: bool | None = None


class ScriptProvider(DocumentProvider):
    """Dynamic provider of `pulumi_celigo.Script`. Its module path and name are a promise to existing stacks."""

    KIND = "script"
    LABEL = "Script"
    COLLECTION = "scripts"
    DOCUMENT = Script
    INPUTS = ScriptInputs
    MANAGED_FIELDS: ClassVar[tuple[str, ...]] = ("name", "description", "content")

    def marker_of(self, doc: Any) -> str | None:
        match = _MARKER.search(doc.content or "")
        return match.group(1) if match else None

    def with_marker(self, body: dict[str, Any], token: str) -> dict[str, Any]:
        content = _MARKER.sub("", body.get("content") or "")
        body["content"] = f"{content}\n{MARKER_LINE}{token}\n"
        return body

    def without_marker(self, doc: Any) -> Any:
        if doc.content is None:
            return doc
        return doc.model_copy(update={"content": _MARKER.sub("", doc.content)})

    def marker_scope(self, desired: Any) -> Hashable:
        return ("name", desired.name)

    def markers_in(self, desired: Any) -> list[tuple[str, str | None]]:
        """Lists leave `content` out: each listed script of the desired name is read (usually none)."""
        named = [s.id for s in self.api().list() if s.id and s.name == desired.name]
        return [(doc_id, self.marker_of(self.api().get(doc_id))) for doc_id in named]

    def input_failures(self, inputs: Any, pending: Mapping[str, Any]) -> list[CheckFailure]:
        failures = super().input_failures(inputs, pending)
        if inputs.content is None and "content" not in pending:
            failures.append(CheckFailure("content", "content: is required: the script's JavaScript source"))
        return failures
