"""The Import provider through the real plugin server over gRPC, against the emulator over HTTP.
Every test asserts the exact API calls it caused."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi_celigo.providers.import_ import ImportProvider
from pulumi_celigo.testing import PluginError

from tests.conftest import Live, new_plugin_server, raw
from tests.resources.driver import ResourceDriver

IMPORT = "pulumi-python:dynamic/celigo:Import"
IDENTITY = {"__identity": "celigo-tests/test//celigo:Import/erp-orders"}
MAPPING = {
    "fields": [{"extract": "id", "generate": "externalId", "data_type": "string"}],
    "lists": [{"generate": "lines", "fields": [{"extract": "sku", "generate": "item", "lookup_name": "skus"}]}],
}


@pytest.fixture
def imports(live: Live) -> ResourceDriver:
    return ResourceDriver(live.plugin, ImportProvider(), IMPORT)


def erp_orders(live: Live, **overrides: Any) -> dict[str, Any]:
    inputs: dict[str, Any] = {
        "name": "ERP orders",
        "adaptor_type": "HTTPImport",
        "connection_id": live.ids["dev_slack_connection"],
        "http": {
            "relative_uri": ["/orders"],
            "method": ["POST"],
            "body": ["{{{record}}}"],
            "request_media_type": "json",
        },
        "mapping": MAPPING,
        "lookups": [{"name": "skus", "map": {"A": "1"}}],
    }
    inputs.update(overrides)
    return inputs


def test_create_is_one_post_in_the_apis_names_and_no_diff_follows(live: Live, imports: ResourceDriver) -> None:
    res = imports.create("erp", erp_orders(live))
    assert live.calls() == {"POST /v1/imports": 1}
    server = raw(live, "GET", f"/imports/{res.id}").json()
    assert server["http"] == {
        "relativeURI": ["/orders"],
        "method": ["POST"],
        "body": ["{{{record}}}"],
        "requestMediaType": "json",
    }
    assert server["mapping"] == {
        "fields": [{"extract": "id", "generate": "externalId", "dataType": "string"}],
        "lists": [{"generate": "lines", "fields": [{"extract": "sku", "generate": "item", "lookupName": "skus"}]}],
    }
    assert server["lookups"] == [{"name": "skus", "map": {"A": "1"}}]
    assert "settings" not in res.outputs
    live.emulator.reset_request_counts()
    assert imports.diff(res, erp_orders(live)).changes is False
    assert live.calls() == {}


def test_hooks_reference_scripts_by_id(live: Live, imports: ResourceDriver) -> None:
    script_id = raw(live, "POST", "/scripts", {"name": "Hooks", "content": "function a(o) { return o }"}).json()["_id"]
    hooks = {name: {"script_id": script_id, "function": "a"} for name in ("pre_map", "post_map", "post_submit")}
    res = imports.create("erp", erp_orders(live, hooks=hooks))
    server = raw(live, "GET", f"/imports/{res.id}").json()
    assert server["hooks"] == {
        name: {"_scriptId": script_id, "function": "a"} for name in ("preMap", "postMap", "postSubmit")
    }
    assert imports.diff(res, erp_orders(live, hooks=hooks)).changes is False


def test_server_defaults_never_show_as_changes(live: Live, imports: ResourceDriver) -> None:
    res = imports.create("erp", erp_orders(live))
    assert imports.diff(res, erp_orders(live, ignore_existing=False, ignore_missing=False)).changes is False


def test_refresh_is_one_get_and_shows_no_diff(live: Live, imports: ResourceDriver) -> None:
    res = imports.create("erp", erp_orders(live))
    live.emulator.reset_request_counts()
    id_, outs, inputs = imports.read(res)
    assert live.calls() == {"GET /v1/imports/{id}": 1}
    assert (id_, outs) == (res.id, res.outputs)
    assert inputs == {"__provider": imports.blob, **erp_orders(live)}
    assert imports.diff(res, erp_orders(live)).changes is False


def test_an_update_is_get_and_put_keeping_fields_the_program_does_not_manage(
    live: Live, imports: ResourceDriver
) -> None:
    res = imports.create("erp", erp_orders(live))
    server = raw(live, "GET", f"/imports/{res.id}").json()
    assert raw(live, "PUT", f"/imports/{res.id}", {**server, "idLockTemplate": "{{id}}"}).status_code == 200
    changed = erp_orders(live, mapping={"fields": [{"extract": "number", "generate": "externalId"}]}, lookups=None)
    live.emulator.reset_request_counts()
    res = imports.update(res, changed)
    assert live.calls() == {"GET /v1/imports/{id}": 1, "PUT /v1/imports/{id}": 1}
    server = raw(live, "GET", f"/imports/{res.id}").json()
    assert server["mapping"] == {"fields": [{"extract": "number", "generate": "externalId"}]}
    assert "lookups" not in server  # removed from the program: erased
    assert server["idLockTemplate"] == "{{id}}"  # not the program's: kept
    assert imports.diff(res, changed).changes is False


def test_adopting_an_import_that_already_matches_writes_nothing(live: Live, imports: ResourceDriver) -> None:
    body = {
        "name": "ERP orders",
        "adaptorType": "HTTPImport",
        "_connectionId": live.ids["dev_slack_connection"],
        "ignoreExisting": True,
    }
    import_id = raw(live, "POST", "/imports", body).json()["_id"]
    program = {"name": "ERP orders", "adaptor_type": "HTTPImport", "connection_id": live.ids["dev_slack_connection"]}
    live.emulator.reset_request_counts()
    res = imports.create("erp", {**program, "adopt_id": import_id})
    assert live.calls() == {"GET /v1/imports/{id}": 1}
    assert (res.id, res.outputs["ignore_existing"]) == (import_id, True)  # not set by the program: kept
    assert imports.diff(res, {**program, "adopt_id": import_id}).changes is False
    live.emulator.reset_request_counts()
    res = imports.update(res, {**program, "adopt_id": import_id, "name": "ERP orders (managed)"})
    assert live.calls() == {"GET /v1/imports/{id}": 1, "PUT /v1/imports/{id}": 1}
    server = raw(live, "GET", f"/imports/{import_id}").json()
    assert (server["name"], server["ignoreExisting"]) == ("ERP orders (managed)", True)


def test_get_of_a_missing_import_names_the_id_and_a_refresh_forgets_it(live: Live, imports: ResourceDriver) -> None:
    with pytest.raises(PluginError) as err:
        imports.get("0123456789abcdef01234567")
    assert "Import: id '0123456789abcdef01234567' names no import this API token can see" in str(err.value)
    res = imports.create("erp", erp_orders(live))
    raw(live, "DELETE", f"/imports/{res.id}")
    id_, _, _ = imports.read(res)
    assert id_ == ""


def test_delete_is_refused_while_a_flow_uses_the_import(live: Live, imports: ResourceDriver) -> None:
    res = imports.create("erp", erp_orders(live))
    steps = {
        "name": "To the ERP",
        "pageGenerators": [{"_exportId": live.ids["github_events_export"]}],
        "pageProcessors": [{"type": "import", "_importId": res.id}],
    }
    flow_id = raw(live, "POST", "/flows", steps).json()["_id"]
    live.emulator.reset_request_counts()
    with pytest.raises(PluginError) as err:
        imports.delete(res)
    assert (
        f'Import "ERP orders": delete refused: other resources use this import (flows: "To the ERP" ({flow_id})).'
    ) in str(err.value)
    assert live.calls() == {"GET /v1/imports/{id}/dependencies": 1}
    # Allowed, the DELETE is sent: integrator.io itself refuses it while the flow uses the import.
    allowed = imports.update(res, erp_orders(live, allow_delete_with_dependents=True))
    live.emulator.reset_request_counts()
    with pytest.raises(PluginError) as err:
        imports.delete(allowed)
    assert 'Import "ERP orders": delete failed: the API answered HTTP 409' in str(err.value)
    assert live.calls() == {"DELETE /v1/imports/{id}": 1}
    raw(live, "DELETE", f"/flows/{flow_id}")
    live.emulator.reset_request_counts()
    imports.delete(allowed)
    assert live.calls() == {"DELETE /v1/imports/{id}": 1}
    assert raw(live, "GET", f"/imports/{res.id}").status_code == 404


def test_a_create_run_again_after_an_interruption_takes_the_import_it_made(live: Live, imports: ResourceDriver) -> None:
    first = imports.create("erp", {**erp_orders(live), **IDENTITY})
    assert live.calls() == {"GET /v1/imports": 1, "POST /v1/imports": 1}
    with new_plugin_server(live.emulator) as next_up:
        live.emulator.reset_request_counts()
        again = ResourceDriver(next_up, ImportProvider(), IMPORT).create("erp", {**erp_orders(live), **IDENTITY})
    assert again.id == first.id
    assert live.calls() == {"GET /v1/imports": 1, "GET /v1/imports/{id}": 1}  # found, already right: no write


def test_refresh_keeps_ids_inside_free_form_values(live: Live, imports: ResourceDriver) -> None:
    """Only the ids integrator.io gives nested objects are left out of what a refresh reports; an `id` the
    program writes inside free-form `settings` or `lookups` is its own."""
    program = erp_orders(live, settings={"id": "team-a"}, lookups=[{"id": "skus", "map": {"A": "1"}}])
    res = imports.create("erp", program)
    _, _, inputs = imports.read(res)
    assert inputs is not None
    assert (inputs["settings"], inputs["lookups"]) == ({"id": "team-a"}, [{"id": "skus", "map": {"A": "1"}}])
    assert imports.diff(res, program).changes is False
