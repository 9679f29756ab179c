"""The FlowClone provider: promote a flow into another integration (environment) by cloning it.

`POST /flows/{id}/clone` copies the flow and its exports and imports, rewriting their connections
through `connection_map`. The copy starts disabled, without schedule and run-next links, so the
create applies the program's `schedule`, `timezone` and `disabled` in the same step (one PATCH):
a promoted flow is complete after one `pulumi up`.

Conventions (see ARCHITECTURE.md):
* `check` makes no API call. The connection map is verified at the start of `create`, before any
  write: every connection the source flow's steps use must be mapped, every target must exist;
  otherwise the error lists everything that is missing and nothing is written.
* The clone POST is never repeated blindly (`_writes.write_once`): the clones of the source in the
  target integration are listed before it; after an unknown outcome they are listed again (during
  the error's settle window), and a new clone with the requested name is taken as ours.
* `source_flow_id`, `integration_id` and `connection_map` are what the clone was made from: a
  change replaces it (`REPLACE_ON_CHANGES`). `name`, `schedule`, `timezone`, `disabled` and
  `flow_grouping_id` are updated in place.
* Delete removes the flow *and* the exports and imports the clone created: nothing is orphaned.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import Any, ClassVar

import pulumi
from pulumi.dynamic import CheckFailure, CreateResult, DiffResult, ReadResult, UpdateResult

from .. import validation
from ..client import CeligoError, ConflictError, NotFoundError
from ..errors import ResourceError
from ..models import ApiModel, CloneRequest, Flow
from ..models.flow_document import apply_patch, merge_for_put, plan_patch
from ._base import CeligoProvider, is_get, is_unknown, refuse_malformed_id, unplanned_replacement, user_inputs
from ._errors import not_found, translate
from ._writes import write_once

#: Inputs that say what the clone was made from: a change makes a new clone.
REPLACE_FIELDS: tuple[str, ...] = ("source_flow_id", "integration_id", "connection_map")
#: Inputs of the cloned flow that are updated in place.
UPDATE_FIELDS: tuple[str, ...] = ("name", "schedule", "timezone", "disabled", "flow_grouping_id")
#: Fields of the cloned flow written by PATCH (or, to erase the schedule, GET + PUT); the flow
#: grouping has its own endpoint (`updateFlowGrouping`).
IN_PLACE: tuple[str, ...] = ("name", "schedule", "timezone", "disabled")
#: What a fresh clone is (reference 4.3): disabled, without schedule, with the source's time zone.
FRESH_CLONE = Flow(disabled=True)


class FlowCloneInputs(ApiModel):
    """What a program may write (snake_case names; checked strictly)."""

    source_flow_id: str | None = None
    integration_id: str | None = None
    connection_map: dict[str, str] | None = None
    name: str | None = None
    flow_grouping_id: str | None = None
    schedule: str | None = None
    timezone: str | None = None
    disabled: bool | None = None


def _label(name: Any) -> str:
    return f'FlowClone "{name}"' if isinstance(name, str) else "FlowClone"


def _semantic_failures(inputs: FlowCloneInputs, pending: Mapping[str, Any]) -> list[CheckFailure]:
    failures: list[CheckFailure] = []

    def fail(prop: str, message: str) -> None:
        failures.append(CheckFailure(prop, message))

    for required, hint in (
        ("source_flow_id", "the id of the flow to clone (for example the dev stack's flow id)"),
        ("integration_id", "the id of the integration (environment) to clone the flow into"),
        ("name", "the cloned flow's name"),
    ):
        if required not in inputs.model_fields_set and required not in pending:
            fail(required, f"{required}: is required: {hint}")
    for prop in ("source_flow_id", "integration_id", "flow_grouping_id"):
        value = getattr(inputs, prop)
        if value is not None and (problem := validation.object_id_problem(value)):
            fail(prop, f"{prop}: {problem}")
    for source, target in (inputs.connection_map or {}).items():
        if problem := validation.object_id_problem(source):
            fail("connection_map", f"connection_map: key {problem} (keys are the source flow's connection ids)")
        if problem := validation.object_id_problem(target):
            fail("connection_map", f"connection_map[{source!r}]: {problem} (values are the target connection ids)")
    if inputs.name is not None and (problem := validation.name_problem(inputs.name)):
        fail("name", f"name: {problem}")
    if inputs.schedule is not None and (problem := validation.cron_problem(inputs.schedule)):
        fail("schedule", f"schedule: {problem}")
    if inputs.timezone is not None and (problem := validation.timezone_problem(inputs.timezone)):
        fail("timezone", f"timezone: {problem}")
    return failures


def _parse_desired(props: Mapping[str, Any]) -> FlowCloneInputs:
    """Checked inputs; values unknown during a preview are left out."""
    known = {k: v for k, v in user_inputs(props).items() if k in FlowCloneInputs.model_fields and not is_unknown(v)}
    return FlowCloneInputs.model_validate(known, by_alias=False, by_name=True)


def desired_view(inputs: FlowCloneInputs) -> dict[str, Any]:
    """The canonical form of the program's inputs. `timezone` appears only when the program sets it:
    otherwise the clone keeps the source's, whatever it is."""
    view: dict[str, Any] = {
        "source_flow_id": inputs.source_flow_id,
        "integration_id": inputs.integration_id,
        "connection_map": dict(inputs.connection_map or {}),
        "name": inputs.name,
        "schedule": inputs.schedule,
        "disabled": bool(inputs.disabled),
        "flow_grouping_id": inputs.flow_grouping_id,
    }
    if inputs.timezone is not None:
        view["timezone"] = inputs.timezone
    return view


