"""Flow operations: clone, run and jobs, replaceConnection, audit, template, dependencies, descendants."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
import requests

from .support import IDS, Api, errors_of, fields_of, simple_flow

MISSING = "5f0000000000000000000000"


def usage_flow(**fields: Any) -> dict[str, Any]:
    """The docs' second sample, shortened: 2 page generators, 2 lookups, 1 import."""
    body: dict[str, Any] = {
        "name": "Update Usage Stats for all Trialers",
        "_integrationId": IDS["dev_integration"],
        "_flowGroupingId": IDS["dev_reports_flow_grouping"],
        "schedule": "? 0 2 ? * *",
        "timezone": "America/Los_Angeles",
        "_runNextFlowIds": [],
        "pageGenerators": [{"_exportId": e} for e in IDS["usage_pg_exports"]],
        "pageProcessors": [
            {"type": "export", "_exportId": IDS["usage_lookup_exports"][0]},
            {"type": "export", "_exportId": IDS["usage_lookup_exports"][1]},
            {"type": "import", "_importId": IDS["usage_imports"][0], "proceedOnFailure": True},
        ],
    }
    body.update(fields)
    return body


# -- clone ----------------------------------------------------------------------------------------


def test_clone_copies_flow_exports_and_imports(api: Api) -> None:
    chained = api.create("flows", {"name": "next"})
    source = api.create(
        "flows",
        simple_flow(
            schedule="? 0 2 ? * *",
            _runNextFlowIds=[chained["_id"]],
            _flowGroupingId=IDS["dev_flow_grouping"],
            extra={"kept": 1},
        ),
    )
    body = {
        "_integrationId": IDS["prod_integration"],
        "_flowGroupingId": IDS["prod_flow_grouping"],
        "connectionMap": {
            IDS["dev_github_connection"]: IDS["prod_github_connection"],
            IDS["dev_slack_connection"]: IDS["prod_slack_connection"],
        },
        "sandbox": False,
    }
    response = api.post(f"/flows/{source['_id']}/clone", json=body)
    assert response.status_code == 201, response.text
    manifest = response.json()
    assert [m["model"] for m in manifest] == ["Flow", "Export", "Import"]
    flow_id, export_id, import_id = (m["_id"] for m in manifest)
    assert len({flow_id, export_id, import_id, source["_id"]}) == 4

    clone = api.get(f"/flows/{flow_id}").json()
    generator_id = clone["pageGenerators"][0]["_id"]
    assert generator_id != source["pageGenerators"][0]["_id"]
    assert clone == {
        "_id": flow_id,
        "name": "Clone - Send GitHub Events to Slack",
        "pageGenerators": [{"_exportId": export_id, "_id": generator_id}],
        "pageProcessors": [{"type": "import", "_importId": import_id, "responseMapping": {"fields": [], "lists": []}}],
        "extra": {"kept": 1},
        "disabled": True,
        "logging": {},
        "_integrationId": IDS["prod_integration"],
        "_flowGroupingId": IDS["prod_flow_grouping"],
        "_sourceId": source["_id"],
        "createdAt": clone["createdAt"],
        "lastModified": clone["lastModified"],
    }
    original_export = api.get(f"/exports/{IDS['github_events_export']}").json()
    copied_export = api.get(f"/exports/{export_id}").json()
    assert copied_export["_connectionId"] == IDS["prod_github_connection"]
    strip = ("_id", "createdAt", "lastModified", "_connectionId")
    assert {k: v for k, v in copied_export.items() if k not in strip} == {
        k: v for k, v in original_export.items() if k not in strip
    }
    copied_import = api.get(f"/imports/{import_id}").json()
    assert copied_import["_connectionId"] == IDS["prod_slack_connection"]
    assert copied_import["name"] == "Post to Slack"
    # The source is untouched.
    assert api.get(f"/flows/{source['_id']}").json() == source


