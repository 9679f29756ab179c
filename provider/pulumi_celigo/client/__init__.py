"""The integrator.io API client: the only code in pulumi_celigo that speaks HTTP to the API.

    client = CeligoClient(resolve_config())      # stack config, then CELIGO_* environment
    flow = client.flows.get("5f...")
    flow.name = "Renamed"
    client.flows.replace(flow.id, flow)          # unknown fields survive the round trip

Thread-safe: one client is shared by every worker thread of the Pulumi plugin server.
"""

from __future__ import annotations

from ..models import TokenInfo
from ._config import (
    CLONE_READ_TIMEOUT,
    CONFIG_KEYS,
    REGION_BASE_URLS,
    ClientConfig,
    resolve_config,
)
from ._errors import (
    ApiConnectionError,
    ApiError,
    BadRequestError,
    CeligoError,
    ConfigurationError,
    ConflictError,
    ErrorDetail,
    ForbiddenError,
    NotFoundError,
    OutcomeUnknownError,
    RateLimitedError,
    ServerError,
    UnauthorizedError,
    ValidationError,
)
from ._transport import Transport, default_retry
from .flows import FlowsApi
from .resources import ConnectionsApi, ExportsApi, ImportsApi, IntegrationsApi, JobsApi


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
        self.jobs = JobsApi(self.transport)

    def __repr__(self) -> str:
        return f"CeligoClient(base_url={self.config.base_url!r})"

    def token_info(self) -> TokenInfo:
        return TokenInfo.from_api(self.transport.json("GET", "/tokenInfo"))

    def close(self) -> None:
        self.transport.close()

    def __enter__(self) -> CeligoClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = [
    "CLONE_READ_TIMEOUT",
    "CONFIG_KEYS",
    "REGION_BASE_URLS",
    "ApiConnectionError",
    "ApiError",
    "BadRequestError",
    "CeligoClient",
    "CeligoError",
    "ClientConfig",
    "ConfigurationError",
    "ConflictError",
    "ErrorDetail",
    "ForbiddenError",
    "NotFoundError",
    "OutcomeUnknownError",
    "RateLimitedError",
    "ServerError",
    "Transport",
    "UnauthorizedError",
    "ValidationError",
    "default_retry",
    "resolve_config",
]
