"""Plain-value helpers shared by the plugin client and the local engine.

Values on the wire between a Pulumi program, the engine and a provider are JSON-like
trees. Two markers can appear inside them:

* a *secret*: ``{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  "value": <v>}`` (what ``pulumi.runtime.rpc.deserialize_properties`` produces for a
  secret), and
* an *unknown*: a ``pulumi.output.Unknown`` instance (a value not known during a preview).

The engine never sends secrets to the ``pulumi-python`` provider (it answers
``acceptSecrets: false`` to ``Configure``), so secrets are stripped before a call and the
engine remembers, per top-level property, what was secret.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

from pulumi.output import Unknown
from pulumi.runtime import rpc

__all__ = [
    "contains_secret",
    "contains_unknown",
    "is_secret",
    "is_unknown",
    "secret",
    "split_secrets",
    "unknown",
    "unwrap_secrets",
    "wrap_keys",
]

#: The signature key and value Pulumi uses to mark a secret inside a property value.
SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"


def unknown() -> Unknown:
    """Return a value that is not known yet, as a preview sends it to ``check``/``diff``."""
    return Unknown()


def is_unknown(value: Any) -> bool:
    """True for a ``pulumi.output.Unknown`` (or the wire sentinel string ``rpc.UNKNOWN``)."""
    return isinstance(value, Unknown) or (isinstance(value, str) and value == rpc.UNKNOWN)


def contains_unknown(value: Any) -> bool:
    """True if an unknown occurs anywhere inside ``value``."""
    if is_unknown(value):
        return True
    if isinstance(value, Mapping):
        return any(contains_unknown(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(contains_unknown(v) for v in value)
    return False


def secret(value: Any) -> dict[str, Any]:
    """Wrap ``value`` as a secret, the way ``deserialize_properties`` marks one."""
    if is_secret(value):
        return dict(value)
    return {SIG_KEY: SECRET_SIG, "value": value}


def is_secret(value: Any) -> bool:
    """True if ``value`` itself is a secret-wrapped value."""
    return isinstance(value, Mapping) and value.get(SIG_KEY) == SECRET_SIG


def contains_secret(value: Any) -> bool:
    """True if a secret occurs anywhere inside ``value``."""
    if is_secret(value):
        return True
    if isinstance(value, Mapping):
        return any(contains_secret(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(contains_secret(v) for v in value)
    return False


def unwrap_secrets(value: Any) -> Any:
    """Return a copy of ``value`` with every secret marker removed (deeply)."""
    if is_secret(value):
        return unwrap_secrets(value.get("value"))
    if isinstance(value, Mapping):
        return {k: unwrap_secrets(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [unwrap_secrets(v) for v in value]
    return value


def split_secrets(props: Mapping[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """Split a property bag into plain values and the set of top-level keys holding a secret.

    Secretness is tracked per top-level key, as the engine does for outputs: a key is secret
    if a secret occurs anywhere in its value.
    """
    plain: dict[str, Any] = {}
    keys: set[str] = set()
    for key, value in props.items():
        if contains_secret(value):
            keys.add(key)
        plain[key] = unwrap_secrets(value)
    return plain, keys


def wrap_keys(props: Mapping[str, Any], keys: Iterable[str]) -> dict[str, Any]:
    """Return a copy of ``props`` with the values of ``keys`` wrapped as secrets."""
    wanted = set(keys)
    return {k: (secret(v) if k in wanted else v) for k, v in props.items()}


def plain_copy(value: Any) -> Any:
    """Deep copy of a JSON-like value (unknowns are kept as they are)."""
    if isinstance(value, Unknown):
        return value
    if isinstance(value, Mapping):
        return {k: plain_copy(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_copy(v) for v in value]
    return copy.copy(value)


def values_equal(a: Any, b: Any) -> bool:
    """Compare two JSON-like values the way a diff would (1 == 1.0; unknowns never equal)."""
    if is_unknown(a) or is_unknown(b):
        return False
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        if set(a) != set(b):
            return False
        return all(values_equal(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(values_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return bool(a == b)


def changed_keys(olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
    """Top-level keys whose values differ between two property bags, sorted."""
    keys = set(olds) | set(news)
    return sorted(k for k in keys if k not in olds or k not in news or not values_equal(olds[k], news[k]))
