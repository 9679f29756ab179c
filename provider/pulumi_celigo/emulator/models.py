"""The emulated account: resources, flows, jobs and audit, on top of :class:`~.store.Store`.

This is the domain layer (moto's ``models.py``): it knows integrator.io's rules and raises
:class:`~.errors.ApiError`, but nothing about HTTP. The app calls one method per request
inside one store transaction, so every operation is atomic: a request that fails validation
halfway leaves nothing behind.

Decisions the reference leaves open are marked "decision:" below.
"""

from __future__ import annotations

import copy
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import masking
from .audit import audit_entry, field_changes
from .errors import (
    ErrorItem,
    bad_request,
    conflict,
    error_item,
    invalid_field,
    invalid_ref,
    missing_field,
    not_found,
    unprocessable,
)
from .ids import is_object_id, new_object_id, now_iso, parse_iso
from .store import Doc, Store
from .validation import (
    CRON_MESSAGE,
    check_name,
    check_ref,
    doc_refs,
    flow_steps,
    is_valid_schedule,
    is_valid_timezone,
    iter_page_generators,
    iter_page_processors,
    validate_connection,
    validate_export,
    validate_flow,
    validate_import,
    validate_integration,
    validate_script,
)

COMMON_SERVER_FIELDS = frozenset({"_id", "createdAt", "lastModified"})
FLOW_SERVER_FIELDS = COMMON_SERVER_FIELDS | {
    "free",
    "_templateId",
    "_sourceId",
    "_connectorId",
    "lastExecutedAt",
    "resolvedAt",
}
ACTIVE_JOB_STATES = ("queued", "running")
RECORDS_PER_PAGE_GENERATOR = 10  # a completed job reports this many successes per page generator


@dataclass(frozen=True)
class Kind:
    """How one collection behaves."""

    collection: str
    resource_type: str  # as in audit entries: "flow"
    model: str  # as in clone manifests: "Flow"
    validate: Callable[[Store, Doc], list[ErrorItem]]
    server_fields: frozenset[str]


KINDS: dict[str, Kind] = {
    kind.collection: kind
    for kind in (
        Kind("connections", "connection", "Connection", validate_connection, COMMON_SERVER_FIELDS),
        Kind("exports", "export", "Export", validate_export, COMMON_SERVER_FIELDS),
        Kind("imports", "import", "Import", validate_import, COMMON_SERVER_FIELDS),
        Kind("integrations", "integration", "Integration", validate_integration, COMMON_SERVER_FIELDS),
        Kind("flows", "flow", "Flow", validate_flow, FLOW_SERVER_FIELDS),
        Kind("scripts", "script", "Script", validate_script, COMMON_SERVER_FIELDS),
    )
}

# The documented list filters: exact matches on a top-level field, or (``_gte``, ``_lte``) bounds on
# a date field. Other parameters are ignored.
LIST_FILTERS: dict[str, tuple[str, ...]] = {
    "flows": ("_integrationId",),
    "exports": ("adaptorType", "_connectionId", "_integrationId"),
    "imports": ("adaptorType", "_connectionId", "_integrationId"),
    "connections": ("type", "_integrationId"),
    "integrations": (),
    "scripts": (),
    "jobs": ("_flowId", "_integrationId", "type", "status", "createdAt_gte", "createdAt_lte"),
}
# The filter answered by the store's parent index rather than by reading the documents.
PARENT_FIELDS = {"flows": "_integrationId", "jobs": "_flowId"}
# Who may use a document, by the references the store indexes (integrations also hold their flows).
USERS: dict[str, tuple[str, ...]] = {
    "flows": ("flows",),
    "exports": ("flows",),
    "imports": ("flows",),
    "connections": ("exports", "imports", "connections"),
    "scripts": ("exports", "imports"),
    "integrations": ("exports", "imports", "connections", "scripts"),
}
# Authentication types whose credentials a ping needs, by dotted path.
PING_NEEDS = {
    "basic": ("http.auth.basic.username", "http.auth.basic.password"),
    "token": ("http.auth.token.token",),
}


