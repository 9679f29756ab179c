"""One exception tree for everything the client can raise.

    CeligoError
    ├── ConfigurationError          no token, unknown region, bad base URL or setting
    ├── InvalidIdError              an id for a URL path that is not an ObjectId (also a ValueError)
    ├── ApiError                    the API answered with an error status
    │   ├── BadRequestError         400 (malformed body or query, invalid_connectionMap)
    │   ├── UnauthorizedError       401 (missing, bad, revoked or expired token)
    │   ├── ForbiddenError          403 (token lacks rights, e.g. a read-only token writing)
    │   ├── NotFoundError           404
    │   ├── ConflictError           409 (in use)
    │   ├── ValidationError         422 (missing_required_field, invalid_ref, inactive_flow, ...)
    │   ├── RateLimitedError        429 after every retry
    │   ├── ServerError             5xx after every retry
    │   └── UnexpectedResponseError a redirect, or a success whose body is not the API's JSON
    ├── ApiConnectionError          no answer at all for a request that is safe to repeat
    ├── DeadlineExceededError       a call still failing when its overall deadline passed
    └── OutcomeUnknownError         a write that may or may not have been applied

Messages carry the method, the path (never the host's credentials or headers), the status and
the API's own error codes, fields and messages.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass


class CeligoError(Exception):
    """Base of every error raised by pulumi_celigo's client."""


class ConfigurationError(CeligoError):
    """The client cannot be configured (for example, no API token)."""


class InvalidIdError(CeligoError, ValueError):
    """A value meant for a URL path is not an integrator.io id: refused before anything is sent."""

    def __init__(self, value: str) -> None:
        self.value = value
        super().__init__(f"{json.dumps(value)} is not an integrator.io id (24 hexadecimal characters)")


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

    def __init__(
        self, method: str, path: str, status: int, details: Sequence[ErrorDetail], *, hint: str | None = None
    ) -> None:
        self.method = method
        self.path = path
        self.status = status
        self.details = tuple(details)
        summary = "; ".join(str(d) for d in self.details) or "no error details"
        message = f"{method} {path} failed with HTTP {status}: {summary}"
        hints = " ".join(h for h in (_HINTS.get(status), hint) if h)
        super().__init__(f"{message}. {hints}" if hints else message)

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


class UnexpectedResponseError(ApiError):
    """The answer is not one the API gives: a redirect, or a success whose body is not the expected JSON
    (a proxy's or login page's HTML, another shape). Usually a wrong base URL or a proxy in the way."""

    def __init__(self, method: str, path: str, status: int, what: str) -> None:
        self.method = method
        self.path = path
        self.status = status
        self.details = ()
        CeligoError.__init__(
            self,
            f"{method} {path}: unexpected answer (HTTP {status}): {what}. Check that celigo:baseUrl / "
            "CELIGO_BASE_URL (or celigo:region) points at the integrator.io API itself, not at a proxy or web page.",
        )


def error_for_status(
    method: str, path: str, status: int, details: Sequence[ErrorDetail], *, hint: str | None = None
) -> ApiError:
    """The exception for an error status: one subclass per status, `ServerError` for any 5xx."""
    cls = _BY_STATUS.get(status) or (ServerError if status >= 500 else ApiError)
    return cls(method, path, status, details, hint=hint)


class ApiConnectionError(CeligoError):
    """No answer after every retry, for a request that is safe to repeat (nothing was changed)."""

    def __init__(self, method: str, path: str, cause: BaseException, *, where: str) -> None:
        self.method = method
        self.path = path
        #: The API's address (scheme://host:port/path) that did not answer.
        self.where = where
        super().__init__(
            f"{method} {path}: no answer from {where} after retries ({type(cause).__name__}). Check celigo:baseUrl / "
            "CELIGO_BASE_URL (or celigo:region) and that this machine can reach that address."
        )


class DeadlineExceededError(CeligoError):
    """A call still failing (or unanswered) when its overall deadline, retries included, ran out."""

    def __init__(self, method: str, path: str, deadline: float, last: str) -> None:
        self.method = method
        self.path = path
        self.deadline = deadline
        super().__init__(
            f"{method} {path}: gave up after {deadline:g} s, the deadline for one API call with its retries "
            f"(celigo:requestDeadline / CELIGO_REQUEST_DEADLINE); last attempt: {last}. Try again later, or raise "
            "the deadline."
        )


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