def test_clone_with_name_and_identity_map(api: Api) -> None:
    source = api.create("flows", usage_flow())
    connection = IDS["dev_integrator_connection"]
    response = api.post(
        f"/flows/{source['_id']}/clone",
        json={"_integrationId": IDS["dev_integration"], "name": "Copy", "connectionMap": {connection: connection}},
    )
    assert response.status_code == 201
    manifest = response.json()
    assert [m["model"] for m in manifest] == ["Flow", "Export", "Export", "Export", "Export", "Import"]
    clone = api.get(f"/flows/{manifest[0]['_id']}").json()
    assert clone["name"] == "Copy"
    assert "schedule" not in clone and "_runNextFlowIds" not in clone and "_flowGroupingId" not in clone
    assert clone["timezone"] == "America/Los_Angeles"
    assert [g["_exportId"] for g in clone["pageGenerators"]] == [manifest[1]["_id"], manifest[2]["_id"]]
    assert [p.get("_exportId", p.get("_importId")) for p in clone["pageProcessors"]] == [
        manifest[3]["_id"],
        manifest[4]["_id"],
        manifest[5]["_id"],
    ]
    assert clone["pageProcessors"][2]["proceedOnFailure"] is True
    for entry in manifest[1:5]:
        assert api.get(f"/exports/{entry['_id']}").json()["_connectionId"] == connection


def test_clone_connection_map_must_cover_every_connection(api: Api) -> None:
    source = api.create("flows", simple_flow())
    for connection_map in ({}, {IDS["dev_github_connection"]: IDS["prod_github_connection"]}):
        response = api.post(
            f"/flows/{source['_id']}/clone",
            json={"_integrationId": IDS["prod_integration"], "connectionMap": connection_map},
        )
        assert response.status_code == 400
        errors = errors_of(response)
        assert [e["code"] for e in errors] == ["invalid_connectionMap"]
        assert IDS["dev_slack_connection"] in errors[0]["message"]
        assert (IDS["dev_github_connection"] in errors[0]["message"]) == (not connection_map)
    response = api.post(f"/flows/{source['_id']}/clone", json={"_integrationId": IDS["prod_integration"]})
    assert response.status_code == 400
    response = api.post(
        f"/flows/{source['_id']}/clone", json={"_integrationId": IDS["prod_integration"], "connectionMap": []}
    )
    assert response.status_code == 400
    assert [e["code"] for e in errors_of(response)] == ["invalid_connectionMap"]
    assert len(api.get("/flows").json()) == 1
    assert len(api.get("/exports").json()) == 12


def test_clone_targets_and_integration_must_exist(api: Api) -> None:
    source = api.create("flows", simple_flow())
    response = api.post(
        f"/flows/{source['_id']}/clone",
        json={
            "_integrationId": MISSING,
            "connectionMap": {IDS["dev_github_connection"]: MISSING, IDS["dev_slack_connection"]: "bad"},
        },
    )
    assert response.status_code == 422
    assert fields_of(response) == {
        "_integrationId": "invalid_ref",
        f"connectionMap.{IDS['dev_github_connection']}": "invalid_ref",
        f"connectionMap.{IDS['dev_slack_connection']}": "invalid_ref",
    }
    identity = {
        IDS["dev_github_connection"]: IDS["dev_github_connection"],
        IDS["dev_slack_connection"]: IDS["dev_slack_connection"],
    }
    response = api.post(f"/flows/{source['_id']}/clone", json={"connectionMap": identity})
    assert response.status_code == 422
    assert fields_of(response) == {"_integrationId": "missing_required_field"}
    response = api.post(
        f"/flows/{source['_id']}/clone",
        json={
            "connectionMap": identity,
            "_integrationId": IDS["prod_integration"],
            "_flowGroupingId": IDS["dev_flow_grouping"],
        },
    )
    assert response.status_code == 422
    assert fields_of(response) == {"_flowGroupingId": "invalid_ref"}
    assert len(api.get("/flows").json()) == 1


def test_clone_of_a_flow_without_steps(api: Api) -> None:
    source = api.create("flows", {"name": "bare", "schedule": "? 0 2 ? * *"})
    response = api.post(f"/flows/{source['_id']}/clone", json={"_integrationId": IDS["prod_integration"]})
    assert response.status_code == 201
    manifest = response.json()
    assert [m["model"] for m in manifest] == ["Flow"]
    clone = api.get(f"/flows/{manifest[0]['_id']}").json()
    assert clone["name"] == "Clone - bare" and clone["disabled"] is True and "schedule" not in clone


