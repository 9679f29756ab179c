"""The FlowRun provider through the real plugin server (`python -m pulumi.dynamic`) over gRPC, against
the emulator over HTTP. Every test asserts the exact API calls it caused.

In the emulator every GET of a job (`/jobs/{id}` and `/flows/{id}/jobs/latest`) moves it one step:
queued → running → completed (or failed), so a waited-for run polls its job exactly twice.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from pulumi.output import Unknown
from pulumi_celigo.client import CeligoClient, ClientConfig
from pulumi_celigo.emulator import EmulatorServer, admin_request
from pulumi_celigo.errors import ResourceError
from pulumi_celigo.models import Flow, PageGenerator, PageProcessor
from pulumi_celigo.providers import _writes
from pulumi_celigo.providers.flow_run import FlowRunProvider
from pulumi_celigo.testing import PluginError
from pydantic import SecretStr

from tests.conftest import TOKEN, Live, raw
from tests.resources.driver import Deployed, ResourceDriver

FLOW_RUN = "pulumi-python:dynamic/celigo:FlowRun"
LATEST = "GET /v1/flows/{id}/jobs/latest"
JOBS = "GET /v1/jobs"  # the flow's runs since just before the POST (the baseline; after a lost POST, the search)
RUN = "POST /v1/flows/{id}/run"
JOB = "GET /v1/jobs/{id}"
JOB_ERRORS = "GET /v1/jobs/{id}/errors"


@pytest.fixture
def runs(live: Live) -> ResourceDriver:
    return ResourceDriver(live.plugin, FlowRunProvider(), FLOW_RUN)


def new_flow(live: Live, *, disabled: bool = False, name: str = "Orders sync") -> str:
    """A fresh flow with one page generator; request counts are reset afterwards."""
    body = {
        "name": name,
        "_integrationId": live.ids["dev_integration"],
        "pageGenerators": [{"_exportId": live.ids["github_events_export"]}],
        "pageProcessors": [{"type": "import", "_importId": live.ids["slack_import"]}],
        "disabled": disabled,
    }
    response = raw(live, "POST", "/flows", body)
    assert response.status_code == 201, response.text
    live.emulator.reset_request_counts()
    return str(response.json()["_id"])


def peek_job(live: Live, job_id: str) -> dict[str, Any]:
    """The job as the emulator holds it, without advancing it (control plane, not counted)."""
    response = admin_request(live.emulator.root_url, "GET", f"/jobs/{job_id}")
    assert response.status_code == 200, response.text
    return dict(response.json())


# ---- check ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("inputs", "prop", "fragment"),
    [
        ({}, "flow_id", "flow_id: is required"),
        ({"flow_id": "not-an-id"}, "flow_id", "'not-an-id' is not an integrator.io id"),
        ({"export_ids": ["nope"]}, "export_ids", "export_ids[0]: 'nope' is not an integrator.io id"),
        ({"export_ids": []}, "export_ids", "omit it to run every page generator"),
        ({"start_date": "yesterday"}, "start_date", "'yesterday' is not an ISO-8601 date-time"),
        (
            {"start_date": "2024-02-01T00:00:00.000Z", "end_date": "2024-01-01T00:00:00.000Z"},
            "start_date",
            "is after end_date",
        ),
        ({"timeout": 0}, "timeout", "greater than 0"),
        ({"timeout": -5}, "timeout", "greater than 0"),
        ({"wait": "yes"}, "wait", "wait: Input should be a valid boolean"),
        ({"flowId": "0" * 24}, "flowId", "did you mean 'flow_id'?"),
    ],
)
def test_check_rejects_bad_input_naming_the_field_with_no_api_call(
    live: Live, runs: ResourceDriver, inputs: dict[str, Any], prop: str, fragment: str
) -> None:
    base: dict[str, Any] = (
        {"flow_id": "0" * 24} if "flow_id" not in inputs and inputs and "flowId" not in inputs else {}
    )
    outcome = runs.check("run", {**base, **inputs})
    assert prop in [p for p, _ in outcome.failures]
    assert any(fragment in message for _, message in outcome.failures), outcome.failures
    assert live.calls() == {}


def test_check_accepts_good_input_and_values_unknown_during_preview(live: Live, runs: ResourceDriver) -> None:
    good = {
        "flow_id": "0" * 24,
        "triggers": ["v1", 2, {"any": "thing"}],
        "export_ids": ["1" * 24],
        "start_date": "2024-01-01T00:00:00.000Z",
        "end_date": "2024-01-31",
        "wait": False,
        "timeout": 30,
    }
    assert runs.check("run", good).failures == []
    assert runs.check("run", {"flow_id": Unknown(), "triggers": [Unknown()], "start_date": Unknown()}).failures == []
    assert live.calls() == {}


# ---- create -----------------------------------------------------------------------------------


def test_run_and_wait_completes_with_counts(live: Live, runs: ResourceDriver) -> None:
    flow_id = new_flow(live)
    res = runs.create("run", {"flow_id": flow_id, "triggers": ["v1"]})
    assert live.calls() == {JOBS: 1, RUN: 1, JOB: 2}
    assert res.id == res.outputs["job_id"]
    outs = res.outputs
    assert outs["status"] == "completed"
    assert (outs["num_success"], outs["num_error"], outs["num_ignore"]) == (10, 0, 0)
    assert outs["started_at"] and outs["ended_at"]
    assert (outs["flow_id"], outs["triggers"]) == (flow_id, ["v1"])
    job = peek_job(live, res.id)
    assert (job["_flowId"], job["status"]) == (flow_id, "completed")


def test_the_run_request_carries_the_window_and_the_chosen_page_generators(live: Live, runs: ResourceDriver) -> None:
    flow_id = new_flow(live)
    res = runs.create(
        "run",
        {
            "flow_id": flow_id,
            "export_ids": [live.ids["github_events_export"]],
            "start_date": "2024-01-01T00:00:00.000Z",
            "end_date": "2024-01-31T00:00:00.000Z",
        },
    )
    assert res.outputs["status"] == "completed" and res.outputs["num_success"] == 10
    # An export that is no page generator of the flow is refused by the API: the ids were sent.
    other = live.ids["usage_pg_exports"][0]
    with pytest.raises(PluginError) as err:
        runs.create("run2", {"flow_id": flow_id, "export_ids": [other]})
    assert "export_ids[0]" in str(err.value) and "invalid_ref" in str(err.value)


def test_without_wait_the_job_is_queued_and_not_polled(live: Live, runs: ResourceDriver) -> None:
    flow_id = new_flow(live)
    res = runs.create("run", {"flow_id": flow_id, "wait": False})
    assert live.calls() == {JOBS: 1, RUN: 1}
    assert (res.outputs["job_id"], res.outputs["status"]) == (res.id, "queued")
    assert peek_job(live, res.id)["status"] == "queued"


def test_a_disabled_flow_is_a_clear_error_and_no_job(live: Live, runs: ResourceDriver) -> None:
    flow_id = new_flow(live, disabled=True)
    with pytest.raises(PluginError) as err:
        runs.create("run", {"flow_id": flow_id})
    message = str(err.value)
    assert "disabled" in message and "inactive_flow" in message and "Enable it" in message
    assert live.calls() == {JOBS: 1, RUN: 1}
    assert raw(live, "GET", f"/flows/{flow_id}/jobs/latest").status_code == 204  # the flow never ran


def test_an_unknown_flow_is_a_clear_error(live: Live, runs: ResourceDriver) -> None:
    with pytest.raises(PluginError, match="flow_id '0123456789abcdef01234567' names no flow"):
        runs.create("run", {"flow_id": "0123456789abcdef01234567"})
    assert live.calls() == {JOBS: 1, RUN: 1}  # the POST answers 404: the flow is named


def test_a_failed_job_fails_the_deployment_with_the_job_errors(live: Live, runs: ResourceDriver) -> None:
    flow_id = new_flow(live, name="Nightly orders")
    errors = [
        {"code": "connection_refused", "message": "Slack answered 503"},
        {"code": "invalid_record", "message": "Record 17 has no id"},
    ]
    live.emulator.fail_next_job(flow_id, errors)
    with pytest.raises(PluginError) as err:
        runs.create("run", {"flow_id": flow_id})
    message = str(err.value)
    for error in errors:
        assert error["code"] in message and error["message"] in message
    assert f'flow "Nightly orders" ({flow_id})' in message
    job_id = raw(live, "GET", f"/flows/{flow_id}/jobs/latest").json()[0]["_id"]
    assert f"job {job_id} failed" in message
    assert live.calls() == {JOBS: 1, RUN: 1, JOB: 2, JOB_ERRORS: 1, "GET /v1/flows/{id}": 1, LATEST: 1}


def test_a_job_not_finished_within_timeout_fails_saying_what_to_do(live: Live, runs: ResourceDriver) -> None:
    flow_id = new_flow(live)
    with pytest.raises(PluginError) as err:
        runs.create("run", {"flow_id": flow_id, "timeout": 0.1})
    assert "still running after 0.1 seconds" in str(err.value) and "Raise timeout" in str(err.value)
    assert live.calls() == {JOBS: 1, RUN: 1, JOB: 1}


# ---- an unanswered run POST ------------------------------------------------------------------------


def test_a_run_whose_response_is_lost_is_adopted_not_repeated(live: Live, runs: ResourceDriver) -> None:
    flow_id = new_flow(live)
    earlier = runs.create("earlier", {"flow_id": flow_id})  # a baseline job exists
    live.emulator.set_faults([{"method": "POST", "route": "/v1/flows/{id}/run", "lost_response_rate": 1.0}])
    live.emulator.reset_request_counts()
    res = runs.create("run", {"flow_id": flow_id})
    # Exactly one job started for this run: found by listing the flow's jobs again, then waited for.
    assert live.calls() == {JOBS: 2, RUN: 1, JOB: 2}
    assert res.id != earlier.id
    assert res.outputs["status"] == "completed"
    live.emulator.clear_faults()
    assert raw(live, "GET", f"/flows/{flow_id}/jobs/latest").json()[0]["_id"] == res.id


def test_a_run_whose_request_never_arrives_is_retried_a_bounded_number_of_times(
    live: Live, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In-process, so that the pauses between attempts (the shared write policy) can be made zero.
    monkeypatch.setattr(_writes, "WRITE_BACKOFF", _writes.Backoff(first=0.0))
    flow_id = new_flow(live)
    provider = FlowRunProvider()
    provider._client = CeligoClient(ClientConfig(api_token=SecretStr(TOKEN), base_url=live.emulator.base_url))
    live.emulator.set_faults([{"method": "POST", "route": "/v1/flows/{id}/run", "drop_rate": 1.0}])
    with pytest.raises(ResourceError) as err:
        provider.create({"flow_id": flow_id})
    assert str(err.value).startswith(
        f"FlowRun of flow {flow_id}: run failed: POST /flows/{flow_id}/run: outcome unknown"
    )
    # One baseline, then per attempt one POST and one look for its job: the budget is write_once's alone.
    assert {k: v for k, v in live.calls().items() if k != "GET /v1/tokenInfo"} == {
        JOBS: 1 + _writes.WRITE_ATTEMPTS,
        RUN: _writes.WRITE_ATTEMPTS,
    }
    live.emulator.clear_faults()
    assert raw(live, "GET", f"/flows/{flow_id}/jobs/latest").status_code == 204  # no job was started


def test_a_run_that_times_out_while_the_server_is_still_starting_it_is_not_repeated(
    emulator: EmulatorServer, client: CeligoClient
) -> None:
    """A run POST that timed out may still land: the provider keeps looking for its job (as a Flow
    create looks for its marker) instead of starting the flow again. In-process: the plugin server's
    client has the production timeouts. The server takes 0.8 s; the client gives up after 0.3 s."""
    ids = emulator.seed_ids
    flow = client.flows.create(
        Flow(
            name="Slow to start",
            integration_id=ids["dev_integration"],
            page_generators=[PageGenerator(export_id=ids["github_events_export"])],
            page_processors=[PageProcessor(type="import", import_id=ids["slack_import"])],
        )
    )
    assert flow.id is not None
    provider = FlowRunProvider()
    config = ClientConfig(api_token=SecretStr(TOKEN), base_url=emulator.base_url, read_timeout=0.3)
    provider._client = CeligoClient(config)
    emulator.set_faults(rules=[{"method": "POST", "route": "/v1/flows/{id}/run", "latency_ms": 800}])
    emulator.reset_request_counts()
    result = provider.create({"flow_id": flow.id, "wait": True})
    time.sleep(1.5)  # let any run request still in flight land before counting
    emulator.clear_faults()
    assert [job["_id"] for job in emulator.app.store.all("jobs", parent=flow.id)] == [result.id]
    assert emulator.request_counts()[RUN] == 1
    assert (result.outs or {}).get("status") == "completed"


def test_a_lost_run_post_adopts_its_own_job_not_a_scheduled_run_started_at_the_same_moment(
    emulator: EmulatorServer, client: CeligoClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run POST lands but its answer is lost, and at that moment the account's scheduler starts
    the flow too (a job of the same shape: type "flow", same flow). The provider takes its own job,
    the first created after its baseline, not the newest one (what `jobs/latest` would have given),
    and starts nothing again. In-process, so that the scheduler can act right after the POST."""
    ids = emulator.seed_ids
    flow = client.flows.create(
        Flow(
            name="Scheduled and run",
            integration_id=ids["dev_integration"],
            page_generators=[PageGenerator(export_id=ids["github_events_export"])],
            page_processors=[PageProcessor(type="import", import_id=ids["slack_import"])],
            schedule="? * * ? * *",
        )
    )
    assert flow.id is not None
    provider = FlowRunProvider()
    provider._client = CeligoClient(ClientConfig(api_token=SecretStr(TOKEN), base_url=emulator.base_url))
    scheduled: list[str] = []
    post_run = provider.client.flows.run

    def run_while_the_scheduler_starts_the_flow(flow_id: str, request: Any = None) -> str:
        try:
            return post_run(flow_id, request)
        finally:
            with emulator.app.store.transaction():
                scheduled.append(emulator.app.backend.run_flow(flow_id, {}))

    monkeypatch.setattr(provider.client.flows, "run", run_while_the_scheduler_starts_the_flow)
    emulator.set_faults([{"method": "POST", "route": "/v1/flows/{id}/run", "lost_response_rate": 1.0}])
    emulator.reset_request_counts()
    result = provider.create({"flow_id": flow.id, "wait": False})
    emulator.clear_faults()
    jobs = [job["_id"] for job in emulator.app.store.all("jobs", parent=flow.id)]
    assert len(jobs) == 2 and len(scheduled) == 1  # ours and the scheduler's: no run started twice
    (ours,) = [job for job in jobs if job != scheduled[0]]
    assert result.id == ours
    assert (result.outs or {})["job_id"] == ours
    assert {k: v for k, v in emulator.request_counts().items() if k != "GET /v1/tokenInfo"} == {JOBS: 2, RUN: 1}


