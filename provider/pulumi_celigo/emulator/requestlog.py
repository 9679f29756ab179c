"""Counts of the /v1 requests received, by ``"METHOD /v1/route/{id}"`` template.

Every request is counted, whatever became of it (401, 429, injected 503, dropped). A second
breakdown records the outcome of each: the status code, or ``dropped`` / ``lost_response``
for connections closed without an answer.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict

UNMATCHED = "(unmatched)"


class RequestLog:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._outcomes: defaultdict[str, Counter[str]] = defaultdict(Counter)

    def record(self, key: str, outcome: str) -> None:
        with self._lock:
            self._counts[key] += 1
            self._outcomes[key][outcome] += 1

    def counts(self) -> dict[str, int]:
        with self._lock:
            return dict(sorted(self._counts.items()))

    def outcomes(self) -> dict[str, dict[str, int]]:
        with self._lock:
            return {key: dict(sorted(c.items())) for key, c in sorted(self._outcomes.items())}

    def reset(self) -> None:
        with self._lock:
            self._counts.clear()
            self._outcomes.clear()
