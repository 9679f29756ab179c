"""Audit log entries and the field-level diffs they carry.

A change is reported leaf by leaf with dotted paths (``pageProcessors.0.responseMapping.fields.0.generate``);
an empty object or array is a leaf of its own, and a field that appears or disappears has
``null`` on the missing side. Server bookkeeping (``lastModified``, ``lastExecutedAt``, ...)
is not a change anyone made and is left out.
"""

from __future__ import annotations

from typing import Any

from .ids import new_object_id, now_iso
from .masking import MASK, is_credential_path
from .store import Doc

# Fields the server rewrites by itself: never reported as changes.
BOOKKEEPING = frozenset({"_id", "createdAt", "lastModified", "lastExecutedAt", "resolvedAt"})

USER = {"_id": "5e3c0d2a9f1b4c0012ab34cd", "email": "emulator@example.com", "name": "Emulator User"}


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Leaf values by dotted path."""
    if isinstance(value, dict) and value:
        result: dict[str, Any] = {}
        for key, item in value.items():
            result.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return result
    if isinstance(value, list) and value:
        result = {}
        for index, item in enumerate(value):
            result.update(flatten(item, f"{prefix}.{index}" if prefix else str(index)))
        return result
    return {prefix: value}


def _same(a: Any, b: Any) -> bool:
    # JSON equality: true is not 1.
    return type(a) is type(b) and a == b


def field_changes(old: Doc, new: Doc, *, mask_credentials: bool = False) -> list[dict[str, Any]]:
    """Every changed leaf between two versions of a document, in document order."""
    before = flatten({k: v for k, v in old.items() if k not in BOOKKEEPING})
    after = flatten({k: v for k, v in new.items() if k not in BOOKKEEPING})
    before.pop("", None)
    after.pop("", None)
    changes: list[dict[str, Any]] = []
    for path in list(before) + [p for p in after if p not in before]:
        old_value, new_value = before.get(path), after.get(path)
        if (path in before) == (path in after) and _same(old_value, new_value):
            continue
        if mask_credentials and is_credential_path(path):
            old_value = MASK if old_value is not None else None
            new_value = MASK if new_value is not None else None
        changes.append({"fieldPath": path, "oldValue": old_value, "newValue": new_value})
    return changes


def audit_entry(resource_type: str, resource_id: str, event: str, changes: list[dict[str, Any]]) -> Doc:
    return {
        "_id": new_object_id(),
        "resourceType": resource_type,
        "_resourceId": resource_id,
        "source": "api",
        "event": event,
        "time": now_iso(),
        "byUser": dict(USER),
        "fieldChanges": changes,
    }
