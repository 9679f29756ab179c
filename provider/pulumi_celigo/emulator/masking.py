"""Credentials in connections: masked in every answer, removed from templates, listed for a ping.

A value is a credential when its key (at any depth, compared case-insensitively) is one of
:data:`CREDENTIAL_KEYS`; everything under an ``encrypted`` key is a credential too (that is
where integrator.io keeps secrets of HTTP connections). Containers under other credential
names (``http.auth.token`` is an object ``{token, location, ...}``) are searched, not masked
wholesale, so their non-secret settings stay readable.
"""

from __future__ import annotations

from typing import Any

MASK = "******"
CREDENTIAL_KEYS = frozenset(
    key.lower()
    for key in (
        "password",
        "token",
        "secret",
        "clientSecret",
        "apiKey",
        "apiSecret",
        "accessToken",
        "refreshToken",
        "bearerToken",
        "sessionToken",
        "key",
        "privateKey",
        "passphrase",
        "consumerSecret",
        "tokenSecret",
        "encrypted",
    )
)
_OPAQUE = "encrypted"  # every leaf below this key is secret


def is_credential_key(key: str) -> bool:
    return key.lower() in CREDENTIAL_KEYS


def _is_secret_entry(key: str, value: Any) -> bool:
    """A credential key holding a scalar or a list, or anything under ``encrypted``."""
    return key.lower() == _OPAQUE or (is_credential_key(key) and not isinstance(value, dict))


def mask(value: Any, secret: bool = False) -> Any:
    """A copy with every credential value replaced by ``******`` (nulls stay null)."""
    if isinstance(value, dict):
        return {key: mask(item, secret or _is_secret_entry(key, item)) for key, item in value.items()}
    if isinstance(value, list):
        return [mask(item, secret) for item in value]
    return MASK if secret and value is not None else value


def strip(value: Any) -> Any:
    """A copy without any credential field."""
    if isinstance(value, dict):
        return {key: strip(item) for key, item in value.items() if not _is_secret_entry(key, item)}
    if isinstance(value, list):
        return [strip(item) for item in value]
    return value


def credentials(value: Any, path: str = "", secret: bool = False) -> list[tuple[str, Any]]:
    """``(dotted path, value)`` of every credential leaf, nulls included (``http.auth.basic.password``)."""
    if isinstance(value, dict):
        found: list[tuple[str, Any]] = []
        for key, item in value.items():
            found += credentials(item, f"{path}.{key}" if path else key, secret or _is_secret_entry(key, item))
        return found
    if isinstance(value, list):
        return [leaf for index, item in enumerate(value) for leaf in credentials(item, f"{path}[{index}]", secret)]
    return [(path, value)] if secret else []


def is_credential_path(path: str) -> bool:
    """Whether a dotted field path (``http.auth.basic.password``) leads to a credential."""
    names = [part for part in path.split(".") if not part.isdigit()]
    if any(name.lower() == _OPAQUE for name in names):
        return True
    return bool(names) and is_credential_key(names[-1])
