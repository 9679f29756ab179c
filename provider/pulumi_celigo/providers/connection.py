"""The Connection provider: HTTP connections and their credentials, managed without ever reading them.

integrator.io shows every credential masked and its PUT replaces the whole connection (reference
5.2), so (`providers._credentials`):
* a credential change is found by a digest of the program's credentials kept in state (a secret
  output), and a rotation is one in-place update;
* every write carries the program's credentials; a write that would drop or mask a credential the
  program does not give (the connection holds it, the program does not say it) is refused, nothing
  written: the provider never changes a credential the program does not give;
* outputs hold the program's credentials (secret outputs of the resource class) and the mask where
  the program gives none; `Connection.get` shows every credential masked.

Calls: check 0; create = 1 list (`GET /connections?type=http`: a connection an interrupted create
made?) + 1 POST (no identity: 1 POST); adoption = 1 GET (+ 1 PUT unless the connection already
matches and the program gives no credential: a given credential cannot be compared, so it is
written); read = 1 GET; update = GET + PUT (no PATCH for connections), none when only provider
options change; delete = `GET /connections/{id}/dependencies` + DELETE
(`allow_delete_with_dependents=True`: the DELETE alone).

The create marker lives in `settings` (`settings.pulumiCeligo.createToken`), as for flows.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from pulumi.dynamic import CheckFailure, CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult

from .. import validation
from ..client import NotFoundError
from ..errors import ResourceError
from ..models import CONNECTION_CREDENTIALS, MARKER_KEY, MARKER_TOKEN, ApiModel, Connection, marker_token
from ..models.connection import (
    CONNECTION_TYPES,
    HTTP_AUTH_TYPES,
    HTTP_MEDIA_TYPES,
    PING_METHODS,
    TOKEN_LOCATIONS,
    HttpConnection,
)
from ..models.flow_document import hide_marker
from ._base import CeligoProvider, is_get, is_unknown, refuse_malformed_id, user_inputs
from ._credentials import DIGEST_OUTPUT, Credentials, dotted, lost_by_put
from ._errors import not_found, translate
from ._writes import write_once
from .flow import IDENTITY_INPUT, KEPT_OUTPUT, TOKEN_INPUT, create_token

__all__ = ["IDENTITY_INPUT", "SECRET_OUTPUTS", "ConnectionInputs", "ConnectionProvider", "public_outputs"]

CREDENTIALS = Credentials(CONNECTION_CREDENTIALS)
#: Fields of the connection a program manages; the others stay as integrator.io has them.
MANAGED_FIELDS: tuple[str, ...] = ("name", "type", "offline", "http")
PROVIDER_OPTIONS: tuple[str, ...] = ("adopt_id", "allow_delete_with_dependents")
#: The outputs the resource class always marks secret: they hold credentials (or their digest).
SECRET_OUTPUTS: tuple[str, ...] = ("http", DIGEST_OUTPUT)
DEFAULTS: dict[str, Any] = {"offline": False}


class ConnectionInputs(ApiModel):
    """What a program may write: the connection's managed fields and the provider's options."""

    name: str | None = None
    type: str | None = None
    offline: bool | None = None
    http: HttpConnection | None = None
    adopt_id: str | None = None
    allow_delete_with_dependents: bool | None = None


def _label(name: Any) -> str:
    return f'Connection "{name}"' if isinstance(name, str) else "Connection"


def _choice(value: str | None, choices: tuple[str, ...]) -> str | None:
    if value is None or value in choices:
        return None
    return f"{value!r} is not one of " + ", ".join(repr(c) for c in choices)


def _semantic_failures(conn: ConnectionInputs) -> list[CheckFailure]:
    failures: list[CheckFailure] = []

    def fail(prop: str, path: str, message: str) -> None:
        failures.append(CheckFailure(prop, f"{path}: {message}"))

    if conn.name is not None and (problem := validation.name_problem(conn.name)):
        fail("name", "name", problem)
    if conn.adopt_id is not None and (problem := validation.object_id_problem(conn.adopt_id)):
        fail("adopt_id", "adopt_id", problem)
    if conn.type is not None and conn.type not in CONNECTION_TYPES:
        fail("type", "type", f"{conn.type!r} is not supported: this provider manages connections of type 'http'")
    http = conn.http
    if conn.type == "http" and http is None and conn.adopt_id is None:
        fail("http", "http", "is required for a connection of type 'http' (base_uri, auth, ...)")
    if http is None:
        return failures
    if http.base_uri is None:
        fail(
            "http", "http.base_uri", "is required: the URL every request starts with, such as 'https://api.example.com'"
        )
    elif (url := urlsplit(http.base_uri)).scheme not in ("http", "https") or not url.netloc:
        fail("http", "http.base_uri", f"{http.base_uri!r} is not an absolute http(s) URL")
    if problem := _choice(http.media_type, HTTP_MEDIA_TYPES):
        fail("http", "http.media_type", problem)
    for i, header in enumerate(http.headers or []):
        if not header.name:
            fail("http", f"http.headers[{i}].name", "is required: the header's name, such as 'X-Api-Version'")
    if http.ping is not None:
        if problem := _choice(http.ping.method, PING_METHODS):
            fail("http", "http.ping.method", problem)
        if http.ping.relative_uri is not None and urlsplit(http.ping.relative_uri).scheme:
            fail("http", "http.ping.relative_uri", "is relative to base_uri: write a path such as '/me'")
    auth = http.auth
    if auth is not None:
        if auth.type is None:
            fail("http", "http.auth.type", "is required: " + ", ".join(repr(t) for t in HTTP_AUTH_TYPES))
        elif problem := _choice(auth.type, HTTP_AUTH_TYPES):
            fail("http", "http.auth.type", problem)
        for block in ("basic", "token"):
            if getattr(auth, block) is not None and auth.type in HTTP_AUTH_TYPES and auth.type != block:
                fail("http", f"http.auth.{block}", f"is given but http.auth.type is {auth.type!r}: remove one of them")
        if auth.token is not None:
            if problem := _choice(auth.token.location, TOKEN_LOCATIONS):
                fail("http", "http.auth.token.location", problem)
            if auth.token.header_name is not None and auth.token.location in ("url", "body"):
                fail("http", "http.auth.token.header_name", "applies only when location is 'header'")
    for path, value in CREDENTIALS.values(conn.to_python()).items():
        if value == "******":
            fail(
                path[0],
                dotted(path),
                "is the mask integrator.io shows in place of a credential, not the credential: give the real "
                "value (for example from `pulumi config set --secret`), or leave it out to keep the stored one",
            )
        elif value == "":
            fail(path[0], dotted(path), "is empty: give the credential, or leave it out")
    return failures


def _desired(props: Mapping[str, Any]) -> ConnectionInputs:
    inputs = {k: v for k, v in user_inputs(props).items() if k in ConnectionInputs.model_fields and not is_unknown(v)}
    return ConnectionInputs.model_validate(inputs, by_alias=False, by_name=True)


def _managed(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: values[k] for k in MANAGED_FIELDS if values.get(k) is not None}


def _meaningful(value: Any) -> Any:
    """A value with empty containers taken out (null and empty mean the same to the API)."""
    if isinstance(value, Mapping):
        out = {k: _meaningful(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, {}, [])}
    if isinstance(value, list):
        return [_meaningful(v) for v in value]
    return value


def canonical(values: Mapping[str, Any]) -> dict[str, Any]:
    """The meaningful content of a connection's managed fields (snake_case), credentials left out
    (the digest compares those): equal canonical forms and digests need no write."""
    managed = _meaningful(CREDENTIALS.without(_managed(values)))
    return {k: v for k, v in managed.items() if DEFAULTS.get(k, object()) != v}


def _kept(olds: Mapping[str, Any], desired: ConnectionInputs) -> list[str]:
    return [f for f in olds.get(KEPT_OUTPUT) or [] if f in MANAGED_FIELDS and f not in desired.model_fields_set]


def _wanted(desired: ConnectionInputs, live: Mapping[str, Any], kept: list[str]) -> dict[str, Any]:
    """The managed fields the program wants (snake_case), with the `kept` ones as `live` has them."""
    wanted = _managed(desired.to_python())
    wanted.update({f: live[f] for f in kept if live.get(f) is not None})
    return wanted


def _public(conn: Connection) -> dict[str, Any]:
    """Every known field of the connection in snake_case, without the create marker."""
    outs = {k: v for k, v in conn.to_python().items() if k in Connection.model_fields}
    settings = hide_marker(outs.pop("settings", None))
    if settings:
        outs["settings"] = settings
    return outs


def public_outputs(conn: Connection) -> dict[str, Any]:
    """What `Connection.get` and `get_connection` show: every field, every credential masked."""
    return CREDENTIALS.masked(_public(conn))


def _outputs(conn: Connection, props: Mapping[str, Any], kept: list[str], digest: str | None) -> dict[str, Any]:
    """State outputs: the connection, the credentials the program gives where the API shows the mask,
    the provider's options, the fields kept at adoption and the credentials' digest."""
    outs = CREDENTIALS.overlay(_public(conn), props)
    outs.update({k: props[k] for k in PROVIDER_OPTIONS if props.get(k) is not None})
    if kept:
        outs[KEPT_OUTPUT] = list(kept)
    if digest:
        outs[DIGEST_OUTPUT] = digest
    return outs


class ConnectionProvider(CeligoProvider):
    """Dynamic provider of `pulumi_celigo.Connection`. Its module path and name are a promise to existing stacks."""

    INPUTS = ConnectionInputs

    def input_failures(self, inputs: ConnectionInputs, pending: Mapping[str, Any]) -> list[CheckFailure]:
        failures = []
        for field in ("name", "type"):
            if field not in inputs.model_fields_set and field not in pending and inputs.adopt_id is None:
                failures.append(CheckFailure(field, f"{field}: is required"))
        return failures + _semantic_failures(inputs)

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """The shared check, plus the create token derived from the resource's identity (as Flow)."""
        result = super().check(olds, news)
        identity = news.get(IDENTITY_INPUT)
        if not result.failures and isinstance(identity, str):
            previous = olds.get(TOKEN_INPUT)
            result.inputs[TOKEN_INPUT] = create_token(identity, previous if isinstance(previous, str) else None)
        return result

    # ---- diff ------------------------------------------------------------------------------
    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        desired = _desired(news)
        pending = [k for k, v in user_inputs(news).items() if k in MANAGED_FIELDS and is_unknown(v)]
        have, want = canonical(olds), canonical(_wanted(desired, olds, _kept(olds, desired)))
        changes = [f for f in MANAGED_FIELDS if f in pending or have.get(f) != want.get(f)]
        if olds.get(DIGEST_OUTPUT) != CREDENTIALS.digest(news) and "http" not in changes:
            changes.append("http")  # a credential changed (or was given, or removed)
        if olds.get("allow_delete_with_dependents") != news.get("allow_delete_with_dependents"):
            changes.append("allow_delete_with_dependents")
        return DiffResult(changes=bool(changes), replaces=[], delete_before_replace=False)

    # ---- create ----------------------------------------------------------------------------
    def create(self, props: dict[str, Any]) -> CreateResult:
        desired = _desired(props)
        label = _label(desired.name)
        digest = CREDENTIALS.digest(props)
        if desired.adopt_id:
            kept = [f for f in MANAGED_FIELDS if f not in desired.model_fields_set]
            with translate(label, "adopt", what="adopt_id", id=desired.adopt_id, kind="connection"):
                current = self.client.connections.get(desired.adopt_id)
            with translate(label, "adopt"):
                conn = self._converge(current, _wanted(desired, current.to_python(), kept), label, "adopt")
        else:
            kept = []
            token = props.get(TOKEN_INPUT)
            with translate(label, "create"):
                conn = self._create_once(desired, token if isinstance(token, str) else None, label)
        assert conn.id is not None
        return CreateResult(conn.id, _outputs(conn, props, kept, digest))

    def _converge(self, current: Connection, wanted: dict[str, Any], label: str, operation: str) -> Connection:
        """`current` given the wanted managed fields by one PUT (other fields kept), or no write when it
        has them already and no credential is given (a given one cannot be compared: it is written)."""
        assert current.id is not None
        live = current.to_python()
        if canonical(live) == canonical(wanted) and not CREDENTIALS.given(wanted):
            return current
        body = {k: v for k, v in live.items() if k not in MANAGED_FIELDS}
        body.update(wanted)
        if lost := lost_by_put(live, body):
            raise ResourceError(
                f"{label}: {operation} refused, nothing was written: the connection holds credentials the program "
                f"does not give ({', '.join(lost)}), and integrator.io's PUT replaces the whole connection, so "
                "writing it would erase them. Give them in the program (as secrets: `pulumi config set --secret`), "
                "or make this change in integrator.io."
            )
        return self.client.connections.replace(current.id, Connection.model_validate(body))

    def _create_once(self, desired: ConnectionInputs, token: str | None, label: str) -> Connection:
        """POST the connection exactly once, across runs and however the network behaves (as Flow):
        a connection carrying this create's marker is taken instead of making a second one."""
        wanted = _managed(desired.to_python())
        if token is None:
            token = uuid.uuid4().hex
        elif ids := self._marked(token):
            return self._converge(self.client.connections.get(ids[0]), wanted, label, "create")
        document = Connection.model_validate({**wanted, "settings": {MARKER_KEY: {MARKER_TOKEN: token}}})

        def find() -> Connection | None:
            ids = self._marked(token)
            return self.client.connections.get(ids[0]) if ids else None

        created, _ = write_once(lambda: self.client.connections.create(document), find)
        return created

    def _marked(self, token: str) -> list[str]:
        """Ids of the http connections carrying this create's marker, oldest first."""
        found = self.client.connections.list(type="http")
        return [c.id for c in found if c.id and marker_token(c.settings) == token]

    # ---- read ------------------------------------------------------------------------------
    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """Refresh (props: the old outputs) or `Connection.get` (none of the program's inputs).

        A refresh puts the credentials of the old outputs back where the API shows the mask (and keeps
        their digest), so masking never shows as a change; `get` shows every credential masked.
        """
        label = _label(props.get("name"))
        refuse_malformed_id(label, "connection id", id_, kind="connection")
        with translate(label, "read"):
            try:
                conn = self.client.connections.get(id_)
            except NotFoundError:
                if is_get(props):
                    raise not_found(label, "id", id_, kind="connection") from None
                return ReadResult(id_="", outs={})
        if is_get(props):
            return ReadResult(id_, public_outputs(conn))
        kept = [f for f in props.get(KEPT_OUTPUT) or [] if f in MANAGED_FIELDS]
        digest = props.get(DIGEST_OUTPUT)
        outs = _outputs(conn, props, kept, digest if isinstance(digest, str) else None)
        inputs = CREDENTIALS.overlay(CREDENTIALS.without(_managed(_public(conn))), props)
        inputs = {k: v for k, v in inputs.items() if k not in kept}
        inputs.update({k: props[k] for k in PROVIDER_OPTIONS if props.get(k) is not None})
        return ReadResult(id_, outs, inputs)

    # ---- update ----------------------------------------------------------------------------
    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        desired = _desired(news)
        label = _label(desired.name)
        kept = _kept(olds, desired)
        digest = CREDENTIALS.digest(news)
        wanted = _wanted(desired, olds, kept)
        if canonical(olds) == canonical(wanted) and olds.get(DIGEST_OUTPUT) == digest:
            outs = {k: v for k, v in olds.items() if k not in PROVIDER_OPTIONS}  # only provider options changed
            outs.update({k: news[k] for k in PROVIDER_OPTIONS if news.get(k) is not None})
            return UpdateResult(outs)
        with translate(label, "update"):
            current = self.client.connections.get(id_)
            wanted = _wanted(desired, current.to_python(), kept)
            updated = self._converge(current, wanted, label, "update")
        return UpdateResult(_outputs(updated, news, kept, digest))

    # ---- delete ----------------------------------------------------------------------------
    def delete(self, id_: str, props: dict[str, Any]) -> None:
        label = _label(props.get("name"))
        with translate(label, "delete"), contextlib.suppress(NotFoundError):  # already gone: the goal is met
            if not props.get("allow_delete_with_dependents"):
                dependents = self.client.connections.dependencies(id_).all()
                if dependents:
                    listed = "; ".join(
                        f"{kind}: " + ", ".join(f'"{d.name}" ({d.id})' for d in refs)
                        for kind, refs in dependents.items()
                    )
                    raise ResourceError(
                        f"{label}: delete refused: other resources use this connection ({listed}). Point them at "
                        "another connection first, or set allow_delete_with_dependents=True to delete it anyway."
                    )
            self.client.connections.delete(id_)
