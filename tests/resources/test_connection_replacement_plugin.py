"""The FlowConnectionReplacement provider through the real plugin server over gRPC, against the
emulator over HTTP, with exact API call counts."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from pulumi.output import Unknown
from pulumi_celigo.providers.flow_connection_replacement import FlowConnectionReplacementProvider
from pulumi_celigo.testing import PluginError

from tests.conftest import Live, raw
from tests.resources.driver import Deployed, ResourceDriver

REPLACEMENT = "pulumi-python:dynamic/celigo:FlowConnectionReplacement"
WRITES = ("POST", "PUT", "PATCH", "DELETE")
MISSING = "0123456789abcdef01234567"


@pytest.fixture
def swaps(live: Live) -> ResourceDriver:
    return ResourceDriver(live.plugin, FlowConnectionReplacementProvider(), REPLACEMENT)


def connection_of(live: Live, collection: str, doc_id: str) -> str:
    return str(raw(live, "GET", f"/{collection}/{doc_id}").json()["_connectionId"])


@pytest.fixture
def flow(live: Live) -> Iterator[str]:
    """A GitHub -> Slack flow on the dev connections. The seed's import is shared by the session:
    it is put back on the dev Slack connection afterwards, whatever the test did."""
    body = {
        "name": f"Swap me {uuid.uuid4().hex[:8]}",
        "_integrationId": live.ids["dev_integration"],
        "pageGenerators": [{"_exportId": live.ids["github_events_export"]}],
        "pageProcessors": [{"type": "import", "_importId": live.ids["slack_import"]}],
    }
    response = raw(live, "POST", "/flows", body)
    assert response.status_code == 201, response.text
    flow_id = str(response.json()["_id"])
    yield flow_id
    raw(live, "DELETE", f"/flows/{flow_id}")
    imp = raw(live, "GET", f"/imports/{live.ids['slack_import']}").json()
    imp["_connectionId"] = live.ids["dev_slack_connection"]
    raw(live, "PUT", f"/imports/{live.ids['slack_import']}", imp)


def swap_inputs(live: Live, flow_id: str, **overrides: Any) -> dict[str, Any]:
    inputs: dict[str, Any] = {
        "flow_id": flow_id,
        "connection_id": live.ids["dev_slack_connection"],
        "new_connection_id": live.ids["prod_slack_connection"],
    }
    inputs.update(overrides)
    return inputs


def writes(live: Live) -> dict[str, int]:
    return {k: v for k, v in live.calls().items() if k.split()[0] in WRITES}


# ---- check ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "prop", "fragment"),
    [
        ({"flow_id": "x"}, "flow_id", "'x' is not an integrator.io id"),
        ({"connection_id": None}, "connection_id", "connection_id: is required"),
        ({"new_connection_id": "65a1c0de0003000000000002"}, "new_connection_id", "is the same as connection_id"),
        ({"restore_on_delete": "yes"}, "restore_on_delete", "Input should be a valid boolean"),
    ],
)
def test_check_names_the_field_with_no_api_call(
    live: Live, swaps: ResourceDriver, change: dict[str, Any], prop: str, fragment: str
) -> None:
    inputs = {k: v for k, v in {**swap_inputs(live, MISSING), **change}.items() if v is not None}
    outcome = swaps.check("swap", inputs)
    assert [p for p, _ in outcome.failures] == [prop], outcome.failures
    assert fragment in outcome.failures[0][1]
    assert live.calls() == {}


# ---- create -----------------------------------------------------------------------------------


def test_replacement_is_applied_and_reverted_on_delete(live: Live, swaps: ResourceDriver, flow: str) -> None:
    live.emulator.reset_request_counts()
    res = swaps.create("swap", swap_inputs(live, flow))
    assert live.calls() == {
        "GET /v1/connections/{id}": 2,
        "GET /v1/flows/{id}/descendants": 1,
        "PUT /v1/flows/{id}/replaceConnection": 1,
    }
    assert res.id == f"{flow}:{live.ids['dev_slack_connection']}:{live.ids['prod_slack_connection']}"
    assert connection_of(live, "imports", live.ids["slack_import"]) == live.ids["prod_slack_connection"]
    assert connection_of(live, "exports", live.ids["github_events_export"]) == live.ids["dev_github_connection"]
    assert res.outputs["in_effect"] is True
    assert res.outputs["restore_on_delete"] is True
    assert res.outputs["steps_on_new_connection"] == [live.ids["slack_import"]]
    assert res.outputs["steps_on_old_connection"] == []
    assert res.outputs["replaced_import_ids"] == [live.ids["slack_import"]]

    live.emulator.reset_request_counts()
    assert swaps.diff(res, swap_inputs(live, flow)).changes is False
    _, outs, inputs = swaps.read(res)
    assert live.calls() == {"GET /v1/flows/{id}/descendants": 1}
    assert (
        inputs is not None
        and swaps.diff(Deployed(res.name, res.id, inputs, outs), swap_inputs(live, flow)).changes is False
    )

    live.emulator.reset_request_counts()
    swaps.delete(res)
    assert live.calls() == {"PUT /v1/flows/{id}/replaceConnection": 1}
    assert connection_of(live, "imports", live.ids["slack_import"]) == live.ids["dev_slack_connection"]


def test_restore_on_delete_false_keeps_the_new_connection(live: Live, swaps: ResourceDriver, flow: str) -> None:
    res = swaps.create("swap", swap_inputs(live, flow, restore_on_delete=False))
    assert res.outputs["restore_on_delete"] is False
    live.emulator.reset_request_counts()
    swaps.delete(res)
    assert live.calls() == {}
    assert connection_of(live, "imports", live.ids["slack_import"]) == live.ids["prod_slack_connection"]


def test_changing_restore_on_delete_is_in_place_without_api_call(live: Live, swaps: ResourceDriver, flow: str) -> None:
    res = swaps.create("swap", swap_inputs(live, flow))
    changed = swap_inputs(live, flow, restore_on_delete=False)
    diff = swaps.diff(res, changed)
    assert (diff.changes, diff.replaces) == (True, [])
    live.emulator.reset_request_counts()
    res = swaps.update(res, changed)
    assert live.calls() == {}
    assert res.outputs["restore_on_delete"] is False and swaps.diff(res, changed).changes is False


@pytest.mark.parametrize("field", ["flow_id", "connection_id", "new_connection_id"])
def test_other_input_changes_replace(live: Live, swaps: ResourceDriver, flow: str, field: str) -> None:
    res = swaps.create("swap", swap_inputs(live, flow))
    diff = swaps.diff(res, {**res.inputs, field: MISSING})
    assert (diff.changes, diff.replaces, diff.delete_before_replace) == (True, [field], True)


@pytest.mark.parametrize("field", ["flow_id", "connection_id", "new_connection_id"])
def test_a_value_not_known_yet_does_not_replace(live: Live, swaps: ResourceDriver, flow: str, field: str) -> None:
    res = swaps.create("swap", swap_inputs(live, flow))
    diff = swaps.diff(res, {**res.inputs, field: Unknown()})
    assert (diff.changes, diff.replaces) == (True, [])
    live.emulator.reset_request_counts()
    assert swaps.update(res, res.inputs).outputs == res.outputs
    with pytest.raises(PluginError, match=f"update refused, nothing was written: {field} changed"):
        swaps.update(res, {**res.inputs, field: MISSING})
    assert live.calls() == {}
    swaps.delete(res)


def test_a_flow_not_using_the_connection_is_refused_without_write(live: Live, swaps: ResourceDriver, flow: str) -> None:
    inputs = swap_inputs(
        live,
        flow,
        connection_id=live.ids["dev_integrator_connection"],
        new_connection_id=live.ids["prod_integrator_connection"],
    )
    live.emulator.reset_request_counts()
    with pytest.raises(PluginError) as err:
        swaps.create("swap", inputs)
    message = str(err.value)
    assert f"no step of flow {flow} uses connection_id '{live.ids['dev_integrator_connection']}'" in message
    assert live.ids["dev_slack_connection"] in message and live.ids["dev_github_connection"] in message
    assert writes(live) == {}


def test_a_missing_connection_is_refused_without_write(live: Live, swaps: ResourceDriver, flow: str) -> None:
    live.emulator.reset_request_counts()
    with pytest.raises(PluginError, match=f"new_connection_id '{MISSING}'"):
        swaps.create("swap", swap_inputs(live, flow, new_connection_id=MISSING))
    with pytest.raises(PluginError, match=f"flow_id '{MISSING}' names no flow"):
        swaps.create("swap", swap_inputs(live, MISSING))
    assert writes(live) == {}


# ---- drift ------------------------------------------------------------------------------------


def test_a_swap_back_out_of_band_is_detected_and_reapplied(live: Live, swaps: ResourceDriver, flow: str) -> None:
    inputs = swap_inputs(live, flow)
    res = swaps.create("swap", inputs)
    back = {"_connectionId": live.ids["prod_slack_connection"], "_newConnectionId": live.ids["dev_slack_connection"]}
    assert raw(live, "PUT", f"/flows/{flow}/replaceConnection", back).status_code == 200

    id_, outs, refreshed_inputs = swaps.read(res)
    assert id_ == res.id
    assert outs["in_effect"] is False
    assert outs["steps_on_old_connection"] == [live.ids["slack_import"]]
    assert outs["steps_on_new_connection"] == []
    assert refreshed_inputs is not None
    refreshed = Deployed(res.name, id_, refreshed_inputs, outs)
    diff = swaps.diff(refreshed, inputs)
    assert (diff.changes, diff.replaces) == (True, [])

    live.emulator.reset_request_counts()
    res = swaps.update(refreshed, inputs)
    assert live.calls() == {"GET /v1/flows/{id}/descendants": 1, "PUT /v1/flows/{id}/replaceConnection": 1}
    assert connection_of(live, "imports", live.ids["slack_import"]) == live.ids["prod_slack_connection"]
    assert res.outputs["in_effect"] is True and swaps.diff(res, inputs).changes is False


def test_the_flow_deleted_reads_as_gone_and_deletes_as_success(live: Live, swaps: ResourceDriver, flow: str) -> None:
    res = swaps.create("swap", swap_inputs(live, flow))
    assert raw(live, "DELETE", f"/flows/{flow}").status_code == 204
    id_, outs, _ = swaps.read(res)
    assert (id_, {k: v for k, v in outs.items() if not k.startswith("__")}) == ("", {})
    swaps.delete(res)


def test_steps_already_on_the_new_connection_stay_there_on_restore(
    live: Live, swaps: ResourceDriver, flow: str
) -> None:
    # The GitHub export is moved (by another client) onto the connection the replacement targets.
    export_id = live.ids["github_events_export"]
    export = raw(live, "GET", f"/exports/{export_id}").json()
    export["_connectionId"] = live.ids["prod_slack_connection"]
    assert raw(live, "PUT", f"/exports/{export_id}", export).status_code == 200
    try:
        res = swaps.create("swap", swap_inputs(live, flow))
        assert set(res.outputs["steps_on_new_connection"]) == {export_id, live.ids["slack_import"]}
        live.emulator.reset_request_counts()
        swaps.delete(res)
        assert live.calls() == {"GET /v1/imports/{id}": 1, "PUT /v1/imports/{id}": 1}
        assert connection_of(live, "imports", live.ids["slack_import"]) == live.ids["dev_slack_connection"]
        assert connection_of(live, "exports", export_id) == live.ids["prod_slack_connection"]
    finally:
        export["_connectionId"] = live.ids["dev_github_connection"]
        raw(live, "PUT", f"/exports/{export_id}", export)


def test_reading_by_id_alone_works(live: Live, swaps: ResourceDriver, flow: str) -> None:
    res = swaps.create("swap", swap_inputs(live, flow))
    id_, outs, _ = swaps.get(res.id)
    assert id_ == res.id
    assert (outs["flow_id"], outs["in_effect"]) == (flow, True)
    swaps.delete(res)


def test_get_of_a_missing_flow_is_an_error_naming_it(live: Live, swaps: ResourceDriver) -> None:
    old, new = live.ids["dev_slack_connection"], live.ids["prod_slack_connection"]
    with pytest.raises(PluginError) as err:
        swaps.get(f"{MISSING}:{old}:{new}")
    assert (
        f"FlowConnectionReplacement (flow {MISSING}: {old} -> {new}): flow_id '{MISSING}' names no flow this API "
        "token can see"
    ) in str(err.value)
    assert live.calls() == {"GET /v1/flows/{id}/descendants": 1}


@pytest.mark.parametrize(
    ("id_", "message"),
    [
        ("not-a-swap", "the id 'not-a-swap' is not '<flow_id>:<connection_id>:<new_connection_id>'"),
        (f"{MISSING}:../x:{MISSING}", "read failed: the connection_id '../x' is not an integrator.io id"),
    ],
)
def test_get_of_a_malformed_id_is_refused_before_any_request(
    live: Live, swaps: ResourceDriver, id_: str, message: str
) -> None:
    with pytest.raises(PluginError) as err:
        swaps.get(id_)
    assert message in str(err.value)
    assert live.calls() == {}
