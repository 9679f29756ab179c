"""The Connection provider through the real plugin server over gRPC, against the emulator over HTTP.
Every test asserts the exact API calls it caused; credentials are checked in the emulator's store."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi_celigo.providers.connection import ConnectionProvider
from pulumi_celigo.testing import PluginError

from tests.conftest import Live, raw
from tests.resources.driver import ResourceDriver

CONNECTION = "pulumi-python:dynamic/celigo:Connection"
IDENTITY = "celigo-tests/test::pulumi-python:dynamic/celigo:Connection::crm"
SECRET = "crm-secret-7d3a9f01"


@pytest.fixture
def connections(live: Live) -> ResourceDriver:
    return ResourceDriver(live.plugin, ConnectionProvider(), CONNECTION)


def crm(token: str = SECRET, **overrides: Any) -> dict[str, Any]:
    inputs: dict[str, Any] = {
        "name": "CRM",
        "type": "http",
        "http": {
            "base_uri": "https://crm.example.com/api",
            "media_type": "json",
            "headers": [{"name": "X-Api-Version", "value": "2"}],
            "ping": {"relative_uri": "/me", "method": "GET"},
            "auth": {
                "type": "token",
                "token": {"token": token, "location": "header", "header_name": "Authorization", "scheme": "Bearer"},
            },
        },
    }
    inputs.update(overrides)
    return inputs


def stored(live: Live, connection_id: str) -> dict[str, Any]:
    """The connection as the emulator stores it, credentials unmasked (the API never shows them)."""
    doc = live.emulator.app.backend.store.get("connections", connection_id)
    assert doc is not None
    return doc


def ping(live: Live, connection_id: str) -> int:
    return raw(live, "GET", f"/connections/{connection_id}/ping").status_code


def test_create_is_one_list_and_one_post_and_is_followed_by_no_diff(live: Live, connections: ResourceDriver) -> None:
    res = connections.create("crm", {**crm(), "__identity": IDENTITY})
    assert live.calls() == {"GET /v1/connections": 1, "POST /v1/connections": 1}
    doc = stored(live, res.id)
    assert doc["http"]["baseURI"] == "https://crm.example.com/api"
    assert doc["http"]["ping"] == {"relativeURI": "/me", "method": "GET"}
    assert doc["http"]["auth"]["token"]["token"] == SECRET
    # Outputs: the program's credential where the API shows the mask, and its digest.
    assert res.outputs["http"]["auth"]["token"]["token"] == SECRET
    assert "settings" not in res.outputs  # the create marker is the provider's business

    live.emulator.reset_request_counts()
    diff = connections.diff(res, {**crm(), "__identity": IDENTITY})
    assert (diff.changes, diff.replaces) == (False, [])
    assert live.calls() == {}


def test_refresh_is_one_get_and_shows_no_diff_despite_the_mask(live: Live, connections: ResourceDriver) -> None:
    res = connections.create("crm", crm())
    live.emulator.reset_request_counts()
    id_, outs, inputs = connections.read(res)
    assert live.calls() == {"GET /v1/connections/{id}": 1}
    assert id_ == res.id
    assert outs == res.outputs
    assert inputs is not None and inputs["http"]["auth"]["token"]["token"] == SECRET
    assert "******" not in repr(outs) + repr(inputs)
    refreshed = res.__class__(res.name, res.id, inputs, outs)
    assert connections.diff(refreshed, crm()).changes is False


def test_rotating_the_secret_is_one_get_and_one_put(live: Live, connections: ResourceDriver) -> None:
    res = connections.create("crm", crm())
    rotated = crm(token="crm-secret-rotated-22")
    assert connections.diff(res, rotated).changes is True
    live.emulator.reset_request_counts()
    res = connections.update(res, rotated)
    assert live.calls() == {"GET /v1/connections/{id}": 1, "PUT /v1/connections/{id}": 1}
    assert stored(live, res.id)["http"]["auth"]["token"]["token"] == "crm-secret-rotated-22"
    assert ping(live, res.id) == 200
    assert connections.diff(res, rotated).changes is False


def test_renaming_keeps_the_credentials_the_program_gives(live: Live, connections: ResourceDriver) -> None:
    res = connections.create("crm", crm())
    live.emulator.reset_request_counts()
    res = connections.update(res, crm(name="CRM (renamed)"))
    assert live.calls() == {"GET /v1/connections/{id}": 1, "PUT /v1/connections/{id}": 1}
    doc = stored(live, res.id)
    assert (doc["name"], doc["http"]["auth"]["token"]["token"]) == ("CRM (renamed)", SECRET)
    assert ping(live, res.id) == 200


def seeded_github(live: Live, **overrides: Any) -> dict[str, Any]:
    """The seeded GitHub connection as a program that gives none of its credentials writes it."""
    inputs: dict[str, Any] = {
        "name": "GitHub (Dev)",
        "type": "http",
        "adopt_id": live.ids["dev_github_connection"],
        "http": {
            "base_uri": "https://api.github.com",
            "media_type": "json",
            "auth": {
                "type": "token",
                "token": {"location": "header", "header_name": "Authorization", "scheme": "token"},
            },
            "unencrypted": {"environment": "dev"},
        },
    }
    inputs.update(overrides)
    return inputs


def test_adopting_a_matching_connection_without_its_credentials_writes_nothing(
    live: Live, connections: ResourceDriver
) -> None:
    github = live.ids["dev_github_connection"]
    before = stored(live, github)
    res = connections.create("github", seeded_github(live))
    assert res.id == github
    assert live.calls() == {"GET /v1/connections/{id}": 1}
    assert stored(live, github) == before
    assert res.outputs["http"]["auth"]["token"]["token"] == "******"  # not the program's: it gives none
    assert connections.diff(res, seeded_github(live)).changes is False


def test_a_rename_that_would_erase_credentials_the_program_does_not_give_is_refused(
    live: Live, connections: ResourceDriver
) -> None:
    github = live.ids["dev_github_connection"]
    res = connections.create("github", seeded_github(live))
    before = stored(live, github)
    live.emulator.reset_request_counts()
    with pytest.raises(PluginError) as failure:
        connections.update(res, seeded_github(live, name="GitHub (renamed)"))
    assert failure.value.message == "pulumi_celigo.errors.ResourceError: " + (
        'Connection "GitHub (renamed)": write refused, nothing was written: the connection holds credentials '
        "the program does not give (http.auth.token.token, http.encrypted.webhookSecret), and integrator.io's PUT "
        "replaces the whole connection, so writing it would erase them. Give them in the program (as secrets: "
        "`pulumi config set --secret`), or make this change in integrator.io."
    )
    assert live.calls() == {"GET /v1/connections/{id}": 1}
    assert stored(live, github) == before
    assert ping(live, github) == 200


def test_adopting_with_the_credentials_given_writes_them_once(live: Live, connections: ResourceDriver) -> None:
    github = live.ids["dev_github_connection"]
    inputs = seeded_github(live, name="GitHub (managed)")
    inputs["http"]["auth"]["token"]["token"] = "ghp_new_value_0001"
    inputs["http"]["encrypted"] = {"webhookSecret": "new-webhook-secret"}
    res = connections.create("github", inputs)
    assert live.calls() == {"GET /v1/connections/{id}": 1, "PUT /v1/connections/{id}": 1}
    doc = stored(live, github)
    assert doc["http"]["auth"]["token"]["token"] == "ghp_new_value_0001"
    assert doc["http"]["encrypted"] == {"webhookSecret": "new-webhook-secret"}
    assert connections.diff(res, inputs).changes is False


def test_get_shows_every_credential_masked_and_a_missing_id_is_an_error(
    live: Live, connections: ResourceDriver
) -> None:
    id_, outs, _ = connections.get(live.ids["dev_slack_connection"])
    assert live.calls() == {"GET /v1/connections/{id}": 1}
    assert id_ == live.ids["dev_slack_connection"]
    assert outs["http"]["auth"]["token"]["token"] == "******"
    assert outs["http"]["encrypted"] == {"webhookSecret": "******"}
    assert outs["http"]["base_uri"] == "https://slack.com/api"
    with pytest.raises(PluginError) as failure:
        connections.get("0123456789abcdef01234567")
    assert failure.value.message == "pulumi_celigo.errors.ResourceError: " + (
        "Connection: id '0123456789abcdef01234567' names no connection this API token can see: check the id "
        "(integrator.io > Resources > Connections > the connection's URL) and the token's scope"
    )


def test_a_refresh_forgets_a_connection_deleted_out_of_band(live: Live, connections: ResourceDriver) -> None:
    res = connections.create("crm", crm())
    assert raw(live, "DELETE", f"/connections/{res.id}").status_code == 204
    live.emulator.reset_request_counts()
    assert connections.read(res)[0] == ""
    assert live.calls() == {"GET /v1/connections/{id}": 1}


def test_delete_asks_for_dependencies_then_deletes(live: Live, connections: ResourceDriver) -> None:
    res = connections.create("crm", crm())
    live.emulator.reset_request_counts()
    connections.delete(res)
    assert live.calls() == {"GET /v1/connections/{id}/dependencies": 1, "DELETE /v1/connections/{id}": 1}
    assert raw(live, "GET", f"/connections/{res.id}").status_code == 404


def test_deleting_a_connection_in_use_is_refused_naming_its_users(live: Live, connections: ResourceDriver) -> None:
    github = live.ids["dev_github_connection"]
    res = connections.create("github", seeded_github(live))
    live.emulator.reset_request_counts()
    with pytest.raises(PluginError) as failure:
        connections.delete(res)
    assert failure.value.message == "pulumi_celigo.errors.ResourceError: " + (
        'Connection "GitHub (Dev)": delete refused: other resources use this connection '
        f'(exports: "GitHub events" ({live.ids["github_events_export"]})). Remove those references first, '
        "or set allow_delete_with_dependents=True to delete it anyway."
    )
    assert live.calls() == {"GET /v1/connections/{id}/dependencies": 1}
    assert stored(live, github)["name"] == "GitHub (Dev)"
