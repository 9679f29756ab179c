"""The WSGI application: routes and thin HTTP handlers (moto's ``urls.py`` + ``responses.py``).

Two URL spaces:

- ``/v1/...``: the emulated integrator.io API. Order of checks for each request: fault
  injection, authentication (401), rate limit (429), routing (404/405), read-only token (403),
  body reading and parsing (413, 400; outside the store lock), then the domain operation in
  :mod:`.models` (422, 409, ...), inside one store transaction.
- ``/__emulator/...``: the control plane (faults, rate limit, request counts, reset, forced job
  failures, template downloads). No API token, no faults, not counted; guarded against web pages
  (:func:`_admin_refusal`): loopback ``Host`` only, no foreign ``Origin``, the ``X-Emulator-Admin: 1``
  header, and ``Content-Type: application/json`` on POST/PUT.

Request bodies are read by the app, not the server: after authentication, outside the store
lock, at most :data:`MAX_BODY_BYTES` (:func:`read_json`).

No request ever gets a werkzeug HTML page: every error is the API's JSON envelope, and an
unexpected exception becomes a logged 500 ``internal_error`` (tests assert none happen).
"""

from __future__ import annotations

import contextlib
import hmac
import ipaddress
import json
import logging
import math
import re
import secrets
import socket
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from datetime import UTC
from typing import Any
from urllib.parse import urlencode, urlsplit

from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import Map, RequestRedirect, Rule
from werkzeug.wrappers import Request, Response

from .audit import USER
from .errors import ApiError, bad_request, error_item, forbidden, not_found, unauthorized
from .faults import WRITE_METHODS, FaultInjector
from .ids import format_time, is_object_id, parse_iso
from .models import KINDS, LIST_FILTERS, Backend, present
from .ratelimit import TokenBucket
from .requestlog import UNMATCHED, RequestLog
from .seed import apply_seed
from .store import Doc, Store

log = logging.getLogger("pulumi_celigo.emulator")

DEFAULT_LIMIT = 1000
MAX_LIMIT = 1000
MAX_TEMPLATES = 64
MAX_BODY_BYTES = 5 * 1024 * 1024  # a larger body is a 413, refused before it is read
MAX_DEPTH = 100  # JSON nesting levels a body may have
ADMIN_HEADER = "X-Emulator-Admin"  # required on /__emulator (a browser cannot send it cross-origin)
DROPPED = "pulumi_celigo.emulator.dropped"  # environ flag: the server must not answer
READ_ONLY = "pulumi_celigo.emulator.read_only"  # environ flag: the read-only token was used
_BODY = "pulumi_celigo.emulator.body"  # environ: the parsed request body

StartResponse = Callable[..., Any]


def _api_rules() -> list[Rule]:
    rules = [Rule("/v1/tokenInfo", endpoint="token_info", methods=["GET"])]
    for collection in KINDS:
        base = f"/v1/{collection}"
        item_methods = ["GET", "PUT", "DELETE"] + (["PATCH"] if collection == "flows" else [])
        rules += [
            Rule(base, endpoint=f"list:{collection}", methods=["GET"]),
            Rule(base, endpoint=f"create:{collection}", methods=["POST"]),
            Rule(f"{base}/<id>", endpoint=f"item:{collection}", methods=item_methods),
            Rule(f"{base}/<id>/audit", endpoint=f"audit:{collection}", methods=["GET"]),
            Rule(f"{base}/<id>/dependencies", endpoint=f"dependencies:{collection}", methods=["GET"]),
        ]
    rules += [
        Rule("/v1/integrations/<id>/flows", endpoint="integration_flows", methods=["GET"]),
        Rule("/v1/integrations/<id>/connections/register", endpoint="register_connections", methods=["PUT"]),
        Rule("/v1/connections/<id>/ping", endpoint="ping", methods=["GET"]),
        Rule("/v1/flows/updateFlowGrouping", endpoint="update_flow_grouping", methods=["PUT"]),
        Rule("/v1/flows/<id>/clone", endpoint="clone", methods=["POST"]),
        Rule("/v1/flows/<id>/run", endpoint="run", methods=["POST"]),
        Rule("/v1/flows/<id>/replaceConnection", endpoint="replace_connection", methods=["PUT"]),
        Rule("/v1/flows/<id>/template", endpoint="template", methods=["GET"]),
        Rule("/v1/flows/<id>/descendants", endpoint="descendants", methods=["GET"]),
        Rule("/v1/flows/<id>/jobs/latest", endpoint="latest_job", methods=["GET"]),
        Rule("/v1/jobs", endpoint="jobs", methods=["GET"]),
        Rule("/v1/jobs/<id>", endpoint="job", methods=["GET"]),
        Rule("/v1/jobs/<id>/errors", endpoint="job_errors", methods=["GET"]),
        Rule("/v1/jobs/<id>/joberrors", endpoint="job_errors", methods=["GET"]),  # the path Celigo documents
    ]
    return rules


