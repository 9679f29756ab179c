"""The emulator as a program users run: its admin plane refuses web pages, request bodies are
bounded (size, nesting, finite numbers) and read only after authentication, outside the store lock."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from pulumi_celigo.emulator import ADMIN_HEADERS, EmulatorServer
from pulumi_celigo.emulator.app import MAX_BODY_BYTES

from .support import TOKEN, Api, errors_of, simple_flow

# -- the admin plane refuses what a web page can send ---------------------------------------------------------

HOST_REFUSED = (
    "The admin plane answers only requests addressed to a loopback host (localhost, 127.0.0.1, [::1]); "
    "this one was addressed to 'rebound.example:{port}'."
)
HEADER_REFUSED = "Admin requests need the header X-Emulator-Admin: 1 (pulumi_celigo.emulator.admin_request sends it)."


def _reset_everything(emulator: EmulatorServer, headers: dict[str, str], data: bytes = b"{}") -> requests.Response:
    return requests.post(f"{emulator.root_url}/__emulator/reset?data=1", data=data, headers=headers, timeout=10)


@pytest.mark.parametrize(
    ("headers", "status", "message"),
    [
        # What a cross-origin <form> or fetch() can send without a preflight.
        ({"Content-Type": "text/plain", "Origin": "http://evil.example"}, 403, None),
        ({"Content-Type": "text/plain"}, 403, HEADER_REFUSED),
        ({"Content-Type": "application/json"}, 403, HEADER_REFUSED),
        # A DNS-rebinding page is same-origin with its own host name: custom headers pass, Host does not.
        ({**ADMIN_HEADERS, "Host": "rebound.example:{port}"}, 403, HOST_REFUSED),
        ({**ADMIN_HEADERS, "Origin": "http://evil.example"}, 403, None),
        ({"X-Emulator-Admin": "1", "Content-Type": "text/plain"}, 415, None),
    ],
    ids=["cross-origin-form", "text-plain", "no-admin-header", "rebound-host", "foreign-origin", "not-json"],
)
def test_admin_plane_refuses_requests_a_web_page_can_make(
    api: Api, emulator: EmulatorServer, headers: dict[str, str], status: int, message: str | None
) -> None:
    flow = api.create("flows", simple_flow())
    headers = {name: value.format(port=emulator.port) for name, value in headers.items()}
    response = _reset_everything(emulator, headers)
    assert response.status_code == status
    expected = {
        "http://evil.example": "Cross-origin request refused: Origin 'http://evil.example' is not the emulator's own "
        f"('{emulator.root_url}').",
        "text/plain": "Admin POSTs need Content-Type: application/json (got text/plain).",
    }
    if message is None:
        message = expected["http://evil.example"] if "Origin" in headers else expected["text/plain"]
    code = "unsupported_media_type" if status == 415 else "admin_forbidden"
    assert errors_of(response) == [{"code": code, "message": message.format(port=emulator.port)}]
    assert api.get(f"/flows/{flow['_id']}").status_code == 200  # nothing was wiped


def test_admin_plane_accepts_its_own_origin_and_loopback_names(api: Api, emulator: EmulatorServer) -> None:
    flow = api.create("flows", simple_flow())
    for host in (f"localhost:{emulator.port}", f"127.0.0.1:{emulator.port}"):
        info = requests.get(f"{emulator.root_url}/__emulator/info", headers={**ADMIN_HEADERS, "Host": host}, timeout=10)
        assert info.status_code == 200
        assert info.json()["baseUrl"] == f"http://{host}/v1"
    own = {**ADMIN_HEADERS, "Origin": emulator.root_url}
    assert _reset_everything(emulator, own, b"").status_code == 204
    assert api.get(f"/flows/{flow['_id']}").status_code == 404  # ?data=1 wiped it


def test_admin_delete_and_get_need_no_content_type(emulator: EmulatorServer) -> None:
    headers = {"X-Emulator-Admin": "1"}
    assert requests.delete(f"{emulator.root_url}/__emulator/faults", headers=headers, timeout=10).status_code == 204
    assert requests.get(f"{emulator.root_url}/__emulator/requests", headers=headers, timeout=10).json() == {}


# -- request bodies ---------------------------------------------------------------------------------------------


def _raw_exchange(emulator: EmulatorServer, head: str) -> tuple[int, dict[str, Any]]:
    """Send only a request head (no body) and read the answer: it must come without the body."""
    with socket.create_connection(("127.0.0.1", emulator.port), timeout=10) as raw:
        raw.sendall(head.encode())
        reply = b""
        while b"\r\n\r\n" not in reply or len(reply.partition(b"\r\n\r\n")[2]) < _length(reply):
            chunk = raw.recv(65536)
            assert chunk, f"connection closed after {reply!r}"
            reply += chunk
    status_line, _, rest = reply.partition(b"\r\n")
    body = rest.partition(b"\r\n\r\n")[2]
    return int(status_line.split()[1]), json.loads(body)


def _length(reply: bytes) -> int:
    for line in reply.partition(b"\r\n\r\n")[0].split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            return int(value)
    return 0


def test_oversized_content_length_is_413_before_the_body_is_read(emulator: EmulatorServer) -> None:
    head = (
        f"POST /v1/flows HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {TOKEN}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {MAX_BODY_BYTES + 1}\r\n\r\n"
    )
    status, body = _raw_exchange(emulator, head)
    message = "The request body is larger than 5242880 bytes (5 MiB)."
    assert (status, body) == (413, {"errors": [{"code": "payload_too_large", "message": message}]})
    assert emulator.request_outcomes() == {"POST /v1/flows": {"413": 1}}


def test_authentication_comes_before_the_body_is_read(emulator: EmulatorServer) -> None:
    head = "POST /v1/flows HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer wrong\r\nContent-Length: 100\r\n\r\n"
    assert _raw_exchange(emulator, head) == (401, {"message": "Bearer Authentication Failed"})


def test_oversized_body_sent_in_full_gets_the_413(api: Api, emulator: EmulatorServer) -> None:
    body = json.dumps(simple_flow(settings={"pad": "x" * MAX_BODY_BYTES})).encode()
    response = api.post("/flows", data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.headers["Connection"] == "close"
    assert api.get("/flows").status_code == 204  # nothing created; a new connection works


def test_chunked_body_growing_over_the_cap_is_413(api: Api) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"name": "big", "settings": {"pad": "'
        for _ in range(MAX_BODY_BYTES // 65536 + 1):
            yield b"x" * 65536
        yield b'"}}'

    response = api.post("/flows", data=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert [e["code"] for e in errors_of(response)] == ["payload_too_large"]
    assert api.get("/flows").status_code == 204


def test_body_of_exactly_the_cap_is_accepted(api: Api) -> None:
    template = json.dumps(simple_flow(settings={"pad": ""})).encode()
    pad = MAX_BODY_BYTES - len(template)
    body = template.replace(b'"pad": ""', b'"pad": "' + b"x" * pad + b'"')
    assert len(body) == MAX_BODY_BYTES
    response = api.post("/flows", data=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 201, response.text[:200]
    assert response.json()["settings"]["pad"] == "x" * pad


def test_unread_body_is_skipped_and_the_connection_kept(emulator: EmulatorServer, anonymous_api: Api) -> None:
    before = emulator.app.connections.opened
    refused = anonymous_api.post("/flows", json=simple_flow())  # 401: the body is never parsed
    assert refused.status_code == 401
    anonymous_api.session.headers["Authorization"] = f"Bearer {TOKEN}"
    assert anonymous_api.post("/flows", json=simple_flow()).status_code == 201
    assert emulator.app.connections.opened - before == 1


def test_body_is_parsed_outside_the_store_lock(api: Api, emulator: EmulatorServer) -> None:
    with emulator.app.store.lock:  # another request busy with the store
        response = api.post("/flows", data=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert errors_of(response) == [{"code": "invalid_json", "message": "The request body is not valid JSON."}]


@pytest.mark.parametrize(
    ("method", "path", "text", "field", "number"),
    [
        ("POST", "/flows", '{"name": "x", "settings": {"n": 1e400}}', "settings.n", "1e400"),
        ("POST", "/flows", '{"name": "x", "settings": {"n": -1E999}}', "settings.n", "-1E999"),
        ("POST", "/flows", '{"name": NaN}', "name", "NaN"),
        ("POST", "/flows", '{"name": "x", "pageGenerators": [{"x": -Infinity}]}', "pageGenerators[0].x", "-Infinity"),
        (
            "PATCH",
            "/flows/{flow}",
            '[{"op": "replace", "path": "/settings", "value": {"a": [1, Infinity]}}]',
            "[0].value.a[1]",
            "Infinity",
        ),
    ],
)
def test_non_finite_numbers_are_400_naming_the_field(
    api: Api, method: str, path: str, text: str, field: str, number: str
) -> None:
    flow = api.create("flows", simple_flow())
    response = api.request(
        method, path.format(flow=flow["_id"]), data=text, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    message = f"{field}: {number} is not a finite number; JSON numbers must be finite."
    assert errors_of(response) == [{"code": "invalid_json", "message": message, "field": field}]
    assert len(api.get("/flows").json()) == 1
    assert "settings" not in api.get(f"/flows/{flow['_id']}").json()


def _nested(levels: int) -> str:
    """A flow whose settings nest dictionaries so that the body is ``levels`` deep (settings: 2)."""
    chain = '{"a": ' * (levels - 2) + "{}" + "}" * (levels - 2)
    return '{"name": "deep", "settings": ' + chain + "}"


@pytest.mark.parametrize("levels", [101, 5000])
def test_too_deep_nesting_is_400(api: Api, levels: int) -> None:
    response = api.post("/flows", data=_nested(levels), headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert errors_of(response) == [
        {"code": "invalid_json", "message": "The request body is nested deeper than 100 levels."}
    ]
    assert api.get("/flows").status_code == 204


def test_nesting_of_100_levels_is_accepted(api: Api) -> None:
    response = api.post("/flows", data=_nested(100), headers={"Content-Type": "application/json"})
    assert response.status_code == 201, response.text
    depth, node = 2, response.json()["settings"]
    while node:
        depth, node = depth + 1, node["a"]
    assert depth == 100