def state_view(outs: Mapping[str, Any]) -> dict[str, Any]:
    """The same canonical form, of the state's outputs."""
    return {
        "source_flow_id": outs.get("source_flow_id"),
        "integration_id": outs.get("integration_id"),
        "connection_map": dict(outs.get("connection_map") or {}),
        "name": outs.get("name"),
        "schedule": outs.get("schedule"),
        "timezone": outs.get("timezone"),
        "disabled": bool(outs.get("disabled")),
        "flow_grouping_id": outs.get("flow_grouping_id"),
    }


def _outputs(
    flow: Flow, source_flow_id: str, connection_map: Mapping[str, str], export_ids: list[str], import_ids: list[str]
) -> dict[str, Any]:
    """State outputs: the clone's inputs in canonical form, the copies it made and the server's fields."""
    outs: dict[str, Any] = {
        "flow_id": flow.id,
        "source_flow_id": source_flow_id,
        "integration_id": flow.integration_id,
        "connection_map": dict(connection_map),
        "name": flow.name,
        "schedule": flow.schedule,
        "timezone": flow.timezone,
        "disabled": bool(flow.disabled),
        "flow_grouping_id": flow.flow_grouping_id,
        "export_ids": list(export_ids),
        "import_ids": list(import_ids),
        "created_at": flow.created_at,
        "last_modified": flow.last_modified,
    }
    return {k: v for k, v in outs.items() if v is not None}


def _inputs_from(outs: Mapping[str, Any]) -> dict[str, Any]:
    """Inputs that would produce these outputs: what `read` reports, so refresh-then-diff is honest."""
    keys = (*REPLACE_FIELDS, *UPDATE_FIELDS)
    return {k: outs[k] for k in keys if outs.get(k) is not None}


def _with(flow: Flow, want: Mapping[str, Any], fields: tuple[str, ...] = IN_PLACE) -> Flow:
    """`flow` with the `fields` of `want` (a canonical view) that the program sets."""
    return flow.model_copy(update={f: want[f] for f in fields if f in want})


