"""The only code that speaks HTTP to integrator.io: auth, timeouts, retries, errors and paging.

One `requests.Session` per client, with a connection pool sized for the Pulumi plugin server's
four worker threads. Retries are urllib3's `Retry`, configured rather than hand-written:

* idempotent methods (GET, PUT, PATCH, DELETE) are retried on 429 (honouring a valid `Retry-After`,
  capped), on 502/503/504 and on dropped connections, with exponential backoff and jitter; a read
  timeout (each costs a whole read timeout) at most `READ_TIMEOUT_RETRIES` times;
* a POST is retried only when the API certainly did not apply it: a refused connection, or a
  429. When a POST's outcome is unknown (dropped connection, read timeout, 5xx, a success whose body
  is not the API's JSON) the transport raises `OutcomeUnknownError` and lets the caller reconcile:
  blindly repeating a create could duplicate a flow;
* a refused connection is retried `CONNECT_RETRIES` times with short waits, then named with the URL;
* every call has an overall deadline (`ClientConfig.request_deadline`), retries and waits included;
* redirects are not followed, and every id put in a URL path must be an ObjectId (`id_path`);
* every attempt, retries included, first takes a token from the process's `Pacer` for this account
  (`_pacing.py`), so the client stays within the rate limit instead of only reacting to 429s.

Whatever the body, a call returns what the API documents or raises a `CeligoError`: bodies are
decoded and validated in one place (`Transport.call` / `Transport.paginate`).
"""

from __future__ import annotations

import contextvars
import itertools
import json as jsonlib
import logging
import re
import time
from collections.abc import Callable, Generator, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import quote, urljoin, urlsplit

import pydantic
import requests
from requests.adapters import HTTPAdapter
from urllib3.connectionpool import ConnectionPool
from urllib3.exceptions import ConnectTimeoutError, InvalidHeader, MaxRetryError, NewConnectionError, ReadTimeoutError
from urllib3.response import BaseHTTPResponse
from urllib3.util.retry import Retry

from .._version import __version__
from ._config import MAX_RETRIES, ClientConfig
from ._errors import (
    ApiConnectionError,
    DeadlineExceededError,
    ErrorDetail,
    InvalidIdError,
    OutcomeUnknownError,
    UnexpectedResponseError,
    error_for_status,
)
from ._pacing import Pacer, pacer_for

log = logging.getLogger("pulumi_celigo.client")

T = TypeVar("T")

#: A refused or timed-out connection is retried this many times (short waits): a wrong or down
#: address fails within seconds, a blip in the network is ridden out.
CONNECT_RETRIES = 2
#: A read timeout is retried at most this many times: each one costs a whole read timeout.
READ_TIMEOUT_RETRIES = 2
#: Backoff: 0.1 s, 0.2 s, 0.4 s, ... capped at 8 s, plus up to 0.25 s of jitter.
BACKOFF_FACTOR = 0.1
BACKOFF_MAX = 8.0
BACKOFF_JITTER = 0.25
#: A `Retry-After` longer than this is not honoured in full.
RETRY_AFTER_MAX = 30
RETRY_STATUSES = frozenset({429, 502, 503, 504})
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "PATCH", "DELETE", "OPTIONS"})
#: After a write timed out, its effect may still appear for this many read timeouts.
SETTLE_FACTOR = 2.0
#: Pool size: the plugin server runs 4 worker threads; leave room for paging and polling.
POOL_SIZE = 8
#: A list longer than this many pages is refused (a server looping on `Link: rel="next"`).
MAX_PAGES = 10_000
#: How much of an unexpected body an error shows.
BODY_PREVIEW = 100

_OBJECT_ID = re.compile(r"[0-9a-fA-F]{24}")


@dataclass
class _Budget:
    """The time left to the call in progress on this thread, and its pacing (set by `Transport.request`)."""

    ends: float  # time.monotonic() by which the call must end
    pacer: Pacer
    exceeded: bool = False  # set when retries stopped because of it
    epoch: int = 0  # the pacer's epoch when the attempt in flight was granted its token


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("celigo_budget", default=None)


def id_path(collection: str, doc_id: str, suffix: str = "") -> str:
    """`/flows/<id><suffix>`: the one way an id enters a URL path. Refuses anything but an ObjectId,
    so `../integrations/<id>` can never address another collection, and quotes it all the same."""
    if not isinstance(doc_id, str) or not _OBJECT_ID.fullmatch(doc_id):
        raise InvalidIdError(str(doc_id))
    return f"{collection}/{quote(doc_id, safe='')}{suffix}"


