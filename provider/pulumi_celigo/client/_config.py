"""Every setting of the client, and the one place that resolves them.

Each setting comes from the Pulumi stack config (`celigo:readTimeout`), else from the environment
(`CELIGO_READ_TIMEOUT`), else its default; blank values count as unset. An explicit base URL (the
emulator, a proxy) wins over the region. The provider's `configure`, `pulumi_celigo.config` and the
functions all resolve settings through `SETTINGS` and `setting_value` / `resolve_config`.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
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
#: Retry budget per request (429s, 502/503/504, dropped connections). 30% of requests failing still
#: leaves a ~1e-6 chance of exhausting it. Refused connections and read timeouts get fewer retries.
MAX_RETRIES = 10
#: Seconds one API call may take, retries and waits included, before the client gives up.
REQUEST_DEADLINE = 300.0
#: The account's rate limit, which the client paces itself to: a burst of requests, then a steady
#: rate (the documented 1,000 and 300/s; older documents say 100 and 30/s).
RATE_LIMIT_BURST = 1000
RATE_LIMIT_PER_SECOND = 300.0

_TRUE = frozenset({"true", "1", "yes", "on"})
_FALSE = frozenset({"false", "0", "no", "off"})


@dataclass(frozen=True)
class Setting:
    """One setting: where it is read from, its default, and how its text becomes a value."""

    name: str  # the ClientConfig field (and pulumi_celigo.config attribute)
    key: str  # the stack config key
    env: str  # the environment variable
    default: str | None
    parse: Callable[[str], Any]
    #: What a valid value looks like, for the error message.
    expected: str

    @property
    def label(self) -> str:
        return f"{self.key} / {self.env}"


def _text(raw: str) -> str:
    return raw


def _region(raw: str) -> str:
    region = raw.lower()
    if region not in REGION_BASE_URLS:
        raise ValueError(region)
    return region


def _flag(raw: str) -> bool:
    value = raw.lower()
    if value not in _TRUE | _FALSE:
        raise ValueError(raw)
    return value in _TRUE


def _seconds(raw: str) -> float:
    value = float(raw)
    if not 0 < value < float("inf"):
        raise ValueError(raw)
    return value


def _count(raw: str) -> int:
    value = int(raw)
    if value < 0:
        raise ValueError(raw)
    return value


def _positive_count(raw: str) -> int:
    value = int(raw)
    if value < 1:
        raise ValueError(raw)
    return value


SETTINGS: tuple[Setting, ...] = (
    Setting("api_token", "celigo:apiToken", "CELIGO_API_TOKEN", None, _text, "an integrator.io API token"),
    Setting("region", "celigo:region", "CELIGO_REGION", DEFAULT_REGION, _region, "one of eu, us"),
    Setting("base_url", "celigo:baseUrl", "CELIGO_BASE_URL", None, _text, "an http(s) URL"),
    Setting(
        "allow_insecure_http", "celigo:allowInsecureHttp", "CELIGO_ALLOW_INSECURE_HTTP", "false", _flag, "true or false"
    ),
    Setting(
        "connect_timeout",
        "celigo:connectTimeout",
        "CELIGO_CONNECT_TIMEOUT",
        str(CONNECT_TIMEOUT),
        _seconds,
        "seconds > 0",
    ),
    Setting("read_timeout", "celigo:readTimeout", "CELIGO_READ_TIMEOUT", str(READ_TIMEOUT), _seconds, "seconds > 0"),
    Setting(
        "clone_read_timeout",
        "celigo:cloneReadTimeout",
        "CELIGO_CLONE_READ_TIMEOUT",
        str(CLONE_READ_TIMEOUT),
        _seconds,
        "seconds > 0",
    ),
    Setting("max_retries", "celigo:maxRetries", "CELIGO_MAX_RETRIES", str(MAX_RETRIES), _count, "a whole number >= 0"),
    Setting(
        "request_deadline",
        "celigo:requestDeadline",
        "CELIGO_REQUEST_DEADLINE",
        str(REQUEST_DEADLINE),
        _seconds,
        "seconds > 0",
    ),
    Setting(
        "rate_limit_burst",
        "celigo:rateLimitBurst",
        "CELIGO_RATE_LIMIT_BURST",
        str(RATE_LIMIT_BURST),
        _positive_count,
        "a whole number >= 1 (requests)",
    ),
    Setting(
        "rate_limit_per_second",
        "celigo:rateLimitPerSecond",
        "CELIGO_RATE_LIMIT_PER_SECOND",
        str(RATE_LIMIT_PER_SECOND),
        _seconds,
        "requests per second > 0",
    ),
)
SETTINGS_BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


def setting_value(name: str, stack_config: Mapping[str, Any], environ: Mapping[str, str]) -> Any:
    """One setting: stack config, else environment, else default; parsed. None when unset without default."""
    setting = SETTINGS_BY_NAME[name]
    for source, raw in (("stack config", stack_config.get(setting.key)), ("environment", environ.get(setting.env))):
        text = "" if raw is None else str(raw).strip()
        if text:
            where = setting.key if source == "stack config" else setting.env
            break
    else:
        if setting.default is None:
            return None
        text, where = setting.default, "default"
    try:
        return setting.parse(text)
    except ValueError:
        shown = "<secret>" if setting.name == "api_token" else repr(text)
        raise ConfigurationError(f"Invalid {where} ({setting.label}): {shown}; expected {setting.expected}.") from None


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_base_url(base_url: str, *, allow_insecure_http: bool = False) -> str:
    """The base URL without trailing slash, or a ConfigurationError saying what is wrong with it."""
    label = "celigo:baseUrl / CELIGO_BASE_URL"
    example = REGION_BASE_URLS["us"]
    try:
        parts = urlsplit(base_url)
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        raise ConfigurationError(f"{label} is not a valid URL: {base_url!r}; use one such as {example!r}.") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(f"{label} must be an http(s) URL such as {example!r}, got {base_url!r}")
    if parts.username is not None or parts.password is not None:
        raise ConfigurationError(
            f"{label} must not carry a user name or password (the API token is sent as a header): "
            f"remove the part before '@' from {parts.scheme}://...@{parts.hostname}."
        )
    if parts.query or parts.fragment or base_url.endswith(("?", "#")):
        raise ConfigurationError(
            f"{label} must not have a query or fragment ('?...' or '#...'): got {base_url!r}; "
            f"use one such as {example!r}."
        )
    if parts.scheme == "http" and not allow_insecure_http and not _is_loopback(parts.hostname):
        raise ConfigurationError(
            f"{label} {base_url!r} uses plain http to {parts.hostname}, which would send the API token unencrypted: "
            "use https, or set celigo:allowInsecureHttp / CELIGO_ALLOW_INSECURE_HTTP to true if you really mean it "
            "(plain http is allowed without it only on loopback: 127.0.0.0/8, ::1, localhost)."
        )
    return base_url.rstrip("/")


def check_token(token: str) -> None:
    """Refuse a token an HTTP header cannot carry; the message never shows the token."""
    for position, char in enumerate(token, start=1):
        if not "\x21" <= char <= "\x7e":
            kind = (
                "whitespace" if char.isspace() else "a control character" if char.isascii() else "a non-ASCII character"
            )
            raise ConfigurationError(
                f"The Celigo API token (celigo:apiToken / CELIGO_API_TOKEN) contains {kind} at position {position} "
                f"of {len(token)}, which an HTTP header cannot carry: copy the token again from integrator.io "
                "(Resources > API tokens) and set it without quotes, spaces or line breaks."
            )


@dataclass(frozen=True)
class ClientConfig:
    """Everything the client needs; the token is a `SecretStr`, so it never shows in a repr."""

    api_token: SecretStr
    base_url: str = REGION_BASE_URLS[DEFAULT_REGION]
    allow_insecure_http: bool = False
    connect_timeout: float = CONNECT_TIMEOUT
    read_timeout: float = READ_TIMEOUT
    clone_read_timeout: float = CLONE_READ_TIMEOUT
    max_retries: int = MAX_RETRIES
    request_deadline: float = REQUEST_DEADLINE
    rate_limit_burst: int = RATE_LIMIT_BURST
    rate_limit_per_second: float = RATE_LIMIT_PER_SECOND
    user_agent_suffix: str = ""

    def __post_init__(self) -> None:
        check_token(self.api_token.get_secret_value())
        object.__setattr__(
            self, "base_url", check_base_url(self.base_url, allow_insecure_http=self.allow_insecure_http)
        )


def resolve_config(
    stack_config: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> ClientConfig:
    """Every setting, from stack config (keys such as `celigo:apiToken`), else the environment, else defaults."""
    stack_config = stack_config or {}
    environ = os.environ if environ is None else environ
    values = {s.name: setting_value(s.name, stack_config, environ) for s in SETTINGS}
    token = values.pop("api_token")
    if token is None:
        raise ConfigurationError(
            "No Celigo API token is configured. Set it in the stack "
            "(pulumi config set --secret celigo:apiToken <token>) or in the environment "
            "(export CELIGO_API_TOKEN=<token>)."
        )
    region = values.pop("region")
    values["base_url"] = values["base_url"] or REGION_BASE_URLS[region]
    return ClientConfig(api_token=SecretStr(token), **values)
