"""Fault injection for /v1 requests: latency, 503s, dropped connections and lost responses.

Rules match a request by method and route template (the strings of the request log, such as
``/v1/flows/{id}``; shell-style wildcards allowed, ``*`` matches everything). Every matching
rule adds its latency; then each matching rule, in order, rolls its dice and the first fault
that fires wins:

- ``fail_rate``: 503 ``service_unavailable``, nothing applied;
- ``drop_rate``: the connection is closed without a response, nothing applied;
- ``lost_response_rate`` (writes only): the request is applied, then the connection is closed
  without a response — the case that makes retried creates dangerous.

Latency is capped at :data:`MAX_LATENCY_MS` (10 s): per rule (a larger value is refused) and for
the sum of the matching rules (clipped), so a typo cannot park server threads for hours.

decision: faults act first, before authentication and rate limiting (they model the network
and the front door; a request that never reaches the API does not spend a rate-limit token).
"""

from __future__ import annotations

import random
import threading
from dataclasses import asdict, dataclass
from fnmatch import fnmatchcase
from typing import Any

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_LATENCY_MS = 10_000.0  # per rule, and for the sum of the rules matching one request
_RATES = ("fail_rate", "drop_rate", "lost_response_rate")


@dataclass(frozen=True)
class FaultRule:
    method: str = "*"
    route: str = "*"
    fail_rate: float = 0.0
    drop_rate: float = 0.0
    lost_response_rate: float = 0.0
    latency_ms: float = 0.0

    def matches(self, method: str, route: str) -> bool:
        return (self.method == "*" or self.method.upper() == method.upper()) and fnmatchcase(route, self.route)

    @classmethod
    def parse(cls, raw: Any, where: str) -> FaultRule:
        """A rule from JSON; ValueError names the offending key."""
        if not isinstance(raw, dict):
            raise ValueError(f"{where} must be an object")
        unknown = set(raw) - {f for f in cls.__dataclass_fields__}
        if unknown:
            raise ValueError(f"{where} has unknown keys: {', '.join(sorted(unknown))}")
        values: dict[str, Any] = {}
        for key in ("method", "route"):
            if key in raw:
                if not isinstance(raw[key], str) or not raw[key]:
                    raise ValueError(f"{where}.{key} must be a non-empty string")
                values[key] = raw[key]
        for key in (*_RATES, "latency_ms"):
            if key in raw:
                value = raw[key]
                if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                    raise ValueError(f"{where}.{key} must be a non-negative number")
                if key in _RATES and value > 1:
                    raise ValueError(f"{where}.{key} must be between 0 and 1")
                if key == "latency_ms" and value > MAX_LATENCY_MS:
                    raise ValueError(f"{where}.latency_ms must be at most {MAX_LATENCY_MS:.0f} (10 s)")
                values[key] = float(value)
        return cls(**values)


@dataclass(frozen=True)
class FaultDecision:
    latency_s: float = 0.0
    action: str = "none"  # "none" | "fail" | "drop" | "lose"


class FaultInjector:
    """The current rules and their random source (seeded for reproducible runs)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._seed: int | None = None
        self._random = random.Random()

    def configure(self, config: Any) -> None:
        """Replace the rules from ``{"rules": [...], "seed": n}``; ValueError when malformed."""
        if not isinstance(config, dict):
            raise ValueError("the body must be an object")
        unknown = set(config) - {"rules", "seed"}
        if unknown:
            raise ValueError(f"unknown keys: {', '.join(sorted(unknown))}")
        raw_rules = config.get("rules", [])
        if not isinstance(raw_rules, list):
            raise ValueError("rules must be an array")
        rules = [FaultRule.parse(raw, f"rules[{i}]") for i, raw in enumerate(raw_rules)]
        seed = config.get("seed")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
            raise ValueError("seed must be an integer")
        with self._lock:
            self._rules = rules
            self._seed = seed
            self._random = random.Random(seed)

    def clear(self) -> None:
        self.configure({"rules": []})

    def config(self) -> dict[str, Any]:
        with self._lock:
            return {"rules": [asdict(rule) for rule in self._rules], "seed": self._seed}

    def decide(self, method: str, route: str) -> FaultDecision:
        with self._lock:
            matching = [rule for rule in self._rules if rule.matches(method, route)]
            if not matching:
                return FaultDecision()
            latency = min(sum(rule.latency_ms for rule in matching), MAX_LATENCY_MS) / 1000.0
            for rule in matching:
                if rule.fail_rate and self._random.random() < rule.fail_rate:
                    return FaultDecision(latency, "fail")
                if rule.drop_rate and self._random.random() < rule.drop_rate:
                    return FaultDecision(latency, "drop")
                if (
                    rule.lost_response_rate
                    and method.upper() in WRITE_METHODS
                    and self._random.random() < rule.lost_response_rate
                ):
                    return FaultDecision(latency, "lose")
            return FaultDecision(latency)
