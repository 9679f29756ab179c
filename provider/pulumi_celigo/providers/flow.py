"""The Flow provider: create, read, update, delete and diff integrator.io flows.

Conventions (see ARCHITECTURE.md):
* The program is authoritative for every *managed* field (`MANAGED_FIELDS`); fields it cannot
  express (written by the UI or other clients) are preserved on every write.
* Comparisons use a canonical form in which server defaults (`disabled: false`, empty response
  mappings, ...) and server-assigned ids (`pageGenerators[]._id`) mean nothing, so a create or a
  refresh is never followed by a spurious diff. The document rules (canonical form, PATCH plan,
  PUT merge, hiding the marker) live in `models.flow_document`, shared with FlowClone and get_flow.
* create = 1 list (a flow an interrupted earlier create made?) + 1 POST; one call per patchable
  update and per read; GET + PUT when a change cannot be patched; adoption = GET (+ PUT only if the
  program says something the flow does not have); a dependency check and a DELETE per delete.
* A create carries a marker in `settings`, derived from the resource's identity (`create_token`),
  so that neither a lost response nor a deployment interrupted before Pulumi recorded the flow
  makes a second one.
"""

from __future__ import annotations

import contextlib
import functools
import uuid
from collections.abc import Mapping
from typing import Any, ClassVar

from pulumi.dynamic import CheckFailure, CreateResult, DiffResult, ReadResult, UpdateResult

from .. import validation
from ..client import CeligoError, NotFoundError
from ..errors import ResourceError
from ..models import MARKER_KEY, MARKER_TOKEN, SERVER_OWNED_FIELDS, Flow, marker_token
from ..models.flow_document import (
    MANAGED_FIELDS,
    apply_patch,
    canonical,
    managed_document,
    merge_for_put,
    plan_patch,
    public_outputs,
)
from ._base import (
    KEPT_OUTPUT,
    is_get,
    is_unknown,
    refuse_malformed_id,
    unplanned_replacement,
    user_inputs,
)
from ._errors import not_found, translate
from ._markers import TOKEN_INPUT, MarkingProvider
from ._writes import write_once

#: Inputs of the resource that steer the provider and are never sent to the API.
PROVIDER_OPTIONS: tuple[str, ...] = ("adopt_id", "allow_delete_with_dependents")


class FlowInputs(Flow):
    """What a program may write: the flow's managed fields and the provider's options."""

    adopt_id: str | None = None
    allow_delete_with_dependents: bool | None = None


@functools.lru_cache(maxsize=512)
def _cron_problem(expression: str) -> str | None:
    """`validation.cron_problem`, remembered: croniter's parse is half the cost of a `check`, and a
    stack's flows share a handful of schedules (a pure function of the string, so caching is safe)."""
    return validation.cron_problem(expression)


def _label(name: Any) -> str:
    return f'Flow "{name}"' if isinstance(name, str) else "Flow"