# -- run and jobs -------------------------------------------------------------------------------------


def job_keys() -> set[str]:
    return {
        "_id",
        "type",
        "_flowId",
        "_integrationId",
        "status",
        "startedAt",
        "endedAt",
        "numSuccess",
        "numError",
        "numIgnore",
        "createdAt",
        "lastModified",
    }


def test_run_and_job_progression(api: Api, admin: Api) -> None:
    flow = api.create("flows", usage_flow())
    response = api.post(f"/flows/{flow['_id']}/run")
    assert response.status_code == 201
    assert set(response.json()) == {"_jobId"}
    job_id = response.json()["_jobId"]

    queued = admin.get(f"/jobs/{job_id}").json()  # the control plane peeks without advancing
    assert set(queued) == job_keys()
    assert (queued["status"], queued["type"], queued["_flowId"], queued["_integrationId"]) == (
        "queued",
        "flow",
        flow["_id"],
        IDS["dev_integration"],
    )
    assert (queued["startedAt"], queued["endedAt"], queued["numSuccess"]) == (None, None, 0)

    running = api.get(f"/jobs/{job_id}").json()
    assert running["status"] == "running" and running["startedAt"] and running["endedAt"] is None
    completed = api.get(f"/jobs/{job_id}").json()
    assert completed["status"] == "completed" and completed["endedAt"]
    assert (completed["numSuccess"], completed["numError"], completed["numIgnore"]) == (20, 0, 0)
    assert api.get(f"/jobs/{job_id}").json() == completed  # terminal
    assert api.get(f"/jobs/{job_id}/errors").json() == []

    after = api.get(f"/flows/{flow['_id']}").json()
    assert after["lastExecutedAt"] == queued["createdAt"]
    assert after["lastModified"] == flow["lastModified"]


def test_run_bodies(api: Api) -> None:
    flow = api.create("flows", usage_flow())
    window = {"export": {"startDate": "2024-01-01T00:00:00.000Z", "endDate": "2024-01-02T00:00:00.000Z"}}
    assert api.post(f"/flows/{flow['_id']}/run", json={}).status_code == 201
    assert api.post(f"/flows/{flow['_id']}/run", json=window).status_code == 201
    response = api.post(f"/flows/{flow['_id']}/run", json={"_exportIds": [IDS["usage_pg_exports"][1]]})
    assert response.status_code == 201
    job_id = response.json()["_jobId"]
    api.get(f"/jobs/{job_id}")
    assert api.get(f"/jobs/{job_id}").json()["numSuccess"] == 10

    response = api.post(
        f"/flows/{flow['_id']}/run", json={"_exportIds": [IDS["usage_pg_exports"][0], IDS["github_events_export"]]}
    )
    assert response.status_code == 422
    assert fields_of(response) == {"_exportIds[1]": "invalid_ref"}
    response = api.post(f"/flows/{flow['_id']}/run", json={"export": {"startDate": "yesterday"}})
    assert response.status_code == 422
    assert fields_of(response) == {"export.startDate": "invalid_field"}


def test_disabled_flow_cannot_run(api: Api) -> None:
    flow = api.create("flows", simple_flow(disabled=True))
    response = api.post(f"/flows/{flow['_id']}/run")
    assert response.status_code == 422
    assert [e["code"] for e in errors_of(response)] == ["inactive_flow"]
    assert api.get(f"/flows/{flow['_id']}/jobs/latest").status_code == 204


def test_latest_job(api: Api) -> None:
    flow = api.create("flows", simple_flow())
    assert api.get(f"/flows/{flow['_id']}/jobs/latest").status_code == 204
    api.post(f"/flows/{flow['_id']}/run")
    second = api.post(f"/flows/{flow['_id']}/run").json()["_jobId"]
    response = api.get(f"/flows/{flow['_id']}/jobs/latest")
    assert response.status_code == 200
    jobs = response.json()
    assert [j["_id"] for j in jobs] == [second]
    assert jobs[0]["status"] == "running"  # reading a job moves it along, here too


