"""The server around the API: keep-alive, persistence, the CLI, and concurrent clients."""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests
from pulumi_celigo.emulator import DEMO_IDS, EmulatorOptions, EmulatorServer, admin_request, running_emulator

from .support import IDS, TOKEN, Api, simple_flow

# -- HTTP behaviour -----------------------------------------------------------------------------------------


def test_connections_are_kept_alive(emulator: EmulatorServer) -> None:
    client = Api(emulator.base_url, TOKEN)
    before = emulator.app.connections.opened
    try:
        for _ in range(20):
            response = client.get("/tokenInfo")
            assert response.status_code == 200
            assert response.raw.version == 11
            assert response.headers.get("Connection", "").lower() != "close"
        client.post("/flows", json={"name": "x"})
        client.get("/flows")
        client.get("/flows", params={"skip": 5})  # 204
    finally:
        client.close()
    assert emulator.app.connections.opened - before == 1


def test_chunked_request_body(api: Api) -> None:
    chunks = iter([b'{"name":', b' "chunked"}'])
    response = api.post("/flows", data=chunks, headers={"Content-Type": "application/json"})
    assert response.status_code == 201
    assert response.json()["name"] == "chunked"
    assert api.get("/tokenInfo").status_code == 200


def test_malformed_http_gets_a_json_error(emulator: EmulatorServer) -> None:
    with socket.create_connection(("127.0.0.1", emulator.port), timeout=5) as raw:
        raw.sendall(b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n")
        reply = b""
        while chunk := raw.recv(65536):
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414 ")
    assert b"Content-Type: application/json" in head
    assert json.loads(body) == {"errors": [{"code": "bad_request", "message": "Request-URI Too Long"}]}


def test_timestamps_and_ids(api: Api) -> None:
    a = api.create("flows", {"name": "a"})
    b = api.create("flows", {"name": "b"})
    assert a["_id"] != b["_id"]
    assert a["createdAt"] <= b["createdAt"]
    assert a["createdAt"].endswith("Z") and len(a["createdAt"]) == 24


# -- in-process API -------------------------------------------------------------------------------------------


def test_running_emulator_defaults() -> None:
    with running_emulator() as emu:
        assert emu.base_url == f"{emu.root_url}/v1"
        assert emu.root_url == f"http://127.0.0.1:{emu.port}"
        assert emu.seed_ids == DEMO_IDS
        response = requests.get(f"{emu.base_url}/tokenInfo", headers={"Authorization": "Bearer t"}, timeout=5)
        assert response.status_code == 200
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{emu.base_url}/tokenInfo", timeout=2)


def test_emulator_without_seed_is_empty() -> None:
    with EmulatorServer(EmulatorOptions(token="x", seed=None)) as emu:
        assert emu.seed_ids == {}
        response = requests.get(f"{emu.base_url}/connections", headers={"Authorization": "Bearer x"}, timeout=5)
        assert response.status_code == 204


def test_options_fault_flags_form_one_rule() -> None:
    with running_emulator(fail_rate=1.0, fault_seed=3) as emu:
        response = requests.get(f"{emu.base_url}/tokenInfo", headers={"Authorization": "Bearer t"}, timeout=5)
        assert response.status_code == 503
        faults = admin_request(emu.root_url, "GET", "/faults").json()
        assert faults == {
            "rules": [
                {
                    "method": "*",
                    "route": "*",
                    "fail_rate": 1.0,
                    "drop_rate": 0.0,
                    "lost_response_rate": 0.0,
                    "latency_ms": 0.0,
                }
            ],
            "seed": 3,
        }


def test_stop_closes_idle_keep_alive_connections() -> None:
    with running_emulator() as emu:
        session = requests.Session()
        assert session.get(f"{emu.base_url}/tokenInfo", headers={"Authorization": "Bearer t"}, timeout=5).ok
    # The pooled connection was closed by the server: the next request cannot use it.
    with pytest.raises(requests.ConnectionError):
        session.get(f"{emu.base_url}/tokenInfo", headers={"Authorization": "Bearer t"}, timeout=2)
    session.close()


# -- persistence ------------------------------------------------------------------------------------------------


def test_state_survives_a_restart(tmp_path: Path) -> None:
    data = str(tmp_path / "state.db")
    with running_emulator(data_path=data) as emu:
        client = Api(emu.base_url, "t")
        flow = client.create("flows", simple_flow())
        client.patch(f"/flows/{flow['_id']}", json=[{"op": "replace", "path": "/name", "value": "Persisted"}])
        assert client.delete(f"/connections/{IDS['prod_github_connection']}").status_code == 204
        job = client.post(f"/flows/{flow['_id']}/run").json()["_jobId"]
        expected = client.get(f"/flows/{flow['_id']}").json()
        audit = client.get(f"/flows/{flow['_id']}/audit").json()
        client.close()
    with running_emulator(data_path=data) as emu:  # seeding again must not resurrect or duplicate
        client = Api(emu.base_url, "t")
        assert client.get(f"/flows/{flow['_id']}").json() == expected
        assert client.get(f"/flows/{flow['_id']}/audit").json() == audit
        assert client.get(f"/connections/{IDS['prod_github_connection']}").status_code == 404
        assert len(client.get("/connections").json()) == 5
        assert client.get(f"/jobs/{job}").json()["status"] == "running"
        other = client.create("flows", {"name": "after restart"})
        assert [f["_id"] for f in client.get("/flows").json()] == [flow["_id"], other["_id"]]
        client.close()


# -- the command line -------------------------------------------------------------------------------------------


@contextmanager
def cli_process(*args: str) -> Iterator[tuple[subprocess.Popen[str], str, float]]:
    """Start the CLI; yield the process, its base URL and the time tokenInfo first answered."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "pulumi_celigo.emulator", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        first = _readline(process, timeout=10)
        prefix = "pulumi-celigo emulator listening on "
        assert first.startswith(prefix), first
        base_url = first[len(prefix) :].strip()
        assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/v1")
        yield process, base_url, started
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def _readline(process: subprocess.Popen[str], timeout: float) -> str:
    box: list[str] = []
    stdout = process.stdout
    assert stdout is not None
    reader = threading.Thread(target=lambda: box.append(stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    assert box, "the CLI printed nothing"
    return box[0]


def test_cli_starts_fast_prints_url_and_seed_and_exits_cleanly() -> None:
    with cli_process("--seed", "demo", "--token", "cli-token") as (process, base_url, started):
        seed_line = _readline(process, timeout=5)
        assert seed_line.startswith("seed ids: ")
        assert json.loads(seed_line[len("seed ids: ") :]) == DEMO_IDS
        response = requests.get(f"{base_url}/tokenInfo", headers={"Authorization": "Bearer cli-token"}, timeout=5)
        elapsed = time.monotonic() - started
        assert response.status_code == 200
        assert elapsed < 2.0, f"first answer after {elapsed:.2f} s"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
        assert process.stderr is not None
        assert process.stderr.read() == ""  # no request logging


def test_cli_empty_seed() -> None:
    with cli_process("--seed", "empty", "--token", "cli-token") as (process, base_url, _started):
        assert _readline(process, timeout=5) == "seed ids: {}\n"
        auth = {"Authorization": "Bearer cli-token"}
        for collection in ("integrations", "connections", "exports", "imports", "scripts", "flows"):
            assert requests.get(f"{base_url}/{collection}", headers=auth, timeout=5).status_code == 204
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0


def test_cli_sigint_exits_zero() -> None:
    with cli_process() as (process, base_url, _):
        assert requests.get(f"{base_url}/tokenInfo", headers={"Authorization": "Bearer demo-token"}, timeout=5).ok
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0


def test_cli_persistence_read_only_token_and_rate_flags(tmp_path: Path) -> None:
    data = str(tmp_path / "cli.db")
    auth = {"Authorization": "Bearer demo-token"}
    args = ("--data", data, "--seed", "demo", "--read-only-token", "ro", "--rate-capacity", "50", "--rate-refill", "5")
    with cli_process(*args) as (_, base_url, _started):
        flow = requests.post(f"{base_url}/flows", json=simple_flow(), headers=auth, timeout=5).json()
        ro = requests.post(f"{base_url}/flows", json={"name": "x"}, headers={"Authorization": "Bearer ro"}, timeout=5)
        assert ro.status_code == 403
        limits = admin_request(base_url.removesuffix("/v1"), "GET", "/rate-limit").json()
        assert (limits["capacity"], limits["refill"]) == (50.0, 5.0)
    with cli_process("--data", data, "--seed", "demo") as (_, base_url, _started):
        assert requests.get(f"{base_url}/flows/{flow['_id']}", headers=auth, timeout=5).json() == flow


def test_cli_fault_flags() -> None:
    with cli_process("--drop-rate", "1", "--fault-seed", "1") as (process, base_url, _started):
        dropped = pytest.raises(requests.ConnectionError)
        with dropped:
            requests.get(f"{base_url}/tokenInfo", headers={"Authorization": "Bearer demo-token"}, timeout=5)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
        assert process.stderr is not None
        assert process.stderr.read() == ""  # a dropped connection is not an error worth a traceback


@pytest.mark.parametrize(
    ("flag", "value", "problem"),
    [
        ("--fail-rate", "2", "must be between 0 and 1"),
        ("--latency-ms", "10001", "must be between 0 and 10000 (10 s)"),
    ],
)
def test_cli_rejects_bad_flags(flag: str, value: str, problem: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pulumi_celigo.emulator", flag, value],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == f"pulumi-celigo-emulator: error: argument {flag}: {problem}"


def test_cli_warns_when_listening_beyond_loopback() -> None:
    with cli_process("--host", "0.0.0.0") as (process, base_url, _started):
        assert requests.get(f"{base_url}/tokenInfo", headers={"Authorization": "Bearer demo-token"}, timeout=5).ok
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
        assert process.stderr is not None
        assert process.stderr.read() == (
            "warning: --host 0.0.0.0 is not a loopback address: other machines can reach this emulator "
            "(plain HTTP, a fixed token); its admin plane still answers loopback names only\n"
        )


# -- concurrency ---------------------------------------------------------------------------------------------------


def test_concurrent_mixed_requests_lose_nothing(emulator: EmulatorServer) -> None:
    threads, per_thread = 8, 200
    emulator.set_rate_limit(100_000, 100_000)  # this test is about concurrency, not throttling

    def worker(index: int) -> tuple[dict[str, dict[str, Any]], list[int]]:
        rng = random.Random(index)
        client = Api(emulator.base_url, TOKEN)
        mine: dict[str, dict[str, Any]] = {}  # id -> the fields this thread last wrote
        statuses: list[int] = []
        try:
            for n in range(per_thread):
                roll = rng.random()
                if not mine or roll < 0.25:
                    body = simple_flow(name=f"t{index}-{n}", description="created")
                    response = client.post("/flows", json=body)
                    statuses.append(response.status_code)
                    mine[response.json()["_id"]] = {"name": body["name"], "description": "created"}
                    continue
                flow_id = rng.choice(sorted(mine))
                if roll < 0.45:
                    response = client.get(f"/flows/{flow_id}")
                    statuses.append(response.status_code)
                    got = response.json()
                    assert {k: got.get(k) for k in mine[flow_id]} == mine[flow_id]
                elif roll < 0.6:
                    current = client.get(f"/flows/{flow_id}").json()
                    current.update(name=f"t{index}-{n}-put", description=f"put {n}")
                    response = client.put(f"/flows/{flow_id}", json=current)
                    statuses.append(response.status_code)
                    mine[flow_id] = {"name": current["name"], "description": current["description"]}
                elif roll < 0.75:
                    ops = [
                        {"op": "replace", "path": "/name", "value": f"t{index}-{n}-patch"},
                        {"op": "replace", "path": "/description", "value": f"patch {n}"},
                    ]
                    response = client.patch(f"/flows/{flow_id}", json=ops)
                    statuses.append(response.status_code)
                    mine[flow_id] = {"name": f"t{index}-{n}-patch", "description": f"patch {n}"}
                elif roll < 0.88:
                    response = client.get("/flows", params={"limit": 50, "include": "description"})
                    statuses.append(response.status_code)
                else:
                    response = client.delete(f"/flows/{flow_id}")
                    statuses.append(response.status_code)
                    del mine[flow_id]
        finally:
            client.close()
        return mine, statuses

    with ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(worker, range(threads)))

    all_statuses = [s for _, statuses in results for s in statuses]
    assert len(all_statuses) == threads * per_thread
    assert set(all_statuses) <= {200, 201, 204}, sorted(set(all_statuses))
    expected = {flow_id: fields for mine, _ in results for flow_id, fields in mine.items()}
    client = Api(emulator.base_url, TOKEN)
    stored: dict[str, dict[str, Any]] = {}
    response = client.get("/flows", params={"limit": 1000})
    for doc in response.json() if response.status_code == 200 else []:
        stored[doc["_id"]] = {"name": doc["name"], "description": doc["description"]}
    client.close()
    assert stored == expected
    counts = emulator.request_outcomes()
    assert not any(outcome.startswith("5") for by_outcome in counts.values() for outcome in by_outcome)


def test_unexpected_exception_is_a_logged_json_500(caplog: pytest.LogCaptureFixture) -> None:
    # A separate emulator: the session one must never see a 500.
    with running_emulator() as emu:

        def explode(*args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("boom")

        emu.app.backend.load = explode  # type: ignore[method-assign]
        with caplog.at_level("ERROR", logger="pulumi_celigo.emulator"):
            response = requests.get(
                f"{emu.base_url}/flows/5f0000000000000000000000", headers={"Authorization": "Bearer t"}, timeout=5
            )
        assert response.status_code == 500
        assert response.json() == {"errors": [{"code": "internal_error", "message": "Internal server error."}]}
        assert emu.internal_errors == 1
        assert "boom" in caplog.text
        assert emu.request_outcomes() == {"GET /v1/flows/{id}": {"500": 1}}