# ---- diff, update, read, delete -------------------------------------------------------------------


def test_no_diff_when_nothing_changed(live: Live, runs: ResourceDriver) -> None:
    flow_id = new_flow(live)
    inputs = {"flow_id": flow_id, "triggers": ["v1", 2], "start_date": "2024-01-01T00:00:00.000Z"}
    res = runs.create("run", inputs)
    live.emulator.reset_request_counts()
    diff = runs.diff(res, inputs)
    assert (diff.changes, diff.replaces) == (False, [])
    assert runs.diff(res, {**inputs, "wait": True, "timeout": 600}).changes is False  # the defaults
    assert live.calls() == {}


def test_a_trigger_change_is_a_replacement_which_runs_the_flow_again(live: Live, runs: ResourceDriver) -> None:
    flow_id = new_flow(live)
    res = runs.create("run", {"flow_id": flow_id, "triggers": ["v1"]})
    live.emulator.reset_request_counts()
    diff = runs.diff(res, {"flow_id": flow_id, "triggers": ["v2"]})
    assert (diff.changes, diff.replaces) == (True, ["triggers"])
    assert live.calls() == {}
    # The engine replaces: create the new run, then delete the old one.
    again = runs.create("run", {"flow_id": flow_id, "triggers": ["v2"]})
    runs.delete(res)
    assert again.id != res.id and again.outputs["status"] == "completed"
    assert live.calls() == {JOBS: 1, RUN: 1, JOB: 2}


