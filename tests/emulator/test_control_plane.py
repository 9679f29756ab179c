"""Rate limiting, fault injection, the request log and the rest of the ``/__emulator`` control plane."""

from __future__ import annotations

import time
from typing import Any

import pytest
import requests
from pulumi_celigo.emulator import EmulatorServer

from .support import IDS, Api, errors_of, simple_flow

# -- rate limiting ---------------------------------------------------------------------------------


def test_rate_limit_429_with_retry_after_then_refill(api: Api, admin: Api) -> None:
    response = admin.put("/rate-limit", json={"capacity": 3, "refill": 2})
    assert response.status_code == 200
    assert response.json() == {"capacity": 3.0, "refill": 2.0, "available": 3.0}
    statuses = [api.get("/tokenInfo").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    throttled = api.get("/flows")
    assert throttled.status_code == 429
    assert throttled.headers["Retry-After"] == "1"
    assert throttled.json() == {
        "errors": [{"code": "rate_limited", "message": "Too many requests. Retry after 1 seconds."}]
    }
    time.sleep(0.6)  # 2 tokens/s: one token back after 0.5 s
    assert api.get("/tokenInfo").status_code == 200
    assert api.get("/tokenInfo").status_code == 429


def test_retry_after_is_whole_seconds_at_least_one(api: Api, emulator: EmulatorServer) -> None:
    emulator.set_rate_limit(1, 0.25)
    assert api.get("/tokenInfo").status_code == 200
    response = api.get("/tokenInfo")
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "4"
    assert response.json()["errors"][0]["message"] == "Too many requests. Retry after 4 seconds."


def test_rate_limit_is_per_account_and_writes_are_not_applied(
    api: Api, read_only_api: Api, emulator: EmulatorServer
) -> None:
    emulator.set_rate_limit(2, 0.001)
    assert api.get("/tokenInfo").status_code == 200
    assert read_only_api.get("/tokenInfo").status_code == 200
    assert read_only_api.get("/tokenInfo").status_code == 429
    assert api.post("/flows", json={"name": "x"}).status_code == 429
    emulator.set_rate_limit(1000, 300)
    assert api.get("/flows").status_code == 204


def test_unauthenticated_requests_do_not_spend_tokens(anonymous_api: Api, api: Api, emulator: EmulatorServer) -> None:
    emulator.set_rate_limit(1, 0.001)
    for _ in range(5):
        assert anonymous_api.get("/tokenInfo").status_code == 401
    assert api.get("/tokenInfo").status_code == 200


def test_control_plane_is_not_rate_limited(admin: Api, emulator: EmulatorServer) -> None:
    emulator.set_rate_limit(1, 0.001)
    for _ in range(5):
        assert admin.get("/requests").status_code == 200


@pytest.mark.parametrize(
    "body",
    [{"capacity": 0, "refill": 1}, {"capacity": 5}, {"capacity": 5, "refill": -1}, {"capacity": "5", "refill": 1}],
)
def test_bad_rate_limit_settings_are_400(admin: Api, body: dict[str, object]) -> None:
    response = admin.put("/rate-limit", json=body)
    assert response.status_code == 400
    assert [e["code"] for e in errors_of(response)] == ["invalid_body"]
    assert admin.get("/rate-limit").json()["capacity"] == 1000.0


def test_thread_safe_bucket_never_overspends(api: Api, emulator: EmulatorServer) -> None:
    from concurrent.futures import ThreadPoolExecutor

    emulator.set_rate_limit(50, 0.001)

    def hit(_: int) -> int:
        return requests.get(f"{emulator.base_url}/tokenInfo", headers=api.session.headers, timeout=5).status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(hit, range(120)))
    assert statuses.count(200) == 50 and statuses.count(429) == 70


# -- faults ---------------------------------------------------------------------------------------------


def test_fail_rate_answers_503_and_applies_nothing(api: Api, admin: Api) -> None:
    rules = {"rules": [{"method": "POST", "route": "/v1/flows", "fail_rate": 1.0}], "seed": 7}
    response = admin.put("/faults", json=rules)
    assert response.status_code == 200
    assert response.json() == {
        "rules": [
            {
                "method": "POST",
                "route": "/v1/flows",
                "fail_rate": 1.0,
                "drop_rate": 0.0,
                "lost_response_rate": 0.0,
                "latency_ms": 0.0,
            }
        ],
        "seed": 7,
    }
    response = api.post("/flows", json={"name": "x"})
    assert response.status_code == 503
    assert [e["code"] for e in errors_of(response)] == ["service_unavailable"]
    assert api.get("/flows").status_code == 204  # other routes unaffected, nothing created
    assert admin.delete("/faults").status_code == 204
    assert admin.get("/faults").json() == {"rules": [], "seed": None}
    assert api.post("/flows", json={"name": "x"}).status_code == 201


