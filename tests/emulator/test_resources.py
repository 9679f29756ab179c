"""Connections, exports, imports and integrations: CRUD, masking, references, 409 in use."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pulumi_celigo.emulator import EmulatorServer

from .support import IDS, Api, errors_of, fields_of, simple_flow

TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
OBJECT_ID = re.compile(r"^[0-9a-f]{24}$")


def http_connection(**fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "http",
        "name": "Acme API",
        "offline": False,
        "http": {
            "baseURI": "https://acme.example.com",
            "auth": {
                "type": "basic",
                "basic": {"username": "ann", "password": "s3cret"},
                "oauth": {"clientId": "cid", "clientSecret": "shh", "refreshToken": "r1"},
            },
            "encrypted": {"apiKey": "k-123", "nested": {"anything": "x"}},
            "headers": [{"name": "X-Api-Key", "value": "plain"}],
        },
        "customField": {"kept": [1, 2, {"deep": True}]},
    }
    body.update(fields)
    return body


MASKED_HTTP = {
    "baseURI": "https://acme.example.com",
    "auth": {
        "type": "basic",
        "basic": {"username": "ann", "password": "******"},
        "oauth": {"clientId": "cid", "clientSecret": "******", "refreshToken": "******"},
    },
    "encrypted": {"apiKey": "******", "nested": {"anything": "******"}},
    "headers": [{"name": "X-Api-Key", "value": "plain"}],
}


def test_connection_create_masks_credentials_everywhere(api: Api) -> None:
    created = api.create("connections", http_connection())
    assert OBJECT_ID.match(created["_id"])
    assert TIMESTAMP.match(created["createdAt"]) and created["lastModified"] == created["createdAt"]
    expected = {**http_connection(), "http": MASKED_HTTP}
    assert {k: v for k, v in created.items() if k not in ("_id", "createdAt", "lastModified")} == expected
    assert api.get(f"/connections/{created['_id']}").json() == created
    listed = api.get("/connections").json()
    assert listed[-1] == created


def test_seed_connections_are_masked(api: Api) -> None:
    connection = api.get(f"/connections/{IDS['dev_github_connection']}").json()
    assert connection["http"]["auth"]["token"]["token"] == "******"
    assert connection["http"]["auth"]["token"]["location"] == "header"
    assert connection["http"]["encrypted"] == {"webhookSecret": "******"}
    assert connection["http"]["unencrypted"] == {"environment": "dev"}


def test_connection_put_of_masks_stores_the_masks(api: Api, emulator: EmulatorServer) -> None:
    """The real API's trap, made visible: a GET-modify-PUT writes "******" over every secret."""
    created = api.create("connections", http_connection())
    masked = api.get(f"/connections/{created['_id']}").json()
    masked["name"] = "Acme API (renamed)"
    masked["http"]["auth"]["basic"]["password"] = "new-password"
    response = api.put(f"/connections/{created['_id']}", json=masked)
    assert response.status_code == 200
    assert response.json() == {**created, "name": "Acme API (renamed)", "lastModified": response.json()["lastModified"]}
    # The stored document (read in-process: the API never shows secrets) holds what was sent.
    stored = emulator.app.store.get("connections", created["_id"])
    assert stored is not None
    assert stored["http"]["auth"]["basic"]["password"] == "new-password"
    assert stored["http"]["auth"]["oauth"] == {"clientId": "cid", "clientSecret": "******", "refreshToken": "******"}
    assert stored["http"]["encrypted"] == {"apiKey": "******", "nested": {"anything": "******"}}


def test_connection_audit_masks_credentials(api: Api) -> None:
    created = api.create("connections", http_connection())
    body = http_connection()
    body["http"]["auth"]["basic"]["password"] = "rotated"
    body["http"]["baseURI"] = "https://acme2.example.com"
    assert api.put(f"/connections/{created['_id']}", json=body).status_code == 200
    entries = api.get(f"/connections/{created['_id']}/audit").json()
    assert [e["event"] for e in entries] == ["update", "create"]
    assert entries[0]["fieldChanges"] == [
        {"fieldPath": "http.baseURI", "oldValue": "https://acme.example.com", "newValue": "https://acme2.example.com"},
        {"fieldPath": "http.auth.basic.password", "oldValue": "******", "newValue": "******"},
    ]