def _semantic_failures(flow: FlowInputs) -> list[CheckFailure]:
    """Rules the models' types cannot express. Each failure names its field and what to do."""
    failures: list[CheckFailure] = []

    def fail(prop: str, path: str, message: str) -> None:
        failures.append(CheckFailure(prop, f"{path}: {message}"))

    for field in SERVER_OWNED_FIELDS:
        if field in flow.model_fields_set:
            fail(field, field, "is set by integrator.io and cannot be written; remove it from the program")
    if flow.name is not None and (problem := validation.name_problem(flow.name)):
        fail("name", "name", problem)
    if flow.schedule is not None and (problem := _cron_problem(flow.schedule)):
        fail("schedule", "schedule", problem)
    if flow.timezone is not None and (problem := validation.timezone_problem(flow.timezone)):
        fail("timezone", "timezone", problem)
    if flow.flow_grouping_id and "integration_id" not in flow.model_fields_set:
        fail("flow_grouping_id", "flow_grouping_id", "needs integration_id: flow groupings belong to an integration")
    if flow.page_processors and flow.routers:
        fail(
            "routers",
            "routers",
            "a flow has either page_processors or routers, not both: move the page processors into a router branch",
        )

    def check_id(prop: str, path: str, value: str | None) -> None:
        if value is not None and (problem := validation.object_id_problem(value)):
            fail(prop, path, problem)

    check_id("integration_id", "integration_id", flow.integration_id)
    check_id("flow_grouping_id", "flow_grouping_id", flow.flow_grouping_id)
    check_id("adopt_id", "adopt_id", flow.adopt_id)
    for i, flow_id in enumerate(flow.run_next_flow_ids or []):
        check_id("run_next_flow_ids", f"run_next_flow_ids[{i}]", flow_id)
    for i, pg in enumerate(flow.page_generators or []):
        path = f"page_generators[{i}]"
        if pg.export_id is None:
            fail("page_generators", f"{path}.export_id", "is required: the export this page generator runs")
        check_id("page_generators", f"{path}.export_id", pg.export_id)
        check_id("page_generators", f"{path}.keep_delta_behind_flow_id", pg.keep_delta_behind_flow_id)
        check_id("page_generators", f"{path}.keep_delta_behind_export_id", pg.keep_delta_behind_export_id)
        if pg.schedule is not None and (problem := _cron_problem(pg.schedule)):
            fail("page_generators", f"{path}.schedule", problem)
    processors = [(f"page_processors[{i}]", "page_processors", pp) for i, pp in enumerate(flow.page_processors or [])]
    for r, router in enumerate(flow.routers or []):
        for b, branch in enumerate(router.branches or []):
            for i, pp in enumerate(branch.page_processors or []):
                processors.append((f"routers[{r}].branches[{b}].page_processors[{i}]", "routers", pp))
    for path, prop, pp in processors:
        if pp.type is None:
            fail(prop, f"{path}.type", 'is required: "import" (with import_id) or "export" (a lookup, with export_id)')
        elif pp.type == "import" and (pp.import_id is None or pp.export_id is not None):
            fail(prop, path, 'a page processor of type "import" takes import_id and no export_id')
        elif pp.type == "export" and (pp.export_id is None or pp.import_id is not None):
            fail(prop, path, 'a page processor of type "export" takes export_id (a lookup export) and no import_id')
        check_id(prop, f"{path}.export_id", pp.export_id)
        check_id(prop, f"{path}.import_id", pp.import_id)
    return failures


def _parse_outputs(props: Mapping[str, Any]) -> Flow:
    """The flow as last recorded in state (outputs use the program's snake_case names)."""
    return Flow.model_validate(
        {k: v for k, v in user_inputs(props).items() if k in Flow.model_fields}, by_alias=False, by_name=True
    )


def _parse_desired(props: Mapping[str, Any]) -> FlowInputs:
    """Checked inputs, already validated by `check`; unknown (preview) values are left out."""
    inputs = {k: v for k, v in user_inputs(props).items() if k in FlowInputs.model_fields and not is_unknown(v)}
    return FlowInputs.model_validate(inputs, by_alias=False, by_name=True)


def _kept(olds: Mapping[str, Any], desired: FlowInputs) -> list[str]:
    """The fields kept as found at adoption (in the old outputs) that the program still does not set."""
    return [f for f in olds.get(KEPT_OUTPUT) or [] if f in MANAGED_FIELDS and f not in desired.model_fields_set]


def _keeping(desired: FlowInputs, live: Flow, kept: list[str]) -> FlowInputs:
    """The desired flow with the `kept` fields as `live` has them."""
    values = {f: getattr(desired, f) for f in desired.model_fields_set}
    values.update({f: getattr(live, f) for f in kept if getattr(live, f) is not None})
    return FlowInputs.model_validate(values)


def _outputs(flow: Flow, options: Mapping[str, Any], kept: list[str] | None = None) -> dict[str, Any]:
    """State outputs: every known field of the flow as the API has it, the provider's options, and the
    fields kept as found at adoption."""
    outs = public_outputs(flow)
    outs.update({k: v for k, v in options.items() if k in PROVIDER_OPTIONS and v is not None})
    if kept:
        outs[KEPT_OUTPUT] = list(kept)
    return outs


def _inputs_from(flow: Flow, options: Mapping[str, Any], kept: list[str]) -> dict[str, Any]:
    """Inputs that would produce this flow: what `read` reports so refresh-then-diff stays honest
    (without the fields kept as found at adoption: the program does not set them)."""
    outs = _outputs(flow, options)
    inputs = {k: v for k, v in outs.items() if (k in MANAGED_FIELDS and k not in kept) or k in PROVIDER_OPTIONS}
    for pg in inputs.get("page_generators") or []:
        pg.pop("id", None)
    return inputs


