"""Authentication, read-only tokens and the error envelope of malformed requests."""

from __future__ import annotations

import pytest
import requests
from pulumi_celigo.emulator import EmulatorServer

from .support import IDS, TOKEN, Api, errors_of, simple_flow

WRITES = [
    ("POST", "/flows"),
    ("PUT", "/flows/{flow}"),
    ("PATCH", "/flows/{flow}"),
    ("DELETE", "/flows/{flow}"),
    ("POST", "/flows/{flow}/run"),
    ("POST", "/flows/{flow}/clone"),
    ("PUT", "/flows/{flow}/replaceConnection"),
    ("POST", "/connections"),
    ("DELETE", "/connections/{connection}"),
]


def test_token_info_full_access(api: Api) -> None:
    response = api.get("/tokenInfo")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {"_userId": "5e3c0d2a9f1b4c0012ab34cd", "scope": "*"}


def test_token_info_read_only(read_only_api: Api) -> None:
    response = read_only_api.get("/tokenInfo")
    assert response.status_code == 200
    assert response.json() == {"_userId": "5e3c0d2a9f1b4c0012ab34cd", "scope": "read"}


@pytest.mark.parametrize("path", ["/tokenInfo", "/flows", "/flows/65a1c0de0001000000000001", "/nowhere"])
def test_missing_token_is_a_bare_401(anonymous_api: Api, path: str) -> None:
    response = anonymous_api.get(path)
    assert response.status_code == 401
    assert response.json() == {"message": "Unauthorized"}


@pytest.mark.parametrize("header", ["Basic dGVzdA==", "Bearer", "Bearer   ", "test-token"])
def test_header_without_a_bearer_token_is_unauthorized(emulator: EmulatorServer, header: str) -> None:
    response = requests.get(f"{emulator.base_url}/tokenInfo", headers={"Authorization": header}, timeout=5)
    assert response.status_code == 401
    assert response.json() == {"message": "Unauthorized"}


def test_wrong_token_fails_bearer_authentication(emulator: EmulatorServer) -> None:
    for token in ("nope", TOKEN + "x", TOKEN.upper()):
        response = requests.get(f"{emulator.base_url}/flows", headers={"Authorization": f"Bearer {token}"}, timeout=5)
        assert response.status_code == 401
        assert response.json() == {"message": "Bearer Authentication Failed"}


def test_scheme_is_case_insensitive(emulator: EmulatorServer) -> None:
    response = requests.get(f"{emulator.base_url}/tokenInfo", headers={"Authorization": f"bearer {TOKEN}"}, timeout=5)
    assert response.status_code == 200


@pytest.mark.parametrize(("method", "template"), WRITES)
def test_read_only_token_cannot_write(api: Api, read_only_api: Api, method: str, template: str) -> None:
    flow = api.create("flows", simple_flow())
    path = template.format(flow=flow["_id"], connection=IDS["dev_github_connection"])
    response = read_only_api.request(method, path, json={"name": "x"})
    assert response.status_code == 403
    errors = errors_of(response)
    assert [e["code"] for e in errors] == ["access_restricted"]
    assert errors[0]["message"]
    # Nothing was applied.
    assert api.get(f"/flows/{flow['_id']}").json() == flow
    assert api.get("/flows").json() == [flow]


def test_read_only_token_can_read(api: Api, read_only_api: Api) -> None:
    flow = api.create("flows", simple_flow())
    assert read_only_api.get(f"/flows/{flow['_id']}").json() == flow
    assert read_only_api.get("/flows").json() == [flow]
    assert read_only_api.get(f"/flows/{flow['_id']}/audit").status_code == 200


@pytest.mark.parametrize("path", ["/nowhere", "/flows/x/y/z", "/v2/flows", "/flows/65a1c0de0001000000000001/nope"])
def test_unknown_route_is_404_not_found(api: Api, path: str) -> None:
    response = api.get(path)
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "application/json"
    assert [e["code"] for e in errors_of(response)] == ["not_found"]


@pytest.mark.parametrize("collection", ["flows", "exports", "imports", "connections", "integrations", "jobs"])
@pytest.mark.parametrize("bad_id", ["123", "not-an-id", "65a1c0de000100000000000g", "65a1c0de00010000000000011"])
def test_id_that_is_not_an_object_id_is_404(api: Api, collection: str, bad_id: str) -> None:
    response = api.get(f"/{collection}/{bad_id}")
    assert response.status_code == 404
    assert [e["code"] for e in errors_of(response)] == ["not_found"]