def present(collection: str, doc: Doc, *, listed: bool = False) -> Doc:
    """A stored document as the API shows it (credentials masked, internals hidden).

    A script's ``content`` is shown only by ``GET /scripts/{id}`` (and the create and replace
    answers), not in lists.
    """
    if collection == "connections":
        result: Doc = masking.mask(doc)
        return result
    if collection == "jobs":
        return {key: value for key, value in doc.items() if not key.startswith("__")}
    if collection == "scripts" and listed:
        return {key: value for key, value in doc.items() if key != "content"}
    return doc


def _parent(collection: str, doc: Doc) -> str | None:
    if collection == "flows" and is_object_id(doc.get("_integrationId")):
        return str(doc["_integrationId"])
    return None


def _label(doc: Doc) -> str:
    return f'"{doc.get("name")}" ({doc["_id"]})'


def _dig(doc: Doc, path: str) -> Any:
    """The value at a dotted path (``http.auth.basic.password``), None when absent."""
    value: Any = doc
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


class Backend:
    """Every operation of the API on one account's state."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- generic resources ---------------------------------------------------------------------

    def load(self, collection: str, doc_id: str) -> Doc:
        """A stored document, or 404 (also for ids that are not ObjectIds)."""
        doc = self.store.get(collection, doc_id) if is_object_id(doc_id) else None
        if doc is None:
            raise not_found(f"{KINDS[collection].model if collection in KINDS else 'Job'} {doc_id} not found.")
        return doc

    def create(self, collection: str, body: Doc) -> Doc:
        kind = KINDS[collection]
        # decision: values the client sends for server-owned fields are ignored, not refused.
        doc = {key: value for key, value in body.items() if key not in kind.server_fields}
        errors = kind.validate(self.store, doc)
        if errors:
            raise unprocessable(errors)
        self._apply_defaults(collection, doc)
        now = now_iso()
        doc = {"_id": new_object_id(), **doc, "createdAt": now, "lastModified": now}
        self._insert(collection, doc)
        return doc

    def replace(self, collection: str, doc_id: str, body: Doc) -> Doc:
        kind = KINDS[collection]
        stored = self.load(collection, doc_id)
        doc = {key: value for key, value in body.items() if key not in kind.server_fields}
        # The real API stores what it is sent: a credential PUT back as "******" becomes "******"
        # (a later ping fails). A client must never write back what a GET showed it.
        errors: list[ErrorItem] = []
        if collection == "flows":
            current = stored.get("_integrationId")
            if current is not None and doc.get("_integrationId") != current:
                errors.append(
                    invalid_field(
                        "_integrationId",
                        "_integrationId can only be changed while the flow has no integration.",
                    )
                )
        errors += kind.validate(self.store, doc)
        if errors:
            raise unprocessable(errors)
        self._apply_defaults(collection, doc)
        kept = {key: stored[key] for key in kind.server_fields if key in stored}
        doc = {"_id": doc_id, **doc, **kept, "lastModified": now_iso()}
        self._update(collection, stored, doc)
        return doc

    def delete(self, collection: str, doc_id: str) -> None:
        """409 while the document is in use (its dependencies); flows are the exception.

        decision: deleting a flow that others chain to is allowed (dangling ``_runNextFlowIds``),
        a client asks ``/dependencies`` first; a deleted connection leaves the integrations that
        registered it (an audited update of each).
        """
        doc = self.load(collection, doc_id)
        if collection == "flows":
            self._cancel_jobs(doc_id)
        else:
            in_use = [(source, docs) for source, docs in self._users(collection, doc_id) if docs]
            if in_use:
                named = "; ".join(f"{source} " + ", ".join(_label(d) for d in docs) for source, docs in in_use)
                kind = KINDS[collection]
                raise conflict(
                    "resource_in_use",
                    f"Cannot delete {kind.resource_type} {_label(doc)}: it is used by {named}. "
                    f"Remove those uses first (GET /v1/{collection}/{doc_id}/dependencies lists them).",
                )
        if collection == "connections":
            for integration_id in self.store.referrers("connections", doc_id, "integrations"):
                integration = self.load("integrations", integration_id)
                kept = [c for c in integration.get("_registeredConnectionIds") or [] if c != doc_id]
                self._update(
                    "integrations",
                    integration,
                    {**integration, "_registeredConnectionIds": kept, "lastModified": now_iso()},
                )
        self.store.delete(collection, doc_id)
        self._audit(collection, doc_id, "delete", [])

    def page(
        self,
        collection: str,
        *,
        where: list[tuple[str, str, Any]],
        skip: int,
        limit: int,
        newest_first: bool = False,
    ) -> tuple[list[Doc], bool]:
        """A page of a list, filtered by ``(field, operator, value)`` conditions, as the API shows it."""
        parent_field = PARENT_FIELDS.get(collection)
        parent = next((value for field, op, value in where if field == parent_field and op == "="), None)
        rest = [condition for condition in where if condition[0] != parent_field]
        docs, more = self.store.page(
            collection, parent=parent, where=rest, skip=skip, limit=limit, newest_first=newest_first
        )
        return [present(collection, d, listed=True) for d in docs], more

    def dependencies(self, collection: str, doc_id: str) -> Doc:
        """What uses a document, keyed by plural resource type, entries ``{id, name}``; ``{}`` when nothing."""
        self.load(collection, doc_id)
        return {
            source: [{"id": doc["_id"], "name": doc.get("name")} for doc in docs]
            for source, docs in self._users(collection, doc_id)
            if docs
        }

    def _users(self, collection: str, doc_id: str) -> list[tuple[str, list[Doc]]]:
        """The documents using this one, by collection: direct references, plus for a connection
        the flows whose steps use it, and for an integration its flows."""
        found = [
            (source, [d for d in self._referrers(collection, doc_id, source) if d["_id"] != doc_id])
            for source in USERS[collection]
        ]
        if collection == "connections":
            flows: dict[str, Doc] = {}
            for source, steps in found:
                for step in steps if source in ("exports", "imports") else []:
                    flows.update((f["_id"], f) for f in self._referrers(source, step["_id"], "flows"))
            found.append(("flows", list(flows.values())))
        if collection == "integrations":
            found.insert(0, ("flows", self.store.all("flows", parent=doc_id)))
        return found

    def _referrers(self, collection: str, doc_id: str, source: str) -> list[Doc]:
        found = (self.store.get(source, ref) for ref in self.store.referrers(collection, doc_id, source))
        return [doc for doc in found if doc is not None]

    def _apply_defaults(self, collection: str, doc: Doc) -> None:
        if collection == "flows":
            # The only defaults the real API adds: a provider must cope with exactly these.
            if doc.get("disabled") is None:
                doc["disabled"] = False
            if doc.get("logging") is None:
                doc["logging"] = {}
            for _, generator in iter_page_generators(doc):
                if generator.get("_id") is None:
                    generator["_id"] = new_object_id()
            for _, processor in iter_page_processors(doc):
                if processor.get("responseMapping") is None:
                    processor["responseMapping"] = {"fields": [], "lists": []}
        elif collection == "integrations":
            for grouping in doc.get("flowGroupings") or []:
                if grouping.get("_id") is None:
                    grouping["_id"] = new_object_id()

    def _insert(self, collection: str, doc: Doc) -> None:
        self.store.insert(collection, doc, parent=_parent(collection, doc))
        self.store.set_refs(collection, doc["_id"], doc_refs(collection, doc))
        self._audit(collection, doc["_id"], "create", [])

    def _update(self, collection: str, old: Doc, new: Doc, *, audit: bool = True) -> None:
        self.store.update(collection, new, parent=_parent(collection, new))
        self.store.set_refs(collection, new["_id"], doc_refs(collection, new))
        if audit:
            changes = field_changes(old, new, mask_credentials=collection == "connections")
            # decision: an update that changes nothing writes no audit entry.
            if changes:
                self._audit(collection, new["_id"], "update", changes)

    def _audit(self, collection: str, doc_id: str, event: str, changes: list[dict[str, Any]]) -> None:
        entry = audit_entry(KINDS[collection].resource_type, doc_id, event, changes)
        self.store.insert("audit", entry, parent=doc_id)

    def audit_page(self, collection: str, doc_id: str, *, skip: int, limit: int) -> tuple[list[Doc], bool]:
        """Newest first. decision: the log stays readable after a delete (it holds the delete)."""
        if not is_object_id(doc_id) or (
            not self.store.exists(collection, doc_id) and self.store.count("audit", parent=doc_id) == 0
        ):
            raise not_found(f"{KINDS[collection].model} {doc_id} not found.")
        return self.store.page("audit", parent=doc_id, skip=skip, limit=limit, newest_first=True)

    # -- connections and integrations -------------------------------------------------------------

    def ping(self, connection_id: str) -> Doc:
        """Test the stored credentials: 422 ``ping_failed`` naming each one that is masked or empty.

        decision: ``offline: true`` does not matter (a ping is how such a connection gets tested),
        and a ping changes nothing.
        """
        doc = self.load("connections", connection_id)
        auth = _dig(doc, "http.auth.type")
        needs = PING_NEEDS.get(auth, ()) if isinstance(auth, str) else ()
        leaves = dict(masking.credentials(doc))
        for path in needs:
            leaves.setdefault(path, _dig(doc, path))
        errors: list[ErrorItem] = []
        for path, value in leaves.items():
            if value == masking.MASK:
                problem = (
                    f'is "{masking.MASK}": the masked value a GET shows was written back by a PUT, and the '
                    "endpoint refuses it. PUT the connection again with the real secret."
                )
            elif value is None and path in needs:
                problem = f"is missing, and {auth} authentication needs it. PUT the connection with it."
            elif value == "":
                problem = "is empty, and the endpoint refuses it. PUT the connection with the real value."
            else:
                continue
            errors.append(error_item("ping_failed", f"Connection {_label(doc)}: {path} {problem}", path))
        if errors:
            raise unprocessable(errors)
        return {"code": "success", "message": f"Connection {_label(doc)} accepted its credentials."}

    def register_connections(self, integration_id: str, connection_ids: list[Any]) -> Doc:
        """Add connections to the integration's ``_registeredConnectionIds`` (kept in order, once each)."""
        stored = self.load("integrations", integration_id)
        errors: list[ErrorItem] = []
        for index, connection_id in enumerate(connection_ids):
            check_ref(self.store, "connections", connection_id, f"[{index}]", errors, required=True)
        if errors:
            raise unprocessable(errors)
        current = stored.get("_registeredConnectionIds") or []
        merged = list(dict.fromkeys([*current, *connection_ids]))
        if merged == current:
            return stored
        integration = {**stored, "_registeredConnectionIds": merged, "lastModified": now_iso()}
        self._update("integrations", stored, integration)
        return integration

    # -- flows -----------------------------------------------------------------------------------

    def patch_flow(self, flow_id: str, operations: list[Any]) -> None:
        stored = self.load("flows", flow_id)
        flow = copy.deepcopy(stored)
        errors: list[ErrorItem] = []
        for index, operation in enumerate(operations):
            _apply_operation(flow, index, operation, errors)
        if errors:
            raise unprocessable(errors)
        flow["lastModified"] = now_iso()
        self._update("flows", stored, flow)

    def clone_flow(self, flow_id: str, body: Doc) -> list[Doc]:
        source = self.load("flows", flow_id)
        connection_map = body.get("connectionMap", {})
        if not isinstance(connection_map, dict):
            raise bad_request("invalid_connectionMap", "connectionMap must be an object.", "connectionMap")
        export_ids, import_ids = flow_steps(source)
        exports = [doc for doc in (self.store.get("exports", i) for i in export_ids) if doc is not None]
        imports = [doc for doc in (self.store.get("imports", i) for i in import_ids) if doc is not None]
        used: list[str] = []
        for step in exports + imports:
            connection_id = step.get("_connectionId")
            if isinstance(connection_id, str) and connection_id not in used:
                used.append(connection_id)
        missing = [c for c in used if c not in connection_map]
        if missing:
            raise bad_request(
                "invalid_connectionMap",
                "connectionMap must map every connection of the flow; missing: " + ", ".join(missing) + ".",
                "connectionMap",
            )

        errors: list[ErrorItem] = []
        integration_id = body.get("_integrationId")
        integration_ok = check_ref(self.store, "integrations", integration_id, "_integrationId", errors, required=True)
        for connection_id in used:
            check_ref(
                self.store,
                "connections",
                connection_map[connection_id],
                f"connectionMap.{connection_id}",
                errors,
                required=True,
            )
        grouping_id = body.get("_flowGroupingId")
        if grouping_id is not None and integration_ok:
            integration = self.load("integrations", str(integration_id))
            groups = {g.get("_id") for g in integration.get("flowGroupings") or [] if isinstance(g, dict)}
            if grouping_id not in groups:
                errors.append(
                    invalid_ref(
                        "_flowGroupingId",
                        f"_flowGroupingId {grouping_id!r} is not a flow grouping of integration {integration_id}.",
                    )
                )
        name = body.get("name")
        if name is not None:
            check_name(body, errors)
        if errors:
            raise unprocessable(errors)

        now = now_iso()
        renamed: dict[str, str] = {}
        manifest_exports: list[Doc] = []
        manifest_imports: list[Doc] = []
        for collection, steps, manifest in (
            ("exports", exports, manifest_exports),
            ("imports", imports, manifest_imports),
        ):
            for step in steps:
                copied = {k: copy.deepcopy(v) for k, v in step.items() if k not in COMMON_SERVER_FIELDS}
                if isinstance(copied.get("_connectionId"), str):
                    copied["_connectionId"] = connection_map[copied["_connectionId"]]
                copied = {"_id": new_object_id(), **copied, "createdAt": now, "lastModified": now}
                renamed[step["_id"]] = copied["_id"]
                self._insert(collection, copied)
                manifest.append({"model": KINDS[collection].model, "_id": copied["_id"]})

        # decision: the clone starts disabled, without schedule and _runNextFlowIds (so it cannot
        # run by itself), with fresh logging; page generators keep their own schedules.
        dropped = FLOW_SERVER_FIELDS | {"schedule", "_runNextFlowIds", "_integrationId", "_flowGroupingId"}
        flow = {k: copy.deepcopy(v) for k, v in source.items() if k not in dropped}
        _rewrite_steps(flow, renamed)
        flow["name"] = name if name is not None else f"Clone - {source.get('name')}"
        flow["_integrationId"] = integration_id
        if grouping_id is not None:
            flow["_flowGroupingId"] = grouping_id
        flow["disabled"] = True
        flow["logging"] = {}
        flow = {"_id": new_object_id(), **flow, "_sourceId": flow_id, "createdAt": now, "lastModified": now}
        self._insert("flows", flow)
        return [{"model": "Flow", "_id": flow["_id"]}, *manifest_exports, *manifest_imports]

    def replace_connection(self, flow_id: str, body: Doc) -> Doc:
        flow = self.load("flows", flow_id)
        errors: list[ErrorItem] = []
        old = body.get("_connectionId")
        new = body.get("_newConnectionId")
        check_ref(self.store, "connections", old, "_connectionId", errors, required=True)
        check_ref(self.store, "connections", new, "_newConnectionId", errors, required=True)
        if errors:
            raise unprocessable(errors)
        export_ids, import_ids = flow_steps(flow)
        for collection, ids in (("exports", export_ids), ("imports", import_ids)):
            for step_id in ids:
                step = self.store.get(collection, step_id)
                if step is None or step.get("_connectionId") != old:
                    continue
                # Exports and imports are shared resources: the documents themselves change.
                changed = {**step, "_connectionId": new, "lastModified": now_iso()}
                self._update(collection, step, changed)
        self._cancel_jobs(flow_id)
        return flow

    def update_flow_grouping(self, body: Doc) -> None:
        errors: list[ErrorItem] = []
        flow_ids = body.get("_flowIds")
        grouping_id = body.get("_flowGroupingId")
        flows: list[Doc] = []
        if not isinstance(flow_ids, list) or not flow_ids:
            errors.append(
                missing_field("_flowIds")
                if flow_ids is None
                else invalid_field("_flowIds", "_flowIds must be a non-empty array of flow ids.")
            )
        else:
            for index, flow_id in enumerate(flow_ids):
                if check_ref(self.store, "flows", flow_id, f"_flowIds[{index}]", errors):
                    flows.append(self.load("flows", flow_id))
        for index, flow in enumerate(flows):
            integration_id = flow.get("_integrationId")
            if grouping_id is None:
                continue
            integration = self.store.get("integrations", str(integration_id)) if is_object_id(integration_id) else None
            groups = {g.get("_id") for g in (integration or {}).get("flowGroupings") or [] if isinstance(g, dict)}
            if grouping_id not in groups:
                errors.append(
                    invalid_ref(
                        "_flowGroupingId",
                        f"_flowGroupingId {grouping_id!r} is not a flow grouping "
                        f"of the integration of flow _flowIds[{index}].",
                    )
                )
                break
        if errors:
            raise unprocessable(errors)
        for flow in flows:
            changed = {k: v for k, v in flow.items() if k != "_flowGroupingId"}
            if grouping_id is not None:
                changed["_flowGroupingId"] = grouping_id
            changed["lastModified"] = now_iso()
            self._update("flows", flow, changed)

    def descendants(self, flow_id: str) -> Doc:
        flow = self.load("flows", flow_id)
        export_ids, import_ids = flow_steps(flow)
        return {
            "exports": [d for d in (self.store.get("exports", i) for i in export_ids) if d is not None],
            "imports": [d for d in (self.store.get("imports", i) for i in import_ids) if d is not None],
        }

    def template_zip(self, flow_id: str) -> bytes:
        """A ZIP of the flow and everything it uses; connections without their credentials."""
        flow = self.load("flows", flow_id)
        parts = self.descendants(flow_id)
        connection_ids: list[str] = []
        for step in parts["exports"] + parts["imports"]:
            cid = step.get("_connectionId")
            if is_object_id(cid) and cid not in connection_ids:
                connection_ids.append(cid)
        connections = [c for c in (self.store.get("connections", i) for i in connection_ids) if c is not None]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"flows/{flow_id}.json", json.dumps(flow, indent=2))
            for folder, docs in (("exports", parts["exports"]), ("imports", parts["imports"])):
                for doc in docs:
                    archive.writestr(f"{folder}/{doc['_id']}.json", json.dumps(doc, indent=2))
            for connection in connections:
                archive.writestr(
                    f"connections/{connection['_id']}.json", json.dumps(masking.strip(connection), indent=2)
                )
        return buffer.getvalue()

    # -- jobs --------------------------------------------------------------------------------------

    def run_flow(self, flow_id: str, body: Doc) -> str:
        flow = self.load("flows", flow_id)
        errors: list[ErrorItem] = []
        window = body.get("export")
        if window is not None:
            if not isinstance(window, dict):
                errors.append(invalid_field("export", "export must be an object."))
            else:
                for key in ("startDate", "endDate"):
                    if window.get(key) is not None and parse_iso(window[key]) is None:
                        errors.append(invalid_field(f"export.{key}", f"export.{key} must be an ISO-8601 date."))
        generator_exports = [g.get("_exportId") for _, g in iter_page_generators(flow) if isinstance(g, dict)]
        if is_object_id(flow.get("_exportId")):
            generator_exports.append(flow["_exportId"])
        selected = body.get("_exportIds")
        pages = len(generator_exports)
        if selected is not None:
            if not isinstance(selected, list):
                errors.append(invalid_field("_exportIds", "_exportIds must be an array."))
            else:
                for index, export_id in enumerate(selected):
                    if export_id not in generator_exports:
                        errors.append(
                            invalid_ref(f"_exportIds[{index}]", f"{export_id!r} is not a page generator of the flow.")
                        )
                pages = len({e for e in selected if isinstance(e, str)})
        if errors:
            raise unprocessable(errors)
        if flow.get("disabled") is True:
            raise unprocessable([error_item("inactive_flow", f"Flow {flow_id} is disabled and cannot run.")])

        failure = self.store.meta_get(f"fail-next-job:{flow_id}")
        self.store.meta_set(f"fail-next-job:{flow_id}", None)
        now = now_iso()
        job = {
            "_id": new_object_id(),
            "type": "flow",
            "_flowId": flow_id,
            "_integrationId": flow.get("_integrationId"),
            "status": "queued",
            "startedAt": None,
            "endedAt": None,
            "numSuccess": 0,
            "numError": 0,
            "numIgnore": 0,
            "createdAt": now,
            "lastModified": now,
            # Hidden plan of how the job ends ("__" fields never leave the server).
            "__pages": pages,
            "__errors": failure or [],
        }
        self.store.insert("jobs", job, parent=flow_id)
        # lastExecutedAt is bookkeeping: no audit entry, lastModified untouched.
        self.store.update("flows", {**flow, "lastExecutedAt": now}, parent=_parent("flows", flow))
        return str(job["_id"])

    def read_job(self, job_id: str, *, advance: bool = True) -> Doc:
        """A job; each read moves it one step: queued → running → completed (or failed)."""
        job = self.load("jobs", job_id)
        if advance:
            job = self._advance(job)
        return present("jobs", job)

    def latest_job(self, flow_id: str) -> Doc | None:
        self.load("flows", flow_id)
        jobs, _ = self.store.page("jobs", parent=flow_id, limit=1, newest_first=True)
        return present("jobs", self._advance(jobs[0])) if jobs else None

    def job_errors(self, job_id: str) -> list[Doc]:
        job = self.load("jobs", job_id)
        if job.get("status") != "failed":
            return []
        return [
            {
                "code": e.get("code"),
                "message": e.get("message"),
                "source": e.get("source", "application"),
                "occurredAt": job.get("endedAt"),
            }
            for e in job.get("__errors", [])
        ]

    def fail_next_job(self, flow_id: str, errors: list[Doc]) -> None:
        self.load("flows", flow_id)
        self.store.meta_set(f"fail-next-job:{flow_id}", errors)

    def _advance(self, job: Doc) -> Doc:
        now = now_iso()
        status = job.get("status")
        if status == "queued":
            job = {**job, "status": "running", "startedAt": now, "lastModified": now}
        elif status == "running":
            errors = job.get("__errors") or []
            job = {**job, "endedAt": now, "lastModified": now}
            if errors:
                job.update(status="failed", numSuccess=0, numError=len(errors))
            else:
                job.update(status="completed", numSuccess=RECORDS_PER_PAGE_GENERATOR * int(job.get("__pages", 0)))
        else:
            return job
        self.store.update("jobs", job, parent=job["_flowId"])
        return job

    def _cancel_jobs(self, flow_id: str) -> None:
        for job in self.store.all("jobs", parent=flow_id):
            if job.get("status") in ACTIVE_JOB_STATES:
                now = now_iso()
                self.store.update(
                    "jobs", {**job, "status": "canceled", "endedAt": now, "lastModified": now}, parent=flow_id
                )


