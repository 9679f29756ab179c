"""The Integration provider through the real plugin server over gRPC, against the emulator over HTTP.
Every test asserts the exact API calls it caused."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi_celigo.providers.integration import IntegrationProvider
from pulumi_celigo.testing import PluginError

from tests.conftest import Live, new_plugin_server, raw
from tests.resources.driver import ResourceDriver

INTEGRATION = "pulumi-python:dynamic/celigo:Integration"
IDENTITY = {"__identity": "celigo-tests/test//celigo:Integration/shop"}


@pytest.fixture
def integrations(live: Live) -> ResourceDriver:
    return ResourceDriver(live.plugin, IntegrationProvider(), INTEGRATION)


def shop(**overrides: Any) -> dict[str, Any]:
    inputs: dict[str, Any] = {
        "name": "Shop",
        "description": "Orders from the shop to the ERP",
        "readme": "# Shop\nOwned by the platform team.",
        "flow_groupings": [{"name": "Orders"}, {"name": "Reports"}],
    }
    inputs.update(overrides)
    return inputs


def test_create_is_one_post_with_group_ids_as_outputs_and_no_diff_follows(
    live: Live, integrations: ResourceDriver
) -> None:
    res = integrations.create("shop", shop())
    assert live.calls() == {"POST /v1/integrations": 1}
    server = raw(live, "GET", f"/integrations/{res.id}").json()
    assert [g["name"] for g in server["flowGroupings"]] == ["Orders", "Reports"]
    assert res.outputs["flow_groupings"] == [{"id": g["_id"], "name": g["name"]} for g in server["flowGroupings"]]
    assert (server["readme"], "settings" in res.outputs) == ("# Shop\nOwned by the platform team.", False)
    live.emulator.reset_request_counts()
    assert integrations.diff(res, shop()).changes is False
    assert live.calls() == {}


def test_connections_are_registered_with_one_call_and_only_new_ones_later(
    live: Live, integrations: ResourceDriver
) -> None:
    github, slack = live.ids["dev_github_connection"], live.ids["dev_slack_connection"]
    res = integrations.create("shop", shop(connection_ids=[github]))
    assert live.calls() == {"POST /v1/integrations": 1, "PUT /v1/integrations/{id}/connections/register": 1}
    assert raw(live, "GET", f"/integrations/{res.id}").json()["_registeredConnectionIds"] == [github]
    assert integrations.diff(res, shop(connection_ids=[github])).changes is False

    live.emulator.reset_request_counts()
    assert integrations.diff(res, shop(connection_ids=[github, slack])).changes is True
    res = integrations.update(res, shop(connection_ids=[github, slack]))
    assert live.calls() == {"PUT /v1/integrations/{id}/connections/register": 1}
    assert res.outputs["registered_connection_ids"] == [github, slack]
    assert raw(live, "GET", f"/integrations/{res.id}").json()["_registeredConnectionIds"] == [github, slack]

    live.emulator.reset_request_counts()
    res = integrations.update(res, shop(connection_ids=[slack]))  # nothing unregisters a connection
    assert live.calls() == {}
    assert res.outputs["connection_ids"] == [slack]


def test_refresh_is_one_get_and_shows_no_diff(live: Live, integrations: ResourceDriver) -> None:
    res = integrations.create("shop", shop())
    live.emulator.reset_request_counts()
    id_, outs, inputs = integrations.read(res)
    assert live.calls() == {"GET /v1/integrations/{id}": 1}
    assert (id_, outs) == (res.id, res.outputs)
    assert inputs == {"__provider": integrations.blob, **shop()}
    assert integrations.diff(res, shop()).changes is False


def test_renamed_groups_keep_their_ids_so_their_flows_stay_in_them(live: Live, integrations: ResourceDriver) -> None:
    res = integrations.create("shop", shop())
    orders_id, reports_id = (g["id"] for g in res.outputs["flow_groupings"])
    changed = shop(flow_groupings=[{"name": "Reports"}, {"name": "Orders (EU)"}])
    live.emulator.reset_request_counts()
    res = integrations.update(res, changed)
    assert live.calls() == {"GET /v1/integrations/{id}": 1, "PUT /v1/integrations/{id}": 1}
    server = raw(live, "GET", f"/integrations/{res.id}").json()
    assert server["flowGroupings"] == [
        {"_id": reports_id, "name": "Reports"},
        {"_id": orders_id, "name": "Orders (EU)"},  # renamed: the same group
    ]
    assert integrations.diff(res, changed).changes is False


def test_a_program_without_flow_groupings_keeps_the_live_ones(live: Live, integrations: ResourceDriver) -> None:
    res = integrations.create("shop", {"name": "Shop"})
    server = raw(live, "GET", f"/integrations/{res.id}").json()
    made_in_ui = {**server, "flowGroupings": [{"name": "Made in the UI"}]}
    assert raw(live, "PUT", f"/integrations/{res.id}", made_in_ui).status_code == 200
    _, outs, _ = integrations.read(res)
    res.outputs = outs
    assert integrations.diff(res, {"name": "Shop"}).changes is False
    res = integrations.update(res, {"name": "Shop", "description": "now described"})
    server = raw(live, "GET", f"/integrations/{res.id}").json()
    assert ([g["name"] for g in server["flowGroupings"]], server["description"]) == (
        ["Made in the UI"],
        "now described",
    )


def test_adopting_a_matching_integration_writes_nothing_but_the_missing_registration(
    live: Live, integrations: ResourceDriver
) -> None:
    integration_id = live.ids["dev_integration"]
    server = raw(live, "GET", f"/integrations/{integration_id}").json()
    program = {"name": server["name"], "adopt_id": integration_id}
    live.emulator.reset_request_counts()
    res = integrations.create("dev", program)
    assert live.calls() == {"GET /v1/integrations/{id}": 1}
    assert res.outputs["flow_groupings"] == [{"id": g["_id"], "name": g["name"]} for g in server["flowGroupings"]]
    assert integrations.diff(res, program).changes is False

    extra = raw(live, "POST", "/connections", {"name": "Extra", "type": "http", "offline": True}).json()["_id"]
    live.emulator.reset_request_counts()
    integrations.create("dev-again", {**program, "connection_ids": [extra]})
    assert live.calls() == {"GET /v1/integrations/{id}": 1, "PUT /v1/integrations/{id}/connections/register": 1}


def test_get_of_a_missing_integration_names_the_id_and_a_refresh_forgets_it(
    live: Live, integrations: ResourceDriver
) -> None:
    with pytest.raises(PluginError) as err:
        integrations.get("0123456789abcdef01234567")
    assert (
        "Integration: id '0123456789abcdef01234567' names no integration this API token can see: check the id "
        "(integrator.io > Integrations > the integration's URL)"
    ) in str(err.value)
    res = integrations.create("shop", shop())
    raw(live, "DELETE", f"/integrations/{res.id}")
    id_, _, _ = integrations.read(res)
    assert id_ == ""


def test_delete_checks_dependents_then_deletes(live: Live, integrations: ResourceDriver) -> None:
    res = integrations.create("shop", shop())
    live.emulator.reset_request_counts()
    integrations.delete(res)
    assert live.calls() == {"GET /v1/integrations/{id}/dependencies": 1, "DELETE /v1/integrations/{id}": 1}
    assert raw(live, "GET", f"/integrations/{res.id}").status_code == 404


def test_delete_is_refused_while_flows_belong_to_it(live: Live, integrations: ResourceDriver) -> None:
    res = integrations.create("shop", shop())
    flow_id = raw(live, "POST", "/flows", {"name": "Orders sync", "_integrationId": res.id}).json()["_id"]
    with pytest.raises(PluginError) as err:
        integrations.delete(res)
    assert (
        f'Integration "Shop": delete refused: other resources use this integration (flows: "Orders sync" ({flow_id})).'
    ) in str(err.value)
    assert raw(live, "GET", f"/integrations/{res.id}").status_code == 200


def test_a_create_run_again_after_an_interruption_takes_the_integration_it_made(
    live: Live, integrations: ResourceDriver
) -> None:
    first = integrations.create("shop", {**shop(), **IDENTITY})
    assert live.calls() == {"GET /v1/integrations": 1, "POST /v1/integrations": 1}
    with new_plugin_server(live.emulator) as next_up:
        live.emulator.reset_request_counts()
        again = ResourceDriver(next_up, IntegrationProvider(), INTEGRATION).create("shop", {**shop(), **IDENTITY})
    assert again.id == first.id
    assert live.calls() == {"GET /v1/integrations": 1, "GET /v1/integrations/{id}": 1}
    assert [i["name"] for i in raw(live, "GET", "/integrations").json()].count("Shop") == 1
