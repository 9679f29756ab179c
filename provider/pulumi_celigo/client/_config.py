"""How the client finds its API token and base URL.

Order of precedence, per setting: the Pulumi stack config (`celigo:apiToken`, `celigo:region`,
`celigo:baseUrl`), then the environment (`CELIGO_API_TOKEN`, `CELIGO_REGION`, `CELIGO_BASE_URL`).
An explicit base URL (the emulator, a proxy) wins over the region.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pydantic import SecretStr

from ._errors import ConfigurationError

REGION_BASE_URLS: dict[str, str] = {
    "us": "https://api.integrator.io/v1",
    "eu": "https://api.eu.integrator.io/v1",
}
DEFAULT_REGION = "us"

#: Seconds to wait for a connection, and for an answer to an ordinary call.
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 60.0
#: Cloning copies a flow with its exports and imports: the real service can take minutes.
CLONE_READ_TIMEOUT = 360.0

#: Stack config keys and their environment fallbacks.
CONFIG_KEYS: dict[str, tuple[str, str]] = {
    "api_token": ("celigo:apiToken", "CELIGO_API_TOKEN"),
    "region": ("celigo:region", "CELIGO_REGION"),
    "base_url": ("celigo:baseUrl", "CELIGO_BASE_URL"),
}


@dataclass(frozen=True)
class ClientConfig:
    """Everything the client needs; the token is a `SecretStr`, so it never shows in a repr."""

    api_token: SecretStr
    base_url: str = REGION_BASE_URLS[DEFAULT_REGION]
    connect_timeout: float = CONNECT_TIMEOUT
    read_timeout: float = READ_TIMEOUT
    clone_read_timeout: float = CLONE_READ_TIMEOUT
    user_agent_suffix: str = field(default="")

    def __post_init__(self) -> None:
        parts = urlsplit(self.base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigurationError(
                f"celigo:baseUrl / CELIGO_BASE_URL must be an http(s) URL such as "
                f"{REGION_BASE_URLS['us']!r}, got {self.base_url!r}"
            )
        object.__setattr__(self, "base_url", self.base_url.rstrip("/"))


def _lookup(key: str, stack_config: Mapping[str, str], environ: Mapping[str, str]) -> str | None:
    config_key, env_key = CONFIG_KEYS[key]
    value = stack_config.get(config_key) or environ.get(env_key)
    return value.strip() if value and value.strip() else None


def resolve_config(
    stack_config: Mapping[str, str] | None = None, environ: Mapping[str, str] | None = None
) -> ClientConfig:
    """Build a `ClientConfig` from stack config, falling back to the environment."""
    stack_config = stack_config or {}
    environ = os.environ if environ is None else environ
    token = _lookup("api_token", stack_config, environ)
    if token is None:
        raise ConfigurationError(
            "No Celigo API token is configured. Set it in the stack "
            "(pulumi config set --secret celigo:apiToken <token>) or in the environment "
            "(export CELIGO_API_TOKEN=<token>)."
        )
    base_url = _lookup("base_url", stack_config, environ)
    if base_url is None:
        region = (_lookup("region", stack_config, environ) or DEFAULT_REGION).lower()
        if region not in REGION_BASE_URLS:
            raise ConfigurationError(
                f"Unknown Celigo region {region!r} (celigo:region / CELIGO_REGION): "
                f"use one of {', '.join(sorted(REGION_BASE_URLS))}, or set celigo:baseUrl."
            )
        base_url = REGION_BASE_URLS[region]
    return ClientConfig(api_token=SecretStr(token), base_url=base_url)
