"""Stateful fuzzing: random sequences of create, update (patchable or GET + PUT), refresh, delete,
and another client's edits and deletes, through the real plugin server, against the emulator with
faults switched on. After every step the account and the tracked Pulumi state must agree: every
state id exists (unless deleted out of band) with the managed fields the state records (unless
edited out of band since the last refresh or PUT), no untracked flow, no duplicate."""

from __future__ import annotations

import contextlib
import uuid
from typing import Any, ClassVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test
from pulumi_celigo.client import CeligoClient, NotFoundError
from pulumi_celigo.emulator import EmulatorServer
from pulumi_celigo.models import PatchOperation

from tests.conftest import Live, make_client
from tests.reliability.conftest import orders_flow
from tests.resources.driver import Deployed, ResourceDriver

#: Moderate faults on every route: each request has a ~20% chance of meeting one.
FAULTS = [{"method": "*", "route": "*", "fail_rate": 0.1, "drop_rate": 0.05, "lost_response_rate": 0.05}]
MAX_FLOWS = 4

SCHEDULES = ["? 0 2 ? * *", "? */15 * * * *", "? 5 0,6,12,18 ? * *"]
TIMEZONES = ["America/Los_Angeles", "Europe/Berlin", "UTC"]


def _steps_of_doc(doc: dict[str, Any]) -> tuple[str, ...]:
    return tuple(p.get("_importId") or p.get("_exportId") for p in doc.get("pageProcessors") or [])


def _steps_of_state(outs: dict[str, Any]) -> tuple[str, ...]:
    return tuple(p.get("import_id") or p.get("export_id") for p in outs.get("page_processors") or [])


def managed_of_doc(doc: dict[str, Any]) -> tuple[Any, ...]:
    return (
        doc.get("name"),
        doc.get("description"),
        doc.get("schedule"),
        doc.get("timezone"),
        bool(doc.get("disabled")),
        _steps_of_doc(doc),
    )


def managed_of_state(outs: dict[str, Any]) -> tuple[Any, ...]:
    return (
        outs.get("name"),
        outs.get("description"),
        outs.get("schedule"),
        outs.get("timezone"),
        bool(outs.get("disabled")),
        _steps_of_state(outs),
    )