class FlowCloneProvider(CeligoProvider):
    """Dynamic provider of `pulumi_celigo.FlowClone`. Its module path and name are a promise to existing stacks."""

    INPUTS = FlowCloneInputs
    REPLACE_ON_CHANGES: ClassVar[frozenset[str]] = frozenset(REPLACE_FIELDS)

    # ---- check -----------------------------------------------------------------------------
    def input_failures(self, inputs: FlowCloneInputs, pending: Mapping[str, Any]) -> list[CheckFailure]:
        return _semantic_failures(inputs, pending)

    # ---- diff ------------------------------------------------------------------------------
    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        pending = {k for k, v in user_inputs(news).items() if is_unknown(v)}
        have, want = state_view(olds), desired_view(_parse_desired(news))
        changes = []
        for field in (*REPLACE_FIELDS, *UPDATE_FIELDS):
            if field in pending or (field in want and want[field] != have.get(field)):
                changes.append(field)
        # A value not known yet does not by itself re-clone (see `unplanned_replacement`).
        replaces = [f for f in changes if f in self.REPLACE_ON_CHANGES and f not in pending]
        return DiffResult(changes=bool(changes), replaces=replaces, delete_before_replace=False)

    # ---- create ----------------------------------------------------------------------------
    def create(self, props: dict[str, Any]) -> CreateResult:
        desired = _parse_desired(props)
        label = _label(desired.name)
        assert desired.source_flow_id is not None and desired.integration_id is not None
        self._verify_connection_map(desired, label)
        flow_id, export_ids, import_ids = self._clone_once(desired, label)
        with translate(label, "create (setting schedule, timezone and disabled on the clone; the clone was removed)"):
            try:
                # What a fresh clone lacks: schedule, time zone and enabled state as the program says.
                ops = plan_patch(
                    FRESH_CLONE, _with(FRESH_CLONE, desired_view(desired), ("schedule", "timezone", "disabled"))
                )
                assert ops is not None  # setting these top-level fields is always a PATCH
                if ops:
                    self.client.flows.patch(flow_id, ops)
                flow = self.client.flows.get(flow_id)  # after the PATCH: outputs exactly as the API has them
            except CeligoError:
                self._roll_back(flow_id, export_ids, import_ids)
                raise
        outs = _outputs(flow, desired.source_flow_id, desired.connection_map or {}, export_ids, import_ids)
        return CreateResult(flow_id, outs)

    def _verify_connection_map(self, desired: FlowCloneInputs, label: str) -> None:
        """Refuse, before any write, a map that misses a connection of the source or names no connection."""
        assert desired.source_flow_id is not None
        connection_map = desired.connection_map or {}
        with translate(
            label, "create (reading the source flow's steps)", what="source_flow_id", id=desired.source_flow_id
        ):
            exports, imports = self.client.flows.descendants(desired.source_flow_id)
        used: dict[str, list[str]] = {}
        for kind, steps in (("export", exports), ("import", imports)):
            for step in steps:
                if step.connection_id:
                    used.setdefault(step.connection_id, []).append(f'{kind} "{step.name}" ({step.id})')
        missing_sources = [c for c in used if c not in connection_map]
        with translate(label, "create (listing the connections, to check connection_map's targets)"):
            # One list (ids and names only) answers for every target and names the unmapped sources.
            names = {c.id: c.name or "" for c in self.client.connections.list(include="name") if c.id}
        missing_targets = [(source, target) for source, target in connection_map.items() if target not in names]
        source_names = {c: names.get(c) for c in missing_sources}
        if not missing_sources and not missing_targets:
            return
        lines = [f"{label}: create refused, nothing was written: connection_map does not fit the source flow."]
        if missing_sources:
            lines.append("Connections the source flow uses that connection_map does not map:")
            for c in missing_sources:
                name = f'"{source_names[c]}"' if source_names[c] else "(connection not found)"
                lines.append(f"  - {c} {name}, used by {', '.join(used[c])}")
        if missing_targets:
            lines.append("Target connections that do not exist (or that this token cannot see):")
            for source, target in missing_targets:
                lines.append(f"  - connection_map[{source!r}] = {target!r}")
        lines.append(
            "Fix connection_map: map every connection the source flow uses to the connection the clone should use "
            "in the target environment (map an id to itself to keep the same connection), and point every entry "
            "at an existing connection."
        )
        raise ResourceError("\n".join(lines))

    def _clones_of(self, desired: FlowCloneInputs) -> list[Flow]:
        """The flows of the target integration that are clones of the source flow."""
        found = self.client.flows.list(integration_id=desired.integration_id, include=["_sourceId"])
        return [f for f in found if f.source_id == desired.source_flow_id and f.id]

    def _clone_once(self, desired: FlowCloneInputs, label: str) -> tuple[str, list[str], list[str]]:
        """POST the clone exactly once, however the network behaves; return the flow and copies' ids."""
        assert desired.source_flow_id is not None and desired.integration_id is not None
        fields: dict[str, Any] = {
            "integration_id": desired.integration_id,
            "connection_map": dict(desired.connection_map or {}),
            "name": desired.name,
        }
        if desired.flow_grouping_id is not None:
            fields["flow_grouping_id"] = desired.flow_grouping_id
        request = CloneRequest(**fields)
        with translate(label, "create (listing the target integration's flows)"):
            before = {f.id for f in self._clones_of(desired)}

        def clone() -> tuple[str, list[str], list[str]]:
            assert desired.source_flow_id is not None
            manifest = self.client.flows.clone(desired.source_flow_id, request)
            return manifest.flow_id, manifest.ids_of("Export"), manifest.ids_of("Import")

        def new_clone() -> tuple[str, list[str], list[str]] | None:
            """A clone of the source with the requested name that was not there before: ours."""
            ours = [f.id for f in self._clones_of(desired) if f.id and f.id not in before and f.name == desired.name]
            if not ours:
                return None
            exports, imports = self.client.flows.descendants(ours[0])
            return ours[0], [e.id for e in exports if e.id], [i.id for i in imports if i.id]

        with translate(label, "create"):
            (flow_id, export_ids, import_ids), _ = write_once(clone, new_clone)
        return flow_id, export_ids, import_ids

    def _roll_back(self, flow_id: str, export_ids: list[str], import_ids: list[str]) -> None:
        """Best effort: remove a clone whose create cannot complete, so that nothing is orphaned."""
        try:
            self._delete_all(flow_id, export_ids, import_ids)
        except CeligoError as exc:
            pulumi.log.warn(f"could not remove the incomplete clone {flow_id} ({exc}); delete it in integrator.io")

    # ---- read ------------------------------------------------------------------------------
    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """Refresh (props: the old outputs) or `FlowClone.get` (props: none of the program's): a clone
        deleted out of band reads as gone on a refresh; a `get` of an id naming no flow is an error."""
        label = _label(props.get("name"))
        getting = is_get(props)
        refuse_malformed_id(label, "flow id", id_)
        with translate(label, "read"):
            try:
                flow = self.client.flows.get(id_)
            except NotFoundError:
                if getting:
                    raise not_found(label, "id", id_) from None
                return ReadResult(id_="", outs={})  # deleted out of band: Pulumi will clone again
        outs = _outputs(
            flow,
            str(props.get("source_flow_id") or flow.source_id or ""),
            props.get("connection_map") or {},
            list(props.get("export_ids") or []),
            list(props.get("import_ids") or []),
        )
        return ReadResult(id_, outs, _inputs_from(outs))

    # ---- update ----------------------------------------------------------------------------
    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        desired = _parse_desired(news)
        label = _label(desired.name)
        have, want = state_view(olds), desired_view(desired)
        if changed := [f for f in REPLACE_FIELDS if want[f] != have[f]]:
            raise unplanned_replacement(label, changed)
        grouping_changed = want["flow_grouping_id"] != have["flow_grouping_id"]
        known = {k: v for k, v in olds.items() if k in Flow.model_fields and k != "id"}
        old = Flow.model_validate({**known, "id": id_}, by_alias=False, by_name=True)
        ops = plan_patch(old, _with(old, want))
        with translate(label, "update"):
            if ops is None:
                # Erasing the schedule: GET, change, PUT (which also sets the grouping).
                current = self.client.flows.get(id_)
                target = _with(current, want, (*IN_PLACE, "flow_grouping_id"))
                flow = self.client.flows.replace(id_, Flow.from_api(merge_for_put(current.to_api(), target)))
            else:
                flow = old
                if ops:
                    self.client.flows.patch(id_, ops)
                    flow = Flow.from_api(apply_patch(old.to_api(), ops))
                if grouping_changed:
                    self.client.flows.update_flow_grouping([id_], want["flow_grouping_id"])
                    flow.flow_grouping_id = want["flow_grouping_id"]
        outs = _outputs(
            flow,
            str(olds.get("source_flow_id")),
            olds.get("connection_map") or {},
            list(olds.get("export_ids") or []),
            list(olds.get("import_ids") or []),
        )
        return UpdateResult(outs)

    # ---- delete ----------------------------------------------------------------------------
    def delete(self, id_: str, props: dict[str, Any]) -> None:
        label = _label(props.get("name"))
        with translate(label, "delete"):
            self._delete_all(id_, list(props.get("export_ids") or []), list(props.get("import_ids") or []))

    def _delete_all(self, flow_id: str, export_ids: list[str], import_ids: list[str]) -> None:
        """The flow first (its steps are in use while it exists), then its imports and exports.
        A 404 means already gone; a copy another flow now uses (409) is left in place, with a warning."""
        with contextlib.suppress(NotFoundError):
            self.client.flows.delete(flow_id)
        for kind, ids, api in (
            ("import", import_ids, self.client.imports),
            ("export", export_ids, self.client.exports),
        ):
            for step_id in ids:
                try:
                    api.delete(step_id)
                except NotFoundError:
                    continue
                except ConflictError as exc:
                    pulumi.log.warn(f"the cloned {kind} {step_id} is used by another flow and was kept ({exc})")
