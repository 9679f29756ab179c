"""The FlowClone provider through the real plugin server over gRPC, against the emulator over HTTP.
Every test asserts the API calls it caused; the emulator is shared by the session, so account-wide
comparisons are made before and after each test's own actions."""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest
from pulumi.output import Unknown
from pulumi_celigo.client import CeligoClient, ClientConfig
from pulumi_celigo.emulator import EmulatorServer
from pulumi_celigo.models import Flow, PageGenerator, PageProcessor
from pulumi_celigo.providers import _writes
from pulumi_celigo.providers.flow_clone import FlowCloneProvider
from pulumi_celigo.testing import PluginError
from pydantic import SecretStr

from tests.conftest import TOKEN, Live, listed, raw
from tests.resources.driver import Deployed, ResourceDriver

FLOW_CLONE = "pulumi-python:dynamic/celigo:FlowClone"
WRITES = ("POST", "PUT", "PATCH", "DELETE")
MISSING = "0123456789abcdef01234567"


@pytest.fixture
def clones(live: Live) -> ResourceDriver:
    return ResourceDriver(live.plugin, FlowCloneProvider(), FLOW_CLONE)


def ids_of(live: Live, collection: str) -> set[str]:
    return {doc["_id"] for doc in listed(live, collection)}


def dev_flow(live: Live, *, routed: bool = False) -> str:
    """A flow of the dev integration (GitHub events -> Slack), made by another client, to promote."""
    processors = [{"type": "import", "_importId": live.ids["slack_import"]}]
    body: dict[str, Any] = {
        "name": f"Dev flow {uuid.uuid4().hex[:8]}",
        "_integrationId": live.ids["dev_integration"],
        "pageGenerators": [{"_exportId": live.ids["github_events_export"]}],
        "schedule": "? */15 * * * *",
        "timezone": "Europe/Berlin",
    }
    if routed:
        # The usage import (integrator.io API connection) only appears in a router's branch.
        body["routers"] = [
            {
                "id": "r1",
                "branches": [
                    {"name": "slack", "pageProcessors": processors},
                    {
                        "name": "usage",
                        "pageProcessors": [{"type": "import", "_importId": live.ids["usage_imports"][0]}],
                    },
                ],
            }
        ]
    else:
        body["pageProcessors"] = processors
    response = raw(live, "POST", "/flows", body)
    assert response.status_code == 201, response.text
    return str(response.json()["_id"])


def prod_map(live: Live) -> dict[str, str]:
    return {
        live.ids["dev_github_connection"]: live.ids["prod_github_connection"],
        live.ids["dev_slack_connection"]: live.ids["prod_slack_connection"],
    }


def clone_inputs(live: Live, source: str, **overrides: Any) -> dict[str, Any]:
    inputs: dict[str, Any] = {
        "source_flow_id": source,
        "integration_id": live.ids["prod_integration"],
        "connection_map": prod_map(live),
        "name": f"Promoted {uuid.uuid4().hex[:8]}",
        "schedule": "? 0 2 ? * *",
        "timezone": "America/Los_Angeles",
        "disabled": False,
    }
    inputs.update(overrides)
    return {k: v for k, v in inputs.items() if v is not None}


def writes(live: Live) -> dict[str, int]:
    return {k: v for k, v in live.calls().items() if k.split()[0] in WRITES}


# ---- check ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "prop", "fragment"),
    [
        ({"source_flow_id": "nope"}, "source_flow_id", "'nope' is not an integrator.io id"),
        ({"integration_id": None}, "integration_id", "integration_id: is required"),
        ({"connection_map": {"bad": MISSING}}, "connection_map", "connection_map: key 'bad' is not an integrator.io"),
        ({"connection_map": {MISSING: 7}}, "connection_map", "Input should be a valid string"),
        ({"connection_map": ["x"]}, "connection_map", "Input should be a valid dictionary"),
        ({"schedule": "0 2 * * *"}, "schedule", "write 6 fields whose first is '?'"),
        ({"timezone": "Mars/Olympus"}, "timezone", "'Mars/Olympus' is not an IANA timezone name"),
        ({"disabled": "no"}, "disabled", "Input should be a valid boolean"),
        ({"sourceFlowId": MISSING}, "sourceFlowId", "did you mean 'source_flow_id'?"),
    ],
)
def test_check_rejects_bad_input_naming_the_field_with_no_api_call(
    live: Live, clones: ResourceDriver, change: dict[str, Any], prop: str, fragment: str
) -> None:
    inputs = clone_inputs(live, MISSING)
    inputs.update(change)
    outcome = clones.check("prod", {k: v for k, v in inputs.items() if v is not None})
    assert [p for p, _ in outcome.failures] == [prop], outcome.failures
    assert fragment in outcome.failures[0][1]
    assert live.calls() == {}