class FlowMachine(RuleBasedStateMachine):
    live: ClassVar[Live]
    driver: ClassVar[ResourceDriver]

    def __init__(self) -> None:
        super().__init__()
        self.prefix = f"fuzz-{uuid.uuid4().hex[:8]}"
        self.counter = 0
        self.state: dict[str, Deployed] = {}  # resource name -> what Pulumi's state holds
        self.drifted: set[str] = set()  # edited out of band since the state last saw the flow
        self.gone: set[str] = set()  # deleted out of band, still in the state
        self.other: CeligoClient = make_client(self.live.emulator)
        self.live.emulator.set_faults(rules=FAULTS)

    @property
    def emulator(self) -> EmulatorServer:
        return self.live.emulator

    def teardown(self) -> None:
        self.emulator.clear_faults()
        for res in self.state.values():
            with contextlib.suppress(Exception):
                self.driver.delete(res)
        self.other.close()

    def inputs(self, name: str, variant: int, structural: bool = False) -> dict[str, Any]:
        ids = self.live.ids
        inputs = orders_flow(
            ids,
            name=f"{self.prefix} {name} v{variant}",
            schedule=SCHEDULES[variant % len(SCHEDULES)],
            timezone=TIMEZONES[variant % len(TIMEZONES)],
            disabled=variant % 2 == 1,
        )
        if structural:
            lookup = {"type": "export", "export_id": ids["usage_lookup_exports"][variant % 3]}
            inputs["page_processors"] = [lookup, *inputs["page_processors"]]
        return inputs

    def present(self) -> list[str]:
        return [n for n in self.state if n not in self.gone]

    # ---- the program's operations, through the plugin server ----------------------------------

    @precondition(lambda self: len(self.state) < MAX_FLOWS)
    @rule(variant=st.integers(0, 5), structural=st.booleans())
    def create(self, variant: int, structural: bool) -> None:
        self.counter += 1
        name = f"flow-{self.counter}"
        self.state[name] = self.driver.create(name, self.inputs(name, variant, structural))

    @precondition(lambda self: bool(self.present()))
    @rule(data=st.data(), variant=st.integers(0, 5))
    def update_patchable(self, data: st.DataObject, variant: int) -> None:
        name = data.draw(st.sampled_from(sorted(self.present())))
        res = self.state[name]
        structural = len(res.outputs.get("page_processors") or []) > 1  # keep the steps: a PATCH
        new = self.inputs(name, variant + 100, structural)
        if self.driver.diff(res, new).changes:
            self.state[name] = self.driver.update(res, new)

    @precondition(lambda self: bool(self.present()))
    @rule(data=st.data(), variant=st.integers(0, 5))
    def update_structural(self, data: st.DataObject, variant: int) -> None:
        name = data.draw(st.sampled_from(sorted(self.present())))
        res = self.state[name]
        structural = len(res.outputs.get("page_processors") or []) <= 1  # add or remove a step: GET + PUT
        new = self.inputs(name, variant, structural)
        assert self.driver.diff(res, new).changes
        self.state[name] = self.driver.update(res, new)
        self.drifted.discard(name)  # a PUT writes every managed field and returns the flow

    @precondition(lambda self: bool(self.state))
    @rule(data=st.data())
    def refresh(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(sorted(self.state)))
        res = self.state[name]
        id_, outs, inputs = self.driver.read(res)
        if name in self.gone:
            assert id_ == ""
            del self.state[name]
            self.gone.discard(name)
        else:
            assert id_ == res.id and inputs is not None
            self.state[name] = Deployed(name, id_, inputs, outs)
        self.drifted.discard(name)

    @precondition(lambda self: bool(self.state))
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(sorted(self.state)))
        self.driver.delete(self.state.pop(name))  # a flow already gone is a success
        self.gone.discard(name)
        self.drifted.discard(name)

    # ---- another client, acting on the account directly ----------------------------------------

    @precondition(lambda self: bool(self.present()))
    @rule(data=st.data(), text=st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=20))
    def edit_out_of_band(self, data: st.DataObject, text: str) -> None:
        name = data.draw(st.sampled_from(sorted(self.present())))
        flow_id = self.state[name].id
        self.other.flows.patch(flow_id, [PatchOperation(path="/description", value=f"edited {text}")])
        self.drifted.add(name)

    @precondition(lambda self: bool(self.present()))
    @rule(data=st.data())
    def delete_out_of_band(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(sorted(self.present())))
        with contextlib.suppress(NotFoundError):  # applied, answer lost, retried: 404
            self.other.flows.delete(self.state[name].id)
        self.gone.add(name)

    # ---- the account and the state agree -------------------------------------------------------

    @invariant()
    def account_matches_state(self) -> None:
        docs = [d for d in self.emulator.app.store.all("flows") if str(d.get("name", "")).startswith(self.prefix)]
        account = {d["_id"]: d for d in docs}
        assert len(account) == len(docs)
        expected_ids = {res.id for n, res in self.state.items() if n not in self.gone}
        assert set(account) == expected_ids, "untracked, duplicate or missing flows"
        assert len({res.id for res in self.state.values()}) == len(self.state), "two resources share a flow"
        for name, res in self.state.items():
            if name in self.gone or name in self.drifted:
                continue
            assert managed_of_doc(account[res.id]) == managed_of_state(res.outputs), name


def test_the_account_and_the_state_agree_after_every_step(live: Live, flows: ResourceDriver) -> None:
    FlowMachine.live = live
    FlowMachine.driver = flows
    live.emulator.reset_request_counts()
    run_state_machine_as_test(
        FlowMachine,
        settings=settings(
            max_examples=25,
            stateful_step_count=15,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
    outcomes = live.emulator.request_outcomes()
    faults = sum(v.get(k, 0) for v in outcomes.values() for k in ("503", "dropped", "lost_response"))
    assert outcomes["POST /v1/flows"] and faults > 20  # the machine ran, and met faults