def test_fail_next_job(api: Api, admin: Api) -> None:
    flow = api.create("flows", simple_flow())
    errors = [{"code": "http_error", "message": "Slack said 500"}, {"code": "timeout", "message": "slow"}]
    response = admin.post(f"/flows/{flow['_id']}/fail-next-job", json={"errors": errors})
    assert response.status_code == 204
    job_id = api.post(f"/flows/{flow['_id']}/run").json()["_jobId"]
    api.get(f"/jobs/{job_id}")
    failed = api.get(f"/jobs/{job_id}").json()
    assert (failed["status"], failed["numError"], failed["numSuccess"]) == ("failed", 2, 0)
    reported = api.get(f"/jobs/{job_id}/errors").json()
    assert reported == [
        {"code": "http_error", "message": "Slack said 500", "source": "application", "occurredAt": failed["endedAt"]},
        {"code": "timeout", "message": "slow", "source": "application", "occurredAt": failed["endedAt"]},
    ]
    assert api.get(f"/jobs/{job_id}/joberrors").json() == reported  # the path Celigo's docs show
    # Only the next run fails.
    job_id = api.post(f"/flows/{flow['_id']}/run").json()["_jobId"]
    api.get(f"/jobs/{job_id}")
    assert api.get(f"/jobs/{job_id}").json()["status"] == "completed"
    # Bad control-plane bodies.
    assert admin.post(f"/flows/{flow['_id']}/fail-next-job", json={"errors": []}).status_code == 400
    assert admin.post(f"/flows/{MISSING}/fail-next-job", json={"errors": errors}).status_code == 404


def test_delete_flow_cancels_its_jobs(api: Api, admin: Api) -> None:
    flow = api.create("flows", simple_flow())
    queued = api.post(f"/flows/{flow['_id']}/run").json()["_jobId"]
    running = api.post(f"/flows/{flow['_id']}/run").json()["_jobId"]
    api.get(f"/jobs/{running}")
    done = api.post(f"/flows/{flow['_id']}/run").json()["_jobId"]
    api.get(f"/jobs/{done}")
    api.get(f"/jobs/{done}")
    assert api.delete(f"/flows/{flow['_id']}").status_code == 204
    assert api.get(f"/jobs/{queued}").json()["status"] == "canceled"
    assert api.get(f"/jobs/{running}").json()["status"] == "canceled"
    assert api.get(f"/jobs/{done}").json()["status"] == "completed"


# -- replaceConnection --------------------------------------------------------------------------------


def test_replace_connection_rewrites_the_steps(api: Api) -> None:
    flow = api.create("flows", simple_flow())
    other = api.create("flows", {"name": "Other", "pageGenerators": [{"_exportId": IDS["usage_pg_exports"][0]}]})
    job_id = api.post(f"/flows/{flow['_id']}/run").json()["_jobId"]
    body = {"_connectionId": IDS["dev_slack_connection"], "_newConnectionId": IDS["prod_slack_connection"]}
    response = api.put(f"/flows/{flow['_id']}/replaceConnection", json=body)
    assert response.status_code == 200
    # The flow document itself is unchanged (apart from the run's lastExecutedAt).
    assert response.json() == api.get(f"/flows/{flow['_id']}").json()
    assert {k: v for k, v in response.json().items() if k != "lastExecutedAt"} == flow
    assert api.get(f"/imports/{IDS['slack_import']}").json()["_connectionId"] == IDS["prod_slack_connection"]
    assert api.get(f"/exports/{IDS['github_events_export']}").json()["_connectionId"] == IDS["dev_github_connection"]
    assert api.get(f"/jobs/{job_id}").json()["status"] == "canceled"
    # Other flows' steps on other connections are untouched.
    export = api.get(f"/exports/{IDS['usage_pg_exports'][0]}").json()
    assert export["_connectionId"] == IDS["dev_integrator_connection"]
    assert api.get(f"/flows/{other['_id']}").json() == other
    # The import's own audit log records the change.
    audit = api.get(f"/imports/{IDS['slack_import']}/audit").json()
    assert audit[0]["fieldChanges"] == [
        {
            "fieldPath": "_connectionId",
            "oldValue": IDS["dev_slack_connection"],
            "newValue": IDS["prod_slack_connection"],
        }
    ]