def test_check_tolerates_unknowns(live: Live, clones: ResourceDriver) -> None:
    outcome = clones.check("prod", clone_inputs(live, MISSING, source_flow_id=Unknown()))
    assert outcome.failures == []
    assert live.calls() == {}


# ---- create -----------------------------------------------------------------------------------


def test_a_map_missing_connections_fails_naming_them_and_writes_nothing(live: Live, clones: ResourceDriver) -> None:
    source = dev_flow(live, routed=True)
    flows_before, exports_before = ids_of(live, "flows"), ids_of(live, "exports")
    incomplete = {live.ids["dev_github_connection"]: MISSING}  # Slack and integrator.io unmapped; target missing
    live.emulator.reset_request_counts()
    with pytest.raises(PluginError) as err:
        clones.create("prod", clone_inputs(live, source, connection_map=incomplete))
    message = str(err.value)
    assert "create refused, nothing was written" in message
    slack, usage = live.ids["slack_import"], live.ids["usage_imports"][0]
    assert f'{live.ids["dev_slack_connection"]} "Slack (Dev)", used by import "Post to Slack" ({slack})' in message
    # Used only in a router's branch.
    assert f'{live.ids["dev_integrator_connection"]} "integrator.io API (Dev)", used by import' in message
    assert f"({usage})" in message
    assert f"connection_map['{live.ids['dev_github_connection']}'] = '{MISSING}'" in message
    assert "map an id to itself to keep the same connection" in message
    # One list of the connections names the unmapped sources and finds the missing target: no GET per id.
    assert live.calls() == {"GET /v1/flows/{id}/descendants": 1, "GET /v1/connections": 1}
    assert writes(live) == {}
    assert (ids_of(live, "flows"), ids_of(live, "exports")) == (flows_before, exports_before)


def test_a_missing_source_flow_is_a_clear_error(live: Live, clones: ResourceDriver) -> None:
    with pytest.raises(PluginError, match=f"source_flow_id '{MISSING}' names no flow"):
        clones.create("prod", clone_inputs(live, MISSING))
    assert writes(live) == {}


def test_create_clones_and_completes_the_flow_in_one_step(live: Live, clones: ResourceDriver) -> None:
    source = dev_flow(live)
    live.emulator.reset_request_counts()
    res = clones.create("prod", clone_inputs(live, source))
    assert live.calls() == {
        "GET /v1/flows/{id}/descendants": 1,
        "GET /v1/connections": 1,  # one list checks every target of the map
        "GET /v1/flows": 1,
        "POST /v1/flows/{id}/clone": 1,
        "GET /v1/flows/{id}": 1,
        "PATCH /v1/flows/{id}": 1,
    }
    server = raw(live, "GET", f"/flows/{res.id}").json()
    assert server["_sourceId"] == source
    assert server["_integrationId"] == live.ids["prod_integration"]
    assert (server["schedule"], server["timezone"], server["disabled"]) == ("? 0 2 ? * *", "America/Los_Angeles", False)
    assert res.outputs["flow_id"] == res.id
    assert res.outputs["source_flow_id"] == source
    assert res.outputs["created_at"] == server["createdAt"]
    # The copies, on the prod connections.
    assert len(res.outputs["export_ids"]) == 1 and len(res.outputs["import_ids"]) == 1
    export = raw(live, "GET", f"/exports/{res.outputs['export_ids'][0]}").json()
    imp = raw(live, "GET", f"/imports/{res.outputs['import_ids'][0]}").json()
    assert export["_connectionId"] == live.ids["prod_github_connection"]
    assert imp["_connectionId"] == live.ids["prod_slack_connection"]
    assert server["pageGenerators"][0]["_exportId"] == export["_id"]

    live.emulator.reset_request_counts()
    diff = clones.diff(res, clone_inputs(live, source, name=res.inputs["name"]))
    assert (diff.changes, diff.replaces) == (False, [])
    assert live.calls() == {}