@pytest.mark.parametrize(
    ("change", "replaces"),
    [
        ({"export_ids": ["0" * 24]}, ["export_ids"]),
        ({"start_date": "2024-01-01T00:00:00.000Z"}, ["start_date"]),
        ({"end_date": "2024-01-01T00:00:00.000Z"}, ["end_date"]),
        ({"flow_id": "0" * 24}, ["flow_id"]),
    ],
)
def test_what_to_run_changing_is_a_replacement(
    live: Live, runs: ResourceDriver, change: dict[str, Any], replaces: list[str]
) -> None:
    flow_id = new_flow(live)
    res = runs.create("run", {"flow_id": flow_id, "triggers": ["v1"]})
    diff = runs.diff(res, {"flow_id": flow_id, "triggers": ["v1"], **change})
    assert (diff.changes, diff.replaces) == (True, replaces)


@pytest.mark.parametrize("unknown", ["flow_id", "triggers", "export_ids", "start_date", "end_date"])
def test_a_value_not_known_yet_does_not_run_the_flow_again(live: Live, runs: ResourceDriver, unknown: str) -> None:
    # The engine diffs the dependents of a delete-first replacement with its outputs unknown, in the
    # real update too: answering "replace" ran the flow again although the value turned out the same.
    flow_id = new_flow(live)
    inputs = {"flow_id": flow_id, "triggers": ["v1"]}
    res = runs.create("run", inputs)
    diff = runs.diff(res, {**inputs, unknown: Unknown()})
    assert (diff.changes, diff.replaces) == (True, [])
    live.emulator.reset_request_counts()
    same = runs.update(res, inputs)  # the value, once known, is the same: nothing happens
    assert live.calls() == {}
    assert (same.id, same.outputs["job_id"], same.outputs["status"]) == (res.id, res.id, "completed")