class FlowProvider(MarkingProvider):
    """Dynamic provider of `pulumi_celigo.Flow`. Its module path and name are a promise to existing stacks."""

    INPUTS = FlowInputs
    REPLACE_ON_CHANGES: ClassVar[frozenset[str]] = frozenset({"integration_id"})

    # ---- check -----------------------------------------------------------------------------
    def input_failures(self, inputs: FlowInputs, pending: Mapping[str, Any]) -> list[CheckFailure]:
        failures = []
        if "name" not in inputs.model_fields_set and "name" not in pending:
            failures.append(CheckFailure("name", "name: is required"))
        return failures + _semantic_failures(inputs)

    # ---- diff ------------------------------------------------------------------------------
    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        old = _parse_outputs(olds)
        desired = _parse_desired(news)
        pending = {k for k, v in user_inputs(news).items() if k not in FlowInputs.model_fields or is_unknown(v)}
        have, want = canonical(old), canonical(_keeping(desired, old, _kept(olds, desired)))
        changes = [f for f in MANAGED_FIELDS if f in pending or have.get(f) != want.get(f)]
        if olds.get("allow_delete_with_dependents") != news.get("allow_delete_with_dependents"):
            changes.append("allow_delete_with_dependents")
        # A value not known yet does not by itself replace (see `unplanned_replacement`).
        replaces = [
            f for f in changes if f in self.REPLACE_ON_CHANGES and f not in pending and old.integration_id is not None
        ]
        if replaces:
            self.generations.replacing(_id, news)
        return DiffResult(changes=bool(changes), replaces=replaces, delete_before_replace=False)

    # ---- create ----------------------------------------------------------------------------
    def create(self, props: dict[str, Any]) -> CreateResult:
        desired = _parse_desired(props)
        options = user_inputs(props)
        label = _label(desired.name)
        token = props.get(TOKEN_INPUT)
        if desired.adopt_id:
            kept = [f for f in MANAGED_FIELDS if f not in desired.model_fields_set]
            flow = self._adopt(desired.adopt_id, desired, kept, label)
        else:
            kept = []
            with translate(label, "create"):
                flow = self._create_once(desired, token if isinstance(token, str) else None)
        assert flow.id is not None
        return CreateResult(flow.id, _outputs(flow, options, kept))

    def _adopt(self, flow_id: str, desired: FlowInputs, kept: list[str], label: str) -> Flow:
        """Take an existing flow under management: what the program sets is applied (one PUT), what
        it does not set stays as it is; a flow that already matches is not written at all."""
        with translate(label, "adopt", what="adopt_id", id=flow_id):
            current = self.client.flows.get(flow_id)
        with translate(label, "adopt"):
            return self._converge(current, _keeping(desired, current, kept))

    def _converge(self, current: Flow, desired: FlowInputs) -> Flow:
        """`current` given the desired managed fields by one PUT (the others kept), or no write at all
        when it already has them."""
        assert current.id is not None
        if canonical(current) == canonical(desired):
            return current
        return self.client.flows.replace(current.id, Flow.from_api(merge_for_put(current.to_api(), desired)))

    def _create_once(self, desired: FlowInputs, token: str | None) -> Flow:
        """POST the flow exactly once, across runs and however the network behaves.

        The document carries a marker. With a token derived from the resource's identity (`check`),
        a flow already carrying it was made by an earlier create that was interrupted before Pulumi
        recorded it: it is taken (and given the program's values) instead of creating a second one.
        Cost: 1 POST, plus 1 list of the integration's flows per plugin process (`MarkerIndex`: the first
        create in an integration lists it; the others look in what it saw). If the POST's answer is lost,
        the marker is looked for before trying again (`write_once`); should a flow carrying the
        marker still appear twice, the extra copies (ours by their marker) are deleted.
        """
        integration_id = desired.integration_id
        if token is None:
            token = uuid.uuid4().hex  # a caller that passes no identity: unique to this create
        elif found := self._made_before(token, integration_id):
            assert found.id is not None
            self.generations.took(found.id)
            return self._converge(found, desired)  # the program is authoritative
        body = managed_document(desired)
        body["settings"] = {**body.get("settings", {}), MARKER_KEY: {MARKER_TOKEN: token}}
        document = Flow.from_api(body)

        def find() -> Flow | None:
            ids = self._marked(token, integration_id)
            return self.client.flows.get(ids[0]) if ids else None

        created, unanswered = write_once(lambda: self.client.flows.create(document), find)
        if unanswered:
            created = self._drop_duplicates(created, token, integration_id)
        assert created.id is not None
        self.markers.add(integration_id, token, created.id)
        return created

    def _made_before(self, token: str, integration_id: str | None) -> Flow | None:
        """The flow an interrupted earlier create made, if any (the index says; a GET confirms it)."""
        for flow_id in self.markers.find(integration_id, token, lambda: self._markers_of(integration_id)):
            try:
                return self.client.flows.get(flow_id)
            except NotFoundError:
                self.markers.discard(integration_id, token, flow_id)  # deleted since it was listed
        return None

    def _markers_of(self, integration_id: str | None) -> list[tuple[str, str | None]]:
        """(id, create marker) of every flow of the integration (or of the account): one list, projected."""
        found = self.client.flows.list(integration_id=integration_id, include=["settings"])
        return [(summary.id, marker_token(summary.settings)) for summary in found if summary.id]

    def _marked(self, token: str, integration_id: str | None) -> list[str]:
        """Ids of the flows carrying this create's marker, oldest first, listed afresh."""
        return [flow_id for flow_id, marker in self._markers_of(integration_id) if marker == token]

    def _drop_duplicates(self, kept: Flow, token: str, integration_id: str | None) -> Flow:
        """After an unanswered POST, delete any other flow carrying this create's marker (best effort)."""
        try:
            for flow_id in self._marked(token, integration_id):
                if flow_id != kept.id:
                    with contextlib.suppress(NotFoundError):
                        self.client.flows.delete(flow_id)
        except CeligoError:
            pass  # the flow we keep exists; a failed clean-up must not fail the create
        return kept

    # ---- read ------------------------------------------------------------------------------
    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """Refresh (props: the old outputs) or `Flow.get` (props: none of the program's).

        A flow deleted out of band reads as gone on a refresh (empty id: Pulumi forgets or recreates
        it); a `get` of an id naming no flow is an error, or every output would silently be None.
        """
        label = _label(props.get("name"))
        getting = is_get(props)
        refuse_malformed_id(label, "flow id", id_)
        with translate(label, "read"):
            try:
                flow = self.client.flows.get(id_)
            except NotFoundError:
                if getting:
                    raise not_found(label, "id", id_) from None
                return ReadResult(id_="", outs={})  # deleted out of band: Pulumi forgets or recreates it
        options = {k: props[k] for k in PROVIDER_OPTIONS if props.get(k) is not None}
        kept = [f for f in props.get(KEPT_OUTPUT) or [] if f in MANAGED_FIELDS]
        return ReadResult(id_, _outputs(flow, options, kept), _inputs_from(flow, options, kept))

    # ---- update ----------------------------------------------------------------------------
    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        old = _parse_outputs(olds)
        desired = _parse_desired(news)
        options = user_inputs(news)
        label = _label(desired.name)
        kept = _kept(olds, desired)
        desired = _keeping(desired, old, kept)
        if old.integration_id is not None and desired.integration_id != old.integration_id:
            raise unplanned_replacement(label, ["integration_id"])
        if canonical(old) == canonical(desired):
            return UpdateResult(_outputs(old, options, kept))  # only provider options changed
        ops = plan_patch(old, desired)
        with translate(label, "update"):
            if ops is not None:
                self.client.flows.patch(id_, ops)
                patched = Flow.from_api(apply_patch(old.to_api(), ops))
                return UpdateResult(_outputs(patched, options, kept))
            updated = self._converge(self.client.flows.get(id_), desired)
        return UpdateResult(_outputs(updated, options, kept))

    # ---- delete ----------------------------------------------------------------------------
    def delete(self, id_: str, props: dict[str, Any]) -> None:
        label = _label(props.get("name"))
        if self.generations.was_taken(id_):
            return  # a create of this deployment took this very flow: it is the new resource's (`Generations`)
        with translate(label, "delete"), contextlib.suppress(NotFoundError):  # already gone: the goal is met
            if not props.get("allow_delete_with_dependents"):
                dependents = self.client.flows.dependencies(id_).all()
                if dependents:
                    listed = "; ".join(
                        f"{kind}: " + ", ".join(f'"{d.name}" ({d.id})' for d in refs)
                        for kind, refs in dependents.items()
                    )
                    raise ResourceError(
                        f"{label}: delete refused: other resources depend on this flow ({listed}). "
                        "Remove those references first, or set allow_delete_with_dependents=True to delete it anyway."
                    )
            self.client.flows.delete(id_)