def test_disabled_clone_without_schedule_needs_no_patch(live: Live, clones: ResourceDriver) -> None:
    source = dev_flow(live)
    inputs = clone_inputs(live, source, schedule=None, timezone=None, disabled=True)
    live.emulator.reset_request_counts()
    res = clones.create("prod", inputs)
    assert "PATCH /v1/flows/{id}" not in live.calls()
    assert res.outputs["disabled"] is True
    assert res.outputs["timezone"] == "Europe/Berlin"  # kept from the source
    assert "schedule" not in res.outputs
    assert clones.diff(res, inputs).changes is False


def test_refresh_shows_no_diff_then_shows_drift(live: Live, clones: ResourceDriver) -> None:
    source = dev_flow(live)
    inputs = clone_inputs(live, source)
    res = clones.create("prod", inputs)
    live.emulator.reset_request_counts()
    id_, outs, refreshed_inputs = clones.read(res)
    assert live.calls() == {"GET /v1/flows/{id}": 1}
    assert refreshed_inputs is not None
    assert clones.diff(Deployed(res.name, id_, refreshed_inputs, outs), inputs).changes is False

    ops = [
        {"op": "replace", "path": "/name", "value": "Renamed in UI"},
        {"op": "replace", "path": "/disabled", "value": True},
    ]
    assert raw(live, "PATCH", f"/flows/{res.id}", ops).status_code == 204
    id_, outs, refreshed_inputs = clones.read(res)
    assert (outs["name"], outs["disabled"]) == ("Renamed in UI", True)
    assert refreshed_inputs is not None and refreshed_inputs["name"] == "Renamed in UI"
    refreshed = Deployed(res.name, id_, refreshed_inputs, outs)
    assert clones.diff(refreshed, refreshed_inputs).changes is False
    diff = clones.diff(refreshed, inputs)
    assert (diff.changes, diff.replaces) == (True, [])
    live.emulator.reset_request_counts()
    restored = clones.update(refreshed, inputs)
    assert live.calls() == {"PATCH /v1/flows/{id}": 1}
    server = raw(live, "GET", f"/flows/{res.id}").json()
    assert (server["name"], server["disabled"]) == (inputs["name"], False)
    assert clones.diff(restored, inputs).changes is False


def test_a_clone_deleted_out_of_band_reads_as_gone(live: Live, clones: ResourceDriver) -> None:
    res = clones.create("prod", clone_inputs(live, dev_flow(live)))
    assert raw(live, "DELETE", f"/flows/{res.id}").status_code == 204
    id_, outs, _ = clones.read(res)
    assert (id_, {k: v for k, v in outs.items() if not k.startswith("__")}) == ("", {})
    clones.delete(res)  # the copies still go


def test_get_reads_a_clone_and_refuses_a_missing_or_malformed_id(live: Live, clones: ResourceDriver) -> None:
    res = clones.create("prod", clone_inputs(live, dev_flow(live)))
    live.emulator.reset_request_counts()
    id_, outs, _ = clones.get(res.id)
    assert (id_, outs["name"], outs["flow_id"]) == (res.id, res.outputs["name"], res.id)
    with pytest.raises(PluginError) as err:
        clones.get(MISSING)
    assert f"FlowClone: id '{MISSING}' names no flow this API token can see: check the id" in str(err.value)
    assert live.calls() == {"GET /v1/flows/{id}": 2}
    with pytest.raises(PluginError) as err:
        clones.get("../exports/x")
    assert "FlowClone: read failed: the flow id '../exports/x' is not an integrator.io id" in str(err.value)
    assert live.calls() == {"GET /v1/flows/{id}": 2}


# ---- update and replacement -------------------------------------------------------------------


