"""The FlowConnectionReplacement provider: point a flow's steps at another connection.

`PUT /flows/{id}/replaceConnection` rewrites `_connectionId` on every export and import of the
flow that uses the old connection. The resource is that replacement, kept in effect:

* create checks, before any write, that both connections exist and that the flow uses the old
  one (else an error saying what the flow does use), then replaces;
* read looks at the flow's steps (`descendants`): a step back on the old connection (someone
  swapped back in integrator.io) makes the resource read as changed, and the next `up` re-applies
  the replacement; the flow gone means the replacement is gone;
* delete restores the old connection on the steps the replacement moved (by default), or keeps
  the new one with `restore_on_delete=False`; a flow already deleted is success.

Every input but `restore_on_delete` names what is replaced: a change replaces the resource (the
old replacement is undone first). `restore_on_delete` only steers delete: updated in place.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from pulumi.dynamic import CheckFailure, CreateResult, DiffResult, ReadResult, UpdateResult

from .. import validation
from ..client import CeligoError, NotFoundError
from ..errors import ResourceError
from ..models import ApiModel, Export, Import
from ._base import CeligoProvider, is_get, is_unknown, refuse_malformed_id, unplanned_replacement, user_inputs
from ._errors import describe, not_found, translate

#: Inputs naming the replacement: a change replaces the resource.
REPLACE_FIELDS: tuple[str, ...] = ("flow_id", "connection_id", "new_connection_id")


class ConnectionReplacementInputs(ApiModel):
    """What a program may write (snake_case names; checked strictly)."""

    flow_id: str | None = None
    connection_id: str | None = None
    new_connection_id: str | None = None
    restore_on_delete: bool | None = None


def _label(props: Mapping[str, Any]) -> str:
    flow, old, new = props.get("flow_id"), props.get("connection_id"), props.get("new_connection_id")
    if isinstance(flow, str) and isinstance(old, str) and isinstance(new, str):
        return f"FlowConnectionReplacement (flow {flow}: {old} -> {new})"
    return "FlowConnectionReplacement"


def _parse_desired(props: Mapping[str, Any]) -> ConnectionReplacementInputs:
    known = {
        k: v
        for k, v in user_inputs(props).items()
        if k in ConnectionReplacementInputs.model_fields and not is_unknown(v)
    }
    return ConnectionReplacementInputs.model_validate(known, by_alias=False, by_name=True)


def _all(exports: list[Export], imports: list[Import]) -> list[Export | Import]:
    return [*exports, *imports]


def _steps(exports: list[Export], imports: list[Import], connection_id: str) -> list[str]:
    return [s.id for s in _all(exports, imports) if s.id and s.connection_id == connection_id]


def _outputs(
    desired: ConnectionReplacementInputs,
    exports: list[Export],
    imports: list[Import],
    replaced_exports: list[str],
    replaced_imports: list[str],
) -> dict[str, Any]:
    """The inputs echoed (restore_on_delete with its default) and what the flow's steps use now."""
    assert desired.connection_id is not None and desired.new_connection_id is not None
    on_old = _steps(exports, imports, desired.connection_id)
    return {
        "flow_id": desired.flow_id,
        "connection_id": desired.connection_id,
        "new_connection_id": desired.new_connection_id,
        "restore_on_delete": desired.restore_on_delete is not False,
        "in_effect": not on_old,
        "steps_on_new_connection": _steps(exports, imports, desired.new_connection_id),
        "steps_on_old_connection": on_old,
        "replaced_export_ids": replaced_exports,
        "replaced_import_ids": replaced_imports,
    }


def _inputs_of(outs: Mapping[str, Any]) -> dict[str, Any]:
    return {k: outs[k] for k in (*REPLACE_FIELDS, "restore_on_delete") if outs.get(k) is not None}


def _merge(first: list[str], second: list[str]) -> list[str]:
    return list(dict.fromkeys([*first, *second]))


