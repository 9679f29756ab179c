"""Writes that must happen exactly once, and the one backoff policy every waiting loop uses.

A write whose answer is lost (`OutcomeUnknownError`) or that never got through
(`ApiConnectionError`) may or may not have been applied. `write_once` never repeats it blindly:
it looks for the write's effect for as long as the error says it may still land (`exc.settle`,
decided by the client, which knows its own timeouts), takes what it finds, and only then backs
off and writes again. Only unknown outcomes are tried again (the transport never retries those);
a write that could not be sent at all was already retried by the transport and is not retried here,
so the two budgets do not multiply.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from ..client import ApiConnectionError, OutcomeUnknownError

T = TypeVar("T")


@dataclass(frozen=True)
class Backoff:
    """Waits that grow from `first` by `factor` up to `max`, each scaled by a random 1 +- `jitter`."""

    first: float = 0.25
    factor: float = 2.0
    max: float = 8.0
    jitter: float = 0.1

    def delays(self) -> Iterator[float]:
        delay = self.first
        while True:
            yield delay * random.uniform(1 - self.jitter, 1 + self.jitter)
            delay = min(delay * self.factor, self.max)


#: Looking for the effect of an unanswered write, and pausing before writing again.
WRITE_BACKOFF = Backoff(first=0.25, factor=2.0, max=8.0, jitter=0.1)
#: How many times a write whose outcome stayed unknown is tried: with 35% of writes failing,
#: 10 attempts leave a ~3e-5 chance of giving up.
WRITE_ATTEMPTS = 10


def poll(find: Callable[[], T | None], *, within: float, backoff: Backoff | None = None) -> T | None:
    """Call `find` until it returns something, for up to `within` seconds (always at least once),
    waiting as `backoff` says between calls (by default `WRITE_BACKOFF`)."""
    deadline = time.monotonic() + within
    for delay in (backoff or WRITE_BACKOFF).delays():
        found = find()
        if found is not None:
            return found
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        time.sleep(min(delay, remaining))
    raise AssertionError("unreachable: delays() never ends")


def write_once(
    write: Callable[[], T],
    find: Callable[[], T | None],
    *,
    attempts: int | None = None,
    backoff: Backoff | None = None,
) -> tuple[T, bool]:
    """Apply `write` exactly once, however the network behaves.

    After an unanswered write, `find` looks for its effect during the error's settle window; what it
    finds is returned. Returns the result and whether any attempt went unanswered (the caller may
    then want to tidy up). Raises the last `OutcomeUnknownError` when every attempt stayed unanswered;
    any other `CeligoError` is raised at once. `attempts` and `backoff` default to `WRITE_ATTEMPTS`
    and `WRITE_BACKOFF` (read at call time, so a test can make the pauses zero).
    """
    backoff = backoff or WRITE_BACKOFF
    pauses = backoff.delays()
    last: OutcomeUnknownError | None = None
    for _ in range(attempts or WRITE_ATTEMPTS):
        if last is not None:
            time.sleep(next(pauses))
        try:
            return write(), last is not None
        except OutcomeUnknownError as exc:
            last = exc
            found = poll(find, within=exc.settle, backoff=backoff)
            if found is not None:
                return found, True
        except ApiConnectionError:
            # Not sent, after the transport's own retries: trying again here would multiply them.
            # An earlier unanswered attempt may still have landed, though.
            if last is not None and (found := find()) is not None:
                return found, True
            raise
    assert last is not None
    raise last