class _ApiRetry(Retry):
    """urllib3's Retry, plus: a POST answered 429 was refused before it was applied, so repeat it; a
    read timeout is retried at most `read_timeouts` times; an invalid `Retry-After` is ignored (normal
    backoff); nothing is retried once the call's deadline has passed."""

    def __init__(self, *args: Any, read_timeouts: int = READ_TIMEOUT_RETRIES, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.read_timeouts = read_timeouts

    def new(self, **kw: Any) -> _ApiRetry:
        kw.setdefault("read_timeouts", self.read_timeouts)
        return super().new(**kw)

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        if method.upper() == "POST" and status_code == 429:
            return True
        return super().is_retry(method, status_code, has_retry_after)

    def get_retry_after(self, response: BaseHTTPResponse) -> float | None:
        try:
            return super().get_retry_after(response)
        except InvalidHeader:  # "-1", "1.5", "soon", "": as if absent
            return None

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: BaseHTTPResponse | None = None,
        error: Exception | None = None,
        _pool: ConnectionPool | None = None,
        _stacktrace: Any = None,
    ) -> _ApiRetry:
        budget = _BUDGET.get()
        if budget is not None and response is not None and response.status == 429:
            budget.pacer.throttled(self.get_retry_after(response), budget.epoch)
        timed_out = isinstance(error, ReadTimeoutError)
        if timed_out and self.read_timeouts <= 0 and method and self._is_method_retryable(method):
            raise MaxRetryError(_pool, url, error)  # type: ignore[arg-type]
        new = super().increment(method, url, response, error, _pool, _stacktrace)
        if timed_out:
            new.read_timeouts = self.read_timeouts - 1
        return new

    def sleep(self, response: BaseHTTPResponse | None = None) -> None:
        """Wait as urllib3 says (backoff or `Retry-After`), then for a token: a retry is a request too."""
        super().sleep(response)
        budget = _BUDGET.get()
        if budget is not None:
            budget.epoch = budget.pacer.wait()

    def is_exhausted(self) -> bool:
        budget = _BUDGET.get()
        if budget is not None and time.monotonic() + self.get_backoff_time() >= budget.ends:
            budget.exceeded = True
            return True
        return super().is_exhausted()


def default_retry(max_retries: int = MAX_RETRIES) -> Retry:
    return _ApiRetry(
        total=max_retries,
        connect=min(CONNECT_RETRIES, max_retries),
        read=max_retries,
        status=max_retries,
        other=0,
        redirect=0,
        read_timeouts=min(READ_TIMEOUT_RETRIES, max_retries),
        allowed_methods=IDEMPOTENT_METHODS,
        status_forcelist=RETRY_STATUSES,
        backoff_factor=BACKOFF_FACTOR,
        backoff_max=BACKOFF_MAX,
        backoff_jitter=BACKOFF_JITTER,
        retry_after_max=RETRY_AFTER_MAX,
        respect_retry_after_header=True,
        raise_on_status=False,
    )


