"""Flows: create defaults, validation (each error naming its field), PUT, PATCH and DELETE."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from .support import IDS, Api, errors_of, fields_of, simple_flow

OBJECT_ID = re.compile(r"^[0-9a-f]{24}$")
MISSING = "5f0000000000000000000000"
SERVER_FIELDS = ("_id", "createdAt", "lastModified")


def client_view(flow: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in flow.items() if k not in SERVER_FIELDS}


# -- create ---------------------------------------------------------------------------------------


def test_create_adds_exactly_the_documented_defaults(api: Api) -> None:
    body = simple_flow()
    created = api.create("flows", body)
    assert OBJECT_ID.match(created["_id"])
    assert created["createdAt"] == created["lastModified"]
    generator_id = created["pageGenerators"][0]["_id"]
    assert OBJECT_ID.match(generator_id)
    assert client_view(created) == {
        **body,
        "disabled": False,
        "logging": {},
        "pageGenerators": [{"_exportId": IDS["github_events_export"], "_id": generator_id}],
        "pageProcessors": [
            {"type": "import", "_importId": IDS["slack_import"], "responseMapping": {"fields": [], "lists": []}}
        ],
    }
    assert api.get(f"/flows/{created['_id']}").json() == created


def test_create_minimal_flow(api: Api) -> None:
    created = api.create("flows", {"name": "Only a name"})
    assert client_view(created) == {"name": "Only a name", "disabled": False, "logging": {}}


def test_create_keeps_client_values_and_valid_generator_ids(api: Api) -> None:
    body = simple_flow(
        disabled=True,
        logging={"debugUntil": "2030-01-01T00:00:00.000Z"},
        description="d",
        schedule="? */5 * * * *",
        timezone="America/Los_Angeles",
        skipRetries=False,
        autoResolveMatchingTraceKeys=True,
        runPageGeneratorsInParallel=True,
        settings={"anything": {"goes": [1, 2]}},
        aliases=[{"alias": "x"}],
        _flowGroupingId=IDS["dev_flow_grouping"],
        pageGenerators=[
            {
                "_exportId": IDS["github_events_export"],
                "_id": "65a1c0de00ee000000000001",
                "schedule": "? 5 0,6,12,18 ? * *",
                "skipRetries": True,
            }
        ],
        pageProcessors=[
            {
                "type": "import",
                "_importId": IDS["slack_import"],
                "proceedOnFailure": True,
                "responseMapping": {"fields": [{"extract": "a", "generate": "b"}], "lists": []},
                "hooks": {"postResponseMap": {"function": "f"}},
            }
        ],
        unknownTopLevel={"kept": True},
    )
    created = api.create("flows", body)
    assert client_view(created) == body


def test_client_values_for_server_owned_fields_are_ignored_on_create(api: Api) -> None:
    created = api.create(
        "flows",
        {
            "name": "x",
            "_id": MISSING,
            "createdAt": "2000-01-01T00:00:00.000Z",
            "lastModified": "2000-01-01T00:00:00.000Z",
            "_sourceId": MISSING,
            "free": True,
            "lastExecutedAt": "2000-01-01T00:00:00.000Z",
        },
    )
    assert created["_id"] != MISSING
    assert created["createdAt"] != "2000-01-01T00:00:00.000Z"
    assert client_view(created) == {"name": "x", "disabled": False, "logging": {}}


INVALID_BODIES: list[tuple[dict[str, Any], dict[str, str]]] = [
    ({"name": ""}, {"name": "missing_required_field"}),
    ({"description": "no name"}, {"name": "missing_required_field"}),
    ({"name": 7}, {"name": "invalid_field"}),
    ({"name": "x", "disabled": "false"}, {"disabled": "invalid_field"}),
    ({"name": "x", "skipRetries": 0}, {"skipRetries": "invalid_field"}),
    ({"name": "x", "runPageGeneratorsInParallel": "yes"}, {"runPageGeneratorsInParallel": "invalid_field"}),
    ({"name": "x", "autoResolveMatchingTraceKeys": 1}, {"autoResolveMatchingTraceKeys": "invalid_field"}),
    ({"name": "x", "pageGenerators": {}}, {"pageGenerators": "invalid_field"}),
    ({"name": "x", "pageProcessors": "p"}, {"pageProcessors": "invalid_field"}),
    ({"name": "x", "routers": {}}, {"routers": "invalid_field"}),
    ({"name": "x", "_runNextFlowIds": MISSING}, {"_runNextFlowIds": "invalid_field"}),
    ({"name": "x", "aliases": {}}, {"aliases": "invalid_field"}),
    ({"name": "x", "settings": []}, {"settings": "invalid_field"}),
    ({"name": "x", "description": ["d"]}, {"description": "invalid_field"}),
    ({"name": "x", "schedule": "0 2 * * *"}, {"schedule": "invalid_field"}),
    ({"name": "x", "schedule": "? 0 2 ? * * *"}, {"schedule": "invalid_field"}),
    ({"name": "x", "schedule": "* 0 2 ? * *"}, {"schedule": "invalid_field"}),
    ({"name": "x", "schedule": "? 61 2 ? * *"}, {"schedule": "invalid_field"}),
    ({"name": "x", "schedule": "? 0 25 ? * *"}, {"schedule": "invalid_field"}),
    ({"name": "x", "timezone": "Mars/Olympus"}, {"timezone": "invalid_field"}),
    ({"name": "x", "_integrationId": MISSING}, {"_integrationId": "invalid_ref"}),
    ({"name": "x", "_integrationId": "dev"}, {"_integrationId": "invalid_ref"}),
    ({"name": "x", "_flowGroupingId": IDS["dev_flow_grouping"]}, {"_flowGroupingId": "invalid_ref"}),
    (
        {"name": "x", "_integrationId": IDS["prod_integration"], "_flowGroupingId": IDS["dev_flow_grouping"]},
        {"_flowGroupingId": "invalid_ref"},
    ),
    ({"name": "x", "pageGenerators": [{}]}, {"pageGenerators[0]._exportId": "missing_required_field"}),
    ({"name": "x", "pageGenerators": [{"_exportId": MISSING}]}, {"pageGenerators[0]._exportId": "invalid_ref"}),
    ({"name": "x", "pageGenerators": ["e"]}, {"pageGenerators[0]": "invalid_field"}),
    (
        {"name": "x", "pageGenerators": [{"_exportId": IDS["github_events_export"], "_id": "g1"}]},
        {"pageGenerators[0]._id": "invalid_field"},
    ),
    (
        {"name": "x", "pageGenerators": [{"_exportId": IDS["github_events_export"], "schedule": "daily"}]},
        {"pageGenerators[0].schedule": "invalid_field"},
    ),
    (
        {
            "name": "x",
            "pageProcessors": [
                {"type": "import", "_importId": IDS["slack_import"]},
                {"type": "import", "_importId": MISSING},
            ],
        },
        {"pageProcessors[1]._importId": "invalid_ref"},
    ),
    ({"name": "x", "pageProcessors": [{"type": "import"}]}, {"pageProcessors[0]._importId": "missing_required_field"}),
    ({"name": "x", "pageProcessors": [{"type": "export"}]}, {"pageProcessors[0]._exportId": "missing_required_field"}),
    (
        {"name": "x", "pageProcessors": [{"type": "export", "_exportId": MISSING}]},
        {"pageProcessors[0]._exportId": "invalid_ref"},
    ),
    (
        {
            "name": "x",
            "pageProcessors": [
                {"type": "export", "_exportId": IDS["usage_lookup_exports"][0], "_importId": IDS["slack_import"]}
            ],
        },
        {"pageProcessors[0]._importId": "invalid_field"},
    ),
    (
        {
            "name": "x",
            "pageProcessors": [
                {"type": "import", "_importId": IDS["slack_import"], "_exportId": IDS["usage_lookup_exports"][0]}
            ],
        },
        {"pageProcessors[0]._exportId": "invalid_field"},
    ),
    (
        {"name": "x", "pageProcessors": [{"type": "script", "_importId": IDS["slack_import"]}]},
        {"pageProcessors[0].type": "invalid_field"},
    ),
    (
        {"name": "x", "pageProcessors": [{"_importId": IDS["slack_import"]}]},
        {"pageProcessors[0].type": "missing_required_field"},
    ),
    (
        {"name": "x", "pageProcessors": [{"type": "import", "_importId": IDS["slack_import"], "responseMapping": []}]},
        {"pageProcessors[0].responseMapping": "invalid_field"},
    ),
    (
        {
            "name": "x",
            "pageProcessors": [{"type": "import", "_importId": IDS["slack_import"]}],
            "routers": [{"branches": []}],
        },
        {"routers": "invalid_field"},
    ),
    (
        {
            "name": "x",
            "routers": [{"branches": [{"name": "b", "pageProcessors": [{"type": "import", "_importId": MISSING}]}]}],
        },
        {"routers[0].branches[0].pageProcessors[0]._importId": "invalid_ref"},
    ),
    (
        {"name": "x", "routers": [{"name": 3, "branches": [{"name": []}]}]},
        {"routers[0].name": "invalid_field", "routers[0].branches[0].name": "invalid_field"},
    ),
    ({"name": "x", "_runNextFlowIds": [MISSING]}, {"_runNextFlowIds[0]": "invalid_ref"}),
    ({"name": "x", "_runNextFlowIds": ["abc"]}, {"_runNextFlowIds[0]": "invalid_ref"}),
    ({"name": "x", "_exportId": MISSING}, {"_exportId": "invalid_ref"}),
    ({"name": "x", "_importId": "nope"}, {"_importId": "invalid_ref"}),
    ({"name": "x", "logging": {"debugUntil": "tomorrow"}}, {"logging.debugUntil": "invalid_field"}),
]


@pytest.mark.parametrize(("body", "expected"), INVALID_BODIES)
def test_create_validation_names_the_field(api: Api, body: dict[str, Any], expected: dict[str, str]) -> None:
    response = api.post("/flows", json=body)
    assert response.status_code == 422, response.text
    assert fields_of(response) == expected
    for error in errors_of(response):
        assert error["message"]
    assert api.get("/flows").status_code == 204


def test_cron_error_message(api: Api) -> None:
    response = api.post("/flows", json={"name": "x", "schedule": "every day"})
    assert errors_of(response) == [{"code": "invalid_field", "message": "Invalid cron expression", "field": "schedule"}]


@pytest.mark.parametrize(
    "schedule", ["? 0 2 ? * *", "? */5 * * * *", "? 5 0,6,12,18 ? * *", "? 0 9 ? * 1-5", "? 30 1 1 */2 *"]
)
def test_documented_schedules_are_accepted(api: Api, schedule: str) -> None:
    assert api.create("flows", {"name": "x", "schedule": schedule})["schedule"] == schedule


def test_all_errors_are_reported_at_once(api: Api) -> None:
    response = api.post(
        "/flows",
        json={
            "name": "",
            "schedule": "nope",
            "timezone": "Nowhere/City",
            "_integrationId": MISSING,
            "pageGenerators": [{"_exportId": MISSING}, {}],
            "pageProcessors": [{"type": "import", "_importId": MISSING}, {"type": "what"}],
            "_runNextFlowIds": [MISSING],
        },
    )
    assert response.status_code == 422
    assert fields_of(response) == {
        "name": "missing_required_field",
        "schedule": "invalid_field",
        "timezone": "invalid_field",
        "_integrationId": "invalid_ref",
        "pageGenerators[0]._exportId": "invalid_ref",
        "pageGenerators[1]._exportId": "missing_required_field",
        "pageProcessors[0]._importId": "invalid_ref",
        "pageProcessors[1].type": "invalid_field",
        "_runNextFlowIds[0]": "invalid_ref",
    }


def test_null_optional_fields_are_accepted_and_kept(api: Api) -> None:
    created = api.create("flows", {"name": "x", "schedule": None, "description": None, "disabled": None})
    assert client_view(created) == {
        "name": "x",
        "schedule": None,
        "description": None,
        "disabled": False,
        "logging": {},
    }


def test_routers_with_branches_get_response_mappings(api: Api) -> None:
    lookup = IDS["usage_lookup_exports"][0]
    created = api.create(
        "flows",
        {
            "name": "Routed",
            "pageGenerators": [{"_exportId": IDS["github_events_export"]}],
            "routers": [
                {
                    "id": "r1",
                    "name": "Split",
                    "routeRecordsTo": "first_matching_branch",
                    "branches": [
                        {"name": "A", "pageProcessors": [{"type": "export", "_exportId": lookup}]},
                        {
                            "name": "B",
                            "description": "d",
                            "pageProcessors": [
                                {
                                    "type": "import",
                                    "_importId": IDS["slack_import"],
                                    "responseMapping": {"fields": [], "lists": [{"generate": "l", "fields": []}]},
                                }
                            ],
                        },
                    ],
                }
            ],
        },
    )
    branches = created["routers"][0]["branches"]
    assert branches[0]["pageProcessors"][0]["responseMapping"] == {"fields": [], "lists": []}
    assert branches[1]["pageProcessors"][0]["responseMapping"] == {
        "fields": [],
        "lists": [{"generate": "l", "fields": []}],
    }
    assert created["routers"][0]["id"] == "r1"


def test_run_next_flows_must_exist(api: Api) -> None:
    first = api.create("flows", {"name": "first"})
    second = api.create("flows", {"name": "second", "_runNextFlowIds": [first["_id"]]})
    assert second["_runNextFlowIds"] == [first["_id"]]


# -- PUT --------------------------------------------------------------------------------------------


def test_put_erases_omitted_fields_and_keeps_server_owned_ones(api: Api, emulator: Any) -> None:
    created = api.create("flows", simple_flow(description="to be erased", schedule="? 0 2 ? * *"))
    # Server-owned fields set by the server itself: clone source, last run.
    api.post(f"/flows/{created['_id']}/run")
    with_run = api.get(f"/flows/{created['_id']}").json()
    assert "lastExecutedAt" in with_run
    body = {
        "name": "Renamed",
        "_integrationId": IDS["dev_integration"],
        "pageGenerators": [{"_exportId": IDS["github_events_export"]}],
        "_id": MISSING,
        "createdAt": "2000-01-01T00:00:00.000Z",
        "lastModified": "2000-01-01T00:00:00.000Z",
        "lastExecutedAt": "2000-01-01T00:00:00.000Z",
        "_sourceId": MISSING,
        "free": True,
        "_templateId": MISSING,
        "_connectorId": MISSING,
        "resolvedAt": "2000-01-01T00:00:00.000Z",
    }
    response = api.put(f"/flows/{created['_id']}", json=body)
    assert response.status_code == 200
    replaced = response.json()
    generator_id = replaced["pageGenerators"][0]["_id"]
    assert replaced == {
        "_id": created["_id"],
        "name": "Renamed",
        "_integrationId": IDS["dev_integration"],
        "pageGenerators": [{"_exportId": IDS["github_events_export"], "_id": generator_id}],
        "disabled": False,
        "logging": {},
        "createdAt": created["createdAt"],
        "lastModified": replaced["lastModified"],
        "lastExecutedAt": with_run["lastExecutedAt"],
    }
    assert replaced["lastModified"] >= created["lastModified"]
    assert api.get(f"/flows/{created['_id']}").json() == replaced


def test_put_round_trip_of_a_get_is_stable(api: Api) -> None:
    created = api.create("flows", simple_flow(schedule="? 0 2 ? * *", timezone="Europe/Paris"))
    replaced = api.put(f"/flows/{created['_id']}", json=created).json()
    assert {k: v for k, v in replaced.items() if k != "lastModified"} == {
        k: v for k, v in created.items() if k != "lastModified"
    }


def test_put_validates_like_create(api: Api) -> None:
    created = api.create("flows", simple_flow())
    body = copy.deepcopy(created)
    body["pageProcessors"][0]["_importId"] = MISSING
    body["schedule"] = "bad"
    response = api.put(f"/flows/{created['_id']}", json=body)
    assert response.status_code == 422
    assert fields_of(response) == {"schedule": "invalid_field", "pageProcessors[0]._importId": "invalid_ref"}
    assert api.get(f"/flows/{created['_id']}").json() == created


def test_integration_can_be_set_on_a_standalone_flow(api: Api) -> None:
    created = api.create("flows", {"name": "standalone"})
    body = {**created, "_integrationId": IDS["prod_integration"]}
    response = api.put(f"/flows/{created['_id']}", json=body)
    assert response.status_code == 200
    assert response.json()["_integrationId"] == IDS["prod_integration"]


@pytest.mark.parametrize("new_value", [IDS["prod_integration"], None, "absent"])
def test_integration_cannot_change_once_set(api: Api, new_value: str | None) -> None:
    created = api.create("flows", simple_flow())
    body = dict(created)
    if new_value == "absent":
        del body["_integrationId"]
    else:
        body["_integrationId"] = new_value
    response = api.put(f"/flows/{created['_id']}", json=body)
    assert response.status_code == 422
    assert fields_of(response) == {"_integrationId": "invalid_field"}
    assert api.get(f"/flows/{created['_id']}").json() == created


# -- PATCH ------------------------------------------------------------------------------------------


def routed_flow(api: Api) -> dict[str, Any]:
    return api.create(
        "flows",
        {
            "name": "Routed",
            "_integrationId": IDS["dev_integration"],
            "pageGenerators": [{"_exportId": IDS["github_events_export"]}, {"_exportId": IDS["usage_pg_exports"][0]}],
            "routers": [
                {"name": "R", "branches": [{"name": "A", "pageProcessors": []}, {"name": "B", "pageProcessors": []}]}
            ],
            "logging": {"debugUntil": "2030-01-01T00:00:00.000Z"},
        },
    )


ALLOWED_PATCHES: list[tuple[str, Any, list[Any]]] = [
    ("/name", "New name", ["name"]),
    ("/description", "Described", ["description"]),
    ("/schedule", "? 0 3 ? * *", ["schedule"]),
    ("/timezone", "Asia/Tokyo", ["timezone"]),
    ("/disabled", True, ["disabled"]),
    ("/runPageGeneratorsInParallel", True, ["runPageGeneratorsInParallel"]),
    ("/pageGenerators/1/schedule", "? */15 * * * *", ["pageGenerators", 1, "schedule"]),
    ("/pageGenerators/0/skipRetries", True, ["pageGenerators", 0, "skipRetries"]),
    ("/routers/0/name", "Router", ["routers", 0, "name"]),
    ("/routers/0/branches/1/name", "Beta", ["routers", 0, "branches", 1, "name"]),
    ("/routers/0/branches/0/description", "Alpha branch", ["routers", 0, "branches", 0, "description"]),
    ("/aliases", [{"alias": "a", "_exportId": IDS["github_events_export"]}], ["aliases"]),
    ("/logging/debugUntil", "2031-02-03T04:05:06.789Z", ["logging", "debugUntil"]),
]


def dig(doc: Any, path: list[Any]) -> Any:
    for step in path:
        doc = doc[step]
    return doc


@pytest.mark.parametrize(("path", "value", "where"), ALLOWED_PATCHES)
def test_patch_allowed_paths(api: Api, path: str, value: Any, where: list[Any]) -> None:
    flow = routed_flow(api)
    response = api.patch(f"/flows/{flow['_id']}", json=[{"op": "replace", "path": path, "value": value}])
    assert response.status_code == 204
    assert response.content == b""
    patched = api.get(f"/flows/{flow['_id']}").json()
    assert dig(patched, where) == value
    expected = copy.deepcopy(flow)
    parent = dig(expected, where[:-1])
    parent[where[-1]] = value
    assert {k: v for k, v in patched.items() if k != "lastModified"} == {
        k: v for k, v in expected.items() if k != "lastModified"
    }
    assert patched["lastModified"] >= flow["lastModified"]


def test_patch_remove_debug_until(api: Api) -> None:
    flow = routed_flow(api)
    response = api.patch(f"/flows/{flow['_id']}", json=[{"op": "remove", "path": "/logging/debugUntil"}])
    assert response.status_code == 204
    assert api.get(f"/flows/{flow['_id']}").json()["logging"] == {}


def test_patch_several_operations(api: Api) -> None:
    flow = routed_flow(api)
    ops = [
        {"op": "replace", "path": "/name", "value": "Both"},
        {"op": "replace", "path": "/disabled", "value": True},
    ]
    assert api.patch(f"/flows/{flow['_id']}", json=ops).status_code == 204
    patched = api.get(f"/flows/{flow['_id']}").json()
    assert (patched["name"], patched["disabled"]) == ("Both", True)


@pytest.mark.parametrize(
    ("operation", "field"),
    [
        ({"op": "replace", "path": "/pageProcessors", "value": []}, "/pageProcessors"),
        ({"op": "replace", "path": "/_integrationId", "value": IDS["prod_integration"]}, "/_integrationId"),
        ({"op": "replace", "path": "/settings", "value": {}}, "/settings"),
        ({"op": "replace", "path": "/pageGenerators/0/_exportId", "value": MISSING}, "/pageGenerators/0/_exportId"),
        (
            {"op": "replace", "path": "/routers/0/branches/0/pageProcessors", "value": []},
            "/routers/0/branches/0/pageProcessors",
        ),
        ({"op": "replace", "path": "/logging", "value": {}}, "/logging"),
        ({"op": "replace", "path": "name", "value": "x"}, "name"),
        ({"op": "replace", "path": "/pageGenerators/01/schedule", "value": None}, "/pageGenerators/01/schedule"),
        ({"op": "add", "path": "/name", "value": "x"}, "/name"),
        ({"op": "remove", "path": "/name"}, "/name"),
        ({"op": "remove", "path": "/description"}, "/description"),
        ({"op": "test", "path": "/logging/debugUntil", "value": "x"}, "/logging/debugUntil"),
        ({"op": "replace", "path": "/name"}, "/name"),
        ({"op": "replace", "path": "/pageGenerators/2/schedule", "value": "? 0 2 ? * *"}, "/pageGenerators/2/schedule"),
        ({"op": "replace", "path": "/routers/1/name", "value": "x"}, "/routers/1/name"),
        ({"op": "replace", "path": "/routers/0/branches/2/name", "value": "x"}, "/routers/0/branches/2/name"),
        ({"path": "/name", "value": "x"}, "/name"),
        ("replace /name", "[0]"),
        ({"op": "replace", "value": "x"}, "[0].path"),
        ({"op": "replace", "path": "/name\n", "value": "x"}, "/name\n"),  # `$` matches before a final newline
        (
            {"op": "replace", "path": "/pageGenerators/\u0660/schedule", "value": None},
            "/pageGenerators/\u0660/schedule",
        ),
    ],
)
def test_patch_refused_paths_are_invalid_patch(api: Api, operation: Any, field: str) -> None:
    flow = routed_flow(api)
    response = api.patch(f"/flows/{flow['_id']}", json=[operation])
    assert response.status_code == 422
    errors = errors_of(response)
    assert [(e["code"], e["field"]) for e in errors] == [("invalid_patch", field)]
    assert api.get(f"/flows/{flow['_id']}").json() == flow


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        ("/name", "", "name"),
        ("/name", 3, "name"),
        ("/schedule", "0 2 * * *", "schedule"),
        ("/timezone", "Atlantis/Capital", "timezone"),
        ("/disabled", "true", "disabled"),
        ("/runPageGeneratorsInParallel", None, "runPageGeneratorsInParallel"),
        ("/pageGenerators/0/schedule", "hourly", "pageGenerators[0].schedule"),
        ("/pageGenerators/1/skipRetries", 1, "pageGenerators[1].skipRetries"),
        ("/routers/0/name", 5, "routers[0].name"),
        ("/routers/0/branches/1/description", {}, "routers[0].branches[1].description"),
        ("/aliases", {}, "aliases"),
        ("/logging/debugUntil", "soon", "logging.debugUntil"),
    ],
)
def test_patch_values_are_validated(api: Api, path: str, value: Any, field: str) -> None:
    flow = routed_flow(api)
    response = api.patch(f"/flows/{flow['_id']}", json=[{"op": "replace", "path": path, "value": value}])
    assert response.status_code == 422
    errors = errors_of(response)
    assert len(errors) == 1 and errors[0]["field"] == field
    assert errors[0]["code"] in ("invalid_field", "missing_required_field")
    assert api.get(f"/flows/{flow['_id']}").json() == flow


def test_patch_is_atomic(api: Api) -> None:
    flow = routed_flow(api)
    ops = [
        {"op": "replace", "path": "/name", "value": "Changed"},
        {"op": "replace", "path": "/schedule", "value": "bad"},
        {"op": "replace", "path": "/pageProcessors", "value": []},
    ]
    response = api.patch(f"/flows/{flow['_id']}", json=ops)
    assert response.status_code == 422
    assert [(e["code"], e["field"]) for e in errors_of(response)] == [
        ("invalid_field", "schedule"),
        ("invalid_patch", "/pageProcessors"),
    ]
    assert api.get(f"/flows/{flow['_id']}").json() == flow


def test_patch_empty_array_changes_nothing(api: Api) -> None:
    flow = routed_flow(api)
    assert api.patch(f"/flows/{flow['_id']}", json=[]).status_code == 204
    assert api.get(f"/flows/{flow['_id']}").json()["name"] == flow["name"]


def test_patch_page_generator_index_on_a_flow_without_generators(api: Api) -> None:
    flow = api.create("flows", {"name": "empty"})
    ops = [{"op": "replace", "path": "/pageGenerators/0/schedule", "value": "? 0 2 ? * *"}]
    response = api.patch(f"/flows/{flow['_id']}", json=ops)
    assert response.status_code == 422
    assert [(e["code"], e["field"]) for e in errors_of(response)] == [("invalid_patch", "/pageGenerators/0/schedule")]


# -- DELETE -----------------------------------------------------------------------------------------


def test_delete_flow_keeps_its_steps(api: Api) -> None:
    flow = api.create("flows", simple_flow())
    response = api.delete(f"/flows/{flow['_id']}")
    assert response.status_code == 204
    assert response.content == b""
    assert api.get(f"/flows/{flow['_id']}").status_code == 404
    assert api.get(f"/exports/{IDS['github_events_export']}").status_code == 200
    assert api.get(f"/imports/{IDS['slack_import']}").status_code == 200
    assert api.delete(f"/flows/{flow['_id']}").status_code == 404


def test_flows_list_in_creation_order_and_filter_by_integration(api: Api) -> None:
    a = api.create("flows", simple_flow(name="a"))
    b = api.create("flows", {"name": "b"})
    c = api.create("flows", simple_flow(name="c", _integrationId=IDS["prod_integration"]))
    d = api.create("flows", simple_flow(name="d"))
    assert api.get("/flows").json() == [a, b, c, d]
    assert api.get("/flows", params={"_integrationId": IDS["dev_integration"]}).json() == [a, d]
    assert api.get("/flows", params={"_integrationId": IDS["prod_integration"]}).json() == [c]
    assert api.get("/flows", params={"_integrationId": MISSING}).status_code == 204
    response = api.get("/flows", params={"_integrationId": "dev"})
    assert response.status_code == 400
    assert fields_of(response) == {"_integrationId": "invalid_query_params"}
