"""What every integrator.io *document* resource shares (integrations, scripts, exports, imports,
connections): each of those providers is a short module that declares its collection and model and
overrides an extension point or two.

The rules (as `Flow`'s, see providers/flow.py and ARCHITECTURE.md):

* check: strict parse (`CeligoProvider.check`), then `input_failures`: `name` required and sane, every
  `*_id`/`*_ids` field at any depth an ObjectId, server-owned fields refused; no API call.
* The program is authoritative for `MANAGED_FIELDS`; everything else on the document is kept by every
  write. Diffs compare `canonical` forms: server defaults (`DEFAULTS`), server-assigned nested ids and
  the create marker mean nothing, so there is no diff after a create or a refresh.
* create = 1 POST, plus 1 list per marker scope per plugin process (`MarkerIndex`: a document an
  interrupted earlier create made, found by its marker), through `write_once`: an unanswered POST is
  reconciled by looking for the marker (listed afresh), never repeated blindly.
* adopt (`adopt_id`) = 1 GET (+ 1 PUT only when the document does not already match): managed fields the
  program does not set keep their live values and are recorded in the hidden output `__kept`.
* read = 1 GET: a 404 forgets the resource on refresh, and is an error naming the id on `Resource.get`.
* update = GET + PUT (PUT replaces the whole document: the current one with the managed fields merged
  in, so fields the program does not manage survive); no call at all when only provider options change.
* delete = `/dependencies` + DELETE, refused naming the users when something uses the document; with
  `allow_delete_with_dependents=True`, the DELETE alone. A 404 on delete is success.

Extension points (class attributes, then methods a subclass may override):

* `KIND` ("export": messages and id hints), `LABEL` ("Export"), `DOCUMENT` (the tolerant API model),
  `INPUTS` (the strict input model: DOCUMENT's fields plus provider inputs such as `adopt_id`; its fields
  that DOCUMENT lacks are *provider inputs*: echoed into outputs, never sent), `MANAGED_FIELDS`,
  `DEFAULTS` (field name -> the server's default, at any depth), `KEEP_UNSET` (managed fields that,
  when the program does not set them, keep their live value instead of being erased), `OUTPUT_ONLY`.
* `COLLECTION` ("exports"): the client's attribute for the collection; `api()` returns it (override
  `api()` for a typed collection with more calls).
* The create marker: `marker_of(doc)`, `with_marker(body, token)`, `without_marker(doc)`,
  `marker_scope(desired)` and `markers_in(desired)` ((id, marker) of every document of that scope). By
  default it lives in the free-form `settings` (`settings.pulumiCeligo.createToken`, as on flows), the
  scope is the whole collection and it is found with one list projected on `settings`.
* `canonical(doc)`, `merge_for_put(current, desired)` (the PUT body, API names), `outputs(doc, ...)`.
* A PUT that would write a masked credential (`******`) back, or drop one, is refused (`_converge`).
* `after_write(doc, desired, previous)`: calls a resource makes after its document is written (create,
  adopt, update), such as an integration registering its connections. Default: none.
* `input_failures(inputs, pending)`: extend with `super().input_failures(...) + [...]`.
"""

from __future__ import annotations

import contextlib
import copy
import difflib
import uuid
from collections.abc import Hashable, Iterator, Mapping, Sequence
from typing import Any, ClassVar

from pulumi.dynamic import CheckFailure, CreateResult, DiffResult, ReadResult, UpdateResult

from .. import validation
from ..client import CeligoClient, CeligoError, NotFoundError
from ..client.resources import CollectionApi
from ..errors import ResourceError
from ..models import MARKER_KEY, MARKER_TOKEN, ApiModel, marker_token
from ._base import KEPT_OUTPUT, field_path, is_get, is_unknown, refuse_malformed_id, user_inputs
from ._credentials import lost_by_put
from ._errors import not_found, translate
from ._markers import TOKEN_INPUT, MarkingProvider
from ._writes import write_once

__all__ = ["DocumentProvider", "choice_failure"]