def _never_sent(exc: requests.RequestException) -> bool:
    """True when the request certainly never reached the server (connection refused or timed out)."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, (NewConnectionError, ConnectTimeoutError)):
            return True
        reason = getattr(cause, "reason", None)
        nested = cause.args[0] if cause.args and isinstance(cause.args[0], BaseException) else None
        cause = reason if isinstance(reason, BaseException) else nested or cause.__cause__
    return False


def parse_error_details(response: requests.Response) -> list[ErrorDetail]:
    """The API's error envelope (`errors[]`, with `field` or `path`), or a 401's bare `message`."""
    try:
        body = jsonlib.loads(response.content)
    except (ValueError, RecursionError):
        text = response.content[:200].decode("utf-8", "replace").strip()
        return [ErrorDetail(code=None, message=text or response.reason or None)]
    details: list[ErrorDetail] = []
    if isinstance(body, Mapping):
        for item in body.get("errors") or []:
            if isinstance(item, Mapping):
                details.append(
                    ErrorDetail(
                        code=item.get("code"),
                        message=item.get("message"),
                        field=item.get("field") or item.get("path"),
                    )
                )
        if not details and body.get("message"):
            details.append(ErrorDetail(code=None, message=str(body["message"])))
    return details


def items(body: Any) -> list[Any]:
    """A JSON array as a list (an empty body is an empty list); anything else is a TypeError."""
    if body is None:
        return []
    if not isinstance(body, list):
        raise TypeError(f"not a JSON array but {_json_type(body)}")
    return body


def _json_type(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}.get(
        type(value), "a number" if isinstance(value, (int, float)) else "null"
    )


def _problem(exc: BaseException) -> str:
    """What was wrong with a body, in a few words."""
    if isinstance(exc, RecursionError):
        return "JSON nested too deeply"
    if isinstance(exc, UnicodeDecodeError):
        return "not valid UTF-8"
    if isinstance(exc, jsonlib.JSONDecodeError):
        return "not JSON"
    if isinstance(exc, pydantic.ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the document"
        return f"not the expected document ({where}: {first['msg']})"
    if isinstance(exc, TypeError) and str(exc).startswith("not a JSON array"):
        return str(exc)
    return f"not the expected shape ({type(exc).__name__}: {exc})"


class Transport:
    """A thread-safe HTTP transport bound to one base URL and token."""

    def __init__(self, config: ClientConfig, *, retry: Retry | None = None, pool_size: int = POOL_SIZE) -> None:
        self._config = config
        self.base_url = config.base_url
        parts = urlsplit(config.base_url)
        self._base_path = parts.path.rstrip("/")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        #: The base URL with its port spelled out, for "no answer from ..." messages.
        self.where = f"{parts.scheme}://{parts.hostname}:{port}{self._base_path}"
        session = requests.Session()
        adapter = HTTPAdapter(
            pool_connections=pool_size, pool_maxsize=pool_size, max_retries=retry or default_retry(config.max_retries)
        )
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        session.headers.update(
            {
                "Accept": "application/json",
                "User-Agent": f"pulumi-celigo/{__version__} {config.user_agent_suffix}".strip(),
            }
        )
        # Environment proxies and .netrc must not see (or override) the bearer token.
        session.trust_env = False
        self._session = session
        self._auth_header = {"Authorization": f"Bearer {config.api_token.get_secret_value()}"}
        #: Shared by every transport of this process for this account (the worker threads included).
        self.pacer = pacer_for(
            config.base_url, config.api_token.get_secret_value(), config.rate_limit_burst, config.rate_limit_per_second
        )

    def __repr__(self) -> str:
        return f"Transport(base_url={self.base_url!r})"

    def close(self) -> None:
        self._session.close()

    @property
    def read_timeout(self) -> float:
        return self._config.read_timeout

    @property
    def clone_read_timeout(self) -> float:
        return self._config.clone_read_timeout

    def stream(self, url: str, chunk_size: int = 1 << 16) -> Generator[bytes, None, None]:
        """GET a signed URL chunk by chunk (the body is never held whole). It carries its own
        authorisation: the bearer token is not sent with it. Closing the iterator closes the response."""
        timeout = (self._config.connect_timeout, self._config.read_timeout)
        try:
            with self._session.get(url, timeout=timeout, stream=True) as response:
                if response.status_code >= 400:
                    raise error_for_status("GET", "<signed URL>", response.status_code, parse_error_details(response))
                yield from response.iter_content(chunk_size)
        except requests.RequestException as exc:
            raise ApiConnectionError("GET", "<signed URL>", exc, where="the template's signed URL") from None

    def url_for(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    def rebase(self, url: str) -> str:
        """Re-base a `Link: rel="next"` URL, which may name another host, onto the configured base URL."""
        parts = urlsplit(url)
        path = parts.path
        if self._base_path and path.startswith(self._base_path + "/"):
            path = path[len(self._base_path) :]
        return self.url_for(path) + (f"?{parts.query}" if parts.query else "")

    @property
    def not_found_hint(self) -> str | None:
        """For a 404 under a base URL whose path has no `/v1` segment (`http://127.0.0.1:8765`)."""
        if re.search(r"/v1(/|$)", self._base_path):
            return None
        return (
            f"The base URL {self.base_url} has no /v1 in its path: did you forget `/v1`? "
            f"(celigo:baseUrl / CELIGO_BASE_URL, e.g. {self.base_url}/v1)"
        )

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        read_timeout: float | None = None,
        url: str | None = None,
    ) -> requests.Response:
        """Send one request (with the configured retries, within the deadline); return the 2xx response or raise."""
        method = method.upper()
        target = url or self.url_for(path)
        timeout = (self._config.connect_timeout, read_timeout or self._config.read_timeout)
        started = time.monotonic()
        budget = _Budget(started + self._config.request_deadline, self.pacer)
        token = _BUDGET.set(budget)
        try:
            budget.epoch = self.pacer.wait()
            response = self._session.request(
                method,
                target,
                params=params,
                json=json,
                headers=self._auth_header,
                timeout=timeout,
                allow_redirects=False,
            )
        except requests.RequestException as exc:
            never_sent = _never_sent(exc)
            if method not in IDEMPOTENT_METHODS and not never_sent:
                timed_out = isinstance(exc, requests.exceptions.Timeout)
                raise OutcomeUnknownError(
                    method,
                    path,
                    f"no response: {type(exc).__name__}",
                    timed_out=timed_out,
                    settle=SETTLE_FACTOR * timeout[1] if timed_out else 0.0,
                ) from None
            if budget.exceeded:
                raise DeadlineExceededError(method, path, self._config.request_deadline, type(exc).__name__) from None
            raise ApiConnectionError(method, path, exc, where=self.where) from None
        finally:
            _BUDGET.reset(token)
        status = response.status_code
        log.debug("%s %s -> %s in %.1f ms", method, path, status, (time.monotonic() - started) * 1e3)
        if 300 <= status < 400:
            location = response.headers.get("Location") or "(no Location header)"
            raise UnexpectedResponseError(
                method, path, status, f"a redirect to {location}, which the client does not follow"
            )
        if status >= 400:
            if method not in IDEMPOTENT_METHODS and status >= 500:
                raise OutcomeUnknownError(method, path, f"HTTP {status}")
            if status in RETRY_STATUSES and budget.exceeded:
                raise DeadlineExceededError(method, path, self._config.request_deadline, f"HTTP {status}")
            raise error_for_status(
                method, path, status, parse_error_details(response), hint=self.not_found_hint if status == 404 else None
            )
        return response

    def _unexpected(self, method: str, path: str, response: requests.Response, exc: BaseException) -> Exception:
        """The error for a success whose body is not what the API documents (never the decoder's own)."""
        content_type = response.headers.get("Content-Type") or "no Content-Type"
        preview = response.content[:BODY_PREVIEW].decode("utf-8", "replace")
        what = f"the body is {_problem(exc)}; {content_type}, starting {preview!r}"
        if method not in IDEMPOTENT_METHODS:
            return OutcomeUnknownError(method, path, f"HTTP {response.status_code}, but {what}")
        return UnexpectedResponseError(method, path, response.status_code, what)

    def _decode(self, method: str, path: str, response: requests.Response, parse: Callable[[Any], T]) -> T:
        try:
            body = None if response.status_code == 204 or not response.content else jsonlib.loads(response.content)
            return parse(body)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            raise self._unexpected(method, path, response, exc) from None

    def call(self, method: str, path: str, parse: Callable[[Any], T], **kwargs: Any) -> T:
        """Send a request and return `parse(body)` (body None when empty, as for 204).

        `parse` may raise ValueError (pydantic's ValidationError is one), TypeError or KeyError on a
        body of the wrong shape: the caller gets an `UnexpectedResponseError` (a POST: `OutcomeUnknownError`).
        """
        return self._decode(method, path, self.request(method, path, **kwargs), parse)

    def paginate(self, path: str, parse: Callable[[Any], T], params: Mapping[str, Any] | None = None) -> Iterator[T]:
        """Yield `parse(item)` for every item of a list, following `Link: rel="next"`; 204 is an empty list."""
        url: str | None = None
        fetched: set[str] = set()
        for page in itertools.count(1):
            if page > MAX_PAGES:
                raise UnexpectedResponseError(
                    "GET", path, 200, f'more than {MAX_PAGES} pages (Link: rel="next" never ends); stopped'
                )
            response = self.request("GET", path, params=None if url else params, url=url)
            fetched.add(_normal(response.url))
            yield from self._decode("GET", path, response, lambda body: [parse(item) for item in items(body)])
            next_link = response.links.get("next", {}).get("url")
            if not next_link:
                return
            url = self.rebase(urljoin(response.url, next_link))
            if _normal(url) in fetched:
                raise UnexpectedResponseError(
                    "GET", path, 200, f'Link: rel="next" points back to a page already fetched ({next_link}); stopped'
                )


def _normal(url: str) -> str:
    """A URL as requests sends it (so two spellings of one page compare equal)."""
    return str(requests.Request("GET", url).prepare().url)
