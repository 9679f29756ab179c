"""The integrator.io API client: the only code in pulumi_celigo that speaks HTTP to the API.

    client = CeligoClient(resolve_config())      # stack config, then CELIGO_* environment, then defaults
    flow = client.flows.get("5f...")
    flow.name = "Renamed"
    client.flows.replace(flow.id, flow)          # unknown fields survive the round trip

Thread-safe: one client is shared by every worker thread of the Pulumi plugin server.
"""

from __future__ import annotations

import hashlib
import threading

from ..models import TokenInfo
from ._config import (
    CLONE_READ_TIMEOUT,
    REGION_BASE_URLS,
    SETTINGS,
    ClientConfig,
    Setting,
    resolve_config,
    setting_value,
)
from ._errors import (
    ApiConnectionError,
    ApiError,
    BadRequestError,
    CeligoError,
    ConfigurationError,
    ConflictError,
    DeadlineExceededError,
    ErrorDetail,
    ForbiddenError,
    InvalidIdError,
    NotFoundError,
    OutcomeUnknownError,
    RateLimitedError,
    ServerError,
    UnauthorizedError,
    UnexpectedResponseError,
    ValidationError,
)
from ._transport import Transport, default_retry
from .flows import FlowsApi
from .resources import ConnectionsApi, ExportsApi, ImportsApi, IntegrationsApi, JobsApi, ScriptsApi

#: (base URL, sha256 of the token) pairs whose token this process has checked.
_VERIFIED: set[tuple[str, str]] = set()
_VERIFIED_LOCK = threading.Lock()


class CeligoClient:
    """Typed access to integrator.io, built once per process from a `ClientConfig`."""

    def __init__(self, config: ClientConfig, *, transport: Transport | None = None) -> None:
        self.config = config
        self.transport = transport or Transport(config)
        self.flows = FlowsApi(self.transport)
        self.connections = ConnectionsApi(self.transport)
        self.exports = ExportsApi(self.transport)
        self.imports = ImportsApi(self.transport)
        self.integrations = IntegrationsApi(self.transport)
        self.scripts = ScriptsApi(self.transport)
        self.jobs = JobsApi(self.transport)

    def __repr__(self) -> str:
        return f"CeligoClient(base_url={self.config.base_url!r})"

    def token_info(self) -> TokenInfo:
        return self.transport.call("GET", "/tokenInfo", TokenInfo.from_api)

    def verify_token_once(self) -> None:
        """`GET /tokenInfo` the first time this process uses this (base URL, token): a wrong token, region
        or base URL then fails with the API's own clear error. Only successes are remembered."""
        key = (self.config.base_url, hashlib.sha256(self.config.api_token.get_secret_value().encode()).hexdigest())
        with _VERIFIED_LOCK:
            if key not in _VERIFIED:
                try:
                    self.token_info()
                except NotFoundError:
                    raise ConfigurationError(
                        f"celigo:baseUrl / CELIGO_BASE_URL {self.config.base_url} is not the integrator.io API: "
                        "GET /tokenInfo answered HTTP 404. "
                        + (
                            self.transport.not_found_hint
                            or f"Use the API's base URL, such as {REGION_BASE_URLS['us']}."
                        )
                    ) from None
                _VERIFIED.add(key)

    def close(self) -> None:
        self.transport.close()

    def __enter__(self) -> CeligoClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = [
    "CLONE_READ_TIMEOUT",
    "REGION_BASE_URLS",
    "SETTINGS",
    "ApiConnectionError",
    "ApiError",
    "BadRequestError",
    "CeligoClient",
    "CeligoError",
    "ClientConfig",
    "ConfigurationError",
    "ConflictError",
    "DeadlineExceededError",
    "ErrorDetail",
    "ForbiddenError",
    "InvalidIdError",
    "NotFoundError",
    "OutcomeUnknownError",
    "RateLimitedError",
    "ServerError",
    "Setting",
    "Transport",
    "UnauthorizedError",
    "UnexpectedResponseError",
    "ValidationError",
    "default_retry",
    "resolve_config",
    "setting_value",
]
