"""Client-side pacing (`client/_pacing.py`): the bucket's rules on a fake clock, then the client over
HTTP against the emulator's own rate limiter, counted in the emulator's request log."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from pulumi_celigo.client import (
    CeligoClient,
    ClientConfig,
    ConfigurationError,
    RateLimitedError,
    ServerError,
    resolve_config,
)
from pulumi_celigo.client._pacing import DECREASE, RECOVERY, SLACK, Pacer
from pulumi_celigo.emulator import EmulatorServer
from pydantic import SecretStr

from tests.conftest import TOKEN


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


# ---- the bucket, on a fake clock ---------------------------------------------------------------


def test_a_burst_goes_at_once_then_tokens_come_at_the_rate() -> None:
    clock = FakeClock()
    pacer = Pacer(burst=4, rate=2.0, clock=clock)
    assert [pacer.take()[0] for _ in range(3)] == [0.0, 0.0, 0.0]
    # The 4th token leaves fewer than SLACK in hand: it waits for the slack to refill.
    assert pacer.take()[0] == pytest.approx(SLACK / 2.0)
    # Reservations queue up: each next request waits one more interval (1/rate).
    assert pacer.take()[0] == pytest.approx((SLACK + 1) / 2.0)
    clock.now += 10.0  # idle: the bucket refills, up to the burst only
    assert [pacer.take()[0] for _ in range(3)] == [0.0, 0.0, 0.0]


def test_a_first_429_drains_the_bucket_without_lowering_the_rate() -> None:
    clock = FakeClock()
    pacer = Pacer(burst=100, rate=10.0, clock=clock)
    _, epoch = pacer.take()
    pacer.throttled(retry_after=1, granted_epoch=epoch)
    assert pacer.rate == 10.0  # the server's bucket held less than ours (a burst lower than configured, another client)
    delay, _ = pacer.take()
    assert delay == pytest.approx((2 * SLACK + 1) / 10.0)  # in step with the server: empty


def test_retry_after_beyond_one_second_holds_every_thread() -> None:
    clock = FakeClock()
    pacer = Pacer(burst=100, rate=10.0, clock=clock)
    pacer.throttled(retry_after=3, granted_epoch=pacer.take()[1])
    assert pacer.take()[0] == pytest.approx(2.0 + (2 * SLACK + 1) / 10.0)


def test_a_429_after_the_drain_lowers_the_rate_and_it_creeps_back() -> None:
    clock = FakeClock()
    pacer = Pacer(burst=100, rate=10.0, clock=clock)
    pacer.throttled(1, pacer.take()[1])
    stale = 0  # requests granted before that drain, answered 429 afterwards: the same episode
    pacer.throttled(1, stale)
    assert (pacer.rate, pacer.epoch) == (10.0, 1)
    pacer.throttled(1, pacer.take()[1])  # paced after the drain and still refused: we are too fast
    assert pacer.rate == pytest.approx(10.0 * DECREASE)
    clock.now += 5.0
    pacer.take()
    assert pacer.rate == pytest.approx(10.0 * DECREASE + 10.0 * RECOVERY * 5.0)
    clock.now += 1000.0
    pacer.take()
    assert pacer.rate == 10.0  # never above the configured rate


# ---- settings -----------------------------------------------------------------------------------


def test_the_limit_is_configurable_and_defaults_to_the_documented_one() -> None:
    env = {"CELIGO_API_TOKEN": TOKEN}
    default = resolve_config({}, env)
    assert (default.rate_limit_burst, default.rate_limit_per_second) == (1000, 300.0)
    older = resolve_config({"celigo:rateLimitBurst": "100"}, {**env, "CELIGO_RATE_LIMIT_PER_SECOND": "30"})
    assert (older.rate_limit_burst, older.rate_limit_per_second) == (100, 30.0)
    with pytest.raises(ConfigurationError) as err:
        resolve_config({"celigo:rateLimitBurst": "0"}, env)
    assert str(err.value) == (
        "Invalid celigo:rateLimitBurst (celigo:rateLimitBurst / CELIGO_RATE_LIMIT_BURST): '0'; "
        "expected a whole number >= 1 (requests)."
    )
    with pytest.raises(ConfigurationError, match=r"CELIGO_RATE_LIMIT_PER_SECOND\): 'fast'; expected requests per"):
        resolve_config({}, {**env, "CELIGO_RATE_LIMIT_PER_SECOND": "fast"})


# ---- over HTTP, against the emulator's rate limiter ------------------------------------------------


def paced_client(emulator: EmulatorServer, burst: int, rate: float, max_retries: int = 10) -> CeligoClient:
    config = ClientConfig(
        api_token=SecretStr(TOKEN),
        base_url=emulator.base_url,
        rate_limit_burst=burst,
        rate_limit_per_second=rate,
        max_retries=max_retries,
    )
    return CeligoClient(config)


def get_from_4_threads(client: CeligoClient, count: int) -> None:
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda _: client.token_info(), range(count)))


def test_four_threads_within_the_configured_limit_get_no_429(emulator: EmulatorServer) -> None:
    emulator.set_rate_limit(capacity=20, refill=20.0)
    emulator.reset_request_counts()
    with paced_client(emulator, burst=20, rate=20.0) as client:
        get_from_4_threads(client, 60)  # the burst, then 40 at the rate: 2 seconds
    assert emulator.request_outcomes() == {"GET /v1/tokenInfo": {"200": 60}}


def test_without_pacing_the_same_load_is_refused(emulator: EmulatorServer) -> None:
    """The control for the test above: a client that does not pace (a limit far above the server's)
    and does not retry meets the server's 429s."""
    emulator.set_rate_limit(capacity=20, refill=20.0)
    emulator.reset_request_counts()
    with paced_client(emulator, burst=100_000, rate=100_000.0, max_retries=0) as client, ThreadPoolExecutor(4) as pool:
        outcomes = list(pool.map(lambda _: _status(client), range(60)))
    assert outcomes.count(429) > 0
    assert emulator.request_outcomes()["GET /v1/tokenInfo"]["429"] == outcomes.count(429)


def _status(client: CeligoClient) -> int:
    try:
        client.token_info()
    except RateLimitedError as exc:
        return exc.status
    return 200


def test_a_server_limit_lower_than_configured_is_learnt(emulator: EmulatorServer) -> None:
    emulator.set_rate_limit(capacity=5, refill=10.0)
    emulator.reset_request_counts()
    with paced_client(emulator, burst=100, rate=40.0) as client:
        get_from_4_threads(client, 40)
        first = emulator.request_outcomes()["GET /v1/tokenInfo"]
        assert first["200"] == 40  # every call succeeded (the 429s were retried)
        assert client.transport.pacer.rate < 40.0  # and the rate estimate came down
        learnt = client.transport.pacer.rate
        emulator.reset_request_counts()
        get_from_4_threads(client, 20)
    second = emulator.request_outcomes()["GET /v1/tokenInfo"]
    assert second["200"] == 20
    # Once learnt, far fewer refusals than requests: the client no longer runs into the limit at 40/s.
    assert second.get("429", 0) <= first.get("429", 0)
    assert learnt <= 40.0 * DECREASE


def test_every_retry_takes_a_token(emulator: EmulatorServer) -> None:
    emulator.set_faults([{"method": "GET", "route": "/v1/tokenInfo", "fail_rate": 1.0}])
    with paced_client(emulator, burst=1000, rate=1e-6, max_retries=2) as client:
        with pytest.raises(ServerError, match="503"):
            client.token_info()
        assert emulator.request_counts() == {"GET /v1/tokenInfo": 3}
        assert client.transport.pacer.available() == pytest.approx(1000 - 3, abs=1e-3)