def test_replace_connection_validation(api: Api) -> None:
    flow = api.create("flows", simple_flow())
    response = api.put(f"/flows/{flow['_id']}/replaceConnection", json={})
    assert response.status_code == 422
    assert fields_of(response) == {
        "_connectionId": "missing_required_field",
        "_newConnectionId": "missing_required_field",
    }
    response = api.put(
        f"/flows/{flow['_id']}/replaceConnection", json={"_connectionId": MISSING, "_newConnectionId": "x"}
    )
    assert fields_of(response) == {"_connectionId": "invalid_ref", "_newConnectionId": "invalid_ref"}
    assert api.get(f"/imports/{IDS['slack_import']}").json()["_connectionId"] == IDS["dev_slack_connection"]


# -- audit ----------------------------------------------------------------------------------------------


def test_audit_entries_newest_first_with_field_changes(api: Api) -> None:
    flow = api.create("flows", simple_flow())
    body = dict(flow)
    body["pageProcessors"] = [
        {
            "type": "import",
            "_importId": IDS["slack_import"],
            "responseMapping": {"fields": [{"extract": "id", "generate": "eventId"}], "lists": []},
        }
    ]
    body["description"] = "Added"
    api.put(f"/flows/{flow['_id']}", json=body)
    api.patch(f"/flows/{flow['_id']}", json=[{"op": "replace", "path": "/name", "value": "Renamed"}])
    api.put(f"/flows/{flow['_id']}", json=api.get(f"/flows/{flow['_id']}").json())  # no change: no entry
    api.post(f"/flows/{flow['_id']}/run")  # bookkeeping only: no entry
    api.delete(f"/flows/{flow['_id']}")

    response = api.get(f"/flows/{flow['_id']}/audit")
    assert response.status_code == 200
    entries = response.json()
    assert [e["event"] for e in entries] == ["delete", "update", "update", "create"]
    for entry in entries:
        assert set(entry) == {"_id", "resourceType", "_resourceId", "source", "event", "time", "byUser", "fieldChanges"}
        assert (entry["resourceType"], entry["_resourceId"], entry["source"]) == ("flow", flow["_id"], "api")
        assert entry["byUser"] == {
            "_id": "5e3c0d2a9f1b4c0012ab34cd",
            "email": "emulator@example.com",
            "name": "Emulator User",
        }
    assert entries[0]["fieldChanges"] == [] and entries[3]["fieldChanges"] == []
    assert entries[1]["fieldChanges"] == [
        {"fieldPath": "name", "oldValue": "Send GitHub Events to Slack", "newValue": "Renamed"}
    ]
    assert entries[2]["fieldChanges"] == [
        # An empty array is a leaf of its own: filling it removes that leaf and adds new ones.
        {"fieldPath": "pageProcessors.0.responseMapping.fields", "oldValue": [], "newValue": None},
        {"fieldPath": "pageProcessors.0.responseMapping.fields.0.extract", "oldValue": None, "newValue": "id"},
        {"fieldPath": "pageProcessors.0.responseMapping.fields.0.generate", "oldValue": None, "newValue": "eventId"},
        {"fieldPath": "description", "oldValue": None, "newValue": "Added"},
    ]
    times = [e["time"] for e in entries]
    assert times == sorted(times, reverse=True)


def test_audit_is_paged(api: Api) -> None:
    flow = api.create("flows", {"name": "v0"})
    for n in range(1, 6):
        api.patch(f"/flows/{flow['_id']}", json=[{"op": "replace", "path": "/name", "value": f"v{n}"}])
    first = api.get(f"/flows/{flow['_id']}/audit", params={"limit": 4})
    assert first.status_code == 200
    assert [e["fieldChanges"][0]["newValue"] for e in first.json()] == ["v5", "v4", "v3", "v2"]
    next_url = first.links["next"]["url"]
    assert next_url == f"{api.base_url}/flows/{flow['_id']}/audit?skip=4&limit=4"
    second = api.get(next_url)
    assert [e["event"] for e in second.json()] == ["update", "create"]
    assert "next" not in second.links
    assert api.get(f"/flows/{flow['_id']}/audit", params={"skip": 6}).status_code == 204


# -- template, dependencies, descendants -------------------------------------------------------------------


