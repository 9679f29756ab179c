"""The account's rate limit: a leaky bucket of ``capacity`` requests refilled at ``refill`` per second.

Defaults are the documented 1,000 burst and 300/s; the older documented 100 and 30/s (or any
other pair) can be set at start or at runtime (``PUT /__emulator/rate-limit``).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

NO_REFILL_RETRY_AFTER = 60  # seconds announced when the bucket never refills


class TokenBucket:
    """Thread-safe token bucket; a request takes one token or is told how long to wait."""

    def __init__(self, capacity: float, refill: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._clock = clock
        self.capacity = 0.0
        self.refill = 0.0
        self._tokens = 0.0
        self._stamp = 0.0
        self.configure(capacity, refill)

    def configure(self, capacity: float, refill: float) -> None:
        """New limits; the bucket starts full."""
        if capacity < 1 or refill < 0:
            raise ValueError("capacity must be at least 1 and refill at least 0")
        with self._lock:
            self.capacity = float(capacity)
            self.refill = float(refill)
            self._tokens = self.capacity
            self._stamp = self._clock()

    def _fill(self) -> None:
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._stamp) * self.refill)
        self._stamp = now

    def take(self, cost: float = 1.0) -> int | None:
        """None when allowed; otherwise the whole seconds (at least 1) to wait before retrying."""
        with self._lock:
            self._fill()
            if self._tokens >= cost:
                self._tokens -= cost
                return None
            if self.refill <= 0:
                return NO_REFILL_RETRY_AFTER
            return max(1, math.ceil((cost - self._tokens) / self.refill))

    def snapshot(self) -> dict[str, float]:
        with self._lock:
            self._fill()
            return {"capacity": self.capacity, "refill": self.refill, "available": round(self._tokens, 3)}
