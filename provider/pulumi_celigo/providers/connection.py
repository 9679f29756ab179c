"""The Connection provider: HTTP connections and their credentials, managed without ever reading them.

Built on `DocumentProvider` (create with a marker in `settings`, adopt, read, update = GET + PUT,
dependency-checked delete). What connections add is credentials: integrator.io shows every one masked
and its PUT replaces the whole connection (reference 5.2), so (`providers._credentials`):
* the canonical form leaves credentials out and holds the digest of the ones the document gives
  instead: the program's (from its inputs, or from the state's outputs, where they are kept as secrets)
  or none (a connection as the API shows it). A rotation is then a change like any other (one GET +
  one PUT), and a connection the program gives no credential for matches the live one;
* a PUT that would drop or mask a credential the connection holds (the program does not give it) is
  refused, nothing written: the provider never changes a credential the program does not give;
* outputs hold the program's credentials where the API shows the mask (the resource class marks
  `http` secret); a credential the program does not give stays masked; `Connection.get` and
  `get_connection` show every credential masked.

Calls: check 0; create = 1 list (`GET /connections?include=settings`: a connection an interrupted
create made?) + 1 POST (no identity: 1 POST); adoption = 1 GET (+ 1 PUT unless the connection already
matches and the program gives no credential: a given one cannot be compared, so it is written once);
read = 1 GET; update = GET + PUT (none when only provider options change); delete =
`GET /connections/{id}/dependencies` + DELETE (`allow_delete_with_dependents=True`: the DELETE alone).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar
from urllib.parse import urlsplit

from pulumi.dynamic import CheckFailure, CreateResult, ReadResult, UpdateResult

from ..client.resources import CollectionApi
from ..models import CONNECTION_CREDENTIALS, ApiModel, Connection
from ..models.connection import (
    CONNECTION_TYPES,
    HTTP_AUTH_TYPES,
    HTTP_MEDIA_TYPES,
    PING_METHODS,
    TOKEN_LOCATIONS,
    HttpConnection,
)
from ..models.flow_document import hide_marker
from ._base import is_get
from ._credentials import Credentials, dotted
from ._document import DocumentProvider, choice_failure

__all__ = ["SECRET_OUTPUTS", "ConnectionInputs", "ConnectionProvider", "public_outputs"]

CREDENTIALS = Credentials(CONNECTION_CREDENTIALS)
#: The outputs the resource class always marks secret: they hold credentials.
SECRET_OUTPUTS: tuple[str, ...] = ("http",)
#: Where the canonical form keeps the digest of the credentials a document gives.
DIGEST_KEY = "credentials_digest"


class ConnectionInputs(ApiModel):
    """What a program may write: the connection's managed fields and the provider's options."""

    name: str | None = None
    type: str | None = None
    offline: bool | None = None
    http: HttpConnection | None = None
    adopt_id: str | None = None
    allow_delete_with_dependents: bool | None = None


def _http_failures(conn: ConnectionInputs) -> list[CheckFailure]:
    """The `http` block's rules the types cannot express; each failure names its field."""
    failures: list[CheckFailure] = []

    def fail(path: str, message: str) -> None:
        failures.append(CheckFailure("http", f"{path}: {message}"))

    http = conn.http
    if http is None:
        if conn.type == "http" and conn.adopt_id is None:
            fail("http", "is required for a connection of type 'http' (base_uri, auth, ...)")
        return failures
    if http.base_uri is None:
        fail("http.base_uri", "is required: the URL every request starts with, such as 'https://api.example.com'")
    elif (url := urlsplit(http.base_uri)).scheme not in ("http", "https") or not url.netloc:
        fail("http.base_uri", f"{http.base_uri!r} is not an absolute http(s) URL")
    failures += choice_failure("http", "http.media_type", http.media_type, HTTP_MEDIA_TYPES)
    for i, header in enumerate(http.headers or []):
        if not header.name:
            fail(f"http.headers[{i}].name", "is required: the header's name, such as 'X-Api-Version'")
    if http.ping is not None:
        failures += choice_failure("http", "http.ping.method", http.ping.method, PING_METHODS)
        if http.ping.relative_uri is not None and urlsplit(http.ping.relative_uri).scheme:
            fail("http.ping.relative_uri", "is relative to base_uri: write a path such as '/me'")
    auth = http.auth
    if auth is not None:
        if auth.type is None:
            fail("http.auth.type", "is required: one of " + ", ".join(HTTP_AUTH_TYPES))
        failures += choice_failure("http", "http.auth.type", auth.type, HTTP_AUTH_TYPES)
        for block in ("basic", "token"):
            if getattr(auth, block) is not None and auth.type in HTTP_AUTH_TYPES and auth.type != block:
                fail(f"http.auth.{block}", f"is given but http.auth.type is {auth.type!r}: remove one of them")
        if auth.token is not None:
            failures += choice_failure("http", "http.auth.token.location", auth.token.location, TOKEN_LOCATIONS)
            if auth.token.header_name is not None and auth.token.location in ("url", "body"):
                fail("http.auth.token.header_name", "applies only when location is 'header'")
    for path, value in CREDENTIALS.values(conn.to_python()).items():
        if value == "******":
            fail(
                dotted(path),
                "is the mask integrator.io shows in place of a credential, not the credential: give the real "
                "value (for example from `pulumi config set --secret`), or leave it out to keep the stored one",
            )
        elif value == "":
            fail(dotted(path), "is empty: give the credential, or leave it out")
    return failures


