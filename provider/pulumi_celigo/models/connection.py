"""The connection document (reference 5.2): what an export or import talks to, and its credentials.

Only the `http` block is modelled field by field (the reference documents it); every other key of a
connection (other types' blocks, `sandbox`, OAuth settings, ...) is kept as the API has it, as in
every model. Types are loose (`str`, not the documented choices) so that any connection the API
returns parses; the choices a program may write are checked by the provider.

Credentials (`http.auth.basic.password`, `http.auth.token.token`, everything under `http.encrypted`)
come back from the API masked as `MASK`.
"""

from __future__ import annotations

from typing import Any

from ._base import ApiModel

#: What the API shows in place of every credential.
MASK = "******"
#: Where a connection's credentials are, in the program's names: a path to an object means every
#: value under it (the reference: "everything under `encrypted`").
CONNECTION_CREDENTIALS: tuple[tuple[str, ...], ...] = (
    ("http", "auth", "basic", "password"),
    ("http", "auth", "token", "token"),
    ("http", "encrypted"),
)
#: Connection types a program may write: the ones modelled here.
CONNECTION_TYPES = ("http",)
#: `http.auth.type` values a program may write (OAuth needs a browser consent: not modelled).
HTTP_AUTH_TYPES = ("basic", "token", "cookie", "custom")
HTTP_MEDIA_TYPES = ("json", "xml", "urlencoded")
TOKEN_LOCATIONS = ("header", "url", "body")
PING_METHODS = ("GET", "POST", "PUT", "HEAD")


class HttpHeader(ApiModel):
    name: str | None = None
    value: str | None = None


class HttpPing(ApiModel):
    """The request integrator.io sends to test the connection."""

    relative_uri: str | None = None
    method: str | None = None


class HttpBasicAuth(ApiModel):
    username: str | None = None
    password: str | None = None


class HttpTokenAuth(ApiModel):
    token: str | None = None
    location: str | None = None
    header_name: str | None = None
    scheme: str | None = None


class HttpAuth(ApiModel):
    type: str | None = None
    basic: HttpBasicAuth | None = None
    token: HttpTokenAuth | None = None


class HttpConnection(ApiModel):
    base_uri: str | None = None
    media_type: str | None = None
    headers: list[HttpHeader] | None = None
    ping: HttpPing | None = None
    auth: HttpAuth | None = None
    encrypted: dict[str, Any] | None = None
    unencrypted: dict[str, Any] | None = None


class Connection(ApiModel):
    """An integrator.io connection. Timestamps stay ISO-8601 strings so they round-trip byte for byte."""

    id: str | None = None
    name: str | None = None
    type: str | None = None
    offline: bool | None = None
    http: HttpConnection | None = None
    settings: dict[str, Any] | None = None
    created_at: str | None = None
    last_modified: str | None = None
