"""Writes whose outcome the provider cannot know: a create whose answer never came (timeout, or the
connection dropped after the server committed), and PUT/PATCH/DELETE repeated after they were
applied. The provider must neither duplicate nor lose a flow."""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from pulumi_celigo.client import CeligoClient, ClientConfig
from pulumi_celigo.emulator import EmulatorServer
from pulumi_celigo.errors import ResourceError
from pulumi_celigo.providers import _writes
from pulumi_celigo.providers import flow as flow_module
from pulumi_celigo.providers.flow import FlowProvider
from pydantic import SecretStr
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from tests.conftest import TOKEN, Live, raw
from tests.reliability.conftest import first_only, flows_named, orders_flow
from tests.resources.driver import ResourceDriver

# ---- create through the real plugin server ---------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "applied"),
    [("lost_response_rate", True), ("drop_rate", False), ("fail_rate", False)],
    ids=["committed-then-dropped", "dropped-before-applied", "503"],
)
def test_an_unanswered_create_yields_exactly_one_flow(
    live: Live, flows: ResourceDriver, fault: str, applied: bool
) -> None:
    rules, seed = first_only("POST", "/v1/flows", fault)
    live.emulator.set_faults(rules=rules, seed=seed)
    name = f"Exactly once ({fault})"
    res = flows.create("orders", orders_flow(live.ids, name=name))
    live.emulator.clear_faults()
    outcomes = live.emulator.request_outcomes()
    assert [f["_id"] for f in flows_named(live.emulator.base_url, name)] == [res.id]
    expected = {"lost_response": 1} if applied else {"dropped": 1} if fault == "drop_rate" else {"503": 1}
    if not applied:
        expected["201"] = 1  # looked for (nothing found), then POSTed again
    assert outcomes["POST /v1/flows"] == expected
    # One look for the marker, one check that no second copy exists; a GET of the flow when found.
    # The account starts empty, so a look that finds nothing is a 204 (an empty list).
    assert outcomes["GET /v1/flows"] == ({"200": 2} if applied else {"204": 1, "200": 1})
    assert ("GET /v1/flows/{id}" in outcomes) is applied
    assert res.outputs["name"] == name and "settings" not in res.outputs
    assert flows.diff(res, orders_flow(live.ids, name=name)).changes is False


def test_a_create_whose_every_answer_is_lost_still_yields_one_flow(live: Live, flows: ResourceDriver) -> None:
    live.emulator.set_faults(rules=[{"method": "POST", "route": "/v1/flows", "lost_response_rate": 1.0}])
    res = flows.create("orders", orders_flow(live.ids, name="Lost every time"))
    live.emulator.clear_faults()
    assert [f["_id"] for f in flows_named(live.emulator.base_url, "Lost every time")] == [res.id]
    assert live.calls()["POST /v1/flows"] == 1


# ---- create timeouts, in-process with a short read timeout -----------------------------------


def provider_with(emulator: EmulatorServer, read_timeout: float) -> FlowProvider:
    provider = FlowProvider()
    config = ClientConfig(api_token=SecretStr(TOKEN), base_url=emulator.base_url, read_timeout=read_timeout)
    provider._client = CeligoClient(config)
    return provider


def create(provider: FlowProvider, inputs: dict[str, Any]) -> str:
    checked = provider.check({}, inputs)
    assert checked.failures in (None, [])
    return str(provider.create(checked.inputs).id)


@contextlib.contextmanager
def garbling_proxy(emulator: EmulatorServer) -> Iterator[str]:
    """A proxy in front of the emulator that passes every request on, but replaces the answer to
    `POST .../flows` (applied by the emulator) with a proxy's HTML page: an unparseable 2xx.
    Yields the base URL to give the client."""

    @Request.application
    def app(request: Request) -> Response:
        upstream = requests.request(
            request.method,
            f"{emulator.base_url.split('/v1')[0]}{request.full_path.rstrip('?')}",
            data=request.get_data(),
            headers={k: v for k, v in request.headers.items() if k.lower() in ("authorization", "content-type")},
            timeout=10,
        )
        if request.method == "POST" and request.path.endswith("/flows"):
            return Response("<html><body>Gateway says hello</body></html>", status=201, content_type="text/html")
        return Response(
            upstream.content, status=upstream.status_code, content_type=upstream.headers.get("Content-Type")
        )

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/v1"
    finally:
        server.shutdown()
        thread.join()


