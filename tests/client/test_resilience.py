"""Retries against real faults injected by the emulator: 503s, dropped connections, 429 storms,
and writes whose answer is lost."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from pulumi_celigo.client import CeligoClient, OutcomeUnknownError
from pulumi_celigo.emulator import EmulatorServer
from pulumi_celigo.models import Flow


def test_thirty_percent_faults_500_gets_and_200_puts_all_succeed(
    client: CeligoClient, emulator: EmulatorServer
) -> None:
    flows = [client.flows.create(Flow(name=f"f{i}")) for i in range(20)]
    emulator.set_faults(rules=[{"method": "*", "route": "*", "fail_rate": 0.15, "drop_rate": 0.15}])

    def get(i: int) -> str | None:
        flow_id = flows[i % len(flows)].id
        assert flow_id
        return client.flows.get(flow_id).name

    def put(i: int) -> str | None:
        flow = flows[i % len(flows)]
        assert flow.id
        return client.flows.replace(flow.id, Flow(name=f"renamed {i}")).name

    with ThreadPoolExecutor(max_workers=4) as pool:
        names = list(pool.map(get, range(500)))
        renamed = list(pool.map(put, range(200)))
    assert len(names) == 500 and all(n for n in names)
    assert renamed == [f"renamed {i}" for i in range(200)]
    counts = emulator.request_counts()
    # The faults really happened: more requests reached the server than the client made calls.
    assert counts["GET /v1/flows/{id}"] > 500
    assert counts["PUT /v1/flows/{id}"] > 200


def test_a_429_storm_is_ridden_out_honouring_retry_after(client: CeligoClient, emulator: EmulatorServer) -> None:
    emulator.set_rate_limit(capacity=5, refill=5.0)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: client.token_info().scope, range(40)))
    elapsed = time.monotonic() - started
    assert len(results) == 40
    counts = emulator.request_counts()
    assert counts["GET /v1/tokenInfo"] > 40  # some were throttled and repeated
    # 40 requests through a bucket of 5 refilled at 5/s cannot finish in much under 7 s unless
    # the client ignored Retry-After; and it waited whole seconds, not a tight loop.
    assert elapsed >= 5.0
    assert counts["GET /v1/tokenInfo"] < 40 * 3


def test_a_post_whose_answer_is_lost_raises_outcome_unknown_and_never_duplicates(
    client: CeligoClient, emulator: EmulatorServer
) -> None:
    emulator.set_faults(rules=[{"method": "POST", "route": "/v1/flows", "lost_response_rate": 1.0}])
    with pytest.raises(OutcomeUnknownError) as err:
        client.flows.create(Flow(name="exactly once"))
    assert "POST /flows: outcome unknown" in str(err.value)
    emulator.clear_faults()
    # The emulator applied it, and the client did not send it again.
    assert [f.name for f in client.flows.list()] == ["exactly once"]
    assert emulator.request_counts()["POST /v1/flows"] == 1


def test_a_dropped_post_is_not_retried(client: CeligoClient, emulator: EmulatorServer) -> None:
    emulator.set_faults(rules=[{"method": "POST", "route": "/v1/flows", "drop_rate": 1.0}])
    with pytest.raises(OutcomeUnknownError):
        client.flows.create(Flow(name="never"))
    assert emulator.request_counts()["POST /v1/flows"] == 1


def test_a_post_answered_429_is_retried(client: CeligoClient, emulator: EmulatorServer) -> None:
    emulator.set_rate_limit(capacity=1, refill=2.0)
    created = [client.flows.create(Flow(name=f"n{i}")).name for i in range(3)]
    assert created == ["n0", "n1", "n2"]
    assert sorted(f.name or "" for f in client.flows.list()) == ["n0", "n1", "n2"]


def test_one_client_shared_by_threads(client: CeligoClient) -> None:
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            for i in range(25):
                flow = client.flows.create(Flow(name=f"w{worker}-{i}"))
                assert flow.id
                assert client.flows.get(flow.id).name == f"w{worker}-{i}"
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(list(client.flows.list())) == 100
