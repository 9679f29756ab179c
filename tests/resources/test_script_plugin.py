"""The Script provider through the real plugin server (`python -m pulumi.dynamic`) over gRPC, against the
emulator over HTTP. Every test asserts the exact API calls it caused."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi_celigo.providers.script import MARKER_LINE, ScriptProvider
from pulumi_celigo.testing import PluginError

from tests.conftest import Live, new_plugin_server, raw
from tests.resources.driver import ResourceDriver

SCRIPT = "pulumi-python:dynamic/celigo:Script"
CONTENT = "function tidy(options) {\n  return options.data\n}\n"
IDENTITY = {"__identity": "celigo-tests/test//celigo:Script/tidy"}


@pytest.fixture
def scripts(live: Live) -> ResourceDriver:
    return ResourceDriver(live.plugin, ScriptProvider(), SCRIPT)


def tidy(**overrides: Any) -> dict[str, Any]:
    return {"name": "Tidy", "content": CONTENT, **overrides}


def test_create_is_one_post_the_marker_hidden_and_no_diff_follows(live: Live, scripts: ResourceDriver) -> None:
    res = scripts.create("tidy", tidy(description="Cleans records"))
    assert live.calls() == {"POST /v1/scripts": 1}
    server = raw(live, "GET", f"/scripts/{res.id}").json()
    assert server["content"].startswith(CONTENT + "\n" + MARKER_LINE)  # the marker: a last comment line
    assert (server["name"], server["description"]) == ("Tidy", "Cleans records")
    assert res.outputs["content"] == CONTENT
    assert res.outputs["created_at"] == server["createdAt"]

    live.emulator.reset_request_counts()
    diff = scripts.diff(res, tidy(description="Cleans records"))
    assert (diff.changes, diff.replaces) == (False, [])
    assert live.calls() == {}


def test_refresh_is_one_get_and_shows_no_diff(live: Live, scripts: ResourceDriver) -> None:
    res = scripts.create("tidy", tidy())
    live.emulator.reset_request_counts()
    id_, outs, inputs = scripts.read(res)
    assert live.calls() == {"GET /v1/scripts/{id}": 1}
    assert (id_, outs) == (res.id, res.outputs)
    assert inputs == {"__provider": scripts.blob, **tidy()}
    assert scripts.diff(res, tidy()).changes is False


def test_refresh_shows_an_edit_made_in_the_ui(live: Live, scripts: ResourceDriver) -> None:
    res = scripts.create("tidy", tidy())
    server = raw(live, "GET", f"/scripts/{res.id}").json()
    edited = server["content"].replace("options.data", "options.data.filter(Boolean)")
    assert raw(live, "PUT", f"/scripts/{res.id}", {"name": "Tidy", "content": edited}).status_code == 200
    _, outs, inputs = scripts.read(res)
    assert outs["content"] == CONTENT.replace("options.data", "options.data.filter(Boolean)")
    assert inputs is not None and inputs["content"] == outs["content"]


def test_an_update_is_get_and_put_keeping_the_marker_and_foreign_fields(live: Live, scripts: ResourceDriver) -> None:
    res = scripts.create("tidy", tidy())
    server = raw(live, "GET", f"/scripts/{res.id}").json()
    marker = server["content"][len(CONTENT) :]
    raw(live, "PUT", f"/scripts/{res.id}", {**server, "uiNotes": "kept"})
    res = scripts.update(res, {**res.inputs, **tidy(content="function tidy(o) { return o }\n", description="v2")})
    live.emulator.reset_request_counts()
    changed = tidy(content="function tidy(o) { return o.data }\n", description="v3")
    assert scripts.diff(res, changed).changes is True
    res = scripts.update(res, changed)
    assert live.calls() == {"GET /v1/scripts/{id}": 1, "PUT /v1/scripts/{id}": 1}
    server = raw(live, "GET", f"/scripts/{res.id}").json()
    assert server["content"] == "function tidy(o) { return o.data }\n" + marker
    assert (server["description"], server["uiNotes"]) == ("v3", "kept")
    assert scripts.diff(res, changed).changes is False


def test_only_a_provider_option_changed_is_no_call(live: Live, scripts: ResourceDriver) -> None:
    res = scripts.create("tidy", tidy())
    live.emulator.reset_request_counts()
    res = scripts.update(res, tidy(allow_delete_with_dependents=True))
    assert live.calls() == {}
    assert res.outputs["allow_delete_with_dependents"] is True


def test_removing_the_description_erases_it(live: Live, scripts: ResourceDriver) -> None:
    res = scripts.create("tidy", tidy(description="Old"))
    res = scripts.update(res, tidy())
    assert "description" not in raw(live, "GET", f"/scripts/{res.id}").json()


# ---- adoption ---------------------------------------------------------------------------------


def ui_script(live: Live, **fields: Any) -> str:
    response = raw(
        live, "POST", "/scripts", {"name": "Tidy", "content": CONTENT, "description": "From the UI", **fields}
    )
    assert response.status_code == 201, response.text
    return str(response.json()["_id"])


def test_adopting_a_script_that_already_matches_writes_nothing(live: Live, scripts: ResourceDriver) -> None:
    script_id = ui_script(live)
    live.emulator.reset_request_counts()
    res = scripts.create("tidy", tidy(adopt_id=script_id))
    assert res.id == script_id
    assert live.calls() == {"GET /v1/scripts/{id}": 1}
    assert res.outputs["description"] == "From the UI"  # not set by the program: kept
    assert res.outputs["__kept"] == ["description"]
    assert scripts.diff(res, tidy(adopt_id=script_id)).changes is False


def test_adoption_applies_what_the_program_says_in_one_put_and_keeps_the_rest(
    live: Live, scripts: ResourceDriver
) -> None:
    script_id = ui_script(live)
    live.emulator.reset_request_counts()
    res = scripts.create("tidy", tidy(adopt_id=script_id, name="Tidy records"))
    assert live.calls() == {"GET /v1/scripts/{id}": 1, "PUT /v1/scripts/{id}": 1}
    server = raw(live, "GET", f"/scripts/{script_id}").json()
    assert (server["name"], server["description"], server["content"]) == ("Tidy records", "From the UI", CONTENT)
    assert len(raw(live, "GET", "/scripts").json()) == 1
    assert res.outputs["__kept"] == ["description"]
    assert scripts.diff(res, tidy(adopt_id=script_id, name="Tidy records")).changes is False


def test_adopting_a_missing_script_says_what_to_do(live: Live, scripts: ResourceDriver) -> None:
    with pytest.raises(PluginError) as err:
        scripts.create("tidy", tidy(adopt_id="0123456789abcdef01234567"))
    assert (
        "Script \"Tidy\": adopt_id '0123456789abcdef01234567' names no script this API token can see: check the id "
        "(integrator.io > Resources > Scripts > the script's URL)"
    ) in str(err.value)
    assert live.calls() == {"GET /v1/scripts/{id}": 1}


# ---- get, refresh of a deleted script ---------------------------------------------------------


def test_get_reads_an_existing_script(live: Live, scripts: ResourceDriver) -> None:
    script_id = ui_script(live)
    live.emulator.reset_request_counts()
    id_, outs, _ = scripts.get(script_id)
    assert live.calls() == {"GET /v1/scripts/{id}": 1}
    assert (id_, outs["name"], outs["content"], outs["description"]) == (script_id, "Tidy", CONTENT, "From the UI")


def test_get_of_a_missing_script_names_the_id(live: Live, scripts: ResourceDriver) -> None:
    with pytest.raises(PluginError) as err:
        scripts.get("0123456789abcdef01234567")
    assert "Script: id '0123456789abcdef01234567' names no script this API token can see" in str(err.value)


def test_a_script_deleted_out_of_band_is_forgotten_on_refresh(live: Live, scripts: ResourceDriver) -> None:
    res = scripts.create("tidy", tidy())
    assert raw(live, "DELETE", f"/scripts/{res.id}").status_code == 204
    live.emulator.reset_request_counts()
    id_, outs, _ = scripts.read(res)
    assert (id_, [k for k in outs if k != "__provider"]) == ("", [])
    assert live.calls() == {"GET /v1/scripts/{id}": 1}


# ---- delete -----------------------------------------------------------------------------------


def test_delete_checks_dependents_then_deletes(live: Live, scripts: ResourceDriver) -> None:
    res = scripts.create("tidy", tidy())
    live.emulator.reset_request_counts()
    scripts.delete(res)
    assert live.calls() == {"GET /v1/scripts/{id}/dependencies": 1, "DELETE /v1/scripts/{id}": 1}
    assert raw(live, "GET", f"/scripts/{res.id}").status_code == 404


def test_delete_is_refused_while_an_export_hook_uses_the_script(live: Live, scripts: ResourceDriver) -> None:
    res = scripts.create("tidy", tidy())
    hook = {"preSavePage": {"_scriptId": res.id, "function": "tidy"}}
    body = {"name": "Orders", "adaptorType": "WebhookExport", "webhook": {"provider": "custom"}, "hooks": hook}
    export_id = raw(live, "POST", "/exports", body).json()["_id"]
    live.emulator.reset_request_counts()
    with pytest.raises(PluginError) as err:
        scripts.delete(res)
    assert (
        f'Script "Tidy": delete refused: other resources use this script (exports: "Orders" ({export_id})). Remove '
        "those references first, or set allow_delete_with_dependents=True to delete it anyway."
    ) in str(err.value)
    assert live.calls() == {"GET /v1/scripts/{id}/dependencies": 1}
    assert raw(live, "GET", f"/scripts/{res.id}").status_code == 200


def test_allow_delete_with_dependents_skips_the_check(live: Live, scripts: ResourceDriver) -> None:
    res = scripts.create("tidy", tidy(allow_delete_with_dependents=True))
    live.emulator.reset_request_counts()
    scripts.delete(res)
    assert live.calls() == {"DELETE /v1/scripts/{id}": 1}


def test_deleting_an_already_deleted_script_succeeds(live: Live, scripts: ResourceDriver) -> None:
    res = scripts.create("tidy", tidy())
    raw(live, "DELETE", f"/scripts/{res.id}")
    scripts.delete(res)


# ---- exactly one script per resource, across runs ---------------------------------------------


def test_a_create_run_again_after_an_interruption_takes_the_script_it_made(live: Live, scripts: ResourceDriver) -> None:
    ui_script(live, name="Tidy", description="someone else's, same name")
    live.emulator.reset_request_counts()
    first = scripts.create("tidy", {**tidy(), **IDENTITY})
    # Once per name per process: the list, and a GET of the one script of that name (lists have no content).
    assert live.calls() == {"GET /v1/scripts": 1, "GET /v1/scripts/{id}": 1, "POST /v1/scripts": 1}
    with new_plugin_server(live.emulator) as next_up:  # the next `up`: a plugin process of its own
        live.emulator.reset_request_counts()
        again = ResourceDriver(next_up, ScriptProvider(), SCRIPT).create("tidy", {**tidy(), **IDENTITY})
    assert again.id == first.id
    assert live.calls() == {"GET /v1/scripts": 1, "GET /v1/scripts/{id}": 3}  # 2 listed by name, 1 taken: no write
    assert len(raw(live, "GET", "/scripts").json()) == 2


def test_a_targeted_replace_keeps_the_script_and_skips_the_delete_of_that_id(
    live: Live, scripts: ResourceDriver
) -> None:
    """`pulumi up --replace` (check without old inputs, create, then delete the replaced id): the script
    carrying the marker is taken, and deleting that same id in the same process would delete the new
    resource's script, so it is skipped (providers/_markers.Generations)."""
    first = scripts.create("tidy", {**tidy(), **IDENTITY})
    again = scripts.create("tidy", {**tidy(), **IDENTITY})
    assert again.id == first.id
    live.emulator.reset_request_counts()
    scripts.delete(first)
    assert live.calls() == {}
    assert [s["_id"] for s in raw(live, "GET", "/scripts").json() if s["name"] == "Tidy"] == [first.id]