def choice_failure(prop: str, path: str, value: str | None, known: Sequence[str]) -> list[CheckFailure]:
    """A failure when `value` is not one of `known` (case-sensitive), suggesting the closest spelling."""
    if value is None or value in known:
        return []
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.5) or [k for k in known if k.lower() == value.lower()]
    hint = f"did you mean {close[0]!r}?" if close else f"use one of: {', '.join(known)}"
    return [CheckFailure(prop, f"{path}: {value!r} is not a known value; {hint}")]


def _id_fields(model: ApiModel, loc: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every id a program wrote (fields named `*_id` or `*_ids`, at any depth) with its location."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if value is None:
            continue
        if name.endswith("_id") and isinstance(value, str):
            yield (*loc, name), value
        elif name.endswith("_ids") and isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, str):
                    yield (*loc, name, index), item
        elif isinstance(value, ApiModel):
            yield from _id_fields(value, (*loc, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, ApiModel):
                    yield from _id_fields(item, (*loc, name, index))


def _without_nested_ids(model: Any, value: Any) -> Any:
    """`value` (the snake_case form of `model`) without the `id` of any nested object the models describe."""
    if isinstance(model, ApiModel) and isinstance(value, dict):
        fields = type(model).model_fields
        return {
            k: _without_nested_ids(getattr(model, k) if k in fields else None, v) for k, v in value.items() if k != "id"
        }
    if isinstance(model, list) and isinstance(value, list):
        return [_without_nested_ids(m, v) for m, v in zip(model, value, strict=False)]
    return value


class DocumentProvider(MarkingProvider):
    """Base of the providers of integrator.io documents: see the module docstring for its extension points."""

    KIND: ClassVar[str]
    LABEL: ClassVar[str]
    COLLECTION: ClassVar[str]
    DOCUMENT: ClassVar[type[ApiModel]]
    MANAGED_FIELDS: ClassVar[tuple[str, ...]]
    DEFAULTS: ClassVar[Mapping[str, Any]] = {}
    KEEP_UNSET: ClassVar[frozenset[str]] = frozenset()
    OUTPUT_ONLY: ClassVar[frozenset[str]] = frozenset({"id", "created_at", "last_modified"})

    # ---- extension points ----------------------------------------------------------------------
    def api(self) -> CollectionApi[Any]:
        return self.api_of(self.client)

    @classmethod
    def api_of(cls, client: CeligoClient) -> CollectionApi[Any]:
        """The collection in `client` (also for the get_* functions, which have their own client)."""
        api: CollectionApi[Any] = getattr(client, cls.COLLECTION)
        return api

    def marker_of(self, doc: Any) -> str | None:
        """The create marker a document carries, if any."""
        return marker_token(getattr(doc, "settings", None))

    def with_marker(self, body: dict[str, Any], token: str) -> dict[str, Any]:
        """The API body (API names) carrying the create marker `token`."""
        body["settings"] = {**(body.get("settings") or {}), MARKER_KEY: {MARKER_TOKEN: token}}
        return body

    def without_marker(self, doc: Any) -> Any:
        """The document as a person sees it: without the create marker."""
        settings = {k: v for k, v in (getattr(doc, "settings", None) or {}).items() if k != MARKER_KEY}
        return doc.model_copy(update={"settings": settings or None})

    def marker_scope(self, desired: Any) -> Hashable:
        """Which documents a create's marker is looked for among (each scope listed once per process)."""
        return None

    def markers_in(self, desired: Any) -> list[tuple[str, str | None]]:
        """(id, create marker) of every document of `desired`'s scope: one list, projected on settings."""
        return [(doc.id, self.marker_of(doc)) for doc in self.api().list(include="settings") if doc.id]

    def after_write(self, doc: Any, desired: Any, previous: Mapping[str, Any]) -> Any:
        """Calls made once the document is written; `previous`: the old outputs ({} at create)."""
        return doc

    def input_failures(self, inputs: Any, pending: Mapping[str, Any]) -> list[CheckFailure]:
        failures: list[CheckFailure] = []
        if inputs.name is None and "name" not in pending:
            failures.append(CheckFailure("name", "name: is required"))
        elif inputs.name is not None and (problem := validation.name_problem(inputs.name)):
            failures.append(CheckFailure("name", f"name: {problem}"))
        for field in sorted(self.OUTPUT_ONLY & inputs.model_fields_set):
            failures.append(
                CheckFailure(
                    field, f"{field}: is set by integrator.io and cannot be written; remove it from the program"
                )
            )
        for loc, value in _id_fields(inputs, ()):
            if problem := validation.object_id_problem(value):
                failures.append(CheckFailure(str(loc[0]), f"{field_path(loc)}: {problem}"))
        return failures

    # ---- the document's rules ------------------------------------------------------------------
    def _meaningful(self, value: Any, depth: int) -> Any:
        if isinstance(value, ApiModel):
            out: dict[str, Any] = {}
            for name in type(value).model_fields:
                if name == "id" and depth > 0:
                    continue  # nested ids are assigned by the server
                item = self._meaningful(getattr(value, name), depth + 1)
                if item is None or item == {} or item == [] or self.DEFAULTS.get(name, object()) == item:
                    continue
                out[name] = item
            return out
        if isinstance(value, list):
            return [self._meaningful(v, depth) for v in value]
        if isinstance(value, dict):
            return {k: self._meaningful(v, depth) for k, v in value.items()}
        return value

    def canonical(self, doc: Any) -> dict[str, Any]:
        """The meaningful content of the managed fields: equal canonical forms need no write."""
        meaningful = self._meaningful(self.without_marker(doc), 0)
        return {k: v for k, v in meaningful.items() if k in self.MANAGED_FIELDS}

    def managed_document(self, desired: Any) -> dict[str, Any]:
        """The managed fields of `desired`, in the API's names (what a create POSTs)."""
        values = {f: getattr(desired, f) for f in self.MANAGED_FIELDS if getattr(desired, f) is not None}
        return self.DOCUMENT.model_validate(values).to_api()

    def merge_for_put(self, current: Any, desired: Any) -> dict[str, Any]:
        """The PUT body: the current document with every managed field set to the desired value (unset:
        removed); other fields and the create marker kept."""
        body = copy.deepcopy(current.to_api())
        wanted = self.managed_document(desired)
        for field in self.MANAGED_FIELDS:
            key = self.DOCUMENT.model_fields[field].alias or field
            if key in wanted:
                body[key] = wanted[key]
            else:
                body.pop(key, None)
        token = self.marker_of(current)
        return self.with_marker(body, token) if token else body

    def provider_inputs(self, props: Mapping[str, Any]) -> dict[str, Any]:
        """The inputs that steer the provider and are never sent (INPUTS' fields DOCUMENT lacks)."""
        return {
            k: v
            for k, v in user_inputs(props).items()
            if k in self.INPUTS.model_fields and k not in self.DOCUMENT.model_fields and v is not None
        }

    def outputs(self, doc: Any, options: Mapping[str, Any], kept: Sequence[str] = ()) -> dict[str, Any]:
        """State outputs: every known field of the document (no marker), the provider inputs, `__kept`."""
        shown = self.without_marker(doc).to_python()
        outs = {k: v for k, v in shown.items() if k in self.DOCUMENT.model_fields}
        outs.update(options)
        if kept:
            outs[KEPT_OUTPUT] = list(kept)
        return outs

    def _inputs_from(self, doc: Any, options: Mapping[str, Any], kept: Sequence[str]) -> dict[str, Any]:
        """Inputs that would produce this document (what `read` reports: refresh-then-diff stays honest):
        the managed fields without the ids the server gives nested objects (free-form values untouched)."""
        outs = self.outputs(doc, options)
        shown = self.without_marker(doc)
        inputs = {
            k: _without_nested_ids(getattr(shown, k), v)
            for k, v in outs.items()
            if k in self.MANAGED_FIELDS and k not in kept
        }
        inputs.update(options)
        return inputs

    # ---- parsing -------------------------------------------------------------------------------
    def label(self, name: Any) -> str:
        return f'{self.LABEL} "{name}"' if isinstance(name, str) else self.LABEL

    def _old(self, props: Mapping[str, Any]) -> Any:
        fields = self.DOCUMENT.model_fields
        return self.DOCUMENT.model_validate(
            {k: v for k, v in user_inputs(props).items() if k in fields}, by_alias=False, by_name=True
        )

    def _desired(self, props: Mapping[str, Any]) -> Any:
        fields = self.INPUTS.model_fields
        known = {k: v for k, v in user_inputs(props).items() if k in fields and not is_unknown(v)}
        return self.INPUTS.model_validate(known, by_alias=False, by_name=True)

    def _kept(self, olds: Mapping[str, Any], desired: Any) -> list[str]:
        """Managed fields kept as they are live: those kept at adoption and `KEEP_UNSET`, unless set now."""
        kept = [f for f in olds.get(KEPT_OUTPUT) or [] if f in self.MANAGED_FIELDS]
        kept += [f for f in self.MANAGED_FIELDS if f in self.KEEP_UNSET and f not in kept]
        return [f for f in kept if f not in desired.model_fields_set]

    def _keeping(self, desired: Any, live: Any, kept: Sequence[str]) -> Any:
        values = {f: getattr(desired, f) for f in desired.model_fields_set}
        values.update({f: getattr(live, f) for f in kept if getattr(live, f) is not None})
        return self.INPUTS.model_validate(values)

    # ---- check, diff ---------------------------------------------------------------------------
    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        old, desired = self._old(olds), self._desired(news)
        pending = {k for k, v in user_inputs(news).items() if is_unknown(v)}
        have = self.canonical(old)
        want = self.canonical(self._keeping(desired, old, self._kept(olds, desired)))
        changes = [f for f in self.MANAGED_FIELDS if f in pending or have.get(f) != want.get(f)]
        options = [f for f in self.INPUTS.model_fields if f not in self.DOCUMENT.model_fields and f != "adopt_id"]
        changes += [f for f in options if f in pending or olds.get(f) != news.get(f)]
        replaces = [
            f for f in changes if f in self.REPLACE_ON_CHANGES and f not in pending and getattr(old, f) is not None
        ]
        if replaces:
            self.generations.replacing(_id, news)
        return DiffResult(changes=bool(changes), replaces=replaces, delete_before_replace=False)

    # ---- create --------------------------------------------------------------------------------
    def create(self, props: dict[str, Any]) -> CreateResult:
        desired = self._desired(props)
        options = self.provider_inputs(props)
        label = self.label(desired.name)
        token = props.get(TOKEN_INPUT)
        if desired.adopt_id:
            kept = [f for f in self.MANAGED_FIELDS if f not in desired.model_fields_set]
            with translate(label, "adopt", what="adopt_id", id=desired.adopt_id, kind=self.KIND):
                current = self.api().get(desired.adopt_id)
            with translate(label, "adopt"):
                doc = self._converge(current, self._keeping(desired, current, kept))
                doc = self.after_write(doc, desired, {})
        else:
            kept = []
            with translate(label, "create"):
                doc = self._create_once(desired, token if isinstance(token, str) else None)
                doc = self.after_write(doc, desired, {})
        return CreateResult(doc.id, self.outputs(doc, options, kept))

    def _converge(self, current: Any, desired: Any) -> Any:
        """`current` given the desired managed fields by one PUT, or no write when it already has them.

        integrator.io shows credentials masked and its PUT replaces the whole document: a PUT that would
        write the mask back (or drop the value) where the document holds a masked credential is refused,
        nothing written."""
        if self.canonical(current) == self.canonical(desired):
            return current
        body = self.merge_for_put(current, desired)
        if lost := lost_by_put(current.to_api(), body):
            raise ResourceError(
                f"{self.label(desired.name)}: write refused, nothing was written: the {self.KIND} holds credentials "
                f"the program does not give ({', '.join(lost)}), and integrator.io's PUT replaces the whole "
                f"{self.KIND}, so writing it would erase them. Give them in the program (as secrets: `pulumi config "
                "set --secret`), or make this change in integrator.io."
            )
        return self.api().replace(current.id, self.DOCUMENT.from_api(body))

    def _create_once(self, desired: Any, token: str | None) -> Any:
        """POST exactly once across runs: a document already carrying this create's marker was made by an
        interrupted earlier create and is taken (and given the program's values) instead."""
        scope = self.marker_scope(desired)
        if token is None:
            token = uuid.uuid4().hex  # a caller that passes no identity: unique to this create
        elif found := self._made_before(scope, token, desired):
            self.generations.took(found.id)
            return self._converge(found, desired)
        document = self.DOCUMENT.from_api(self.with_marker(self.managed_document(desired), token))

        def find() -> Any:
            ids = self._marked(token, desired)
            return self.api().get(ids[0]) if ids else None

        created, unanswered = write_once(lambda: self.api().create(document), find)
        if unanswered:  # should the marker appear twice, delete the extra copies (best effort)
            with contextlib.suppress(CeligoError):
                for doc_id in self._marked(token, desired):
                    if doc_id != created.id:
                        with contextlib.suppress(NotFoundError):
                            self.api().delete(doc_id)
        self.markers.add(scope, token, created.id)
        return created

    def _made_before(self, scope: Hashable, token: str, desired: Any) -> Any:
        """The document an interrupted earlier create made, if any (the index says; a GET confirms it)."""
        for doc_id in self.markers.find(scope, token, lambda: self.markers_in(desired)):
            try:
                return self.api().get(doc_id)
            except NotFoundError:
                self.markers.discard(scope, token, doc_id)  # deleted since it was listed
        return None

    def _marked(self, token: str, desired: Any) -> list[str]:
        """Ids of the documents carrying this create's marker, oldest first, listed afresh."""
        return [doc_id for doc_id, marker in self.markers_in(desired) if marker == token]

    # ---- read ----------------------------------------------------------------------------------
    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """Refresh (props: the old outputs) or `Resource.get` (props: none of the program's)."""
        label = self.label(props.get("name"))
        refuse_malformed_id(label, f"{self.KIND} id", id_, kind=self.KIND)
        with translate(label, "read"):
            try:
                doc = self.api().get(id_)
            except NotFoundError:
                if is_get(props):
                    raise not_found(label, "id", id_, self.KIND) from None
                return ReadResult(id_="", outs={})  # deleted out of band: Pulumi forgets or recreates it
        options = self.provider_inputs(props)
        kept = [f for f in props.get(KEPT_OUTPUT) or [] if f in self.MANAGED_FIELDS]
        return ReadResult(id_, self.outputs(doc, options, kept), self._inputs_from(doc, options, kept))

    # ---- update --------------------------------------------------------------------------------
    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        old, desired = self._old(olds), self._desired(news)
        options = self.provider_inputs(news)
        label = self.label(desired.name)
        kept = [
            f for f in olds.get(KEPT_OUTPUT) or [] if f in self.MANAGED_FIELDS and f not in desired.model_fields_set
        ]
        desired = self._keeping(desired, old, self._kept(olds, desired))
        with translate(label, "update"):
            doc = old
            if self.canonical(old) != self.canonical(desired):
                doc = self._converge(self.api().get(id_), desired)
            doc = self.after_write(doc, desired, olds)
        return UpdateResult(self.outputs(doc, options, kept))

    # ---- delete --------------------------------------------------------------------------------
    def delete(self, id_: str, props: dict[str, Any]) -> None:
        label = self.label(props.get("name"))
        if self.generations.was_taken(id_):
            return  # a create of this deployment took this very document: it is the new resource's (`Generations`)
        with translate(label, "delete"), contextlib.suppress(NotFoundError):  # already gone: the goal is met
            if not props.get("allow_delete_with_dependents"):
                dependents = self.api().dependencies(id_).all()
                if dependents:
                    listed = "; ".join(
                        f"{kind}: " + ", ".join(f'"{d.name}" ({d.id})' for d in refs)
                        for kind, refs in dependents.items()
                    )
                    raise ResourceError(
                        f"{label}: delete refused: other resources use this {self.KIND} ({listed}). Remove those "
                        "references first, or set allow_delete_with_dependents=True to delete it anyway."
                    )
            self.api().delete(id_)
