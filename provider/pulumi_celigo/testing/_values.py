"""Plain-value helpers of the plugin client.

Values on the wire between a Pulumi program, the engine and a provider are JSON-like
trees. Two markers can appear inside them:

* a *secret*: ``{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  "value": <v>}`` (what ``pulumi.runtime.rpc.deserialize_properties`` produces for a
  secret), and
* an *unknown*: a ``pulumi.output.Unknown`` instance (a value not known during a preview).

The engine never sends secrets to the ``pulumi-python`` provider (it answers
``acceptSecrets: false`` to ``Configure``): the plugin client unwraps them before a call, as the
engine does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi.output import Unknown
from pulumi.runtime import rpc

__all__ = ["is_secret", "is_unknown", "secret", "unknown", "unwrap_secrets"]

#: The signature key and value Pulumi uses to mark a secret inside a property value.
SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"


def unknown() -> Unknown:
    """Return a value that is not known yet, as a preview sends it to ``check``/``diff``."""
    return Unknown()


def is_unknown(value: Any) -> bool:
    """True for a ``pulumi.output.Unknown`` (or the wire sentinel string ``rpc.UNKNOWN``)."""
    return isinstance(value, Unknown) or (isinstance(value, str) and value == rpc.UNKNOWN)


def secret(value: Any) -> dict[str, Any]:
    """Wrap ``value`` as a secret, the way ``deserialize_properties`` marks one."""
    if is_secret(value):
        return dict(value)
    return {SIG_KEY: SECRET_SIG, "value": value}


def is_secret(value: Any) -> bool:
    """True if ``value`` itself is a secret-wrapped value."""
    return isinstance(value, Mapping) and value.get(SIG_KEY) == SECRET_SIG


def unwrap_secrets(value: Any) -> Any:
    """Return a copy of ``value`` with every secret marker removed (deeply)."""
    if is_secret(value):
        return unwrap_secrets(value.get("value"))
    if isinstance(value, Mapping):
        return {k: unwrap_secrets(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [unwrap_secrets(v) for v in value]
    return value