def _admin_rules() -> list[Rule]:
    return [
        Rule("/__emulator/faults", endpoint="faults", methods=["GET", "PUT", "DELETE"]),
        Rule("/__emulator/rate-limit", endpoint="rate_limit", methods=["GET", "PUT"]),
        Rule("/__emulator/requests", endpoint="requests", methods=["GET"]),
        Rule("/__emulator/reset", endpoint="reset", methods=["POST"]),
        Rule("/__emulator/info", endpoint="info", methods=["GET"]),
        Rule("/__emulator/flows/<id>/fail-next-job", endpoint="fail_next_job", methods=["POST"]),
        Rule("/__emulator/jobs/<id>", endpoint="peek_job", methods=["GET"]),
        Rule("/__emulator/templates/<name>", endpoint="template_zip", methods=["GET"]),
    ]


def _route_template(rule: str) -> str:
    """``/v1/flows/<id>`` → ``/v1/flows/{id}``, the request log's and the fault rules' form."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule)


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    text = json.dumps(body, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return Response(text, status=status, headers=headers, mimetype="application/json")


def empty_response(status: int = 204, headers: dict[str, str] | None = None) -> Response:
    response = Response(b"", status=status, headers=headers)
    del response.headers["Content-Type"]
    return response


def error_response(error: ApiError) -> Response:
    return json_response(error.body, error.status, error.headers)


class _NonFinite:
    """A number JSON cannot carry (``1e400``, ``NaN``, ``Infinity``), kept to name its field."""

    def __init__(self, text: str) -> None:
        self.text = text


def _parse_float(text: str) -> float | _NonFinite:
    value = float(text)
    return value if math.isfinite(value) else _NonFinite(text)


def _check_tree(value: Any) -> None:
    """400 for a non-finite number (naming its field) or nesting deeper than MAX_DEPTH."""
    pending: list[tuple[Any, str, int]] = [(value, "", 1)]
    while pending:
        node, path, depth = pending.pop()
        if isinstance(node, _NonFinite):
            raise bad_request(
                "invalid_json",
                f"{path or 'The body'}: {node.text} is not a finite number; JSON numbers must be finite.",
                path or None,
            )
        if isinstance(node, dict | list):
            if depth > MAX_DEPTH:
                raise _too_deep()
            items = node.items() if isinstance(node, dict) else enumerate(node)
            for key, child in items:
                child_path = f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}" if path else str(key)
                pending.append((child, child_path, depth + 1))


def _too_deep() -> ApiError:
    return bad_request("invalid_json", f"The request body is nested deeper than {MAX_DEPTH} levels.")


NO_BODY = object()  # read_json's answer for an empty body (a JSON `null` is None)


def read_json(request: Request) -> Any:
    """The parsed body (NO_BODY when empty), read at most once; 413 over MAX_BODY_BYTES, else 400.

    Called before the store lock is taken: a slow or large body never holds up other requests.
    """
    if _BODY in request.environ:
        return request.environ[_BODY]
    too_large = ApiError(
        413, [error_item("payload_too_large", f"The request body is larger than {MAX_BODY_BYTES} bytes (5 MiB).")]
    )
    if (request.content_length or 0) > MAX_BODY_BYTES:
        raise too_large  # refused unread
    # One byte over the cap is read to tell a chunked body at the cap from one past it
    # (werkzeug's bounded stream stops quietly at its limit).
    request.max_content_length = MAX_BODY_BYTES + 1
    try:
        raw = request.get_data(cache=True)
    except (HTTPException, OSError):  # the client went away, or a malformed chunked body
        raise bad_request("invalid_json", "The request body could not be read completely.") from None
    if len(raw) > MAX_BODY_BYTES:
        raise too_large
    value: Any = NO_BODY
    if raw.strip():
        try:
            value = json.loads(raw.decode("utf-8"), parse_float=_parse_float, parse_constant=_NonFinite)
        except RecursionError:
            raise _too_deep() from None
        except (UnicodeDecodeError, ValueError):
            raise bad_request("invalid_json", "The request body is not valid JSON.") from None
        _check_tree(value)
    request.environ[_BODY] = value
    return value


def json_body(request: Request, expected: type, *, required: bool = True) -> Any:
    """The parsed body, of the expected top-level type; 400 otherwise. None when optional and empty."""
    value = read_json(request)
    if value is NO_BODY:
        if required:
            raise bad_request("invalid_json", "A JSON request body is required.")
        return None
    if not isinstance(value, expected):
        kind = "an array" if expected is list else "an object"
        raise bad_request("invalid_body", f"The request body must be {kind}.")
    return value


def is_loopback(host: str) -> bool:
    """``localhost``, ``127.0.0.0/8`` or ``::1`` (brackets allowed)."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _admin_refusal(request: Request) -> ApiError | None:
    """Why an admin request is refused, or None: the guard against web pages (CSRF, DNS rebinding)."""
    host = request.host
    if not is_loopback(urlsplit(f"//{host}").hostname or ""):
        return ApiError(
            403,
            [
                error_item(
                    "admin_forbidden",
                    f"The admin plane answers only requests addressed to a loopback host "
                    f"(localhost, 127.0.0.1, [::1]); this one was addressed to {host!r}.",
                )
            ],
        )
    own = f"{request.scheme}://{host}"
    origin = request.headers.get("Origin")
    if origin is not None and origin != own:
        return ApiError(
            403,
            [
                error_item(
                    "admin_forbidden",
                    f"Cross-origin request refused: Origin {origin!r} is not the emulator's own ({own!r}).",
                )
            ],
        )
    if request.headers.get(ADMIN_HEADER) != "1":
        return ApiError(
            403,
            [
                error_item(
                    "admin_forbidden",
                    f"Admin requests need the header {ADMIN_HEADER}: 1 "
                    "(pulumi_celigo.emulator.admin_request sends it).",
                )
            ],
        )
    if request.method in ("POST", "PUT") and request.mimetype != "application/json":
        got = request.headers.get("Content-Type") or "none"
        return ApiError(
            415,
            [
                error_item(
                    "unsupported_media_type",
                    f"Admin {request.method}s need Content-Type: application/json (got {got}).",
                )
            ],
        )
    return None