def test_rename_and_reschedule_are_one_patch(live: Live, clones: ResourceDriver) -> None:
    source = dev_flow(live)
    res = clones.create("prod", clone_inputs(live, source))
    changed = clone_inputs(live, source, name="Renamed clone", schedule="? */5 * * * *", disabled=True)
    diff = clones.diff(res, changed)
    assert (diff.changes, diff.replaces) == (True, [])
    live.emulator.reset_request_counts()
    res = clones.update(res, changed)
    assert live.calls() == {"PATCH /v1/flows/{id}": 1}
    server = raw(live, "GET", f"/flows/{res.id}").json()
    assert (server["name"], server["schedule"], server["disabled"]) == ("Renamed clone", "? */5 * * * *", True)
    assert clones.diff(res, changed).changes is False


def test_flow_grouping_moves_in_place_and_removing_the_schedule_is_get_put(live: Live, clones: ResourceDriver) -> None:
    source = dev_flow(live)
    inputs = clone_inputs(live, source)
    res = clones.create("prod", inputs)
    grouped = {**inputs, "flow_grouping_id": live.ids["prod_reports_flow_grouping"]}
    assert clones.diff(res, grouped).replaces == []
    live.emulator.reset_request_counts()
    res = clones.update(res, grouped)
    assert live.calls() == {"PUT /v1/flows/updateFlowGrouping": 1}
    assert raw(live, "GET", f"/flows/{res.id}").json()["_flowGroupingId"] == live.ids["prod_reports_flow_grouping"]
    assert clones.diff(res, grouped).changes is False

    unscheduled = {k: v for k, v in grouped.items() if k != "schedule"}
    live.emulator.reset_request_counts()
    res = clones.update(res, unscheduled)
    assert live.calls() == {"GET /v1/flows/{id}": 1, "PUT /v1/flows/{id}": 1}
    server = raw(live, "GET", f"/flows/{res.id}").json()
    assert "schedule" not in server and server["_flowGroupingId"] == live.ids["prod_reports_flow_grouping"]
    assert clones.diff(res, unscheduled).changes is False


@pytest.mark.parametrize("field", ["connection_map", "integration_id", "source_flow_id"])
def test_a_value_not_known_yet_does_not_clone_again(live: Live, clones: ResourceDriver, field: str) -> None:
    # A delete-first replacement upstream: the engine diffs this clone with the value unknown, in the
    # real update too; answering "replace" re-cloned production although the value turned out the same.
    inputs = clone_inputs(live, dev_flow(live))
    res = clones.create("prod", inputs)
    diff = clones.diff(res, {**inputs, field: Unknown()})
    assert (diff.changes, diff.replaces) == (True, [])
    live.emulator.reset_request_counts()
    same = clones.update(res, inputs)
    assert live.calls() == {}
    assert same.outputs == res.outputs
    changed = {**inputs, "integration_id": live.ids["dev_integration"]}
    with pytest.raises(PluginError) as err:
        clones.update(res, changed)
    assert "update refused, nothing was written: integration_id changed, which needs a replacement" in str(err.value)
    assert live.calls() == {}


@pytest.mark.parametrize("field", ["connection_map", "integration_id", "source_flow_id"])
def test_what_the_clone_was_made_from_forces_a_replacement(live: Live, clones: ResourceDriver, field: str) -> None:
    source = dev_flow(live)
    res = clones.create("prod", clone_inputs(live, source))
    other = {
        "connection_map": {**prod_map(live), live.ids["dev_slack_connection"]: live.ids["dev_slack_connection"]},
        "integration_id": live.ids["dev_integration"],
        "source_flow_id": MISSING,
    }[field]
    diff = clones.diff(res, {**res.inputs, field: other})
    assert (diff.changes, diff.replaces) == (True, [field])


# ---- delete -----------------------------------------------------------------------------------


def test_destroying_a_clone_leaves_no_orphans(live: Live, clones: ResourceDriver) -> None:
    source = dev_flow(live)
    before = {c: ids_of(live, c) for c in ("flows", "exports", "imports")}
    res = clones.create("prod", clone_inputs(live, source))
    live.emulator.reset_request_counts()
    clones.delete(res)
    assert live.calls() == {"DELETE /v1/flows/{id}": 1, "DELETE /v1/imports/{id}": 1, "DELETE /v1/exports/{id}": 1}
    assert {c: ids_of(live, c) for c in before} == before
    clones.delete(res)  # again: everything is already gone, which is success