def test_a_create_whose_answer_is_garbled_is_reconciled_by_its_marker(emulator: EmulatorServer) -> None:
    # The client cannot read the 201 (HTML): the outcome is unknown. The flow exists: found by its
    # marker, not created again.
    emulator.reset_request_counts()
    with garbling_proxy(emulator) as base_url:
        provider = FlowProvider()
        provider._client = CeligoClient(ClientConfig(api_token=SecretStr(TOKEN), base_url=base_url))
        flow_id = create(provider, orders_flow(emulator.seed_ids, name="Garbled"))
    assert [f["_id"] for f in flows_named(emulator.base_url, "Garbled")] == [flow_id]
    assert emulator.request_counts()["POST /v1/flows"] == 1


def test_a_create_that_times_out_while_the_server_is_still_applying_it_is_not_duplicated(
    emulator: EmulatorServer,
) -> None:
    # The server takes 0.8 s; the client gives up after 0.3 s. The POST lands after the client's
    # first look for it: the provider must keep looking rather than POST again.
    emulator.set_faults(rules=[{"method": "POST", "route": "/v1/flows", "latency_ms": 800}])
    provider = provider_with(emulator, read_timeout=0.3)
    flow_id = create(provider, orders_flow(emulator.seed_ids, name="Slow server"))
    time.sleep(1.0)  # anything still in flight has landed by now
    emulator.clear_faults()
    assert [f["_id"] for f in flows_named(emulator.base_url, "Slow server")] == [flow_id]
    counts = emulator.request_counts()
    assert counts["POST /v1/flows"] == 1
    assert 2 <= counts["GET /v1/flows"] <= 6  # a few looks at the marker, with backoff


def test_a_timed_out_create_that_never_lands_is_tried_again(emulator: EmulatorServer) -> None:
    # Every POST is slower than the client waits; the first is then dropped without being applied,
    # the second is applied (late): looked for, not found, tried again, found.
    rules, seed = first_only("POST", "/v1/flows", "drop_rate")
    rules[0]["latency_ms"] = 800
    emulator.set_faults(rules=rules, seed=seed)
    provider = provider_with(emulator, read_timeout=0.3)
    flow_id = create(provider, orders_flow(emulator.seed_ids, name="Slow, dropped, then fine"))
    emulator.clear_faults()
    assert [f["_id"] for f in flows_named(emulator.base_url, "Slow, dropped, then fine")] == [flow_id]
    assert emulator.request_counts()["POST /v1/flows"] == 2


