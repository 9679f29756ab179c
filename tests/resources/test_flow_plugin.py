"""The Flow provider through the real plugin server (`python -m pulumi.dynamic`) over gRPC,
against the emulator over HTTP. Every test asserts the exact API calls it caused."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.output import Unknown
from pulumi_celigo.models import MARKER_KEY, MARKER_TOKEN, Flow
from pulumi_celigo.models.flow_document import public_outputs
from pulumi_celigo.providers._markers import create_token
from pulumi_celigo.providers.flow import FlowProvider
from pulumi_celigo.testing import PluginError

from tests.conftest import TOKEN, Live, new_plugin_server, raw
from tests.resources.driver import Deployed, ResourceDriver

FLOW = "pulumi-python:dynamic/celigo:Flow"


@pytest.fixture
def flows(live: Live) -> ResourceDriver:
    return ResourceDriver(live.plugin, FlowProvider(), FLOW)


def orders_flow(live: Live, **overrides: Any) -> dict[str, Any]:
    inputs: dict[str, Any] = {
        "name": "Orders sync",
        "integration_id": live.ids["dev_integration"],
        "page_generators": [{"export_id": live.ids["github_events_export"]}],
        "page_processors": [
            {
                "type": "import",
                "import_id": live.ids["slack_import"],
                "response_mapping": {"fields": [{"extract": "id", "generate": "orderId"}]},
            }
        ],
        "schedule": "? 0 2 ? * *",
        "timezone": "America/Los_Angeles",
        "disabled": False,
    }
    inputs.update(overrides)
    return inputs


# ---- check ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "prop", "fragment"),
    [
        ({"schedule": "0 2 * * *"}, "schedule", "write 6 fields whose first is '?'"),
        ({"schedule": "? 99 2 ? * *"}, "schedule", "not a valid cron expression"),
        ({"timezone": "Mars/Olympus"}, "timezone", "'Mars/Olympus' is not an IANA timezone name"),
        ({"integration_id": "not-an-id"}, "integration_id", "'not-an-id' is not an integrator.io id"),
        ({"disabled": "no"}, "disabled", "disabled: Input should be a valid boolean"),
        ({"name": ""}, "name", "name: must not be empty or blank"),
        ({"name": "x" * 300}, "name", "is 300 characters long"),
        (
            {"pageGenerators": []},
            "pageGenerators",
            "unknown property 'pageGenerators'; did you mean 'page_generators'?",
        ),
        ({"routers": [{"name": "r"}]}, "routers", "either page_processors or routers, not both"),
        (
            {"page_processors": [{"type": "import", "export_id": "0" * 24}]},
            "page_processors",
            'page_processors[0]: a page processor of type "import" takes import_id and no export_id',
        ),
        ({"page_generators": [{}]}, "page_generators", "page_generators[0].export_id: is required"),
        ({"created_at": "2020-01-01T00:00:00.000Z"}, "created_at", "is set by integrator.io"),
    ],
)
def test_check_rejects_bad_input_naming_the_field_with_no_api_call(
    live: Live, flows: ResourceDriver, change: dict[str, Any], prop: str, fragment: str
) -> None:
    outcome = flows.check("orders", orders_flow(live, **change))
    assert [p for p, _ in outcome.failures] == [prop]
    assert fragment in outcome.failures[0][1]
    assert live.calls() == {}


def test_check_tolerates_values_unknown_during_preview(live: Live, flows: ResourceDriver) -> None:
    inputs = orders_flow(live, integration_id=Unknown(), run_next_flow_ids=[Unknown()])
    outcome = flows.check("orders", inputs)
    assert outcome.failures == []
    assert live.calls() == {}


def test_check_normalises_without_changing_meaning(live: Live, flows: ResourceDriver) -> None:
    checked = flows.checked("orders", orders_flow(live))
    assert {k: v for k, v in checked.items() if not k.startswith("__")} == orders_flow(live)


# ---- create, diff, update ---------------------------------------------------------------------


def test_create_is_one_post_and_is_followed_by_no_diff(live: Live, flows: ResourceDriver) -> None:
    res = flows.create("orders", orders_flow(live))
    assert live.calls() == {"POST /v1/flows": 1}
    server = raw(live, "GET", f"/flows/{res.id}").json()
    assert server["name"] == "Orders sync"
    assert server["schedule"] == "? 0 2 ? * *"
    assert server["pageProcessors"][0]["responseMapping"]["fields"] == [{"extract": "id", "generate": "orderId"}]
    # Outputs carry the server's fields and ids, in the program's names.
    assert res.outputs["created_at"] == server["createdAt"]
    assert res.outputs["page_generators"][0]["id"] == server["pageGenerators"][0]["_id"]
    assert "settings" not in res.outputs  # the create marker is the provider's business

    live.emulator.reset_request_counts()
    diff = flows.diff(res, orders_flow(live))
    assert (diff.changes, diff.replaces) == (False, [])
    assert live.calls() == {}


def test_server_defaults_never_show_as_changes(live: Live, flows: ResourceDriver) -> None:
    minimal = {"name": "Minimal", "page_generators": [{"export_id": live.ids["github_events_export"]}]}
    res = flows.create("minimal", minimal)
    assert res.outputs["disabled"] is False and res.outputs["logging"] == {}
    assert flows.diff(res, minimal).changes is False
    explicit_defaults = {**minimal, "disabled": False, "skip_retries": False, "auto_resolve_matching_trace_keys": True}
    assert flows.diff(res, explicit_defaults).changes is False


def test_a_patchable_change_is_one_patch(live: Live, flows: ResourceDriver) -> None:
    res = flows.create("orders", orders_flow(live))
    changed = orders_flow(live, name="Orders sync v2", schedule="? */15 * * * *", disabled=True)
    diff = flows.diff(res, changed)
    assert diff.changes is True and diff.replaces == []
    live.emulator.reset_request_counts()
    res = flows.update(res, changed)
    assert live.calls() == {"PATCH /v1/flows/{id}": 1}
    server = raw(live, "GET", f"/flows/{res.id}").json()
    assert (server["name"], server["schedule"], server["disabled"]) == ("Orders sync v2", "? */15 * * * *", True)
    assert flows.diff(res, changed).changes is False


def test_a_structural_change_is_get_and_put_keeping_foreign_fields(live: Live, flows: ResourceDriver) -> None:
    res = flows.create("orders", orders_flow(live))
    doc = raw(live, "GET", f"/flows/{res.id}").json()
    doc["customerNotes"] = "written in the UI"
    assert raw(live, "PUT", f"/flows/{res.id}", doc).status_code == 200
    lookup = live.ids["usage_lookup_exports"][0]
    changed = orders_flow(live)
    changed["page_processors"] = [{"type": "export", "export_id": lookup}, *changed["page_processors"]]

    live.emulator.reset_request_counts()
    res = flows.update(res, changed)
    assert live.calls() == {"GET /v1/flows/{id}": 1, "PUT /v1/flows/{id}": 1}
    server = raw(live, "GET", f"/flows/{res.id}").json()
    assert [p.get("_exportId") or p.get("_importId") for p in server["pageProcessors"]] == [
        lookup,
        live.ids["slack_import"],
    ]
    assert server["customerNotes"] == "written in the UI"
    assert server["pageGenerators"][0]["_id"] == doc["pageGenerators"][0]["_id"]  # kept, not re-assigned
    assert flows.diff(res, changed).changes is False


def test_removing_a_field_erases_it(live: Live, flows: ResourceDriver) -> None:
    res = flows.create("orders", orders_flow(live, description="old text"))
    without = orders_flow(live)
    assert flows.diff(res, without).changes is True
    res = flows.update(res, without)
    assert "description" not in raw(live, "GET", f"/flows/{res.id}").json()
    assert flows.diff(res, without).changes is False


def test_moving_a_flow_out_of_its_integration_is_a_replacement(live: Live, flows: ResourceDriver) -> None:
    res = flows.create("orders", orders_flow(live))
    diff = flows.diff(res, orders_flow(live, integration_id=live.ids["prod_integration"]))
    assert (diff.changes, diff.replaces) == (True, ["integration_id"])


def test_a_standalone_flow_joins_an_integration_in_place(live: Live, flows: ResourceDriver) -> None:
    standalone = orders_flow(live)
    del standalone["integration_id"]
    res = flows.create("orders", standalone)
    diff = flows.diff(res, orders_flow(live))
    assert (diff.changes, diff.replaces) == (True, [])
    res = flows.update(res, orders_flow(live))
    assert raw(live, "GET", f"/flows/{res.id}").json()["_integrationId"] == live.ids["dev_integration"]


def test_an_unknown_integration_does_not_replace_and_a_changed_one_is_not_applied_in_place(
    live: Live, flows: ResourceDriver
) -> None:
    res = flows.create("orders", orders_flow(live))
    diff = flows.diff(res, orders_flow(live, integration_id=Unknown()))
    assert (diff.changes, diff.replaces) == (True, [])
    live.emulator.reset_request_counts()
    with pytest.raises(PluginError, match="update refused, nothing was written: integration_id changed"):
        flows.update(res, orders_flow(live, integration_id=live.ids["prod_integration"]))
    assert live.calls() == {}


def test_preview_with_unknown_values_reports_a_change(live: Live, flows: ResourceDriver) -> None:
    res = flows.create("orders", orders_flow(live))
    diff = flows.diff(res, orders_flow(live, run_next_flow_ids=[Unknown()]))
    assert diff.changes is True


# ---- read (refresh) -----------------------------------------------------------------------------


def test_refresh_shows_out_of_band_edits_in_outputs_and_inputs(live: Live, flows: ResourceDriver) -> None:
    res = flows.create("orders", orders_flow(live))
    assert (
        raw(
            live, "PATCH", f"/flows/{res.id}", [{"op": "replace", "path": "/name", "value": "Edited in UI"}]
        ).status_code
        == 204
    )
    live.emulator.reset_request_counts()
    id_, outs, inputs = flows.read(res)
    assert live.calls() == {"GET /v1/flows/{id}": 1}
    assert id_ == res.id
    assert outs["name"] == "Edited in UI"
    assert inputs is not None and inputs["name"] == "Edited in UI"
    refreshed = Deployed(res.name, id_, inputs, outs)
    assert flows.diff(refreshed, inputs).changes is False  # refresh-then-diff is honest
    assert flows.diff(refreshed, orders_flow(live)).changes is True  # the program restores its name


def test_refresh_of_an_unchanged_flow_shows_no_diff(live: Live, flows: ResourceDriver) -> None:
    res = flows.create("orders", orders_flow(live))
    id_, outs, inputs = flows.read(res)
    assert inputs is not None
    assert flows.diff(Deployed(res.name, id_, inputs, outs), orders_flow(live)).changes is False


def test_a_flow_deleted_out_of_band_reads_as_gone(live: Live, flows: ResourceDriver) -> None:
    res = flows.create("orders", orders_flow(live))
    assert raw(live, "DELETE", f"/flows/{res.id}").status_code == 204
    id_, outs, _ = flows.read(res)
    assert (id_, {k: v for k, v in outs.items() if not k.startswith("__")}) == ("", {})


# ---- delete -------------------------------------------------------------------------------------


def test_delete_checks_dependents_then_deletes(live: Live, flows: ResourceDriver) -> None:
    res = flows.create("orders", orders_flow(live))
    live.emulator.reset_request_counts()
    flows.delete(res)
    assert live.calls() == {"GET /v1/flows/{id}/dependencies": 1, "DELETE /v1/flows/{id}": 1}
    assert raw(live, "GET", f"/flows/{res.id}").status_code == 404


def test_deleting_an_already_deleted_flow_succeeds(live: Live, flows: ResourceDriver) -> None:
    res = flows.create("orders", orders_flow(live))
    raw(live, "DELETE", f"/flows/{res.id}")
    flows.delete(res)


def test_delete_is_refused_while_other_flows_depend_on_it(live: Live, flows: ResourceDriver) -> None:
    first = flows.create("first", orders_flow(live, name="First"))
    flows.create("second", orders_flow(live, name="Second", run_next_flow_ids=[first.id]))
    with pytest.raises(PluginError) as err:
        flows.delete(first)
    message = str(err.value)
    assert 'Flow "First": delete refused: other resources depend on this flow (flows: "Second"' in message
    assert "allow_delete_with_dependents=True" in message
    assert raw(live, "GET", f"/flows/{first.id}").status_code == 200

    allowed = flows.update(first, orders_flow(live, name="First", allow_delete_with_dependents=True))
    flows.delete(allowed)
    assert raw(live, "GET", f"/flows/{first.id}").status_code == 404


# ---- adoption -----------------------------------------------------------------------------------


def test_adopt_id_takes_an_existing_flow_over_without_a_duplicate(live: Live, flows: ResourceDriver) -> None:
    existing = raw(live, "POST", "/flows", {"name": "Made in the UI", "_integrationId": live.ids["dev_integration"]})
    flow_id = existing.json()["_id"]
    before = len(raw(live, "GET", "/flows").json())
    live.emulator.reset_request_counts()
    res = flows.create("orders", orders_flow(live, adopt_id=flow_id))
    assert res.id == flow_id
    assert live.calls() == {"GET /v1/flows/{id}": 1, "PUT /v1/flows/{id}": 1}
    assert len(raw(live, "GET", "/flows").json()) == before
    assert raw(live, "GET", f"/flows/{flow_id}").json()["name"] == "Orders sync"
    assert flows.diff(res, orders_flow(live, adopt_id=flow_id)).changes is False


def ui_flow(live: Live, **fields: Any) -> str:
    """A disabled, scheduled flow made in the UI, with a description."""
    body = {
        "name": "Made in the UI",
        "description": "kept",
        "disabled": True,
        "schedule": "? 0 5 ? * *",
        "_integrationId": live.ids["dev_integration"],
        "pageGenerators": [{"_exportId": live.ids["github_events_export"]}],
        **fields,
    }
    response = raw(live, "POST", "/flows", body)
    assert response.status_code == 201, response.text
    return str(response.json()["_id"])


def test_adoption_never_changes_what_the_program_does_not_say(live: Live, flows: ResourceDriver) -> None:
    flow_id = ui_flow(live)
    before = raw(live, "GET", f"/flows/{flow_id}").json()
    program = {"name": "Made in the UI", "adopt_id": flow_id}  # says nothing of disabled, schedule, ...
    live.emulator.reset_request_counts()
    res = flows.create("adopted", program)
    assert live.calls() == {"GET /v1/flows/{id}": 1}  # it already matches: no write at all
    assert raw(live, "GET", f"/flows/{flow_id}").json() == before
    assert (res.outputs["disabled"], res.outputs["schedule"], res.outputs["description"]) == (
        True,
        "? 0 5 ? * *",
        "kept",
    )
    assert flows.diff(res, program).changes is False
    # A refresh reads back inputs that agree with the program.
    id_, outs, inputs = flows.read(res)
    assert inputs is not None and "disabled" not in inputs and "schedule" not in inputs
    assert flows.diff(Deployed(res.name, id_, inputs, outs), program).changes is False
    # What the program starts saying is applied, and is managed from then on.
    enabled = {**program, "disabled": False}
    assert flows.diff(res, enabled).changes is True
    live.emulator.reset_request_counts()
    res = flows.update(res, enabled)
    assert live.calls() == {"PATCH /v1/flows/{id}": 1}
    server = raw(live, "GET", f"/flows/{flow_id}").json()
    assert (server["disabled"], server["schedule"], server["description"]) == (False, "? 0 5 ? * *", "kept")
    assert flows.diff(res, enabled).changes is False


def test_adoption_applies_what_the_program_says_in_one_put(live: Live, flows: ResourceDriver) -> None:
    flow_id = ui_flow(live)
    program = {"name": "Renamed", "description": "new", "adopt_id": flow_id}
    live.emulator.reset_request_counts()
    res = flows.create("adopted", program)
    assert live.calls() == {"GET /v1/flows/{id}": 1, "PUT /v1/flows/{id}": 1}
    server = raw(live, "GET", f"/flows/{flow_id}").json()
    assert (server["name"], server["description"], server["disabled"]) == ("Renamed", "new", True)
    assert flows.diff(res, program).changes is False


def test_adopting_a_missing_flow_says_what_to_do(live: Live, flows: ResourceDriver) -> None:
    with pytest.raises(PluginError, match="adopt_id '0123456789abcdef01234567' names no flow"):
        flows.create("orders", orders_flow(live, adopt_id="0123456789abcdef01234567"))


# ---- errors from the API ----------------------------------------------------------------------


def test_a_dangling_reference_is_reported_in_the_programs_names(live: Live, flows: ResourceDriver) -> None:
    bad = orders_flow(live)
    bad["page_processors"][0]["import_id"] = "0123456789abcdef01234567"
    with pytest.raises(PluginError) as err:
        flows.create("orders", bad)
    expected = (
        'ResourceError: Flow "Orders sync": create failed: the API answered HTTP 422: page_processors[0].import_id:'
    )
    assert expected in str(err.value)
    assert "(invalid_ref)" in str(err.value)


def test_a_lost_create_response_is_reconciled_without_duplicate(live: Live, flows: ResourceDriver) -> None:
    live.emulator.set_faults(rules=[{"method": "POST", "route": "/v1/flows", "lost_response_rate": 1.0}])
    res = flows.create("orders", orders_flow(live, name="Exactly once"))
    live.emulator.clear_faults()
    named = [f for f in raw(live, "GET", "/flows").json() if f["name"] == "Exactly once"]
    assert [f["_id"] for f in named] == [res.id]
    assert live.calls()["POST /v1/flows"] == 1


def test_the_token_appears_nowhere(live: Live, flows: ResourceDriver) -> None:
    res = flows.create("orders", orders_flow(live))
    res = flows.update(res, orders_flow(live, name="Renamed"))
    _, outs, inputs = flows.read(res)
    with pytest.raises(PluginError) as err:
        flows.create("bad", orders_flow(live, integration_id="0123456789abcdef01234567"))
    for text in (
        repr(res.outputs),
        repr(res.inputs),
        repr(outs),
        repr(inputs),
        flows.blob,
        str(err.value),
        err.value.details,
    ):
        assert TOKEN not in text
    assert TOKEN not in live.plugin.output()


# ---- exactly one flow per resource, across runs (issue 10, B3) ---------------------------------

IDENTITY = {"__identity": "celigo-tests/test//celigo:Flow/orders"}


def flows_named(live: Live, name: str) -> list[str]:
    return [f["_id"] for f in raw(live, "GET", "/flows").json() if f["name"] == name]


def test_a_create_run_again_after_an_interruption_takes_the_flow_it_made(live: Live, flows: ResourceDriver) -> None:
    # `pulumi up` killed after the POST: the flow exists, Pulumi's state does not know it.
    first = flows.create("orders", {**orders_flow(live, name="Once"), **IDENTITY})
    assert live.calls() == {"GET /v1/flows": 1, "POST /v1/flows": 1}
    with new_plugin_server(live.emulator) as next_up:  # the next `up`: a plugin process of its own
        live.emulator.reset_request_counts()
        same = {**orders_flow(live, name="Once"), **IDENTITY}
        again = ResourceDriver(next_up, FlowProvider(), FLOW).create("orders", same)
    assert again.id == first.id
    assert live.calls() == {"GET /v1/flows": 1, "GET /v1/flows/{id}": 1}  # found and already right: no write
    assert flows_named(live, "Once") == [first.id]
    assert flows.diff(again, {**orders_flow(live, name="Once"), **IDENTITY}).changes is False


def test_a_create_run_again_with_a_changed_program_applies_it_to_the_flow_it_made(
    live: Live, flows: ResourceDriver
) -> None:
    first = flows.create("orders", {**orders_flow(live, name="Before"), **IDENTITY})
    with new_plugin_server(live.emulator) as next_up:
        live.emulator.reset_request_counts()
        changed = {**orders_flow(live, name="After", schedule=None), **IDENTITY}
        again = ResourceDriver(next_up, FlowProvider(), FLOW).create("orders", changed)
    assert again.id == first.id
    assert live.calls() == {"GET /v1/flows": 1, "GET /v1/flows/{id}": 1, "PUT /v1/flows/{id}": 1}
    server = raw(live, "GET", f"/flows/{first.id}").json()
    assert (server["name"], "schedule" in server) == ("After", False)
    assert flows_named(live, "Before") == []


def test_one_process_lists_an_integration_once_for_all_its_creates(live: Live, flows: ResourceDriver) -> None:
    """The create-marker lookup is one list per integration per plugin process (providers/_markers.py)."""
    for i in range(5):
        identity = {"__identity": f"celigo-tests/test//celigo:Flow/orders-{i}"}
        flows.create(f"orders-{i}", {**orders_flow(live, name=f"Orders {i}"), **identity})
    assert live.calls() == {"GET /v1/flows": 1, "POST /v1/flows": 5}


def test_a_flow_deleted_after_the_listing_is_not_taken_for_ours(live: Live, flows: ResourceDriver) -> None:
    first = flows.create("orders", {**orders_flow(live, name="Gone"), **IDENTITY})
    assert raw(live, "DELETE", f"/flows/{first.id}").status_code == 204  # someone deletes it in the UI
    live.emulator.reset_request_counts()
    # The same resource created again in this process (its index still lists the deleted flow).
    again = flows.create("orders", {**orders_flow(live, name="Gone"), **IDENTITY})
    assert again.id != first.id
    assert live.calls() == {"GET /v1/flows/{id}": 1, "POST /v1/flows": 1}  # the 404 is forgotten, then one POST
    assert flows_named(live, "Gone") == [again.id]


def test_a_replacement_makes_a_new_flow_although_the_old_one_has_the_same_identity(
    live: Live, flows: ResourceDriver
) -> None:
    """The engine's calls for a replacement `diff` decides: check (old inputs), diff, check again
    without them, create. The token stays put while nothing is replaced (no-op deployments see
    identical inputs); the replacement gets its own, from the old id (providers/_markers.Generations)."""
    old = flows.create("orders", {**orders_flow(live, name="Replaced"), **IDENTITY})
    news = {**orders_flow(live, name="Replaced", integration_id=live.ids["prod_integration"]), **IDENTITY}
    checked = flows.checked("orders", news, olds=old.inputs)
    assert checked["__create_token"] == old.inputs["__create_token"]
    assert flows.plugin.diff(old.id, flows.urn("orders"), old.outputs, checked).replaces == ["integration_id"]
    rechecked = flows.checked("orders", news)
    assert rechecked["__create_token"] not in (old.inputs["__create_token"], create_token(IDENTITY["__identity"], None))
    new_id, _ = live.plugin.create(flows.urn("orders"), rechecked)
    assert new_id != old.id
    assert sorted(flows_named(live, "Replaced")) == sorted([old.id, new_id])
    # That replacement interrupted and run again (the old resource is still in state): no third flow.
    assert flows.plugin.diff(old.id, flows.urn("orders"), old.outputs, checked).replaces == ["integration_id"]
    again_id, _ = live.plugin.create(flows.urn("orders"), flows.checked("orders", news))
    assert again_id == new_id
    assert sorted(flows_named(live, "Replaced")) == sorted([old.id, new_id])


def test_a_targeted_replace_keeps_the_flow_it_cannot_tell_from_an_interrupted_create(
    live: Live, flows: ResourceDriver
) -> None:
    """`pulumi up --replace` calls check without old inputs and create, as a create run again after an
    interruption does: the flow carrying the marker is taken, and the engine's delete of the replaced
    resource (the same id, in the same process) is skipped. Nothing is lost; the flow is not remade."""
    old = flows.create("orders", {**orders_flow(live, name="Targeted"), **IDENTITY})
    live.emulator.reset_request_counts()
    new_id, _ = live.plugin.create(
        flows.urn("orders"), flows.checked("orders", {**orders_flow(live, name="Targeted"), **IDENTITY})
    )
    assert new_id == old.id
    live.plugin.delete(old.id, flows.urn("orders"), old.outputs, old.inputs)
    assert live.calls() == {"GET /v1/flows/{id}": 1}  # the taken flow read once; no write, no delete
    assert flows_named(live, "Targeted") == [old.id]


def test_checks_after_a_refresh_give_the_same_inputs_each_time(live: Live, flows: ResourceDriver) -> None:
    """The engine rewrites its whole checkpoint for every resource whose checked inputs changed, even in a
    no-op deployment. A refresh reports the inputs the flow reads as (no hidden ones: nothing needs the
    token of a resource in the state); the check after it adds the identity, and the next ones keep that."""
    res = flows.create("orders", {**orders_flow(live, name="Refreshed"), **IDENTITY})
    _, outs, inputs = flows.read(res)
    assert inputs is not None
    assert "__create_token" not in inputs and "__create_token" not in outs
    news = {**orders_flow(live, name="Refreshed"), **IDENTITY}
    after = flows.checked("orders", news, olds=inputs)
    assert "__create_token" not in after
    assert flows.checked("orders", news, olds=after) == after


def test_leaving_the_integration_replaces_with_a_new_standalone_flow(live: Live, flows: ResourceDriver) -> None:
    old = flows.create("orders", {**orders_flow(live, name="Moved"), **IDENTITY})
    news = {**orders_flow(live, name="Moved", integration_id=None), **IDENTITY}
    checked = flows.checked("orders", news, old.inputs)
    assert flows.plugin.diff(old.id, flows.urn("orders"), old.outputs, checked).replaces == ["integration_id"]
    # The engine checks a replacement again without its old inputs; its create lists every flow, the old included.
    new_id, _ = live.plugin.create(flows.urn("orders"), flows.checked("orders", news))
    assert new_id != old.id
    assert "_integrationId" not in raw(live, "GET", f"/flows/{new_id}").json()


def test_a_lost_create_response_with_an_identity_is_reconciled_without_duplicate(
    live: Live, flows: ResourceDriver
) -> None:
    live.emulator.set_faults(rules=[{"method": "POST", "route": "/v1/flows", "lost_response_rate": 1.0}])
    res = flows.create("orders", {**orders_flow(live, name="Exactly once"), **IDENTITY})
    live.emulator.clear_faults()
    # Looked for before (none), POSTed once (applied, answer lost), found by its marker, checked for copies.
    assert live.calls() == {"GET /v1/flows": 3, "POST /v1/flows": 1, "GET /v1/flows/{id}": 1}
    assert flows_named(live, "Exactly once") == [res.id]
    assert res.outputs["name"] == "Exactly once"


# ---- Flow.get (issue 10, B2; issue 14, A2) -----------------------------------------------------


def test_get_reads_an_existing_flow(live: Live, flows: ResourceDriver) -> None:
    res = flows.create("orders", orders_flow(live))
    live.emulator.reset_request_counts()
    id_, outs, _ = flows.get(res.id)
    assert (id_, outs["name"], outs["integration_id"]) == (res.id, "Orders sync", live.ids["dev_integration"])
    assert live.calls() == {"GET /v1/flows/{id}": 1}


def test_get_of_a_missing_flow_is_an_error_naming_the_id(live: Live, flows: ResourceDriver) -> None:
    with pytest.raises(PluginError) as err:
        flows.get("0123456789abcdef01234567")
    assert (
        "Flow: id '0123456789abcdef01234567' names no flow this API token can see: check the id "
        "(integrator.io > Flow builder > the flow's URL) and the token's scope"
    ) in str(err.value)
    assert live.calls() == {"GET /v1/flows/{id}": 1}


def test_get_of_an_id_that_is_no_object_id_is_refused_before_any_request(live: Live, flows: ResourceDriver) -> None:
    connection = live.ids["dev_github_connection"]
    with pytest.raises(PluginError) as err:
        flows.get(f"../connections/{connection}")
    assert (
        f"Flow: read failed: the flow id '../connections/{connection}' is not an integrator.io id: "
        "ids are 24 lowercase hexadecimal digits; check the id (integrator.io > Flow builder > the flow's URL)"
    ) in str(err.value)
    assert live.calls() == {}


def test_the_create_marker_is_kept_on_the_flow_and_hidden_everywhere_else(live: Live, flows: ResourceDriver) -> None:
    res = flows.create("orders", {**orders_flow(live, settings={"team": "ops"}), **IDENTITY})
    server = raw(live, "GET", f"/flows/{res.id}").json()
    token = create_token(IDENTITY["__identity"], None)
    assert server["settings"] == {"team": "ops", MARKER_KEY: {MARKER_TOKEN: token}}
    assert res.outputs["settings"] == {"team": "ops"}
    # What get_flow shows: the same public form, from the document as the API has it.
    assert public_outputs(Flow.from_api(server)) == {k: v for k, v in res.outputs.items() if not k.startswith("__")}
    # A structural update (GET + PUT) keeps the marker on the flow.
    flows.update(res, {**orders_flow(live, settings={"team": "ops"}, page_processors=None), **IDENTITY})
    assert raw(live, "GET", f"/flows/{res.id}").json()["settings"][MARKER_KEY] == {MARKER_TOKEN: token}