# ---- ambiguous writes -------------------------------------------------------------------------


def test_a_lost_clone_response_makes_exactly_one_clone(live: Live, clones: ResourceDriver) -> None:
    source = dev_flow(live)
    exports_before = ids_of(live, "exports")
    inputs = clone_inputs(live, source)
    live.emulator.set_faults(rules=[{"method": "POST", "route": "/v1/flows/{id}/clone", "lost_response_rate": 1.0}])
    res = clones.create("prod", inputs)
    live.emulator.clear_faults()
    calls = live.calls()
    assert calls["POST /v1/flows/{id}/clone"] == 1  # answered "unknown", found, not repeated
    assert calls["GET /v1/flows"] == 2  # the clones of the source, before and after
    clones_of_source = [f for f in listed(live, "flows", include="_sourceId") if f.get("_sourceId") == source]
    assert [f["_id"] for f in clones_of_source] == [res.id]
    new_exports = ids_of(live, "exports") - exports_before
    assert set(res.outputs["export_ids"]) == new_exports and len(new_exports) == 1
    assert len(res.outputs["import_ids"]) == 1
    server = raw(live, "GET", f"/flows/{res.id}").json()
    assert (server["schedule"], server["disabled"]) == (inputs["schedule"], False)
    clones.delete(res)
    assert ids_of(live, "exports") == exports_before


def test_a_lost_response_with_an_earlier_clone_present_takes_only_the_new_one(
    live: Live, clones: ResourceDriver
) -> None:
    source = dev_flow(live)
    inputs = clone_inputs(live, source)
    earlier = clones.create("earlier", inputs)  # same source, same name, already there
    live.emulator.set_faults(rules=[{"method": "POST", "route": "/v1/flows/{id}/clone", "lost_response_rate": 1.0}])
    res = clones.create("prod", inputs)
    live.emulator.clear_faults()
    assert res.id != earlier.id
    clones_of_source = {f["_id"] for f in listed(live, "flows", include="_sourceId") if f.get("_sourceId") == source}
    assert clones_of_source == {earlier.id, res.id}
    clones.delete(res)
    clones.delete(earlier)


def test_a_timed_out_clone_is_waited_for_not_repeated(
    emulator: EmulatorServer, client: CeligoClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real service can take minutes to clone: a POST that timed out may still land. The
    provider keeps looking for it instead of cloning again. (In-process: the plugin server's
    client has the production timeouts.)"""
    ids = emulator.seed_ids
    source = client.flows.create(
        Flow(
            name="Slow to clone",
            integration_id=ids["dev_integration"],
            page_generators=[PageGenerator(export_id=ids["github_events_export"])],
            page_processors=[PageProcessor(type="import", import_id=ids["slack_import"])],
        )
    )
    monkeypatch.setattr(_writes, "WRITE_BACKOFF", _writes.Backoff(first=0.2, max=0.2))
    provider = FlowCloneProvider()
    # The client gives up after 0.8 s and says the clone may still land within twice that (`settle`).
    config = ClientConfig(api_token=SecretStr(TOKEN), base_url=emulator.base_url, clone_read_timeout=0.8)
    provider._client = CeligoClient(config)
    emulator.set_faults(rules=[{"method": "POST", "route": "/v1/flows/{id}/clone", "latency_ms": 1500}])
    emulator.reset_request_counts()
    inputs = {
        "source_flow_id": source.id,
        "integration_id": ids["prod_integration"],
        "connection_map": {
            ids["dev_github_connection"]: ids["prod_github_connection"],
            ids["dev_slack_connection"]: ids["prod_slack_connection"],
        },
        "name": "Slow to clone (prod)",
        "disabled": True,
    }
    result = provider.create(inputs)
    time.sleep(2.0)  # let any clone request still in flight land before counting
    clones = [f for f in client.flows.list(integration_id=ids["prod_integration"]) if f.source_id == source.id]
    assert [f.id for f in clones] == [result.id]
    assert emulator.request_counts()["POST /v1/flows/{id}/clone"] == 1