def test_connection_requires_a_name(api: Api) -> None:
    for body in ({}, {"name": ""}, {"name": "   "}, {"name": None}):
        response = api.post("/connections", json={**body, "type": "http"})
        assert response.status_code == 422
        assert errors_of(response) == [
            {"code": "missing_required_field", "message": "name is required.", "field": "name"}
        ]
    response = api.post("/connections", json={"name": 5, "offline": "no", "type": "http"})
    assert response.status_code == 422
    assert fields_of(response) == {"name": "invalid_field", "offline": "invalid_field"}


def test_export_requires_an_existing_connection(api: Api) -> None:
    response = api.post("/exports", json={"name": "e", "adaptorType": "HTTPExport"})
    assert response.status_code == 422
    assert fields_of(response) == {"_connectionId": "missing_required_field"}
    response = api.post("/exports", json={"name": "e", "_connectionId": "5f0000000000000000000000"})
    assert response.status_code == 422
    assert fields_of(response) == {"_connectionId": "invalid_ref"}
    response = api.post("/exports", json={"name": "e", "_connectionId": "nope"})
    assert fields_of(response) == {"_connectionId": "invalid_ref"}
    response = api.post("/exports", json={"name": "e", "_connectionId": IDS["dev_github_connection"], "isLookup": 1})
    assert fields_of(response) == {"isLookup": "invalid_field"}


@pytest.mark.parametrize("adaptor", ["WebhookExport", "SimpleExport"])
def test_webhook_and_simple_exports_need_no_connection(api: Api, adaptor: str) -> None:
    created = api.create("exports", {"name": "hook", "adaptorType": adaptor, "webhook": {"provider": "github"}})
    assert created["adaptorType"] == adaptor
    assert "_connectionId" not in created


def test_import_requires_an_existing_connection(api: Api) -> None:
    response = api.post("/imports", json={"name": "i", "adaptorType": "HTTPImport"})
    assert response.status_code == 422
    assert fields_of(response) == {"_connectionId": "missing_required_field"}
    response = api.post("/imports", json={"name": "i", "_connectionId": "5f0000000000000000000000"})
    assert fields_of(response) == {"_connectionId": "invalid_ref"}
    created = api.create("imports", {"name": "i", "_connectionId": IDS["dev_slack_connection"], "x": {"y": 1}})
    assert created["x"] == {"y": 1}


def test_unknown_fields_survive_get_and_put(api: Api) -> None:
    body = {
        "name": "e",
        "adaptorType": "HTTPExport",
        "_connectionId": IDS["dev_github_connection"],
        "http": {"relativeURI": "/x", "paging": {"method": "linkheader"}},
        "futureField": {"a": [1, None, "z"], "b": 1.5},
    }
    created = api.create("exports", body)
    assert {k: v for k, v in created.items() if k not in ("_id", "createdAt", "lastModified")} == body
    created["anotherField"] = True
    replaced = api.put(f"/exports/{created['_id']}", json=created).json()
    assert replaced["futureField"] == body["futureField"] and replaced["anotherField"] is True
    assert api.get(f"/exports/{created['_id']}").json() == replaced


def test_put_replaces_the_whole_resource(api: Api) -> None:
    created = api.create("imports", {"name": "i", "_connectionId": IDS["dev_slack_connection"], "note": "x"})
    response = api.put(
        f"/imports/{created['_id']}",
        json={
            "name": "j",
            "_connectionId": IDS["prod_slack_connection"],
            "_id": "5f0000000000000000000000",
            "createdAt": "2000-01-01T00:00:00.000Z",
        },
    )
    assert response.status_code == 200
    replaced = response.json()
    assert replaced == {
        "_id": created["_id"],
        "name": "j",
        "_connectionId": IDS["prod_slack_connection"],
        "createdAt": created["createdAt"],
        "lastModified": replaced["lastModified"],
    }
    assert replaced["lastModified"] >= created["lastModified"]


def test_integration_flow_groupings_get_ids(api: Api) -> None:
    created = api.create(
        "integrations",
        {"name": "QA", "flowGroupings": [{"name": "A"}, {"_id": "65a1c0de00ff00000000000a", "name": "B"}]},
    )
    groups = created["flowGroupings"]
    assert [g["name"] for g in groups] == ["A", "B"]
    assert OBJECT_ID.match(groups[0]["_id"])
    assert groups[1]["_id"] == "65a1c0de00ff00000000000a"
    # A PUT without flowGroupings erases every group.
    replaced = api.put(f"/integrations/{created['_id']}", json={"name": "QA"}).json()
    assert "flowGroupings" not in replaced


