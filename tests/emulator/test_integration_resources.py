"""A whole integration: validation of connections, exports, imports, scripts and integrations; masking;
ping; connection registration; scripts; dependencies and 409 in use; list filters; the job list; the
empty seed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pulumi_celigo.emulator import EmulatorServer, running_emulator

from .support import IDS, TOKEN, Api, errors_of, fields_of, simple_flow

MISSING = "5f0000000000000000000000"
KNOWN_CONNECTION_TYPES = "as2, dynamodb, ftp, http, jdbc, mongodb, netsuite, rdbms, rest, s3, salesforce, van, wrapper"
SERVER_FIELDS = ("_id", "createdAt", "lastModified")


def written(doc: dict[str, Any]) -> dict[str, Any]:
    """A document without the fields the server writes."""
    return {k: v for k, v in doc.items() if k not in SERVER_FIELDS}


def basic_connection(**fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "http",
        "name": "Acme API",
        "http": {
            "baseURI": "https://acme.example.com",
            "auth": {"type": "basic", "basic": {"username": "ann", "password": "s3cret"}},
        },
    }
    body.update(fields)
    return body


def script(**fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"name": "Hooks", "description": "shared hooks", "content": "function f(o) { return o }"}
    body.update(fields)
    return body


# -- validation ------------------------------------------------------------------------------------


def test_connection_type_is_required_and_known(api: Api) -> None:
    response = api.post("/connections", json={"name": "c"})
    assert response.status_code == 422
    assert errors_of(response) == [{"code": "missing_required_field", "message": "type is required.", "field": "type"}]
    response = api.post("/connections", json={"name": "c", "type": "HTTP"})
    assert response.status_code == 422
    assert errors_of(response) == [
        {
            "code": "invalid_field",
            "message": f"type 'HTTP' is unknown; use one of: {KNOWN_CONNECTION_TYPES}.",
            "field": "type",
        }
    ]
    for kind in ("http", "rest", "ftp", "s3", "netsuite", "salesforce", "rdbms", "wrapper", "as2"):
        assert api.create("connections", {"name": kind, "type": kind})["type"] == kind


def test_adaptor_types_are_known_and_case_sensitive(api: Api) -> None:
    connection = IDS["dev_github_connection"]
    response = api.post("/exports", json={"name": "e", "adaptorType": "httpexport", "_connectionId": connection})
    assert response.status_code == 422
    (error,) = errors_of(response)
    assert error["code"] == "invalid_field" and error["field"] == "adaptorType"
    assert error["message"].startswith("adaptorType 'httpexport' is unknown; use one of: AS2Export, DynamodbExport,")
    response = api.post("/imports", json={"name": "i", "adaptorType": "HTTPExport", "_connectionId": connection})
    assert fields_of(response) == {"adaptorType": "invalid_field"}
    assert "HTTPImport, JDBCImport" in errors_of(response)[0]["message"]
    for adaptor in ("HTTPExport", "RESTExport", "NetSuiteExport", "SalesforceExport", "FTPExport", "S3Export"):
        api.create("exports", {"name": adaptor, "adaptorType": adaptor, "_connectionId": connection})
    for adaptor in ("HTTPImport", "NetSuiteDistributedImport", "FTPImport"):
        api.create("imports", {"name": adaptor, "adaptorType": adaptor, "_connectionId": connection})


# Celigo's own webhook export sample (integrator-api-docs, export.md): no adaptorType, no connection.
WEBHOOK_SAMPLE = {
    "name": "My Webhook",
    "type": "webhook",
    "webhook": {"verify": "hmac", "algorithm": "sha256", "encoding": "hex", "key": "********", "header": "X-Apple"},
}


def test_celigos_webhook_export_sample_needs_no_connection(api: Api) -> None:
    created = api.create("exports", WEBHOOK_SAMPLE)
    assert written(created) == WEBHOOK_SAMPLE
    assert api.get(f"/exports/{created['_id']}").json() == created
    assert written(api.create("exports", {"name": "loader", "type": "simple"})) == {"name": "loader", "type": "simple"}
    response = api.post("/exports", json={"name": "e", "type": "delta", "adaptorType": "HTTPExport"})
    assert fields_of(response) == {"_connectionId": "missing_required_field"}


def test_references_must_name_existing_documents(api: Api) -> None:
    connection = IDS["dev_github_connection"]
    body = {
        "name": "e",
        "_connectionId": connection,
        "_integrationId": MISSING,
        "hooks": {"preSavePage": {"_scriptId": MISSING, "function": "f"}},
    }
    response = api.post("/exports", json=body)
    assert response.status_code == 422
    assert errors_of(response) == [
        {
            "code": "invalid_ref",
            "message": f"_integrationId refers to no existing integration: {MISSING}.",
            "field": "_integrationId",
        },
        {
            "code": "invalid_ref",
            "message": f"hooks.preSavePage._scriptId refers to no existing script: {MISSING}.",
            "field": "hooks.preSavePage._scriptId",
        },
    ]
    response = api.post(
        "/imports", json={"name": "i", "_connectionId": connection, "hooks": {"postMap": {"_scriptId": "nope"}}}
    )
    assert fields_of(response) == {"hooks.postMap._scriptId": "invalid_ref"}
    response = api.post(
        "/connections", json={"name": "c", "type": "http", "_borrowConcurrencyFromConnectionId": MISSING}
    )
    assert fields_of(response) == {"_borrowConcurrencyFromConnectionId": "invalid_ref"}
    response = api.post("/integrations", json={"name": "i", "_registeredConnectionIds": [connection, MISSING]})
    assert fields_of(response) == {"_registeredConnectionIds[1]": "invalid_ref"}
    hooks = api.create("scripts", script())
    body = {**body, "_integrationId": IDS["dev_integration"], "hooks": {"preSavePage": {"_scriptId": hooks["_id"]}}}
    assert written(api.create("exports", body)) == body


@pytest.mark.parametrize("collection", ["connections", "exports", "imports", "integrations", "scripts"])
def test_put_replaces_the_whole_document(api: Api, collection: str) -> None:
    body = {
        "connections": {"name": "c", "type": "ftp"},
        "exports": {"name": "e", "_connectionId": IDS["dev_github_connection"]},
        "imports": {"name": "i", "_connectionId": IDS["dev_slack_connection"]},
        "integrations": {"name": "n", "sandbox": False},
        "scripts": {"name": "s", "content": "x"},
    }[collection]
    created = api.create(collection, {**body, "note": "erased by the PUT", "description": "too"})
    response = api.put(f"/{collection}/{created['_id']}", json={**body, "_id": MISSING, "createdAt": "2000"})
    assert response.status_code == 200
    replaced = response.json()
    assert replaced == {
        "_id": created["_id"],
        **body,
        "createdAt": created["createdAt"],
        "lastModified": replaced["lastModified"],
    }
    assert replaced["lastModified"] >= created["lastModified"]
    assert api.get(f"/{collection}/{created['_id']}").json() == replaced


# -- masking and ping ------------------------------------------------------------------------------


def test_credentials_are_masked_in_every_answer(api: Api) -> None:
    created = api.create("connections", basic_connection())
    assert created["http"]["auth"]["basic"] == {"username": "ann", "password": "******"}
    body = basic_connection(name="Acme 2")
    body["http"]["encrypted"] = {"apiKey": "k-9"}
    replaced = api.put(f"/connections/{created['_id']}", json=body).json()
    assert replaced["http"]["auth"]["basic"] == {"username": "ann", "password": "******"}
    assert replaced["http"]["encrypted"] == {"apiKey": "******"}
    assert api.get(f"/connections/{created['_id']}").json() == replaced
    listed = api.get("/connections", params={"type": "http"}).json()
    assert listed[-1] == replaced
    assert "s3cret" not in api.get(f"/connections/{created['_id']}/audit").text


def test_ping_accepts_the_seed_connections(api: Api) -> None:
    for name in ("github", "slack", "integrator"):
        connection_id = IDS[f"dev_{name}_connection"]
        response = api.get(f"/connections/{connection_id}/ping")
        assert response.status_code == 200
        label = api.get(f"/connections/{connection_id}").json()["name"]
        assert response.json() == {
            "code": "success",
            "message": f'Connection "{label}" ({connection_id}) accepted its credentials.',
        }


def test_ping_fails_after_a_get_modify_put(api: Api) -> None:
    """The trap a provider must avoid: the masks a GET shows, PUT back, replace the secrets."""
    connection_id = IDS["dev_github_connection"]
    doc = api.get(f"/connections/{connection_id}").json()
    assert api.put(f"/connections/{connection_id}", json={**doc, "name": "GitHub"}).status_code == 200
    response = api.get(f"/connections/{connection_id}/ping")
    assert response.status_code == 422
    label = f'Connection "GitHub" ({connection_id})'
    masked = (
        'is "******": the masked value a GET shows was written back by a PUT, and the endpoint refuses it. '
        "PUT the connection again with the real secret."
    )
    assert errors_of(response) == [
        {"code": "ping_failed", "message": f"{label}: {path} {masked}", "field": path}
        for path in ("http.auth.token.token", "http.encrypted.webhookSecret")
    ]
    # Sending the real secrets again repairs it.
    doc["http"]["auth"]["token"]["token"] = "ghp_new"
    doc["http"]["encrypted"]["webhookSecret"] = "whs_new"
    assert api.put(f"/connections/{connection_id}", json=doc).status_code == 200
    assert api.get(f"/connections/{connection_id}/ping").status_code == 200


def test_ping_fails_on_empty_or_missing_credentials(api: Api) -> None:
    body = basic_connection()
    body["http"]["auth"]["basic"] = {"username": "ann", "password": ""}
    empty = api.create("connections", body)
    response = api.get(f"/connections/{empty['_id']}/ping")
    assert response.status_code == 422
    assert errors_of(response) == [
        {
            "code": "ping_failed",
            "message": f'Connection "Acme API" ({empty["_id"]}): http.auth.basic.password is empty, '
            "and the endpoint refuses it. PUT the connection with the real value.",
            "field": "http.auth.basic.password",
        }
    ]
    body["http"]["auth"]["basic"] = {"username": "ann"}
    missing = api.create("connections", body)
    response = api.get(f"/connections/{missing['_id']}/ping")
    assert errors_of(response) == [
        {
            "code": "ping_failed",
            "message": f'Connection "Acme API" ({missing["_id"]}): http.auth.basic.password is missing, '
            "and basic authentication needs it. PUT the connection with it.",
            "field": "http.auth.basic.password",
        }
    ]


def test_ping_ignores_offline_and_changes_nothing(api: Api, emulator: EmulatorServer) -> None:
    created = api.create("connections", basic_connection(offline=True))
    assert api.get(f"/connections/{created['_id']}/ping").status_code == 200
    assert api.get(f"/connections/{created['_id']}").json() == created
    assert [e["event"] for e in api.get(f"/connections/{created['_id']}/audit").json()] == ["create"]
    assert api.get(f"/connections/{MISSING}/ping").status_code == 404
    assert emulator.request_counts()["GET /v1/connections/{id}/ping"] == 2


# -- registration ----------------------------------------------------------------------------------


def test_register_connections(api: Api) -> None:
    integration_id = IDS["dev_integration"]
    path = f"/integrations/{integration_id}/connections/register"
    github, slack = IDS["dev_github_connection"], IDS["dev_slack_connection"]
    spare = api.create("connections", basic_connection(name="Spare"))["_id"]
    response = api.put(path, json=[github, slack])
    assert response.status_code == 200
    assert response.json()["_registeredConnectionIds"] == [github, slack]
    assert api.put(path, json=[slack, spare, spare]).json()["_registeredConnectionIds"] == [github, slack, spare]
    stored = api.get(f"/integrations/{integration_id}").json()
    assert stored["_registeredConnectionIds"] == [github, slack, spare]
    assert stored["flowGroupings"][0]["_id"] == IDS["dev_flow_grouping"]  # the rest of the document is kept
    entries = api.get(f"/integrations/{integration_id}/audit").json()
    assert [e["fieldChanges"] for e in entries] == [
        [{"fieldPath": "_registeredConnectionIds.2", "oldValue": None, "newValue": spare}],
        [
            {"fieldPath": "_registeredConnectionIds.0", "oldValue": None, "newValue": github},
            {"fieldPath": "_registeredConnectionIds.1", "oldValue": None, "newValue": slack},
        ],
    ]
    response = api.put(path, json=[github, MISSING, "nope"])
    assert response.status_code == 422
    assert fields_of(response) == {"[1]": "invalid_ref", "[2]": "invalid_ref"}
    assert api.put(path, json={"connectionIds": [github]}).status_code == 400
    assert api.put(f"/integrations/{MISSING}/connections/register", json=[github]).status_code == 404
    # Deleting a registered connection that nothing else uses unregisters it.
    assert api.delete(f"/connections/{spare}").status_code == 204
    assert api.get(f"/integrations/{integration_id}").json()["_registeredConnectionIds"] == [github, slack]


# -- scripts ---------------------------------------------------------------------------------------


def test_scripts_crud_and_content_only_on_the_single_get(api: Api) -> None:
    created = api.create("scripts", script())
    assert written(created) == script()
    assert api.get(f"/scripts/{created['_id']}").json() == created
    listed = api.get("/scripts").json()
    assert listed == [{k: v for k, v in created.items() if k != "content"}]
    replaced = api.put(f"/scripts/{created['_id']}", json={"name": "Hooks", "content": "// v2"}).json()
    assert written(replaced) == {"name": "Hooks", "content": "// v2"}
    assert [e["event"] for e in api.get(f"/scripts/{created['_id']}/audit").json()] == ["update", "create"]
    assert api.delete(f"/scripts/{created['_id']}").status_code == 204
    assert api.get(f"/scripts/{created['_id']}").status_code == 404
    assert api.get("/scripts").status_code == 204


def test_script_validation(api: Api) -> None:
    response = api.post("/scripts", json={"description": 5})
    assert response.status_code == 422
    assert fields_of(response) == {
        "name": "missing_required_field",
        "description": "invalid_field",
        "content": "missing_required_field",
    }
    assert fields_of(api.post("/scripts", json={"name": "s", "content": ["x"]})) == {"content": "invalid_field"}


# -- dependencies and deleting what is in use ------------------------------------------------------


def test_script_used_by_hooks_cannot_be_deleted(api: Api) -> None:
    hooks = api.create("scripts", script())
    hook = {"_scriptId": hooks["_id"], "function": "f"}
    export = api.create(
        "exports", {"name": "E", "_connectionId": IDS["dev_github_connection"], "hooks": {"preSavePage": hook}}
    )
    imp = api.create(
        "imports", {"name": "I", "_connectionId": IDS["dev_slack_connection"], "hooks": {"postSubmit": hook}}
    )
    assert api.get(f"/scripts/{hooks['_id']}/dependencies").json() == {
        "exports": [{"id": export["_id"], "name": "E"}],
        "imports": [{"id": imp["_id"], "name": "I"}],
    }
    response = api.delete(f"/scripts/{hooks['_id']}")
    assert response.status_code == 409
    assert errors_of(response) == [
        {
            "code": "resource_in_use",
            "message": f'Cannot delete script "Hooks" ({hooks["_id"]}): it is used by exports "E" ({export["_id"]}); '
            f'imports "I" ({imp["_id"]}). Remove those uses first '
            f"(GET /v1/scripts/{hooks['_id']}/dependencies lists them).",
        }
    ]
    api.put(f"/exports/{export['_id']}", json=written({**export, "hooks": {}}))
    api.delete(f"/imports/{imp['_id']}")
    assert api.get(f"/scripts/{hooks['_id']}/dependencies").json() == {}
    assert api.delete(f"/scripts/{hooks['_id']}").status_code == 204


def test_exports_and_imports_are_used_by_flows_steps(api: Api) -> None:
    lookup = IDS["usage_lookup_exports"][0]
    routed = api.create(
        "flows",
        {
            "name": "Routed",
            "pageGenerators": [{"_exportId": IDS["github_events_export"]}],
            "routers": [
                {"branches": [{"pageProcessors": [{"type": "export", "_exportId": lookup}]}]},
                {"branches": [{"pageProcessors": [{"type": "import", "_importId": IDS["slack_import"]}]}]},
            ],
        },
    )
    plain = api.create("flows", simple_flow(name="Plain"))
    both = [{"id": routed["_id"], "name": "Routed"}, {"id": plain["_id"], "name": "Plain"}]
    assert api.get(f"/exports/{IDS['github_events_export']}/dependencies").json() == {"flows": both}
    assert api.get(f"/imports/{IDS['slack_import']}/dependencies").json() == {"flows": both}
    assert api.get(f"/exports/{lookup}/dependencies").json() == {"flows": both[:1]}
    assert api.get(f"/imports/{IDS['usage_imports'][0]}/dependencies").json() == {}
    response = api.delete(f"/exports/{lookup}")
    assert response.status_code == 409
    assert f'it is used by flows "Routed" ({routed["_id"]}).' in errors_of(response)[0]["message"]


def test_connection_dependencies(api: Api) -> None:
    connection_id = IDS["dev_integrator_connection"]
    flow = api.create("flows", {"name": "Usage", "pageGenerators": [{"_exportId": IDS["usage_pg_exports"][0]}]})
    borrower = api.create(
        "connections", basic_connection(name="Borrower", _borrowConcurrencyFromConnectionId=connection_id)
    )
    exports = [*IDS["usage_pg_exports"], *IDS["usage_lookup_exports"]]
    names = {doc["_id"]: doc["name"] for doc in api.get("/exports").json() + api.get("/imports").json()}
    assert api.get(f"/connections/{connection_id}/dependencies").json() == {
        "exports": [{"id": e, "name": names[e]} for e in exports],
        "imports": [{"id": i, "name": names[i]} for i in IDS["usage_imports"]],
        "connections": [{"id": borrower["_id"], "name": "Borrower"}],
        "flows": [{"id": flow["_id"], "name": "Usage"}],
    }
    assert api.get(f"/connections/{IDS['prod_slack_connection']}/dependencies").json() == {}
    assert api.get(f"/connections/{MISSING}/dependencies").status_code == 404
    assert api.get("/connections/nope/dependencies").status_code == 404


def test_integration_dependencies_and_delete(api: Api) -> None:
    integration = api.create("integrations", {"name": "QA"})
    integration_id = integration["_id"]
    flow = api.create("flows", {"name": "QA flow", "_integrationId": integration_id})
    export = api.create("exports", {"name": "QA export", "type": "webhook", "_integrationId": integration_id})
    assert api.get(f"/integrations/{integration_id}/dependencies").json() == {
        "flows": [{"id": flow["_id"], "name": "QA flow"}],
        "exports": [{"id": export["_id"], "name": "QA export"}],
    }
    response = api.delete(f"/integrations/{integration_id}")
    assert response.status_code == 409
    assert errors_of(response)[0]["message"] == (
        f'Cannot delete integration "QA" ({integration_id}): it is used by flows "QA flow" ({flow["_id"]}); '
        f'exports "QA export" ({export["_id"]}). Remove those uses first '
        f"(GET /v1/integrations/{integration_id}/dependencies lists them)."
    )
    assert api.delete(f"/flows/{flow['_id']}").status_code == 204
    assert api.delete(f"/exports/{export['_id']}").status_code == 204
    assert api.delete(f"/integrations/{integration_id}").status_code == 204


# -- list filters ----------------------------------------------------------------------------------


def ids_of(api: Api, path: str, **params: Any) -> list[str]:
    response = api.get(path, params=params)
    return [] if response.status_code == 204 else [doc["_id"] for doc in response.json()]


def test_list_filters(api: Api) -> None:
    integrator = IDS["dev_integrator_connection"]
    hook = api.create(
        "exports", {"name": "hook", "adaptorType": "WebhookExport", "_integrationId": IDS["dev_integration"]}
    )
    ftp = api.create("connections", {"name": "files", "type": "ftp", "_integrationId": IDS["prod_integration"]})
    assert ids_of(api, "/exports", adaptorType="WebhookExport") == [hook["_id"]]
    assert ids_of(api, "/exports", _integrationId=IDS["dev_integration"]) == [hook["_id"]]
    assert ids_of(api, "/exports", _connectionId=integrator) == [*IDS["usage_pg_exports"], *IDS["usage_lookup_exports"]]
    assert ids_of(api, "/exports", _connectionId=integrator, adaptorType="RESTExport") == []
    assert ids_of(api, "/imports", _connectionId=integrator) == IDS["usage_imports"]
    assert ids_of(api, "/imports", adaptorType="HTTPImport") == [IDS["slack_import"], *IDS["usage_imports"]]
    assert ids_of(api, "/connections", type="ftp") == [ftp["_id"]]
    assert ids_of(api, "/connections", _integrationId=IDS["prod_integration"]) == [ftp["_id"]]
    assert len(ids_of(api, "/connections", type="http")) == 6
    assert api.get("/connections", params={"type": "s3"}).status_code == 204
    # Unknown parameters are ignored; a malformed id is a 400 naming it.
    assert len(ids_of(api, "/imports", color="red", adaptorTypo="x")) == 3
    response = api.get("/exports", params={"_connectionId": "nope"})
    assert response.status_code == 400
    assert errors_of(response) == [
        {
            "code": "invalid_query_params",
            "message": "_connectionId must be an id (24 hexadecimal digits); got 'nope'.",
            "field": "_connectionId",
        }
    ]
    # Paging applies after filtering, and the next link keeps the filter.
    response = api.get("/exports", params={"_connectionId": integrator, "limit": 10})
    assert response.links["next"]["url"] == f"{api.base_url}/exports?_connectionId={integrator}&skip=10&limit=10"
    assert [d["_id"] for d in api.get(response.links["next"]["url"]).json()] == IDS["usage_lookup_exports"][-1:]


# -- jobs ------------------------------------------------------------------------------------------


def test_job_list_and_filters(api: Api) -> None:
    first = api.create("flows", simple_flow(name="first"))
    second = api.create("flows", simple_flow(name="second"))
    job_ids = [api.post(f"/flows/{f['_id']}/run").json()["_jobId"] for f in (first, second, first)]
    assert api.get(f"/jobs/{job_ids[0]}").json()["status"] == "running"  # reading a job moves it along
    response = api.get("/jobs")
    assert response.status_code == 200
    jobs = response.json()
    assert [j["_id"] for j in jobs] == job_ids[::-1]  # newest first
    assert [j["status"] for j in jobs] == ["queued", "queued", "running"]  # a list moves nothing
    assert all(not key.startswith("__") for job in jobs for key in job)
    assert ids_of(api, "/jobs", _flowId=first["_id"]) == [job_ids[2], job_ids[0]]
    assert ids_of(api, "/jobs", status="running") == [job_ids[0]]
    assert ids_of(api, "/jobs", type="flow", _integrationId=IDS["dev_integration"]) == job_ids[::-1]
    assert ids_of(api, "/jobs", type="export") == []
    middle = jobs[1]["createdAt"]
    assert ids_of(api, "/jobs", createdAt_gte=middle) == [j["_id"] for j in jobs if j["createdAt"] >= middle]
    assert ids_of(api, "/jobs", createdAt_lte=middle) == [j["_id"] for j in jobs if j["createdAt"] <= middle]
    assert ids_of(api, "/jobs", createdAt_gte="2000-01-01T00:00:00+00:00", createdAt_lte="2999-01-01") == ids_of(
        api, "/jobs"
    )
    assert api.get("/jobs", params={"createdAt_lte": "2000-01-01T00:00:00Z"}).status_code == 204
    response = api.get("/jobs", params={"createdAt_gte": "yesterday"})
    assert response.status_code == 400
    assert errors_of(response) == [
        {
            "code": "invalid_query_params",
            "message": "createdAt_gte must be an ISO-8601 date such as 2026-12-02T10:00:00.000Z; got 'yesterday'.",
            "field": "createdAt_gte",
        }
    ]
    assert fields_of(api.get("/jobs", params={"_flowId": "x"})) == {"_flowId": "invalid_query_params"}
    response = api.get("/jobs", params={"limit": 2})
    assert response.links["next"]["url"] == f"{api.base_url}/jobs?skip=2&limit=2"


# -- unknown ids, read-only token -------------------------------------------------------------------


@pytest.mark.parametrize("collection", ["connections", "exports", "imports", "integrations", "scripts"])
def test_unknown_id_on_every_operation_is_404(api: Api, collection: str) -> None:
    for method, path in (
        ("PUT", f"/{collection}/{MISSING}"),
        ("DELETE", f"/{collection}/{MISSING}"),
        ("GET", f"/{collection}/{MISSING}/audit"),
        ("GET", f"/{collection}/{MISSING}/dependencies"),
        ("GET", f"/{collection}/nope/dependencies"),
    ):
        response = api.request(method, path, json={"name": "x", "type": "http", "content": ""})
        assert response.status_code == 404, (method, path, response.text)
        assert [e["code"] for e in errors_of(response)] == ["not_found"]
    assert fields_of(api.get(f"/jobs/{MISSING}/joberrors")) == {"": "not_found"}


def test_read_only_token_reads_but_does_not_register(read_only_api: Api) -> None:
    assert read_only_api.get(f"/connections/{IDS['dev_slack_connection']}/ping").status_code == 200
    assert read_only_api.get("/jobs").status_code == 204
    response = read_only_api.put(
        f"/integrations/{IDS['dev_integration']}/connections/register", json=[IDS["dev_slack_connection"]]
    )
    assert response.status_code == 403
    assert [e["code"] for e in errors_of(response)] == ["access_restricted"]
    assert read_only_api.post("/scripts", json=script()).status_code == 403


# -- the empty seed ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def empty_account() -> Iterator[EmulatorServer]:
    with running_emulator(token=TOKEN, seed="empty") as emu:
        yield emu


def test_empty_seed_builds_an_integration_from_scratch(empty_account: EmulatorServer) -> None:
    api = Api(empty_account.base_url, TOKEN)
    assert empty_account.seed_ids == {}
    for collection in ("integrations", "connections", "exports", "imports", "scripts", "flows", "jobs"):
        assert api.get(f"/{collection}").status_code == 204, collection
    integration = api.create("integrations", {"name": "Orders", "flowGroupings": [{"name": "Sync"}]})
    connection = api.create("connections", basic_connection())
    hooks = api.create("scripts", script())
    export = api.create(
        "exports",
        {
            "name": "Orders",
            "adaptorType": "HTTPExport",
            "_connectionId": connection["_id"],
            "_integrationId": integration["_id"],
            "hooks": {"preSavePage": {"_scriptId": hooks["_id"], "function": "f"}},
        },
    )
    imp = api.create("imports", {"name": "Orders", "adaptorType": "HTTPImport", "_connectionId": connection["_id"]})
    api.put(f"/integrations/{integration['_id']}/connections/register", json=[connection["_id"]])
    flow = api.create(
        "flows",
        {
            "name": "Orders sync",
            "_integrationId": integration["_id"],
            "_flowGroupingId": integration["flowGroupings"][0]["_id"],
            "pageGenerators": [{"_exportId": export["_id"]}],
            "pageProcessors": [{"type": "import", "_importId": imp["_id"]}],
        },
    )
    assert api.get(f"/connections/{connection['_id']}/ping").status_code == 200
    assert api.get(f"/connections/{connection['_id']}/dependencies").json() == {
        "exports": [{"id": export["_id"], "name": "Orders"}],
        "imports": [{"id": imp["_id"], "name": "Orders"}],
        "flows": [{"id": flow["_id"], "name": "Orders sync"}],
    }
    api.close()
    assert empty_account.internal_errors == 0
