"""Client-side pacing: send no faster than the account's rate limit, instead of only reacting to 429s.

integrator.io limits each account with a token bucket (a burst, then a steady rate). `Pacer` is the
client's copy of that bucket: every request the process sends, and every retry of one, takes a
token first (`Transport.request` for the first attempt, `_ApiRetry.sleep` for each retry), so the
plugin server's four worker threads share one budget. There is one pacer per (base URL, token) per
process (`pacer_for`), like the one-time token check.

It learns from the server:

* a 429 drains the bucket (the server's bucket is empty: ours is made empty too, and kept empty for
  what `Retry-After` adds beyond one second), so the two buckets are in step again;
* a 429 for a request granted *after* that drain means our rate is above the server's: the rate
  estimate is lowered (x `DECREASE`), then creeps back to the configured rate (`RECOVERY` of it per
  second) while no 429 comes.

More than one process per account (two stacks deployed at once, preview and up) do not share a
bucket: each paces itself to the configured limit, and when together they exceed it the 429s make
each lower its rate (additive increase, multiplicative decrease: they settle on shares of the limit).
urllib3's `Retry` still retries the 429s that happen anyway, honouring `Retry-After`.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable

#: Tokens the client keeps in hand: its bucket lags the server's by this much, so that a request
#: sent at the exact moment a token appears client-side never arrives just before it appears
#: server-side (the first request's connection set-up makes its delay longer than the next ones').
SLACK = 0.5
#: A 429 for a request paced after the last drain: the rate estimate is multiplied by this.
DECREASE = 0.75
#: The estimate then grows back by this fraction of the configured rate per second without a 429.
RECOVERY = 0.02
#: The estimate never goes below this fraction of the configured rate.
FLOOR = 0.05


class Pacer:
    """A thread-safe token bucket of `burst` tokens refilled at `rate` per second, which learns from 429s.

    `take` reserves a token and says how long to wait before sending; `throttled` is told of each 429.
    `clock` is injectable so that tests need no real time.
    """

    def __init__(self, burst: int, rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        if burst < 1 or not rate > 0:
            raise ValueError(f"burst must be >= 1 and rate > 0, got {burst} and {rate}")
        self.burst = float(burst)
        self.configured_rate = float(rate)
        self.rate = float(rate)
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens = self.burst
        self._stamp = clock()
        self._lowered_at = self._stamp
        #: Incremented by every drain: a request remembers the epoch it was granted in.
        self.epoch = 0

    def _refill(self, now: float) -> None:
        if self.rate < self.configured_rate:
            recovered = self.configured_rate * RECOVERY * (now - self._lowered_at)
            self.rate = min(self.configured_rate, self.rate + recovered)
            self._lowered_at = now
        self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now

    def available(self) -> float:
        """Tokens in hand now (negative while requests wait for theirs)."""
        with self._lock:
            self._refill(self._clock())
            return self._tokens

    def take(self) -> tuple[float, int]:
        """Reserve one token: (seconds to wait before sending, the epoch it was granted in)."""
        with self._lock:
            self._refill(self._clock())
            self._tokens -= 1
            return max(0.0, (SLACK - self._tokens) / self.rate), self.epoch

    def throttled(self, retry_after: float | None, granted_epoch: int) -> None:
        """The server answered 429 to a request granted in `granted_epoch`: get back in step with it."""
        with self._lock:
            now = self._clock()
            self._refill(now)
            if granted_epoch == self.epoch and self.epoch > 0:
                # Paced after the last drain and still refused: our rate is above the server's.
                self.rate = max(self.configured_rate * FLOOR, self.rate * DECREASE)
                self._lowered_at = now
            elif granted_epoch != self.epoch:
                return  # sent before the last drain: part of the same episode, already accounted for
            hold = max(0.0, (retry_after or 1.0) - 1.0)
            self._tokens = min(self._tokens, -SLACK - hold * self.rate)
            self.epoch += 1

    def wait(self) -> int:
        """`take` a token and sleep until it may be spent; the epoch it was granted in."""
        delay, epoch = self.take()
        if delay > 0:
            time.sleep(delay)
        return epoch


_PACERS: dict[tuple[str, str, int, float], Pacer] = {}
_PACERS_LOCK = threading.Lock()


def pacer_for(base_url: str, token: str, burst: int, rate: float) -> Pacer:
    """The one pacer of this process for this account (base URL and token) and limit."""
    key = (base_url, hashlib.sha256(token.encode()).hexdigest(), burst, rate)
    with _PACERS_LOCK:
        pacer = _PACERS.get(key)
        if pacer is None:
            pacer = _PACERS[key] = Pacer(burst, rate)
        return pacer