def test_integration_validation(api: Api) -> None:
    response = api.post(
        "/integrations",
        json={"name": "QA", "flowGroupings": [{"name": ""}, {"_id": "bad", "name": "x"}, "oops"], "sandbox": "no"},
    )
    assert response.status_code == 422
    assert fields_of(response) == {
        "sandbox": "invalid_field",
        "flowGroupings[0].name": "missing_required_field",
        "flowGroupings[1]._id": "invalid_field",
        "flowGroupings[2]": "invalid_field",
    }


def test_integration_flows_lists_its_flows(api: Api) -> None:
    assert api.get(f"/integrations/{IDS['dev_integration']}/flows").status_code == 204
    first = api.create("flows", simple_flow(name="one"))
    api.create("flows", simple_flow(name="elsewhere", _integrationId=IDS["prod_integration"]))
    api.create("flows", {"name": "standalone"})
    second = api.create("flows", simple_flow(name="two"))
    response = api.get(f"/integrations/{IDS['dev_integration']}/flows")
    assert response.status_code == 200
    assert response.json() == [first, second]


def test_delete_connection_in_use_is_409(api: Api) -> None:
    response = api.delete(f"/connections/{IDS['dev_integrator_connection']}")
    assert response.status_code == 409
    errors = errors_of(response)
    assert [e["code"] for e in errors] == ["resource_in_use"]
    message = errors[0]["message"]
    assert "Trialers (trial)" in message and "Usage lookup: numFlows" in message
    assert "Update usage stats" in message and IDS["usage_imports"][1] in message
    assert api.get(f"/connections/{IDS['dev_integrator_connection']}").status_code == 200


def test_delete_export_or_import_used_by_a_flow_is_409(api: Api) -> None:
    flow = api.create("flows", simple_flow(name="Uses both"))
    for path in (f"/exports/{IDS['github_events_export']}", f"/imports/{IDS['slack_import']}"):
        response = api.delete(path)
        assert response.status_code == 409
        errors = errors_of(response)
        assert [e["code"] for e in errors] == ["resource_in_use"]
        assert '"Uses both"' in errors[0]["message"] and flow["_id"] in errors[0]["message"]
    assert api.delete(f"/flows/{flow['_id']}").status_code == 204
    # Deleting the flow did not delete its steps; now they are free to go.
    assert api.delete(f"/exports/{IDS['github_events_export']}").status_code == 204
    assert api.delete(f"/imports/{IDS['slack_import']}").status_code == 204
    assert api.get(f"/exports/{IDS['github_events_export']}").status_code == 404


def test_delete_integration_with_flows_is_409(api: Api) -> None:
    flow = api.create("flows", simple_flow(name="Keeps Dev busy"))
    response = api.delete(f"/integrations/{IDS['dev_integration']}")
    assert response.status_code == 409
    errors = errors_of(response)
    assert [e["code"] for e in errors] == ["resource_in_use"]
    assert flow["_id"] in errors[0]["message"]
    api.delete(f"/flows/{flow['_id']}")
    assert api.delete(f"/integrations/{IDS['dev_integration']}").status_code == 204


def test_delete_unused_connection_then_404(api: Api) -> None:
    created = api.create("connections", http_connection())
    response = api.delete(f"/connections/{created['_id']}")
    assert response.status_code == 204
    assert response.content == b""
    assert api.get(f"/connections/{created['_id']}").status_code == 404
    assert api.delete(f"/connections/{created['_id']}").status_code == 404


def test_export_connection_change_moves_the_reference(api: Api) -> None:
    connection = api.create("connections", http_connection(name="Spare"))
    export = api.create("exports", {"name": "e", "_connectionId": connection["_id"]})
    assert api.delete(f"/connections/{connection['_id']}").status_code == 409
    export["_connectionId"] = IDS["dev_github_connection"]
    assert api.put(f"/exports/{export['_id']}", json=export).status_code == 200
    assert api.delete(f"/connections/{connection['_id']}").status_code == 204