@pytest.mark.parametrize(
    "collection", ["flows", "exports", "imports", "connections", "integrations", "scripts", "jobs"]
)
def test_unknown_object_id_is_404(api: Api, collection: str) -> None:
    response = api.get(f"/{collection}/5f0000000000000000000000")
    assert response.status_code == 404
    assert [e["code"] for e in errors_of(response)] == ["not_found"]


def test_unknown_id_on_every_flow_operation_is_404(api: Api) -> None:
    missing = "5f0000000000000000000000"
    calls = [
        ("PUT", f"/flows/{missing}", {"name": "x"}),
        ("PATCH", f"/flows/{missing}", [{"op": "replace", "path": "/name", "value": "x"}]),
        ("DELETE", f"/flows/{missing}", None),
        ("POST", f"/flows/{missing}/run", {}),
        ("POST", f"/flows/{missing}/clone", {"_integrationId": IDS["prod_integration"]}),
        ("PUT", f"/flows/{missing}/replaceConnection", {}),
        ("GET", f"/flows/{missing}/audit", None),
        ("GET", f"/flows/{missing}/template", None),
        ("GET", f"/flows/{missing}/dependencies", None),
        ("GET", f"/flows/{missing}/descendants", None),
        ("GET", f"/flows/{missing}/jobs/latest", None),
        ("GET", f"/jobs/{missing}/errors", None),
        ("GET", f"/integrations/{missing}/flows", None),
    ]
    for method, path, body in calls:
        response = api.request(method, path, json=body)
        assert response.status_code == 404, (method, path, response.text)
        assert [e["code"] for e in errors_of(response)] == ["not_found"]


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("DELETE", "/flows", "GET, HEAD, POST"),
        ("PATCH", "/connections/65a1c0de0003000000000001", "DELETE, GET, HEAD, PUT"),
        ("POST", "/tokenInfo", "GET, HEAD"),
        ("GET", "/flows/65a1c0de0001000000000001/run", "POST"),
    ],
)
def test_wrong_method_is_405_with_errors(api: Api, method: str, path: str, allowed: str) -> None:
    response = api.request(method, path)
    assert response.status_code == 405
    assert response.headers["Allow"] == allowed
    assert [e["code"] for e in errors_of(response)] == ["method_not_allowed"]


@pytest.mark.parametrize("body", [b"{bad", b'{"name": "x",}', b"\xff\xfe", b"[1, 2"])
def test_malformed_json_is_400(api: Api, body: bytes) -> None:
    response = api.post("/flows", data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert errors_of(response) == [{"code": "invalid_json", "message": "The request body is not valid JSON."}]
    assert api.get("/flows").status_code == 204


def test_missing_body_is_400(api: Api) -> None:
    response = api.post("/flows")
    assert response.status_code == 400
    assert errors_of(response) == [{"code": "invalid_json", "message": "A JSON request body is required."}]


@pytest.mark.parametrize(
    ("method", "path", "body", "kind"),
    [
        ("POST", "/flows", [], "an object"),
        ("POST", "/flows", "flow", "an object"),
        ("POST", "/connections", 3, "an object"),
        ("PUT", "/flows/{flow}", [{"name": "x"}], "an object"),
        ("PATCH", "/flows/{flow}", {"op": "replace", "path": "/name", "value": "x"}, "an array"),
        ("POST", "/flows/{flow}/run", [], "an object"),
        ("POST", "/flows/{flow}/clone", None, "an object"),
    ],
)
def test_body_of_the_wrong_top_level_type_is_400(api: Api, method: str, path: str, body: object, kind: str) -> None:
    flow = api.create("flows", simple_flow())
    data = b"null" if body is None else None
    kwargs = {"data": data, "headers": {"Content-Type": "application/json"}} if data else {"json": body}
    response = api.request(method, path.format(flow=flow["_id"]), **kwargs)
    assert response.status_code == 400
    assert errors_of(response) == [{"code": "invalid_body", "message": f"The request body must be {kind}."}]


def test_paths_outside_the_api_are_json_404(emulator: EmulatorServer) -> None:
    for path in ("/", "/favicon.ico", "/__emulator/nothing"):
        response = requests.get(f"{emulator.root_url}{path}", timeout=5)
        assert response.status_code == 404
        assert response.headers["Content-Type"] == "application/json"
        assert [e["code"] for e in errors_of(response)] == ["not_found"]


def test_head_of_a_resource_has_no_body(api: Api) -> None:
    response = api.request("HEAD", "/tokenInfo")
    assert response.status_code == 200
    assert response.content == b""
    # The connection is still usable afterwards (no stray body bytes on the wire).
    assert api.get("/tokenInfo").status_code == 200
