"""The flow document's rules, in one place: its canonical form, patch planning, the PUT merge, and
hiding the create marker.

Used by every provider that writes flows (Flow, FlowClone) and by the functions that show flows
(`get_flow`): they all agree on what a change is, how it is written, and what a person sees.
It lives in `models` because it is pure document logic (no HTTP, no Pulumi): dependencies keep
pointing one way (resources -> providers -> client -> models).

* `canonical(flow)`: the meaningful content of the managed fields: server defaults
  (`disabled: false`, empty lists), server-assigned ids (`pageGenerators[]._id`) and the create
  marker mean nothing, so a create or a refresh is never followed by a spurious diff.
* `plan_patch(old, desired)`: the PATCH operations (reference 4.1), or None when a PUT is needed.
* `merge_for_put(current, desired)`: the PUT body: managed fields from `desired`, everything else
  (other clients' fields, the marker, page generators' `_id`) from `current`.
* `hide_marker(settings)`, `public_outputs(flow)`: what a person sees, without the marker.
"""

from __future__ import annotations

import copy
from typing import Any

from ._base import ApiModel
from .flow import MARKER_KEY, Flow, PageGenerator, PatchOperation

#: Flow fields a program manages. Everything else on the flow document is left as the API has it.
MANAGED_FIELDS: tuple[str, ...] = (
    "name",
    "description",
    "disabled",
    "schedule",
    "timezone",
    "integration_id",
    "flow_grouping_id",
    "page_generators",
    "page_processors",
    "routers",
    "run_page_generators_in_parallel",
    "run_next_flow_ids",
    "skip_retries",
    "auto_resolve_matching_trace_keys",
    "settings",
    "aliases",
)
#: Values the API treats as the default when the field is absent.
DEFAULTS: dict[str, Any] = {
    "disabled": False,
    "skip_retries": False,
    "run_page_generators_in_parallel": False,
    "auto_resolve_matching_trace_keys": True,
    "proceed_on_failure": False,
}
#: Top-level fields PATCH can replace (reference 4.1), by model name.
PATCHABLE = {
    "name": "/name",
    "description": "/description",
    "schedule": "/schedule",
    "timezone": "/timezone",
    "disabled": "/disabled",
    "run_page_generators_in_parallel": "/runPageGeneratorsInParallel",
    "aliases": "/aliases",
}


def _meaningful(value: Any) -> Any:
    """A value with server defaults, server-assigned ids and empty containers taken out."""
    if isinstance(value, ApiModel):
        out: dict[str, Any] = {}
        for name in type(value).model_fields:
            if isinstance(value, PageGenerator) and name == "id":
                continue  # assigned by the server
            item = _meaningful(getattr(value, name))
            if item is None or item == {} or item == [] or DEFAULTS.get(name, object()) == item:
                continue
            out[name] = item
        return out
    if isinstance(value, list):
        return [_meaningful(v) for v in value]
    return value


def canonical(flow: Flow) -> dict[str, Any]:
    """The meaningful content of a flow's managed fields: equal canonical forms need no update."""
    out: dict[str, Any] = {}
    for name in MANAGED_FIELDS:
        value = getattr(flow, name)
        if name == "settings":
            value = hide_marker(value)
        item = _meaningful(value)
        if item is None or item == {} or item == [] or DEFAULTS.get(name, object()) == item:
            continue
        out[name] = item
    return out


def managed_document(desired: Flow) -> dict[str, Any]:
    """The managed fields of `desired`, in the API's names (what a create POSTs)."""
    managed = Flow.model_validate(
        {name: getattr(desired, name) for name in MANAGED_FIELDS if getattr(desired, name) is not None}
    )
    return managed.to_api()


def _api_name(field: str) -> str:
    alias = Flow.model_fields[field].alias
    return alias or field


def merge_for_put(current: dict[str, Any], desired: Flow) -> dict[str, Any]:
    """The document to PUT: the current one with every managed field set to the desired value.

    Unmanaged fields (and the create marker in `settings`) are kept; page generators keep the
    `_id` the server gave them when they still run the same export.
    """
    body = copy.deepcopy(current)
    wanted = managed_document(desired)
    for field in MANAGED_FIELDS:
        key = _api_name(field)
        if key in wanted:
            body[key] = wanted[key]
        else:
            body.pop(key, None)
    marker = (current.get("settings") or {}).get(MARKER_KEY)
    if marker is not None:
        body["settings"] = {**body.get("settings", {}), MARKER_KEY: marker}
    old_pgs = current.get("pageGenerators") or []
    for index, pg in enumerate(body.get("pageGenerators") or []):
        if index < len(old_pgs) and old_pgs[index].get("_exportId") == pg.get("_exportId") and "_id" in old_pgs[index]:
            pg["_id"] = old_pgs[index]["_id"]
    return body


def plan_patch(old: Flow, desired: Flow) -> list[PatchOperation] | None:
    """PATCH operations that bring `old` to `desired`, or None when some change needs a PUT."""
    want, have = canonical(desired), canonical(old)
    ops: list[PatchOperation] = []
    for field in MANAGED_FIELDS:
        if want.get(field) == have.get(field):
            continue
        if field in PATCHABLE:
            value = getattr(desired, field)
            if value is None:
                if field not in DEFAULTS and field != "aliases":
                    return None  # removing a string field: only a PUT can erase it
                value = DEFAULTS.get(field, [])
            ops.append(PatchOperation(path=PATCHABLE[field], value=value))
        elif field == "page_generators":
            pg_ops = _patch_page_generators(old.page_generators or [], desired.page_generators or [])
            if pg_ops is None:
                return None
            ops.extend(pg_ops)
        else:
            return None
    return ops


def _patch_page_generators(old: list[PageGenerator], new: list[PageGenerator]) -> list[PatchOperation] | None:
    if len(old) != len(new):
        return None
    ops: list[PatchOperation] = []
    for index, (before, after) in enumerate(zip(old, new, strict=True)):
        a, b = _meaningful(before), _meaningful(after)
        rest_a = {k: v for k, v in a.items() if k not in ("schedule", "skip_retries")}
        rest_b = {k: v for k, v in b.items() if k not in ("schedule", "skip_retries")}
        if rest_a != rest_b:
            return None
        if a.get("schedule") != b.get("schedule"):
            if after.schedule is None:
                return None
            ops.append(PatchOperation(path=f"/pageGenerators/{index}/schedule", value=after.schedule))
        if a.get("skip_retries") != b.get("skip_retries"):
            ops.append(PatchOperation(path=f"/pageGenerators/{index}/skipRetries", value=bool(after.skip_retries)))
    return ops


def apply_patch(document: dict[str, Any], ops: list[PatchOperation]) -> dict[str, Any]:
    """What the API's document becomes after the PATCH (it answers 204 with no body)."""
    doc = copy.deepcopy(document)
    for op in ops:
        *parents, last = op.path.strip("/").split("/")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target.setdefault(part, {})
        target[last] = op.value
    return doc


def hide_marker(settings: dict[str, Any] | None) -> dict[str, Any] | None:
    """`settings` without the create marker (None when nothing else is left)."""
    rest = {k: v for k, v in (settings or {}).items() if k != MARKER_KEY}
    return rest or None


def public_outputs(flow: Flow) -> dict[str, Any]:
    """Every known field of the flow in the program's snake_case names, without the create marker:
    what a resource's outputs and `get_flow` show."""
    outs = {k: v for k, v in flow.to_python().items() if k in Flow.model_fields}
    settings = hide_marker(outs.pop("settings", None))
    if settings:
        outs["settings"] = settings
    return outs