def test_a_second_copy_carrying_the_create_marker_is_removed(
    emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Belt and braces: should a copy still appear (a POST the server applied very late), the
    create keeps the oldest flow with its marker and deletes the others, which are its own."""
    token = uuid.UUID(int=42)
    monkeypatch.setattr(flow_module.uuid, "uuid4", lambda: token)
    early = raw(
        emulator.base_url,
        "POST",
        "/flows",
        {"name": "Marked", "settings": {flow_module.MARKER_KEY: {"createToken": token.hex}}},
    ).json()["_id"]
    emulator.set_faults(rules=[{"method": "POST", "route": "/v1/flows", "lost_response_rate": 1.0}])
    provider = provider_with(emulator, read_timeout=5)
    flow_id = create(provider, {"name": "Marked"})
    emulator.clear_faults()
    assert flow_id == early
    assert [f["_id"] for f in flows_named(emulator.base_url, "Marked")] == [early]


def test_a_create_that_never_gets_through_fails_clearly_and_leaves_nothing(
    emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_writes, "WRITE_BACKOFF", _writes.Backoff(first=0.0))
    emulator.set_faults(rules=[{"method": "POST", "route": "/v1/flows", "fail_rate": 1.0}])
    provider = provider_with(emulator, read_timeout=5)
    with pytest.raises(ResourceError) as err:
        create(provider, orders_flow(emulator.seed_ids, name="Never"))
    emulator.clear_faults()
    assert str(err.value) == (
        'Flow "Never": create failed: POST /flows: outcome unknown (HTTP 503); the write may have been applied'
    )
    assert flows_named(emulator.base_url, "Never") == []
    assert emulator.request_counts()["POST /v1/flows"] == _writes.WRITE_ATTEMPTS


def test_concurrent_creates_under_lost_responses_never_mix_up_their_flows(emulator: EmulatorServer) -> None:
    emulator.set_faults(rules=[{"method": "POST", "route": "/v1/flows", "lost_response_rate": 0.5}], seed=7)
    provider = provider_with(emulator, read_timeout=5)
    ids: dict[int, str] = {}
    lock = threading.Lock()

    def one(i: int) -> None:
        flow_id = create(provider, orders_flow(emulator.seed_ids, name=f"Parallel {i}"))
        with lock:
            ids[i] = flow_id

    threads = [threading.Thread(target=one, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    emulator.clear_faults()
    for i in range(12):
        assert [f["_id"] for f in flows_named(emulator.base_url, f"Parallel {i}")] == [ids[i]]


# ---- PUT, PATCH, DELETE repeated after they were applied -------------------------------------


def test_a_put_applied_then_unanswered_is_repeated_harmlessly(live: Live, flows: ResourceDriver) -> None:
    res = flows.create("orders", orders_flow(live.ids))
    doc = raw(live.emulator.base_url, "GET", f"/flows/{res.id}").json()
    doc["customerNotes"] = "written in the UI"
    raw(live.emulator.base_url, "PUT", f"/flows/{res.id}", doc)
    rules, seed = first_only("PUT", "/v1/flows/{id}", "lost_response_rate")
    live.emulator.set_faults(rules=rules, seed=seed)
    live.emulator.reset_request_counts()
    lookup = {"type": "export", "export_id": live.ids["usage_lookup_exports"][0]}
    changed = orders_flow(live.ids)
    changed["page_processors"] = [lookup, *changed["page_processors"]]
    res = flows.update(res, changed)
    live.emulator.clear_faults()
    assert live.emulator.request_outcomes()["PUT /v1/flows/{id}"] == {"lost_response": 1, "200": 1}
    server = raw(live.emulator.base_url, "GET", f"/flows/{res.id}").json()
    assert [p.get("_exportId") or p.get("_importId") for p in server["pageProcessors"]] == [
        lookup["export_id"],
        live.ids["slack_import"],
    ]
    assert server["customerNotes"] == "written in the UI"
    assert flows.diff(res, changed).changes is False
    assert len(flows_named(live.emulator.base_url, "Orders sync")) == 1


def test_a_patch_applied_then_unanswered_is_repeated_harmlessly(live: Live, flows: ResourceDriver) -> None:
    res = flows.create("orders", orders_flow(live.ids, name="Before patch"))
    rules, seed = first_only("PATCH", "/v1/flows/{id}", "lost_response_rate")
    live.emulator.set_faults(rules=rules, seed=seed)
    live.emulator.reset_request_counts()
    changed = orders_flow(live.ids, name="After patch", schedule="? */5 * * * *", disabled=True)
    res = flows.update(res, changed)
    live.emulator.clear_faults()
    assert live.emulator.request_outcomes() == {"PATCH /v1/flows/{id}": {"lost_response": 1, "204": 1}}
    server = raw(live.emulator.base_url, "GET", f"/flows/{res.id}").json()
    assert (server["name"], server["schedule"], server["disabled"]) == ("After patch", "? */5 * * * *", True)
    assert flows.diff(res, changed).changes is False


def test_a_delete_applied_then_unanswered_meets_404_and_succeeds(live: Live, flows: ResourceDriver) -> None:
    res = flows.create("orders", orders_flow(live.ids, name="Deleted once"))
    rules, seed = first_only("DELETE", "/v1/flows/{id}", "lost_response_rate")
    live.emulator.set_faults(rules=rules, seed=seed)
    live.emulator.reset_request_counts()
    flows.delete(res)
    live.emulator.clear_faults()
    assert live.emulator.request_outcomes() == {
        "GET /v1/flows/{id}/dependencies": {"200": 1},
        "DELETE /v1/flows/{id}": {"lost_response": 1, "404": 1},
    }
    assert raw(live.emulator.base_url, "GET", f"/flows/{res.id}").status_code == 404