class ConnectionRegistry:
    """Open client sockets, so stopping the server can close idle keep-alive connections."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self.opened = 0  # connections accepted so far: shows whether clients reuse them

    def add(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.add(sock)
            self.opened += 1

    def discard(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.discard(sock)

    def close_all(self) -> None:
        with self._lock:
            sockets = list(self._sockets)
            self._sockets.clear()
        for sock in sockets:
            _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already gone
        sock.shutdown(socket.SHUT_RDWR)


class EmulatorApp:
    """The WSGI callable. One instance is one account."""

    def __init__(
        self,
        store: Store,
        *,
        token: str,
        read_only_token: str | None = None,
        seed: str | None = None,
        rate_limit: TokenBucket | None = None,
        faults: FaultInjector | None = None,
    ) -> None:
        self.store = store
        self.backend = Backend(store)
        self.token = token
        self.read_only_token = read_only_token
        self.seed = seed
        self.bucket = rate_limit or TokenBucket(1000, 300)
        self.faults = faults or FaultInjector()
        self.requests = RequestLog()
        self.connections = ConnectionRegistry()
        self.internal_errors = 0
        self._inflight = 0
        self._idle = threading.Condition()
        self._templates: OrderedDict[str, bytes] = OrderedDict()
        self._templates_lock = threading.Lock()
        self._api_map = Map(_api_rules(), strict_slashes=False, merge_slashes=False, redirect_defaults=False)
        self._admin_map = Map(_admin_rules(), strict_slashes=False, merge_slashes=False, redirect_defaults=False)
        self.seed_ids: dict[str, Any] = apply_seed(store, seed) if seed else {}

    # -- WSGI ------------------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        with self._idle:
            self._inflight += 1
        try:
            return self._respond(environ, start_response)
        finally:
            with self._idle:
                self._inflight -= 1
                self._idle.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no request is being handled (the server stops accepting first)."""
        with self._idle:
            return self._idle.wait_for(lambda: self._inflight == 0, timeout)

    def _respond(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        request = Request(environ)
        try:
            if request.path == "/v1" or request.path.startswith("/v1/"):
                response = self._handle_api(request)
            elif request.path.startswith("/__emulator/"):
                response = self._handle_admin(request)
            else:
                response = error_response(not_found(f"No route {request.path}."))
        except Exception:
            response = self._internal_error(request)
        return response(environ, start_response)

    def _internal_error(self, request: Request) -> Response:
        """Last resort only (every expected failure is an ApiError): log it, count it, answer 500."""
        with self._idle:
            self.internal_errors += 1
        log.exception("internal error on %s %s", request.method, request.path)
        return json_response({"errors": [error_item("internal_error", "Internal server error.")]}, status=500)

    # -- /v1 ---------------------------------------------------------------------------------------

    def _handle_api(self, request: Request) -> Response:
        method = request.method
        adapter = self._api_map.bind_to_environ(request.environ)
        endpoint: str | None = None
        args: dict[str, Any] = {}
        allowed: Iterable[str] | None = None
        route = UNMATCHED
        try:
            rule, matched = adapter.match(return_rule=True)
            args = dict(matched)
            endpoint, route = str(rule.endpoint), _route_template(rule.rule)
        except MethodNotAllowed as exc:
            allowed = exc.valid_methods or []
        except (NotFound, RequestRedirect):
            pass
        key = f"{method} {route}"

        decision = self.faults.decide(method, route)
        if decision.latency_s:
            time.sleep(decision.latency_s)
        if decision.action == "fail":
            self.requests.record(key, "503")
            return json_response(
                {"errors": [error_item("service_unavailable", "Service temporarily unavailable (injected).")]},
                status=503,
            )
        if decision.action == "drop":
            self.requests.record(key, "dropped")
            return self._drop(request)

        try:
            response = self._serve_api(request, method, endpoint, args, allowed)
        except ApiError as error:
            response = error_response(error)
        except Exception:
            response = self._internal_error(request)
        if decision.action == "lose":
            self.requests.record(key, "lost_response")
            return self._drop(request)
        self.requests.record(key, str(response.status_code))
        return response

    def _drop(self, request: Request) -> Response:
        """Close the connection with no answer (the handler sees the flag and writes nothing)."""
        request.environ[DROPPED] = True
        sock = request.environ.get("werkzeug.socket")
        if isinstance(sock, socket.socket):
            _shutdown(sock)
        return empty_response(204)

    def _serve_api(
        self,
        request: Request,
        method: str,
        endpoint: str | None,
        args: dict[str, Any],
        allowed: Iterable[str] | None,
    ) -> Response:
        read_only = self._authenticate(request)
        request.environ[READ_ONLY] = read_only
        retry_after = self.bucket.take()
        if retry_after is not None:
            raise ApiError(
                429,
                [error_item("rate_limited", f"Too many requests. Retry after {retry_after} seconds.")],
                headers={"Retry-After": str(retry_after)},
            )
        if allowed is not None:
            methods = sorted(set(allowed))
            raise ApiError(
                405,
                [error_item("method_not_allowed", f"{method} is not allowed here; use {', '.join(methods)}.")],
                headers={"Allow": ", ".join(methods)},
            )
        if endpoint is None:
            raise not_found(f"No route {method} {request.path}.")
        if read_only and method in WRITE_METHODS:
            raise forbidden()
        name, _, collection = endpoint.partition(":")
        handler: Callable[..., Response] = getattr(self, f"api_{name}")
        if collection:
            args["collection"] = collection
        if method in ("POST", "PUT", "PATCH"):
            read_json(request)  # 413/400 here, outside the store lock
        with self.store.transaction():
            return handler(request, **args)

    def _authenticate(self, request: Request) -> bool:
        """401 unless a known token is presented; True for the read-only token."""
        header = request.headers.get("Authorization", "")
        scheme, _, credentials = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not credentials.strip():
            raise _with_challenge(unauthorized("Unauthorized"))
        presented = credentials.strip().encode()
        if hmac.compare_digest(presented, self.token.encode()):
            return False
        if self.read_only_token and hmac.compare_digest(presented, self.read_only_token.encode()):
            return True
        raise _with_challenge(unauthorized("Bearer Authentication Failed"))

    # -- /v1 handlers --------------------------------------------------------------------------

    def api_token_info(self, request: Request) -> Response:
        read_only = bool(request.environ.get(READ_ONLY))
        return json_response({"_userId": USER["_id"], "scope": "read" if read_only else "*"})

    def api_list(self, request: Request, collection: str) -> Response:
        skip, limit = _paging(request)
        docs, more = self.backend.page(collection, where=_filters(request, collection), skip=skip, limit=limit)
        return _list_response(request, docs, more, skip, limit)

    def api_jobs(self, request: Request) -> Response:
        """Newest first; a list shows jobs as they are (only reading a job itself moves it along)."""
        skip, limit = _paging(request)
        docs, more = self.backend.page(
            "jobs", where=_filters(request, "jobs"), skip=skip, limit=limit, newest_first=True
        )
        return _list_response(request, docs, more, skip, limit)

    def api_create(self, request: Request, collection: str) -> Response:
        doc = self.backend.create(collection, json_body(request, dict))
        return json_response(present(collection, doc), 201)

    def api_item(self, request: Request, collection: str, id: str) -> Response:
        if request.method in ("GET", "HEAD"):
            return json_response(present(collection, self.backend.load(collection, id)))
        if request.method == "PUT":
            doc = self.backend.replace(collection, id, json_body(request, dict))
            return json_response(present(collection, doc))
        if request.method == "PATCH":
            self.backend.patch_flow(id, json_body(request, list))
            return empty_response()
        self.backend.delete(collection, id)
        return empty_response()

    def api_audit(self, request: Request, collection: str, id: str) -> Response:
        skip, limit = _paging(request)
        docs, more = self.backend.audit_page(collection, id, skip=skip, limit=limit)
        return _list_response(request, docs, more, skip, limit)

    def api_integration_flows(self, request: Request, id: str) -> Response:
        self.backend.load("integrations", id)
        skip, limit = _paging(request)
        docs, more = self.backend.page("flows", where=[("_integrationId", "=", id)], skip=skip, limit=limit)
        return _list_response(request, docs, more, skip, limit)

    def api_update_flow_grouping(self, request: Request) -> Response:
        self.backend.update_flow_grouping(json_body(request, dict))
        return empty_response()

    def api_clone(self, request: Request, id: str) -> Response:
        body = json_body(request, dict, required=False) or {}
        return json_response(self.backend.clone_flow(id, body), 201)

    def api_run(self, request: Request, id: str) -> Response:
        body = json_body(request, dict, required=False) or {}
        return json_response({"_jobId": self.backend.run_flow(id, body)}, 201)

    def api_replace_connection(self, request: Request, id: str) -> Response:
        return json_response(self.backend.replace_connection(id, json_body(request, dict)))

    def api_template(self, request: Request, id: str) -> Response:
        archive = self.backend.template_zip(id)
        name = secrets.token_hex(16)
        with self._templates_lock:
            self._templates[name] = archive
            while len(self._templates) > MAX_TEMPLATES:
                self._templates.popitem(last=False)
        return json_response({"signedURL": f"{request.host_url}__emulator/templates/{name}.zip"})

    def api_dependencies(self, request: Request, collection: str, id: str) -> Response:
        return json_response(self.backend.dependencies(collection, id))

    def api_ping(self, request: Request, id: str) -> Response:
        return json_response(self.backend.ping(id))

    def api_register_connections(self, request: Request, id: str) -> Response:
        integration = self.backend.register_connections(id, json_body(request, list))
        return json_response(present("integrations", integration))

    def api_descendants(self, request: Request, id: str) -> Response:
        return json_response(self.backend.descendants(id))

    def api_latest_job(self, request: Request, id: str) -> Response:
        job = self.backend.latest_job(id)
        return json_response([job]) if job is not None else empty_response()

    def api_job(self, request: Request, id: str) -> Response:
        return json_response(self.backend.read_job(id))

    def api_job_errors(self, request: Request, id: str) -> Response:
        return json_response(self.backend.job_errors(id))

    # -- /__emulator -----------------------------------------------------------------------------

    def _handle_admin(self, request: Request) -> Response:
        adapter = self._admin_map.bind_to_environ(request.environ)
        try:
            endpoint, args = adapter.match()
        except MethodNotAllowed as exc:
            methods = sorted(set(exc.valid_methods or []))
            return json_response(
                {"errors": [error_item("method_not_allowed", f"{request.method} is not allowed here.")]},
                405,
                {"Allow": ", ".join(methods)},
            )
        except (NotFound, RequestRedirect):
            return error_response(not_found(f"No route {request.path}."))
        # The template download is the API's "signed URL": a capability URL, open like the real one.
        refusal = None if endpoint == "template_zip" else _admin_refusal(request)
        if refusal is not None:
            return error_response(refusal)
        try:
            handler: Callable[..., Response] = getattr(self, f"admin_{endpoint}")
            return handler(request, **args)
        except ApiError as error:
            return error_response(error)

    def admin_faults(self, request: Request) -> Response:
        if request.method == "PUT":
            try:
                self.faults.configure(json_body(request, dict))
            except ValueError as exc:
                raise bad_request("invalid_body", str(exc)) from None
        elif request.method == "DELETE":
            self.faults.clear()
            return empty_response()
        return json_response(self.faults.config())

    def admin_rate_limit(self, request: Request) -> Response:
        if request.method == "PUT":
            body = json_body(request, dict)
            capacity, refill = body.get("capacity"), body.get("refill")
            numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (capacity, refill))
            try:
                if not numbers:
                    raise ValueError("capacity and refill must be numbers")
                self.bucket.configure(capacity, refill)
            except ValueError as exc:
                raise bad_request("invalid_body", str(exc)) from None
        return json_response(self.bucket.snapshot())

    def admin_requests(self, request: Request) -> Response:
        if request.args.get("by") == "outcome":
            return json_response(self.requests.outcomes())
        return json_response(self.requests.counts())

    def admin_reset(self, request: Request) -> Response:
        """Clear the request counts; with ``?data=1`` also wipe the state back to the seed."""
        self.requests.reset()
        if request.args.get("data", "").lower() in ("1", "true", "yes"):
            self.reset_data()
        return empty_response()

    def reset_data(self) -> None:
        with self.store.transaction():
            self.store.wipe()
            if self.seed:
                apply_seed(self.store, self.seed)
        with self._templates_lock:
            self._templates.clear()

    def admin_info(self, request: Request) -> Response:
        return json_response(
            {
                "baseUrl": f"{request.host_url}v1",
                "seed": self.seed,
                "seedIds": self.seed_ids,
                "data": self.store.path,
                "internalErrors": self.internal_errors,
            }
        )

    def admin_fail_next_job(self, request: Request, id: str) -> Response:
        body = json_body(request, dict)
        errors = body.get("errors")
        valid = (
            isinstance(errors, list)
            and errors
            and all(
                isinstance(e, dict) and isinstance(e.get("code"), str) and isinstance(e.get("message"), str)
                for e in errors
            )
        )
        if not valid:
            raise bad_request("invalid_body", 'errors must be a non-empty array of {"code", "message"}.', "errors")
        with self.store.transaction():
            self.backend.fail_next_job(id, errors)
        return empty_response()

    def admin_peek_job(self, request: Request, id: str) -> Response:
        """A job without moving it along (the API's GET advances it)."""
        with self.store.transaction():
            return json_response(self.backend.read_job(id, advance=False))

    def admin_template_zip(self, request: Request, name: str) -> Response:
        with self._templates_lock:
            archive = self._templates.get(name.removesuffix(".zip"))
        if archive is None:
            raise not_found("Template not found or expired.")
        return Response(archive, mimetype="application/zip")


