"""The `celigo` configuration of the stack, read when an attribute is accessed (never at import).

Each setting comes from the stack config, else from the environment, else its default::

    pulumi config set --secret celigo:apiToken <token>   # or CELIGO_API_TOKEN
    pulumi config set celigo:region eu                   # or CELIGO_REGION; "us" by default
    pulumi config set celigo:baseUrl http://localhost:8080/v1   # or CELIGO_BASE_URL
    pulumi config set celigo:readTimeout 120             # or CELIGO_READ_TIMEOUT; seconds

The resources' provider resolves the same settings (`pulumi_celigo.client.SETTINGS`, one resolver);
this module is for programs that want the values, for example ``pulumi_celigo.config.region``. An
invalid value raises `ConfigurationError` naming its key.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import pulumi

from .client._config import SETTINGS, SETTINGS_BY_NAME, setting_value

__all__ = [
    "allow_insecure_http",
    "api_token",
    "base_url",
    "clone_read_timeout",
    "connect_timeout",
    "max_retries",
    "read_timeout",
    "region",
    "request_deadline",
]

api_token: str | None
"""
The integrator.io API token: `celigo:apiToken`, else `CELIGO_API_TOKEN`. A plain string, as in generated
SDKs: wrap it in `pulumi.Output.secret` before passing it anywhere.
"""

region: str
"""The integrator.io region, `us` or `eu`: `celigo:region`, else `CELIGO_REGION`, else `us`."""

base_url: str | None
"""
The API's base URL, which wins over `region` (for a proxy or the emulator): `celigo:baseUrl`, else
`CELIGO_BASE_URL`. None when neither is set: the region's URL is used.
"""

allow_insecure_http: bool
"""Allow a plain-http base URL on a host other than loopback (`celigo:allowInsecureHttp`); false by default."""

connect_timeout: float
"""Seconds to wait for a connection (`celigo:connectTimeout`); 10 by default."""

read_timeout: float
"""Seconds to wait for an answer (`celigo:readTimeout`); 60 by default."""

clone_read_timeout: float
"""Seconds to wait for a clone's answer (`celigo:cloneReadTimeout`); 360 by default."""

max_retries: int
"""Retries per request on 429, 502/503/504 and dropped connections (`celigo:maxRetries`); 10 by default."""

request_deadline: float
"""Seconds one API call may take, retries included (`celigo:requestDeadline`); 300 by default."""


def stack_config() -> dict[str, Any]:
    """The stack's `celigo:*` settings that are set, by key (`celigo:readTimeout`), for `resolve_config`."""
    found: dict[str, Any] = {}
    for setting in SETTINGS:
        namespace, key = setting.key.split(":", 1)
        value = pulumi.Config(namespace).get(key)
        if value is not None:
            found[setting.key] = value
    return found


if not TYPE_CHECKING:  # type checkers see the declarations above, and flag misspelled names

    def __getattr__(name: str) -> Any:
        if name in SETTINGS_BY_NAME:
            return setting_value(name, stack_config(), os.environ)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
