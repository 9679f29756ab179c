"""The only code that speaks HTTP to integrator.io: auth, timeouts, retries, errors and paging.

One `requests.Session` per client, with a connection pool sized for the Pulumi plugin server's
four worker threads. Retries are urllib3's `Retry`, configured rather than hand-written:

* idempotent methods (GET, PUT, PATCH, DELETE) are retried on 429 (honouring `Retry-After`,
  capped), on 502/503/504 and on dropped connections, with exponential backoff and jitter;
* a POST is retried only when the API certainly did not apply it: a refused connection, or a
  429. When a POST's outcome is unknown (dropped connection, read timeout, 5xx) the transport
  raises `OutcomeUnknownError` and lets the caller reconcile: blindly repeating a create could
  duplicate a flow.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator, Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
from urllib3.util.retry import Retry

from .._version import __version__
from ._config import ClientConfig
from ._errors import (
    ApiConnectionError,
    ErrorDetail,
    OutcomeUnknownError,
    error_for_status,
)

log = logging.getLogger("pulumi_celigo.client")

#: Retry budget per request. 30% of requests failing still leaves a ~1e-6 chance of exhausting it.
MAX_RETRIES = 10
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


class _ApiRetry(Retry):
    """urllib3's Retry, plus: a POST answered 429 was refused before it was applied, so repeat it."""

    def is_retry(self, method: str, status_code: int, has_retry_after: bool = False) -> bool:
        if method.upper() == "POST" and status_code == 429:
            return True
        return super().is_retry(method, status_code, has_retry_after)


def default_retry() -> Retry:
    return _ApiRetry(
        total=MAX_RETRIES,
        connect=MAX_RETRIES,
        read=MAX_RETRIES,
        status=MAX_RETRIES,
        other=0,
        redirect=0,
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
        body = response.json()
    except ValueError:
        text = response.text.strip()[:200]
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


class Transport:
    """A thread-safe HTTP transport bound to one base URL and token."""

    def __init__(self, config: ClientConfig, *, retry: Retry | None = None, pool_size: int = POOL_SIZE) -> None:
        self._config = config
        self.base_url = config.base_url
        self._base_path = urlsplit(config.base_url).path.rstrip("/")
        session = requests.Session()
        adapter = HTTPAdapter(pool_connections=pool_size, pool_maxsize=pool_size, max_retries=retry or default_retry())
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
            raise ApiConnectionError("GET", "<signed URL>", exc) from None

    def url_for(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    def rebase(self, url: str) -> str:
        """Re-base a `Link: rel="next"` URL, which may name another host, onto the configured base URL."""
        parts = urlsplit(url)
        path = parts.path
        if self._base_path and path.startswith(self._base_path + "/"):
            path = path[len(self._base_path) :]
        return self.url_for(path) + (f"?{parts.query}" if parts.query else "")

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
        """Send one request (with the configured retries); return the response or raise the error."""
        method = method.upper()
        target = url or self.url_for(path)
        timeout = (self._config.connect_timeout, read_timeout or self._config.read_timeout)
        started = time.monotonic()
        try:
            response = self._session.request(
                method, target, params=params, json=json, headers=self._auth_header, timeout=timeout
            )
        except requests.RequestException as exc:
            if method in IDEMPOTENT_METHODS or _never_sent(exc):
                raise ApiConnectionError(method, path, exc) from None
            timed_out = isinstance(exc, requests.exceptions.Timeout)
            raise OutcomeUnknownError(
                method,
                path,
                f"no response: {type(exc).__name__}",
                timed_out=timed_out,
                settle=SETTLE_FACTOR * timeout[1] if timed_out else 0.0,
            ) from None
        log.debug("%s %s -> %s in %.1f ms", method, path, response.status_code, (time.monotonic() - started) * 1e3)
        if response.status_code >= 400:
            if method not in IDEMPOTENT_METHODS and response.status_code >= 500:
                raise OutcomeUnknownError(method, path, f"HTTP {response.status_code}")
            raise error_for_status(method, path, response.status_code, parse_error_details(response))
        return response

    def json(self, method: str, path: str, **kwargs: Any) -> Any:
        """Send a request and decode its JSON body (None for an empty body such as 204)."""
        response = self.request(method, path, **kwargs)
        if response.status_code == 204 or not response.content:
            return None
        return response.json()

    def paginate(self, path: str, params: Mapping[str, Any] | None = None) -> Iterator[Any]:
        """Yield every item of a list, following `Link: rel="next"`; 204 is an empty list."""
        url: str | None = None
        while True:
            response = self.request("GET", path, params=None if url else params, url=url)
            if response.status_code != 204 and response.content:
                page = response.json()
                if not isinstance(page, list):
                    raise TypeError(f"GET {path}: expected a JSON array, got {type(page).__name__}")
                yield from page
            next_link = response.links.get("next", {}).get("url")
            if not next_link:
                return
            url = self.rebase(next_link)
