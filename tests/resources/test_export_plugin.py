"""The Export provider through the real plugin server over gRPC, against the emulator over HTTP.
Every test asserts the exact API calls it caused."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi_celigo.providers.export import ExportProvider
from pulumi_celigo.testing import PluginError

from tests.conftest import Live, new_plugin_server, raw
from tests.resources.driver import ResourceDriver

EXPORT = "pulumi-python:dynamic/celigo:Export"
IDENTITY = {"__identity": "celigo-tests/test//celigo:Export/orders"}


@pytest.fixture
def exports(live: Live) -> ResourceDriver:
    return ResourceDriver(live.plugin, ExportProvider(), EXPORT)


def orders(live: Live, **overrides: Any) -> dict[str, Any]:
    inputs: dict[str, Any] = {
        "name": "Orders",
        "adaptor_type": "HTTPExport",
        "connection_id": live.ids["dev_github_connection"],
        "http": {"relative_uri": "/orders", "method": "GET", "response": {"resource_path": "orders"}},
    }
    inputs.update(overrides)
    return inputs


def webhook(**overrides: Any) -> dict[str, Any]:
    hook = {"provider": "custom", "verify": "token", "token": "s3cret-webhook-token", "path": "token"}
    return {"name": "Incoming", "adaptor_type": "WebhookExport", "webhook": hook, **overrides}


def test_create_is_one_post_in_the_apis_names_and_no_diff_follows(live: Live, exports: ResourceDriver) -> None:
    res = exports.create("orders", orders(live))
    assert live.calls() == {"POST /v1/exports": 1}
    server = raw(live, "GET", f"/exports/{res.id}").json()
    assert server["_connectionId"] == live.ids["dev_github_connection"]
    assert server["http"] == {"relativeURI": "/orders", "method": "GET", "response": {"resourcePath": "orders"}}
    assert list(server["settings"]) == ["pulumiCeligo"]  # the create marker
    assert "settings" not in res.outputs
    assert res.outputs["http"] == orders(live)["http"]

    live.emulator.reset_request_counts()
    diff = exports.diff(res, orders(live))
    assert (diff.changes, diff.replaces) == (False, [])
    assert live.calls() == {}


def test_a_webhook_export_needs_no_connection(live: Live, exports: ResourceDriver) -> None:
    res = exports.create("incoming", webhook())
    server = raw(live, "GET", f"/exports/{res.id}").json()
    assert "_connectionId" not in server
    assert server["webhook"]["token"] == "s3cret-webhook-token"
    assert exports.diff(res, webhook()).changes is False


def test_a_hook_references_a_script_by_id(live: Live, exports: ResourceDriver) -> None:
    script_id = raw(live, "POST", "/scripts", {"name": "Tidy", "content": "function tidy(o) { return o }"}).json()[
        "_id"
    ]
    hooks = {"pre_save_page": {"script_id": script_id, "function": "tidy"}}
    res = exports.create("orders", orders(live, hooks=hooks))
    server = raw(live, "GET", f"/exports/{res.id}").json()
    assert server["hooks"] == {"preSavePage": {"_scriptId": script_id, "function": "tidy"}}
    assert exports.diff(res, orders(live, hooks=hooks)).changes is False


def test_refresh_is_one_get_and_shows_no_diff(live: Live, exports: ResourceDriver) -> None:
    res = exports.create("orders", orders(live, is_lookup=False))
    live.emulator.reset_request_counts()
    id_, outs, inputs = exports.read(res)
    assert live.calls() == {"GET /v1/exports/{id}": 1}
    assert (id_, outs) == (res.id, res.outputs)
    assert inputs == {"__provider": exports.blob, **orders(live, is_lookup=False)}
    assert exports.diff(res, orders(live, is_lookup=False)).changes is False


def test_an_update_is_get_and_put_keeping_fields_the_program_does_not_manage(
    live: Live, exports: ResourceDriver
) -> None:
    res = exports.create("orders", orders(live))
    server = raw(live, "GET", f"/exports/{res.id}").json()
    assert raw(live, "PUT", f"/exports/{res.id}", {**server, "pageSize": 50}).status_code == 200  # set in the UI
    changed = orders(live, connection_id=live.ids["dev_slack_connection"], http={"relative_uri": "/v2/orders"})
    diff = exports.diff(res, changed)
    assert (diff.changes, diff.replaces) == (True, [])  # a connection change is in place
    live.emulator.reset_request_counts()
    res = exports.update(res, changed)
    assert live.calls() == {"GET /v1/exports/{id}": 1, "PUT /v1/exports/{id}": 1}
    server = raw(live, "GET", f"/exports/{res.id}").json()
    assert (server["_connectionId"], server["http"], server["pageSize"]) == (
        live.ids["dev_slack_connection"],
        {"relativeURI": "/v2/orders"},
        50,
    )
    assert list(server["settings"]) == ["pulumiCeligo"]
    assert exports.diff(res, changed).changes is False


# ---- adoption ---------------------------------------------------------------------------------


def ui_export(live: Live) -> str:
    body = {
        "name": "Orders",
        "description": "From the UI",
        "adaptorType": "HTTPExport",
        "_connectionId": live.ids["dev_github_connection"],
        "http": {"relativeURI": "/orders", "method": "GET", "response": {"resourcePath": "orders"}},
    }
    response = raw(live, "POST", "/exports", body)
    assert response.status_code == 201, response.text
    return str(response.json()["_id"])


def test_adopting_an_export_that_already_matches_writes_nothing(live: Live, exports: ResourceDriver) -> None:
    export_id = ui_export(live)
    live.emulator.reset_request_counts()
    res = exports.create("orders", orders(live, adopt_id=export_id))
    assert res.id == export_id
    assert live.calls() == {"GET /v1/exports/{id}": 1}
    assert res.outputs["description"] == "From the UI"
    assert "description" in res.outputs["__kept"]
    assert exports.diff(res, orders(live, adopt_id=export_id)).changes is False


def test_adoption_applies_what_the_program_says_and_keeps_the_rest(live: Live, exports: ResourceDriver) -> None:
    export_id = ui_export(live)
    live.emulator.reset_request_counts()
    res = exports.create("orders", orders(live, adopt_id=export_id, http={"relative_uri": "/v2/orders"}))
    assert live.calls() == {"GET /v1/exports/{id}": 1, "PUT /v1/exports/{id}": 1}
    server = raw(live, "GET", f"/exports/{export_id}").json()
    assert (server["http"], server["description"]) == ({"relativeURI": "/v2/orders"}, "From the UI")
    assert "settings" not in server  # adoption leaves no create marker
    assert exports.diff(res, orders(live, adopt_id=export_id, http={"relative_uri": "/v2/orders"})).changes is False


# ---- get, refresh of a deleted export ---------------------------------------------------------


def test_get_reads_an_export_and_a_missing_one_is_an_error_naming_the_id(live: Live, exports: ResourceDriver) -> None:
    export_id = ui_export(live)
    live.emulator.reset_request_counts()
    id_, outs, _ = exports.get(export_id)
    assert live.calls() == {"GET /v1/exports/{id}": 1}
    assert (id_, outs["name"], outs["http"]["relative_uri"]) == (export_id, "Orders", "/orders")
    with pytest.raises(PluginError) as err:
        exports.get("0123456789abcdef01234567")
    assert (
        "Export: id '0123456789abcdef01234567' names no export this API token can see: check the id "
        "(integrator.io > Resources > Exports > the export's URL)"
    ) in str(err.value)


def test_an_export_deleted_out_of_band_is_forgotten_on_refresh(live: Live, exports: ResourceDriver) -> None:
    res = exports.create("orders", orders(live))
    assert raw(live, "DELETE", f"/exports/{res.id}").status_code == 204
    id_, _, _ = exports.read(res)
    assert id_ == ""


# ---- delete -----------------------------------------------------------------------------------


def test_delete_checks_dependents_then_deletes(live: Live, exports: ResourceDriver) -> None:
    res = exports.create("orders", orders(live))
    live.emulator.reset_request_counts()
    exports.delete(res)
    assert live.calls() == {"GET /v1/exports/{id}/dependencies": 1, "DELETE /v1/exports/{id}": 1}
    assert raw(live, "GET", f"/exports/{res.id}").status_code == 404


def test_delete_is_refused_while_a_flow_runs_the_export(live: Live, exports: ResourceDriver) -> None:
    res = exports.create("orders", orders(live))
    flow = raw(live, "POST", "/flows", {"name": "Orders sync", "pageGenerators": [{"_exportId": res.id}]}).json()
    live.emulator.reset_request_counts()
    with pytest.raises(PluginError) as err:
        exports.delete(res)
    assert (
        f'Export "Orders": delete refused: other resources use this export (flows: "Orders sync" ({flow["_id"]})). '
        "Remove those references first, or set allow_delete_with_dependents=True to delete it anyway."
    ) in str(err.value)
    assert live.calls() == {"GET /v1/exports/{id}/dependencies": 1}
    assert raw(live, "GET", f"/exports/{res.id}").status_code == 200


def test_allow_delete_with_dependents_is_one_delete(live: Live, exports: ResourceDriver) -> None:
    res = exports.create("orders", orders(live, allow_delete_with_dependents=True))
    live.emulator.reset_request_counts()
    exports.delete(res)
    assert live.calls() == {"DELETE /v1/exports/{id}": 1}
    assert raw(live, "GET", f"/exports/{res.id}").status_code == 404


# ---- exactly one export per resource, across runs ---------------------------------------------


def test_a_create_run_again_after_an_interruption_takes_the_export_it_made(live: Live, exports: ResourceDriver) -> None:
    first = exports.create("orders", {**orders(live), **IDENTITY})
    assert live.calls() == {"GET /v1/exports": 1, "POST /v1/exports": 1}
    with new_plugin_server(live.emulator) as next_up:
        live.emulator.reset_request_counts()
        changed = {**orders(live, name="Orders v2"), **IDENTITY}
        again = ResourceDriver(next_up, ExportProvider(), EXPORT).create("orders", changed)
    assert again.id == first.id
    assert live.calls() == {"GET /v1/exports": 1, "GET /v1/exports/{id}": 1, "PUT /v1/exports/{id}": 1}
    assert [e["name"] for e in raw(live, "GET", "/exports").json()].count("Orders v2") == 1


# ---- a webhook's token ------------------------------------------------------------------------


def test_a_put_never_writes_a_masked_webhook_token_back(live: Live, exports: ResourceDriver) -> None:
    # An export whose token the API shows masked (as integrator.io shows credentials), adopted by a program
    # that renames it but does not give the token: writing the document back would store the mask.
    masked = {"provider": "custom", "verify": "token", "token": "******", "path": "token"}
    body = {"name": "Incoming", "adaptorType": "WebhookExport", "webhook": masked}
    export_id = raw(live, "POST", "/exports", body).json()["_id"]
    live.emulator.reset_request_counts()
    with pytest.raises(PluginError) as err:
        exports.create("incoming", {"name": "Renamed", "adaptor_type": "WebhookExport", "adopt_id": export_id})
    assert (
        'Export "Renamed": write refused, nothing was written: the export holds '
        "credentials the program does not give (webhook.token)"
    ) in str(err.value)
    assert live.calls() == {"GET /v1/exports/{id}": 1}
    # Given in the program, the token is written: one PUT.
    live.emulator.reset_request_counts()
    given = webhook(name="Renamed", adopt_id=export_id)
    res = exports.create("incoming", given)
    assert live.calls() == {"GET /v1/exports/{id}": 1, "PUT /v1/exports/{id}": 1}
    assert raw(live, "GET", f"/exports/{export_id}").json()["webhook"]["token"] == "s3cret-webhook-token"
    assert exports.diff(res, given).changes is False