def test_drop_closes_the_connection_and_applies_nothing(api: Api, emulator: EmulatorServer) -> None:
    emulator.set_faults([{"method": "POST", "route": "/v1/flows", "drop_rate": 1.0}])
    with pytest.raises(requests.ConnectionError) as caught:
        api.post("/flows", json={"name": "dropped"})
    assert "RemoteDisconnected" in repr(caught.value) or "aborted" in repr(caught.value)
    emulator.clear_faults()
    assert api.get("/flows").status_code == 204


def test_drop_applies_to_reads_too(api: Api, emulator: EmulatorServer) -> None:
    emulator.set_faults([{"route": "/v1/flows/{id}", "drop_rate": 1.0}])
    flow = api.create("flows", {"name": "x"})
    with pytest.raises(requests.ConnectionError):
        api.get(f"/flows/{flow['_id']}")
    assert api.get("/flows").status_code == 200  # the session recovers on a new connection


def test_lost_response_applies_the_write_then_drops(api: Api, emulator: EmulatorServer) -> None:
    emulator.set_faults([{"method": "*", "route": "/v1/flows*", "lost_response_rate": 1.0}])
    with pytest.raises(requests.ConnectionError):
        api.post("/flows", json={"name": "applied anyway"})
    flows = api.get("/flows").json()  # reads are never "lost"
    assert [f["name"] for f in flows] == ["applied anyway"]
    with pytest.raises(requests.ConnectionError):
        api.patch(f"/flows/{flows[0]['_id']}", json=[{"op": "replace", "path": "/name", "value": "patched"}])
    assert api.get(f"/flows/{flows[0]['_id']}").json()["name"] == "patched"
    with pytest.raises(requests.ConnectionError):
        api.delete(f"/flows/{flows[0]['_id']}")
    assert api.get(f"/flows/{flows[0]['_id']}").status_code == 404
    assert emulator.request_outcomes()["POST /v1/flows"] == {"lost_response": 1}


def test_latency_delays_matching_requests(api: Api, emulator: EmulatorServer) -> None:
    emulator.set_faults([{"method": "GET", "route": "/v1/tokenInfo", "latency_ms": 250}])
    started = time.monotonic()
    assert api.get("/tokenInfo").status_code == 200
    assert time.monotonic() - started >= 0.25
    started = time.monotonic()
    assert api.get("/flows").status_code == 204
    assert time.monotonic() - started < 0.2


def test_fault_rates_are_seeded_and_partial(api: Api, emulator: EmulatorServer) -> None:
    def run() -> list[int]:
        emulator.set_faults([{"route": "/v1/tokenInfo", "fail_rate": 0.5}], seed=42)
        return [api.get("/tokenInfo").status_code for _ in range(40)]

    first, second = run(), run()
    assert first == second
    assert 5 < first.count(503) < 35 and set(first) == {200, 503}


def test_faults_come_before_auth(anonymous_api: Api, emulator: EmulatorServer) -> None:
    emulator.set_faults([{"fail_rate": 1.0}])
    assert anonymous_api.get("/tokenInfo").status_code == 503


@pytest.mark.parametrize(
    "body",
    [
        {"rules": {}},
        {"rules": [{"fail_rate": 2}]},
        {"rules": [{"fail_rate": -0.1}]},
        {"rules": [{"latency_ms": "slow"}]},
        {"rules": [{"fail": 0.5}]},
        {"rules": [{"method": ""}]},
        {"rules": [], "seed": "x"},
        {"rules": [], "other": 1},
        {"rules": ["*"]},
    ],
)
def test_bad_fault_rules_are_400(admin: Api, emulator: EmulatorServer, body: dict[str, Any]) -> None:
    response = admin.put("/faults", json=body)
    assert response.status_code == 400
    assert [e["code"] for e in errors_of(response)] == ["invalid_body"]
    assert admin.get("/faults").json() == {"rules": [], "seed": None}
    if isinstance(body.get("rules"), list) and set(body) == {"rules"}:
        with pytest.raises(ValueError):
            emulator.set_faults(body["rules"])