def public_outputs(conn: Connection) -> dict[str, Any]:
    """What `get_connection` shows: every known field in snake_case, no marker, every credential masked."""
    outs = {k: v for k, v in conn.to_python().items() if k in Connection.model_fields}
    settings = hide_marker(outs.pop("settings", None))
    if settings:
        outs["settings"] = settings
    return CREDENTIALS.masked(outs)


class ConnectionProvider(DocumentProvider):
    """Dynamic provider of `pulumi_celigo.Connection`. Its module path and name are a promise to existing stacks."""

    KIND = "connection"
    LABEL = "Connection"
    DOCUMENT = Connection
    INPUTS = ConnectionInputs
    MANAGED_FIELDS: ClassVar[tuple[str, ...]] = ("name", "type", "offline", "http")
    DEFAULTS: ClassVar[Mapping[str, Any]] = {"offline": False}

    def api(self) -> CollectionApi[Any]:
        return self.client.connections

    def input_failures(self, inputs: Any, pending: Mapping[str, Any]) -> list[CheckFailure]:
        failures = super().input_failures(inputs, pending)
        if inputs.type is None and "type" not in pending and inputs.adopt_id is None:
            failures.append(CheckFailure("type", "type: is required: 'http'"))
        elif inputs.type is not None and inputs.type not in CONNECTION_TYPES:
            failures.append(
                CheckFailure(
                    "type", f"type: {inputs.type!r} is not supported: this provider manages connections of type 'http'"
                )
            )
        return failures + _http_failures(inputs)

    def canonical(self, doc: Any) -> dict[str, Any]:
        """The shared canonical form without credentials, plus the digest of those `doc` gives (none for a
        connection as the API shows it: masks are not credentials)."""
        out = CREDENTIALS.without(super().canonical(doc))
        if digest := CREDENTIALS.digest(doc.to_python()):
            out["http"] = {**out.get("http", {}), DIGEST_KEY: digest}
        return out

    # Outputs: the program's credentials where the API shows the mask (from the inputs at create and
    # update; from the old outputs at refresh, so masking never shows as a change).
    def create(self, props: dict[str, Any]) -> CreateResult:
        result = super().create(props)
        return CreateResult(result.id, CREDENTIALS.overlay(result.outs or {}, props))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        result = super().update(id_, olds, news)
        return UpdateResult(CREDENTIALS.overlay(result.outs or {}, news))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        result = super().read(id_, props)
        if not result.id or is_get(props):
            return result  # gone, or `Connection.get`: credentials as the API shows them, masked
        inputs = CREDENTIALS.overlay(CREDENTIALS.without(result.inputs or {}), props)
        return ReadResult(result.id, CREDENTIALS.overlay(result.outs or {}, props), inputs)