class FlowConnectionReplacementProvider(CeligoProvider):
    """Dynamic provider of `pulumi_celigo.FlowConnectionReplacement`. Its module path and name are a
    promise to existing stacks."""

    INPUTS = ConnectionReplacementInputs
    REPLACE_ON_CHANGES: ClassVar[frozenset[str]] = frozenset(REPLACE_FIELDS)

    # ---- check -----------------------------------------------------------------------------
    def input_failures(self, inputs: ConnectionReplacementInputs, pending: Mapping[str, Any]) -> list[CheckFailure]:
        failures = []
        hints = {
            "flow_id": "the id of the flow whose steps change connection",
            "connection_id": "the id of the connection the flow's steps use now",
            "new_connection_id": "the id of the connection they should use instead",
        }
        for prop, hint in hints.items():
            value = getattr(inputs, prop)
            if value is None and prop not in pending:
                failures.append(CheckFailure(prop, f"{prop}: is required: {hint}"))
            elif value is not None and (problem := validation.object_id_problem(value)):
                failures.append(CheckFailure(prop, f"{prop}: {problem}"))
        if inputs.connection_id is not None and inputs.connection_id == inputs.new_connection_id:
            failures.append(
                CheckFailure("new_connection_id", "new_connection_id: is the same as connection_id: nothing to replace")
            )
        return failures

    # ---- diff ------------------------------------------------------------------------------
    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        pending = {k for k, v in user_inputs(news).items() if is_unknown(v)}
        desired = _parse_desired(news)
        # A value not known yet does not by itself replace (see `unplanned_replacement`).
        changes = [f for f in REPLACE_FIELDS if f in pending or getattr(desired, f) != olds.get(f)]
        replaces = [f for f in changes if f not in pending]
        if "restore_on_delete" in pending or (desired.restore_on_delete is not False) != olds.get(
            "restore_on_delete", True
        ):
            changes.append("restore_on_delete")
        if olds.get("in_effect") is False:
            changes.append("in_effect")  # swapped back out of band: the next up re-applies
        # The old replacement is undone before the new one checks that the flow uses its connection.
        return DiffResult(changes=bool(changes), replaces=replaces, delete_before_replace=True)

    # ---- create ----------------------------------------------------------------------------
    def create(self, props: dict[str, Any]) -> CreateResult:
        desired = _parse_desired(props)
        label = _label(props)
        assert desired.flow_id and desired.connection_id and desired.new_connection_id
        missing = []
        with translate(label, "create"):
            for prop in ("connection_id", "new_connection_id"):
                try:
                    self.client.connections.get(getattr(desired, prop))
                except NotFoundError:
                    missing.append(f"{prop} {getattr(desired, prop)!r}")
            if missing:
                raise ResourceError(
                    f"{label}: create refused, nothing was written: no connection this token can see has "
                    f"{' or '.join(missing)}; check the id (integrator.io > Resources > Connections)"
                )
            exports, imports = self._descendants(desired.flow_id, label)
        on_old = _steps(exports, imports, desired.connection_id)
        if not on_old:
            used = sorted({s.connection_id for s in _all(exports, imports) if s.connection_id})
            raise ResourceError(
                f"{label}: create refused, nothing was written: no step of flow {desired.flow_id} uses connection_id "
                f"{desired.connection_id!r}; its steps use {', '.join(used) or 'no connection'}. "
                "Set connection_id to one of those."
            )
        return CreateResult(
            f"{desired.flow_id}:{desired.connection_id}:{desired.new_connection_id}",
            self._replace(desired, exports, imports, [], [], label, "create"),
        )

    def _descendants(self, flow_id: str, label: str) -> tuple[list[Export], list[Import]]:
        with translate(label, "read the flow's steps", what="flow_id", id=flow_id):
            return self.client.flows.descendants(flow_id)

    def _replace(
        self,
        desired: ConnectionReplacementInputs,
        exports: list[Export],
        imports: list[Import],
        replaced_exports: list[str],
        replaced_imports: list[str],
        label: str,
        operation: str,
    ) -> dict[str, Any]:
        """PUT replaceConnection; the outputs are the steps as they are after it (no re-read)."""
        assert desired.flow_id and desired.connection_id and desired.new_connection_id
        with translate(label, operation):
            self.client.flows.replace_connection(desired.flow_id, desired.connection_id, desired.new_connection_id)
        moved_exports = [e.id for e in exports if e.id and e.connection_id == desired.connection_id]
        moved_imports = [i.id for i in imports if i.id and i.connection_id == desired.connection_id]
        for step in _all(exports, imports):
            if step.connection_id == desired.connection_id:
                step.connection_id = desired.new_connection_id
        return _outputs(
            desired,
            exports,
            imports,
            _merge(replaced_exports, moved_exports),
            _merge(replaced_imports, moved_imports),
        )

    # ---- read ------------------------------------------------------------------------------
    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """Refresh (props: the old outputs) or `FlowConnectionReplacement.get(name, "<flow>:<old>:<new>")`
        (props: none of the program's). The flow gone: on a refresh the replacement is gone with it;
        for a `get` it is an error naming the id."""
        getting = is_get(props)
        if getting:
            parts = id_.split(":")
            if len(parts) != 3:
                raise ResourceError(
                    f"FlowConnectionReplacement: read failed: the id {id_!r} is not '<flow_id>:<connection_id>:"
                    "<new_connection_id>' (the id a FlowConnectionReplacement resource has)"
                )
            props = {**props, **dict(zip(REPLACE_FIELDS, parts, strict=True))}
        desired = _parse_desired(props)
        label = _label(props)
        assert desired.flow_id and desired.connection_id and desired.new_connection_id
        for prop in REPLACE_FIELDS:
            refuse_malformed_id(label, prop, getattr(desired, prop), "flow" if prop == "flow_id" else "connection")
        with translate(label, "read"):
            try:
                exports, imports = self.client.flows.descendants(desired.flow_id)
            except NotFoundError:
                if getting:
                    raise not_found(label, "flow_id", desired.flow_id) from None
                return ReadResult(id_="", outs={})  # the flow is gone, and the replacement with it
        outs = _outputs(
            desired,
            exports,
            imports,
            list(props.get("replaced_export_ids") or []),
            list(props.get("replaced_import_ids") or []),
        )
        return ReadResult(id_, outs, _inputs_of(outs))

    # ---- update ----------------------------------------------------------------------------
    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        desired = _parse_desired(news)
        label = _label(news)
        if changed := [f for f in REPLACE_FIELDS if getattr(desired, f) != olds.get(f)]:
            raise unplanned_replacement(label, changed)
        replaced_exports = list(olds.get("replaced_export_ids") or [])
        replaced_imports = list(olds.get("replaced_import_ids") or [])
        if olds.get("in_effect") is False:
            assert desired.flow_id is not None
            exports, imports = self._descendants(desired.flow_id, label)
            return UpdateResult(
                self._replace(desired, exports, imports, replaced_exports, replaced_imports, label, "update")
            )
        outs = {**olds, "restore_on_delete": desired.restore_on_delete is not False}
        return UpdateResult({k: v for k, v in outs.items() if not k.startswith("__")})

    # ---- delete ----------------------------------------------------------------------------
    def delete(self, id_: str, props: dict[str, Any]) -> None:
        if props.get("restore_on_delete") is False:
            return  # keep the new connection
        desired = _parse_desired(props)
        label = _label(props)
        assert desired.flow_id and desired.connection_id and desired.new_connection_id
        replaced_exports = list(props.get("replaced_export_ids") or [])
        replaced_imports = list(props.get("replaced_import_ids") or [])
        already_on_new = set(props.get("steps_on_new_connection") or []) - {*replaced_exports, *replaced_imports}
        try:
            if not already_on_new:
                # Every step on the new connection is one the replacement moved: undo it in one call.
                self.client.flows.replace_connection(desired.flow_id, desired.new_connection_id, desired.connection_id)
                return
            # Some steps used the new connection before: move back only those the replacement moved.
            for api, ids in ((self.client.exports, replaced_exports), (self.client.imports, replaced_imports)):
                for step_id in ids:
                    try:
                        step = api.get(step_id)
                    except NotFoundError:
                        continue
                    if step.connection_id == desired.new_connection_id:
                        step.connection_id = desired.connection_id
                        api.replace(step_id, step)  # type: ignore[arg-type]
        except NotFoundError:
            return  # the flow is gone: nothing to restore
        except CeligoError as exc:
            raise ResourceError(
                f"{describe(label, 'delete (restoring connection_id on the flow steps)', exc)}. "
                "If the old connection was deleted on purpose, set restore_on_delete=False and run again."
            ) from None
