"""Results of local-engine operations: what happened to each resource, and stack outputs."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from ._values import is_unknown

__all__ = ["OPS", "DeploymentError", "OperationResult", "ResourceChange"]

Op = Literal["create", "update", "replace", "delete", "same", "read"]
Kind = Literal["update", "preview", "refresh", "destroy"]

#: Every operation a :class:`ResourceChange` can report.
OPS: tuple[Op, ...] = ("create", "update", "replace", "delete", "same", "read")

# How Pulumi's summary names each operation (symbol, planned wording, done wording).
_WORDS: dict[str, tuple[str, str, str]] = {
    "create": ("+ ", "to create", "created"),
    "update": ("~ ", "to update", "updated"),
    "replace": ("+-", "to replace", "replaced"),
    "delete": ("- ", "to delete", "deleted"),
}


@dataclass
class ResourceChange:
    """What an operation did (or, in a preview, would do) to one resource.

    ``diffs`` are the top-level keys that differ between the old and new checked inputs
    (for a refresh: between the old and new outputs), ``replaces`` the keys the provider
    said force a replacement.
    """

    urn: str
    type: str
    op: Op
    diffs: list[str] = field(default_factory=list)
    replaces: list[str] = field(default_factory=list)
    id: str | None = None
    old_id: str | None = None

    @property
    def name(self) -> str:
        """The resource's logical name."""
        return self.urn.split("::", 3)[-1]


@dataclass
class OperationResult:
    """The outcome of ``up``/``preview``/``refresh``/``destroy``.

    ``outputs`` are the stack outputs with secrets unwrapped (``secret_outputs`` names the
    secret ones); in a preview, values not known yet are ``pulumi.output.Unknown``.
    """

    kind: Kind
    changes: list[ResourceChange] = field(default_factory=list)
    outputs: dict[str, Any] = field(default_factory=dict)
    secret_outputs: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    #: For ``up``: the preview that ran first (unless ``skip_preview``).
    preview: OperationResult | None = None

    def counts(self) -> dict[str, int]:
        """Number of resources per operation."""
        return dict(Counter(change.op for change in self.changes))

    def ops(self) -> dict[str, str]:
        """``{logical name: operation}`` (use :meth:`by_urn` when names repeat)."""
        return {change.name: change.op for change in self.changes}

    def by_urn(self) -> dict[str, ResourceChange]:
        """``{urn: change}``."""
        return {change.urn: change for change in self.changes}

    def change(self, name: str) -> ResourceChange:
        """The change of the resource with this logical name or URN."""
        for change in self.changes:
            if name in (change.name, change.urn):
                return change
        raise KeyError(f"no resource named {name!r} in this {self.kind} (have: {sorted(self.ops())})")

    def of(self, op: str) -> list[str]:
        """Logical names of the resources with operation ``op``."""
        return [change.name for change in self.changes if change.op == op]

    @property
    def changed(self) -> bool:
        """True if anything was (or would be) created, updated, replaced or deleted."""
        return any(change.op in _WORDS for change in self.changes)

    def summary(self) -> str:
        """A one-line summary like Pulumi's, e.g. ``"+ 2 to create, ~ 1 to update, 3 unchanged"``.

        Previews use Pulumi's planned wording (``to create``); other operations the past
        tense (``created``). Reads are not counted, as in Pulumi.
        """
        counts = self.counts()
        planned = self.kind == "preview"
        parts = []
        for op, (symbol, todo, done) in _WORDS.items():
            if counts.get(op):
                parts.append(f"{symbol}{counts[op]} {todo if planned else done}")
        if counts.get("same") or not parts:
            parts.append(f"{counts.get('same', 0)} unchanged")
        return ", ".join(parts)

    def report(self) -> str:
        """A multi-line report like the CLI's: one line per resource, the summary, the outputs.

        Secret outputs are shown as ``[secret]``, values not known yet as ``[unknown]``.
        """
        symbols = {"create": "+", "update": "~", "replace": "+-", "delete": "-", "same": " ", "read": ">"}
        lines = []
        for change in self.changes:
            detail = f" [diff: {', '.join(change.diffs)}]" if change.diffs else ""
            lines.append(f"{symbols[change.op]:>2} {change.type} {change.name} {change.op}{detail}")
        lines.append(f"Resources: {self.summary()}")
        if self.outputs:
            lines.append("Outputs:")
            for key in sorted(self.outputs):
                value = self.outputs[key]
                if key in self.secret_outputs:
                    shown = "[secret]"
                elif is_unknown(value):
                    shown = "[unknown]"
                else:
                    shown = json.dumps(value, default=lambda v: "[unknown]" if is_unknown(v) else repr(v))
                lines.append(f"    {key}: {shown}")
        return "\n".join(lines)


class DeploymentError(Exception):
    """An operation failed; ``errors`` lists every message (check failures, provider errors).

    ``result`` holds what had happened before the failure (state is saved up to there).
    """

    def __init__(self, kind: str, errors: list[str], result: OperationResult | None = None) -> None:
        self.kind = kind
        self.errors = list(errors)
        self.result = result
        lines = "\n".join(f"  - {e}" for e in self.errors) or "  (no details)"
        super().__init__(f"{kind} failed:\n{lines}")
