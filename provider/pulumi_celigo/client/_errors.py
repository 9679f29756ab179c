"""One exception tree for everything the client can raise.

    CeligoError
    ├── ConfigurationError          no token, unknown region, bad base URL
    ├── ApiError                    the API answered with an error status
    │   ├── BadRequestError         400 (malformed body or query, invalid_connectionMap)
    │   ├── UnauthorizedError       401 (missing, bad, revoked or expired token)
    │   ├── ForbiddenError          403 (token lacks rights, e.g. a read-only token writing)
    │   ├── NotFoundError           404
    │   ├── ConflictError           409 (in use)
    │   ├── ValidationError         422 (missing_required_field, invalid_ref, inactive_flow, ...)
    │   ├── RateLimitedError        429 after every retry
    │   └── ServerError             5xx after every retry
    ├── ApiConnectionError          no answer at all for a request that is safe to repeat
    └── OutcomeUnknownError         a write that may or may not have been applied

Messages carry the method, the path (never the host's credentials or headers), the status and
the API's own error codes, fields and messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class CeligoError(Exception):
    """Base of every error raised by pulumi_celigo's client."""


class ConfigurationError(CeligoError):
    """The client cannot be configured (for example, no API token)."""


@dataclass(frozen=True)
class ErrorDetail:
    """One entry of the API's `errors` array."""

    code: str | None
    message: str | None
    field: str | None = None

    def __str__(self) -> str:
        parts = [p for p in (self.code, f"field '{self.field}'" if self.field else None) if p]
        head = " ".join(parts)
        if head and self.message:
            return f"{head}: {self.message}"
        return head or self.message or "unknown error"


_HINTS: dict[int, str] = {
    401: (
        "Check the API token (pulumi config set --secret celigo:apiToken ..., or CELIGO_API_TOKEN) "
        "and that it belongs to the configured region (celigo:region us|eu). "
        "`pulumi refresh` and `pulumi destroy` use the config saved at the last `pulumi up`: after rotating "
        "the token, run them with --run-program (or run `pulumi up` first)."
    ),
    403: "The API token lacks the rights for this operation: use a full-access token, or one scoped to it.",
    429: "The account's rate limit is exhausted; retry later or lower the deployment's parallelism.",
}


class ApiError(CeligoError):
    """The API answered with an error status."""

    status: int

    def __init__(self, method: str, path: str, status: int, details: Sequence[ErrorDetail]) -> None:
        self.method = method
        self.path = path
        self.status = status
        self.details = tuple(details)
        summary = "; ".join(str(d) for d in self.details) or "no error details"
        message = f"{method} {path} failed with HTTP {status}: {summary}"
        hint = _HINTS.get(status)
        super().__init__(f"{message}. {hint}" if hint else message)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(d.code for d in self.details if d.code)

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(d.field for d in self.details if d.field)


class BadRequestError(ApiError):
    status = 400


class UnauthorizedError(ApiError):
    status = 401


class ForbiddenError(ApiError):
    status = 403


class NotFoundError(ApiError):
    status = 404


class ConflictError(ApiError):
    status = 409


class ValidationError(ApiError):
    status = 422


class RateLimitedError(ApiError):
    status = 429


class ServerError(ApiError):
    status = 500


_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequestError,
    401: UnauthorizedError,
    403: ForbiddenError,
    404: NotFoundError,
    409: ConflictError,
    422: ValidationError,
    429: RateLimitedError,
}


def error_for_status(method: str, path: str, status: int, details: Sequence[ErrorDetail]) -> ApiError:
    """The exception for an error status: one subclass per status, `ServerError` for any 5xx."""
    cls = _BY_STATUS.get(status) or (ServerError if status >= 500 else ApiError)
    return cls(method, path, status, details)


class ApiConnectionError(CeligoError):
    """No answer after every retry, for a request that is safe to repeat (nothing was changed)."""

    def __init__(self, method: str, path: str, cause: BaseException) -> None:
        self.method = method
        self.path = path
        super().__init__(f"{method} {path}: no answer from the API after retries ({type(cause).__name__})")


class OutcomeUnknownError(CeligoError):
    """A write was sent but no answer came back: it may or may not have been applied.

    Never retried blindly: the caller must look for what the write would have created (the
    resource layer does so through a marker it wrote) before trying again.
    """

    def __init__(self, method: str, path: str, reason: str, *, timed_out: bool = False, settle: float = 0.0) -> None:
        self.method = method
        self.path = path
        self.reason = reason
        #: True when the client stopped waiting: the server may still be applying the write.
        self.timed_out = timed_out
        #: Seconds during which the write's effect may still appear (the server may still be applying
        #: it): how long a caller should keep looking for it before writing again. 0 when it cannot.
        self.settle = settle
        super().__init__(f"{method} {path}: outcome unknown ({reason}); the write may have been applied")