def test_an_update_meeting_a_changed_run_input_refuses_and_says_to_run_again(live: Live, runs: ResourceDriver) -> None:
    flow_id = new_flow(live)
    res = runs.create("run", {"flow_id": flow_id, "triggers": ["v1"]})
    live.emulator.reset_request_counts()
    with pytest.raises(PluginError) as err:
        runs.update(res, {"flow_id": flow_id, "triggers": ["v2"]})
    assert (
        f"FlowRun of flow {flow_id}: update refused, nothing was written: triggers changed, which needs a "
        "replacement, but the plan was made while the value was not known yet. Run `pulumi up` again: its "
        "preview shows the replacement."
    ) in str(err.value)
    assert live.calls() == {}


def test_changing_wait_or_timeout_is_an_update_without_api_calls(live: Live, runs: ResourceDriver) -> None:
    flow_id = new_flow(live)
    res = runs.create("run", {"flow_id": flow_id})
    live.emulator.reset_request_counts()
    changed = {"flow_id": flow_id, "timeout": 60, "wait": False}
    diff = runs.diff(res, changed)
    assert (diff.changes, diff.replaces) == (True, [])
    updated = runs.update(res, changed)
    assert live.calls() == {}
    assert updated.outputs["job_id"] == res.id and updated.outputs["status"] == "completed"
    assert (updated.outputs["timeout"], updated.outputs["wait"]) == (60, False)
    assert runs.diff(updated, changed).changes is False