# -- PATCH -----------------------------------------------------------------------------------------

_I = r"(0|[1-9][0-9]*)"
_PATCH_PATHS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), kind)
    for p, kind in (
        (r"^/name$", "name"),
        (r"^/description$", "text"),
        (r"^/schedule$", "schedule"),
        (r"^/timezone$", "timezone"),
        (r"^/disabled$", "bool"),
        (r"^/runPageGeneratorsInParallel$", "bool"),
        (rf"^/pageGenerators/{_I}/schedule$", "schedule"),
        (rf"^/pageGenerators/{_I}/skipRetries$", "bool"),
        (rf"^/routers/{_I}/name$", "text"),
        (rf"^/routers/{_I}/branches/{_I}/name$", "text"),
        (rf"^/routers/{_I}/branches/{_I}/description$", "text"),
        (r"^/aliases$", "array"),
        (r"^/logging/debugUntil$", "date"),
    )
]


def _invalid_patch(path: str, message: str) -> ErrorItem:
    return error_item("invalid_patch", message, path)


def _apply_operation(flow: Doc, index: int, operation: Any, errors: list[ErrorItem]) -> None:
    """Apply one ``{"op", "path", "value"}`` to ``flow`` in place, or record why not."""
    if not isinstance(operation, dict):
        errors.append(_invalid_patch(f"[{index}]", f"Patch operation {index} must be an object."))
        return
    path = operation.get("path")
    op = operation.get("op")
    if not isinstance(path, str):
        errors.append(_invalid_patch(f"[{index}].path", f"Patch operation {index} needs a path."))
        return
    kind = next((k for pattern, k in _PATCH_PATHS if pattern.fullmatch(path)), None)
    if kind is None:
        errors.append(_invalid_patch(path, f"The path {path} cannot be patched."))
        return
    allowed = ("replace", "remove") if kind == "date" else ("replace",)
    if op not in allowed:
        errors.append(_invalid_patch(path, f"The operation {op!r} is not allowed on {path}."))
        return
    if op == "replace" and "value" not in operation:
        errors.append(_invalid_patch(path, f"A replace of {path} needs a value."))
        return

    # Walk to the object holding the last segment; out-of-range indexes are refused.
    segments = path.strip("/").split("/")
    target: Any = flow
    field_name = ""
    for segment in segments[:-1]:
        if segment.isdigit():
            position = int(segment)
            if not isinstance(target, list) or position >= len(target):
                errors.append(_invalid_patch(path, f"The index {position} in {path} is out of range."))
                return
            target = target[position]
            field_name += f"[{position}]"
        else:
            if segment == "logging" and flow.get("logging") is None:
                flow["logging"] = {}
            target = target.get(segment) if isinstance(target, dict) else None
            field_name += ("." if field_name else "") + segment
    if not isinstance(target, dict):
        errors.append(_invalid_patch(path, f"The path {path} does not exist in this flow."))
        return
    last = segments[-1]
    field_name += ("." if field_name else "") + last
    if op == "remove":
        target.pop(last, None)
        return
    value = operation["value"]
    problem = _check_patch_value(kind, field_name, value)
    if problem is not None:
        errors.append(problem)
        return
    target[last] = value


