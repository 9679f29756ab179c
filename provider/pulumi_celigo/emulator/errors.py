"""The one error type of the emulator and its wire format.

Everything that goes wrong in a request raises :class:`ApiError`; the app renders it as
``{"errors": [{"code", "message", "field"?}]}`` with the reference's status code. 401 is the
exception the reference documents: a bare ``{"message": ...}`` body (see :func:`unauthorized`).
"""

from __future__ import annotations

from typing import Any

ErrorItem = dict[str, str]


def error_item(code: str, message: str, field: str | None = None) -> ErrorItem:
    """One entry of an ``errors`` array; ``field`` only when it names a field."""
    item = {"code": code, "message": message}
    if field is not None:
        item["field"] = field
    return item


class ApiError(Exception):
    """An HTTP error answer: status, body and extra headers."""

    def __init__(
        self,
        status: int,
        errors: list[ErrorItem] | None = None,
        *,
        body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.status = status
        self.errors = list(errors or [])
        self.headers = dict(headers or {})
        # A body given explicitly (401) replaces the errors envelope.
        self.body: Any = body if body is not None else {"errors": self.errors}
        super().__init__(f"{status}: {self.body}")


def bad_request(code: str, message: str, field: str | None = None) -> ApiError:
    return ApiError(400, [error_item(code, message, field)])


def unauthorized(message: str) -> ApiError:
    return ApiError(401, body={"message": message})


def forbidden(message: str = "This token has read-only access: writes are not allowed.") -> ApiError:
    return ApiError(403, [error_item("access_restricted", message)])


def not_found(message: str = "Resource not found.") -> ApiError:
    return ApiError(404, [error_item("not_found", message)])


def conflict(code: str, message: str) -> ApiError:
    return ApiError(409, [error_item(code, message)])


def unprocessable(errors: list[ErrorItem]) -> ApiError:
    return ApiError(422, errors)


def invalid_field(field: str, message: str) -> ErrorItem:
    return error_item("invalid_field", message, field)


def invalid_ref(field: str, message: str) -> ErrorItem:
    return error_item("invalid_ref", message, field)


def missing_field(field: str) -> ErrorItem:
    return error_item("missing_required_field", f"{field} is required.", field)