def test_get_of_a_missing_or_malformed_job_id_is_an_error_naming_it(live: Live, runs: ResourceDriver) -> None:
    missing = "0123456789abcdef01234567"
    with pytest.raises(PluginError) as err:
        runs.get(missing)
    assert f"FlowRun: id '{missing}' names no job this API token can see: check the id" in str(err.value)
    assert live.calls() == {JOB: 1}
    with pytest.raises(PluginError) as err:
        runs.get("../flows/x")
    assert "FlowRun, job ../flows/x: read failed: the job id '../flows/x' is not an integrator.io id" in str(err.value)
    assert live.calls() == {JOB: 1}


def test_refresh_reads_the_job_once(live: Live, runs: ResourceDriver) -> None:
    flow_id = new_flow(live)
    res = runs.create("run", {"flow_id": flow_id, "wait": False, "triggers": ["v1"]})
    live.emulator.reset_request_counts()
    id_, outs, inputs = runs.read(res)
    assert live.calls() == {JOB: 1}
    assert (id_, outs["status"], outs["job_id"]) == (res.id, "running", res.id)
    assert inputs is not None
    assert {k: v for k, v in inputs.items() if not k.startswith("__")} == {
        "flow_id": flow_id,
        "triggers": ["v1"],
        "wait": False,
    }
    refreshed = Deployed(res.name, id_, inputs, outs)
    assert runs.diff(refreshed, res.inputs).changes is False


def test_refresh_of_a_job_the_api_forgot_keeps_the_last_known_outputs(live: Live, runs: ResourceDriver) -> None:
    flow_id = new_flow(live)
    res = runs.create("run", {"flow_id": flow_id})
    forgotten = Deployed(
        res.name, "0123456789abcdef01234567", res.inputs, {**res.outputs, "job_id": "0123456789abcdef01234567"}
    )
    live.emulator.reset_request_counts()
    id_, outs, _inputs = runs.read(forgotten)
    assert live.calls() == {JOB: 1}
    assert id_ == forgotten.id  # still there: a run is a historical event, not re-run by the next `up`
    assert outs["status"] == "completed" and outs["num_success"] == 10


def test_delete_makes_no_api_call(live: Live, runs: ResourceDriver) -> None:
    flow_id = new_flow(live)
    res = runs.create("run", {"flow_id": flow_id, "wait": False})
    live.emulator.reset_request_counts()
    runs.delete(res)
    assert live.calls() == {}
    assert peek_job(live, res.id)["status"] == "queued"  # left to run
