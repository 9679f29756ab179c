"""The `celigo` configuration of the stack, read when an attribute is accessed (never at import).

Each setting comes from the stack config, else from the environment::

    pulumi config set --secret celigo:apiToken <token>   # or CELIGO_API_TOKEN
    pulumi config set celigo:region eu                   # or CELIGO_REGION; "us" by default
    pulumi config set celigo:baseUrl http://localhost:8080/v1   # or CELIGO_BASE_URL

The resources' provider reads the same keys by itself; this module is for programs that want the
values, for example ``pulumi_celigo.config.region``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pulumi

from . import _utilities
from .client._config import CONFIG_KEYS, DEFAULT_REGION

__all__ = ["api_token", "base_url", "region"]

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


def _setting(attribute: str) -> str | None:
    config_key, env_key = CONFIG_KEYS[attribute]
    namespace, key = config_key.split(":", 1)
    value = pulumi.Config(namespace).get(key)
    if value is not None and value.strip():
        return value.strip()
    return _utilities.get_env(env_key)


if not TYPE_CHECKING:  # type checkers see the declarations above, and flag misspelled names

    def __getattr__(name: str) -> str | None:
        if name == "region":
            return (_setting("region") or DEFAULT_REGION).lower()
        if name in __all__:
            return _setting(name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