def _with_challenge(error: ApiError) -> ApiError:
    error.headers["WWW-Authenticate"] = 'Bearer realm="integrator.io"'
    return error


def _int_param(request: Request, name: str, default: int, low: int, high: int | None) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit()) or int(raw) < low or (high is not None and int(raw) > high):
        upper = f" and at most {high}" if high is not None else ""
        raise bad_request("invalid_query_params", f"{name} must be an integer of at least {low}{upper}.", name)
    return int(raw)


def _paging(request: Request) -> tuple[int, int]:
    skip = _int_param(request, "skip", 0, 0, None)
    limit = _int_param(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    return skip, limit


_RANGES = {"_gte": ">=", "_lte": "<="}  # createdAt_gte=<ISO date>: a bound on a date field


def _filters(request: Request, collection: str) -> list[tuple[str, str, Any]]:
    """The collection's documented filters present in the query, as ``(field, operator, value)``."""
    where: list[tuple[str, str, Any]] = []
    for name in LIST_FILTERS[collection]:
        raw = request.args.get(name)
        if raw is None:
            continue
        suffix = next((end for end in _RANGES if name.endswith(end)), None)
        if suffix is not None:
            moment = parse_iso(raw)
            if moment is None:
                raise bad_request(
                    "invalid_query_params",
                    f"{name} must be an ISO-8601 date such as 2026-12-02T10:00:00.000Z; got {raw!r}.",
                    name,
                )
            # Stored times share one format, so comparing the texts compares the instants.
            value = format_time(moment if moment.tzinfo else moment.replace(tzinfo=UTC))
            where.append((name.removesuffix(suffix), _RANGES[suffix], value))
            continue
        if name.endswith("Id") and not is_object_id(raw):
            raise bad_request(
                "invalid_query_params", f"{name} must be an id (24 hexadecimal digits); got {raw!r}.", name
            )
        where.append((name, "=", raw))
    return where


def _projection(request: Request) -> Callable[[Doc], Doc]:
    include, exclude = request.args.get("include"), request.args.get("exclude")
    if include is not None and exclude is not None:
        raise bad_request("invalid_query_params", "include and exclude cannot be used together.")

    def names(raw: str) -> list[str]:
        return [part.strip() for part in raw.split(",") if part.strip()]

    if include is not None:
        keep = ["_id", "name", *names(include)]
        return lambda doc: {key: doc[key] for key in dict.fromkeys(keep) if key in doc}
    if exclude is not None:
        drop = set(names(exclude))
        return lambda doc: {key: value for key, value in doc.items() if key not in drop}
    return lambda doc: doc


def _list_response(request: Request, docs: list[Doc], more: bool, skip: int, limit: int) -> Response:
    """A page of a list: 204 when empty, a ``Link: <...>; rel="next"`` header while more remain."""
    project = _projection(request)
    if not docs:
        return empty_response()
    headers: dict[str, str] = {}
    if more:
        query = [(k, v) for k, v in request.args.items(multi=True) if k not in ("skip", "limit")]
        query += [("skip", str(skip + len(docs))), ("limit", str(limit))]
        next_url = f"{request.host_url.rstrip('/')}{request.path}?{urlencode(query)}"
        headers["Link"] = f'<{next_url}>; rel="next"'
    return json_response([project(doc) for doc in docs], headers=headers)