def test_template_zip_without_credentials(api: Api) -> None:
    flow = api.create("flows", simple_flow())
    response = api.get(f"/flows/{flow['_id']}/template")
    assert response.status_code == 200
    url = response.json()["signedURL"]
    assert set(response.json()) == {"signedURL"}
    assert url.startswith(api.base_url.removesuffix("/v1") + "/__emulator/templates/") and url.endswith(".zip")
    download = requests.get(url, timeout=5)  # signed: no Authorization header needed
    assert download.status_code == 200
    assert download.headers["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(download.content))
    github, slack = IDS["dev_github_connection"], IDS["dev_slack_connection"]
    assert sorted(archive.namelist()) == sorted(
        [
            f"flows/{flow['_id']}.json",
            f"exports/{IDS['github_events_export']}.json",
            f"imports/{IDS['slack_import']}.json",
            f"connections/{github}.json",
            f"connections/{slack}.json",
        ]
    )
    assert json.loads(archive.read(f"flows/{flow['_id']}.json")) == flow
    export = json.loads(archive.read(f"exports/{IDS['github_events_export']}.json"))
    assert export == api.get(f"/exports/{IDS['github_events_export']}").json()
    connection = json.loads(archive.read(f"connections/{github}.json"))
    assert connection["http"]["auth"] == {
        "type": "token",
        "token": {"location": "header", "headerName": "Authorization", "scheme": "token"},
    }
    assert "encrypted" not in connection["http"]
    raw = b"".join(archive.read(name) for name in archive.namelist())
    assert b"ghp_dev" not in raw and b"xoxb" not in raw and b"******" not in raw
    assert requests.get(url.replace(".zip", "0.zip"), timeout=5).status_code == 404


def test_dependencies(api: Api) -> None:
    target = api.create("flows", {"name": "target"})
    assert api.get(f"/flows/{target['_id']}/dependencies").json() == {}
    first = api.create("flows", {"name": "first", "_runNextFlowIds": [target["_id"]]})
    api.create("flows", {"name": "unrelated"})
    second = api.create("flows", {"name": "second", "_runNextFlowIds": [first["_id"], target["_id"]]})
    response = api.get(f"/flows/{target['_id']}/dependencies")
    assert response.status_code == 200
    assert response.json() == {
        "flows": [{"id": first["_id"], "name": "first"}, {"id": second["_id"], "name": "second"}]
    }
    # Removing the chain removes the dependency.
    api.put(f"/flows/{first['_id']}", json={"name": "first"})
    assert api.get(f"/flows/{target['_id']}/dependencies").json() == {
        "flows": [{"id": second["_id"], "name": "second"}]
    }


def test_descendants(api: Api) -> None:
    flow = api.create("flows", usage_flow())
    response = api.get(f"/flows/{flow['_id']}/descendants")
    assert response.status_code == 200
    body = response.json()
    assert [e["_id"] for e in body["exports"]] == [*IDS["usage_pg_exports"], *IDS["usage_lookup_exports"][:2]]
    assert [i["_id"] for i in body["imports"]] == [IDS["usage_imports"][0]]
    assert body["exports"][0] == api.get(f"/exports/{IDS['usage_pg_exports'][0]}").json()
    bare = api.create("flows", {"name": "bare"})
    assert api.get(f"/flows/{bare['_id']}/descendants").json() == {"exports": [], "imports": []}


def test_update_flow_grouping(api: Api) -> None:
    a = api.create("flows", simple_flow(name="a"))
    b = api.create("flows", simple_flow(name="b", _flowGroupingId=IDS["dev_flow_grouping"]))
    body = {"_flowIds": [a["_id"], b["_id"]], "_flowGroupingId": IDS["dev_reports_flow_grouping"]}
    assert api.put("/flows/updateFlowGrouping", json=body).status_code == 204
    for flow in (a, b):
        assert api.get(f"/flows/{flow['_id']}").json()["_flowGroupingId"] == IDS["dev_reports_flow_grouping"]
    response = api.put(
        "/flows/updateFlowGrouping", json={"_flowIds": [a["_id"]], "_flowGroupingId": IDS["prod_flow_grouping"]}
    )
    assert response.status_code == 422
    assert fields_of(response) == {"_flowGroupingId": "invalid_ref"}
    assert (
        api.put("/flows/updateFlowGrouping", json={"_flowIds": [a["_id"]], "_flowGroupingId": None}).status_code == 204
    )
    assert "_flowGroupingId" not in api.get(f"/flows/{a['_id']}").json()


@pytest.mark.parametrize("collection", ["connections", "exports", "imports", "integrations"])
def test_other_resources_have_audit_logs(api: Api, collection: str) -> None:
    doc_id = {
        "connections": IDS["dev_github_connection"],
        "exports": IDS["github_events_export"],
        "imports": IDS["slack_import"],
        "integrations": IDS["dev_integration"],
    }[collection]
    assert api.get(f"/{collection}/{doc_id}/audit").status_code == 204  # seeded: no history yet
    doc = api.get(f"/{collection}/{doc_id}").json()
    api.put(f"/{collection}/{doc_id}", json={**doc, "name": "Renamed"})
    entries = api.get(f"/{collection}/{doc_id}/audit").json()
    assert [e["event"] for e in entries] == ["update"]
    assert entries[0]["resourceType"] == collection[:-1]
    expected = [{"fieldPath": "name", "oldValue": doc["name"], "newValue": "Renamed"}]
    if collection == "connections":  # the masks the GET showed were PUT back: stored, and logged masked
        expected += [
            {"fieldPath": path, "oldValue": "******", "newValue": "******"}
            for path in ("http.auth.token.token", "http.encrypted.webhookSecret")
        ]
    assert entries[0]["fieldChanges"] == expected


def test_clone_and_replace_connection_reach_into_router_branches(api: Api) -> None:
    source = api.create(
        "flows",
        {
            "name": "Routed",
            "pageGenerators": [{"_exportId": IDS["github_events_export"]}],
            "routers": [
                {
                    "name": "R",
                    "branches": [
                        {"name": "A", "pageProcessors": [{"type": "import", "_importId": IDS["slack_import"]}]},
                        {
                            "name": "B",
                            "pageProcessors": [
                                {"type": "export", "_exportId": IDS["usage_lookup_exports"][0]},
                                {"type": "import", "_importId": IDS["usage_imports"][0]},
                            ],
                        },
                    ],
                }
            ],
        },
    )
    github, slack, integrator = (
        IDS["dev_github_connection"],
        IDS["dev_slack_connection"],
        IDS["dev_integrator_connection"],
    )
    response = api.post(
        f"/flows/{source['_id']}/clone",
        json={"_integrationId": IDS["prod_integration"], "connectionMap": {github: github, slack: slack}},
    )
    assert response.status_code == 400
    assert integrator in errors_of(response)[0]["message"]
    response = api.post(
        f"/flows/{source['_id']}/clone",
        json={
            "_integrationId": IDS["prod_integration"],
            "connectionMap": {
                github: IDS["prod_github_connection"],
                slack: IDS["prod_slack_connection"],
                integrator: IDS["prod_integrator_connection"],
            },
        },
    )
    assert response.status_code == 201
    manifest = response.json()
    assert [m["model"] for m in manifest] == ["Flow", "Export", "Export", "Import", "Import"]
    clone = api.get(f"/flows/{manifest[0]['_id']}").json()
    branches = clone["routers"][0]["branches"]
    assert branches[0]["pageProcessors"][0]["_importId"] == manifest[3]["_id"]
    assert branches[1]["pageProcessors"][0]["_exportId"] == manifest[2]["_id"]
    assert branches[1]["pageProcessors"][1]["_importId"] == manifest[4]["_id"]
    assert api.get(f"/imports/{manifest[4]['_id']}").json()["_connectionId"] == IDS["prod_integrator_connection"]

    body = {"_connectionId": integrator, "_newConnectionId": IDS["prod_integrator_connection"]}
    assert api.put(f"/flows/{source['_id']}/replaceConnection", json=body).status_code == 200
    assert api.get(f"/imports/{IDS['usage_imports'][0]}").json()["_connectionId"] == IDS["prod_integrator_connection"]
    lookup = api.get(f"/exports/{IDS['usage_lookup_exports'][0]}").json()
    assert lookup["_connectionId"] == IDS["prod_integrator_connection"]