def _check_patch_value(kind: str, field: str, value: Any) -> ErrorItem | None:
    """Patched values follow the rules of create."""
    if kind == "name":
        found: list[ErrorItem] = []
        check_name({"name": value}, found, field)
        return found[0] if found else None
    if kind == "text":
        ok = value is None or isinstance(value, str)
        return None if ok else invalid_field(field, f"{field} must be of type string.")
    if kind == "bool":
        return None if isinstance(value, bool) else invalid_field(field, f"{field} must be of type boolean.")
    if kind == "schedule":
        ok = value is None or is_valid_schedule(value)
        return None if ok else invalid_field(field, CRON_MESSAGE)
    if kind == "timezone":
        ok = value is None or is_valid_timezone(value)
        return None if ok else invalid_field(field, f"Unknown timezone: {value!r}.")
    if kind == "array":
        return None if isinstance(value, list) else invalid_field(field, f"{field} must be of type array.")
    if kind == "date":
        ok = parse_iso(value) is not None
        return None if ok else invalid_field(field, f"{field} must be an ISO-8601 date.")
    raise AssertionError(kind)


def _rewrite_steps(flow: Doc, renamed: dict[str, str]) -> None:
    """Point a cloned flow's steps at the copies of its exports and imports."""

    def swap(holder: Any, key: str) -> None:
        if isinstance(holder, dict) and isinstance(holder.get(key), str) and holder[key] in renamed:
            holder[key] = renamed[holder[key]]

    swap(flow, "_exportId")
    swap(flow, "_importId")
    for _, generator in iter_page_generators(flow):
        swap(generator, "_exportId")
        swap(generator, "_keepDeltaBehindExportId")
        if isinstance(generator, dict):
            generator["_id"] = new_object_id()
    for _, processor in iter_page_processors(flow):
        swap(processor, "_exportId")
        swap(processor, "_importId")