def test_latency_is_capped_at_10_seconds(admin: Api, emulator: EmulatorServer) -> None:
    response = admin.put("/faults", json={"rules": [{"route": "/v1/flows", "latency_ms": 10_001}]})
    assert response.status_code == 400
    assert errors_of(response) == [
        {"code": "invalid_body", "message": "rules[0].latency_ms must be at most 10000 (10 s)"}
    ]
    assert admin.get("/faults").json() == {"rules": [], "seed": None}
    at_cap = {"rules": [{"route": "/v1/flows", "latency_ms": 10_000}], "seed": None}
    assert admin.put("/faults", json=at_cap).status_code == 200
    assert admin.get("/faults").json()["rules"][0]["latency_ms"] == 10_000.0
    with pytest.raises(ValueError, match=r"^rules\[0\]\.latency_ms must be at most 10000 \(10 s\)$"):
        emulator.set_faults([{"latency_ms": 36_000_000}])


# -- request log and the rest of the control plane ----------------------------------------------------------


def test_request_counts_by_route_template(api: Api, anonymous_api: Api, admin: Api, emulator: EmulatorServer) -> None:
    flow = api.create("flows", simple_flow())
    api.create("flows", {"name": "second"})
    for _ in range(3):
        api.get(f"/flows/{flow['_id']}")
    api.patch(f"/flows/{flow['_id']}", json=[{"op": "replace", "path": "/name", "value": "x"}])
    api.get("/flows/not-an-id")
    anonymous_api.get("/tokenInfo")
    api.get("/nowhere")
    api.delete("/flows")
    admin.get("/faults")  # the control plane is not counted
    expected = {
        "DELETE (unmatched)": 1,
        "GET (unmatched)": 1,
        "GET /v1/flows/{id}": 4,
        "GET /v1/tokenInfo": 1,
        "PATCH /v1/flows/{id}": 1,
        "POST /v1/flows": 2,
    }
    response = admin.get("/requests")
    assert response.status_code == 200
    assert response.json() == expected
    assert emulator.request_counts() == expected
    assert admin.get("/requests", params={"by": "outcome"}).json() == {
        "DELETE (unmatched)": {"405": 1},
        "GET (unmatched)": {"404": 1},
        "GET /v1/flows/{id}": {"200": 3, "404": 1},
        "GET /v1/tokenInfo": {"401": 1},
        "PATCH /v1/flows/{id}": {"204": 1},
        "POST /v1/flows": {"201": 2},
    }
    assert admin.post("/reset").status_code == 204
    assert admin.get("/requests").json() == {}
    assert api.get("/flows").status_code == 200  # data kept by a plain reset


def test_counts_include_throttled_and_faulted_requests(api: Api, emulator: EmulatorServer) -> None:
    emulator.set_faults([{"method": "GET", "route": "/v1/flows", "fail_rate": 1.0}])
    api.get("/flows")
    emulator.clear_faults()
    emulator.set_rate_limit(1, 0.001)
    api.get("/tokenInfo")
    api.get("/tokenInfo")
    assert emulator.request_counts() == {"GET /v1/flows": 1, "GET /v1/tokenInfo": 2}
    assert emulator.request_outcomes() == {"GET /v1/flows": {"503": 1}, "GET /v1/tokenInfo": {"200": 1, "429": 1}}
    emulator.reset_request_counts()
    assert emulator.request_counts() == {}


def test_reset_with_data_restores_the_seed(api: Api, admin: Api) -> None:
    api.create("flows", {"name": "temporary"})
    api.delete(f"/connections/{IDS['prod_github_connection']}")
    assert admin.post("/reset", params={"data": "1"}).status_code == 204
    assert api.get("/flows").status_code == 204
    assert api.get(f"/connections/{IDS['prod_github_connection']}").status_code == 200
    assert len(api.get("/exports").json()) == 12


def test_info(admin: Api, emulator: EmulatorServer) -> None:
    info = admin.get("/info").json()
    assert info["baseUrl"] == emulator.base_url
    assert info["seed"] == "demo"
    assert info["seedIds"] == IDS == emulator.seed_ids
    assert info["internalErrors"] == 0


def test_control_plane_errors(admin: Api) -> None:
    response = admin.post("/faults")
    assert response.status_code == 405
    assert response.headers["Allow"] == "DELETE, GET, HEAD, PUT"
    assert [e["code"] for e in errors_of(response)] == ["method_not_allowed"]
    response = admin.put("/faults", data=b"{", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert admin.get("/jobs/5f0000000000000000000000").status_code == 404


def test_seed_ids_are_the_published_constants(emulator: EmulatorServer) -> None:
    assert emulator.seed_ids == IDS
    assert len(IDS["usage_lookup_exports"]) == 9
    assert len(IDS["usage_pg_exports"]) == 2 and len(IDS["usage_imports"]) == 2
    all_ids = [v for value in IDS.values() for v in (value if isinstance(value, list) else [value])]
    assert len(all_ids) == len(set(all_ids))
    assert all(len(i) == 24 and int(i, 16) >= 0 for i in all_ids)
