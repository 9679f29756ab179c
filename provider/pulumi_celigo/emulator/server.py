"""The emulator as a threaded HTTP/1.1 server, embeddable in tests and benchmarks.

    with running_emulator(token="t", seed="demo") as emu:
        requests.get(f"{emu.base_url}/tokenInfo", headers={"Authorization": "Bearer t"})

werkzeug's own request handler closes every connection after one response (it sends
``Connection: close``); real clients reuse connections, so :class:`_Handler` answers with a
``Content-Length`` and keeps the connection open. The app reads a request body only when it
needs it; afterwards the handler skips what is left (so the stream sits at the next request) or,
for a body too large to skip, closes the connection once the answer is sent. It writes nothing
when the app asked for a dropped connection, and logs nothing.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any, cast

from werkzeug.exceptions import HTTPException
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wsgi import LimitedStream

from .app import DROPPED, MAX_BODY_BYTES, EmulatorApp
from .faults import FaultInjector
from .ratelimit import TokenBucket
from .store import Store

IDLE_TIMEOUT_S = 120  # an idle keep-alive connection is closed after this
LINGER_S = 2.0  # after refusing a body it did not read, the server drains it this long at most


class _Handler(WSGIRequestHandler):
    """HTTP/1.1 keep-alive request handler for :class:`EmulatorApp`."""

    protocol_version = "HTTP/1.1"
    timeout = IDLE_TIMEOUT_S

    def _app(self) -> EmulatorApp | None:
        app = getattr(self.server, "app", None)
        return app if isinstance(app, EmulatorApp) else None

    def setup(self) -> None:
        super().setup()
        # Without this, Nagle's algorithm meets the client's delayed ACK: ~40 ms per response.
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        app = self._app()
        if app is not None:
            app.connections.add(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            app = self._app()
            if app is not None:
                app.connections.discard(self.connection)

    def log(self, type: str, message: str, *args: Any) -> None:
        pass  # silent: tests and benchmarks read stdout/stderr

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Malformed HTTP (bad request line, huge headers): the API's JSON envelope, not HTML."""
        self.close_connection = True
        reason = self.responses.get(code, ("Error", ""))[0]
        payload = json.dumps(
            {"errors": [{"code": "bad_request" if code < 500 else "server_error", "message": message or reason}]}
        ).encode()
        self.send_response(code, reason)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def run_wsgi(self) -> None:
        if self.headers.get("Expect", "").lower().strip() == "100-continue":
            self.wfile.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        environ = self.make_environ()
        length = 0  # declared by Content-Length; chunked bodies come with werkzeug's dechunker
        if not environ.get("wsgi.input_terminated"):
            try:
                length = max(0, int(environ.get("CONTENT_LENGTH") or 0))
            except ValueError:
                self.close_connection = True
            environ["wsgi.input"] = LimitedStream(cast(IO[bytes], self.rfile), length)
            environ["wsgi.input_terminated"] = True  # the stream ends with the body
        body = environ["wsgi.input"]

        started: list[Any] = []

        def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            started[:] = [status, headers]
            return lambda data: chunks.append(data)

        chunks: list[bytes] = []
        result = self.server.app(environ, start_response)
        try:
            chunks.extend(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        if environ.get(DROPPED) or not started:
            self.close_connection = True
            return

        status, headers = started
        code_text, _, reason = str(status).partition(" ")
        code = int(code_text)
        # The app reads a body only when it needs it (after authentication, up to MAX_BODY_BYTES).
        # After the answer, what it left unread is skipped, so the connection sits at the next
        # request; a body too large to skip closes the connection.
        too_large = code == 413 or length > MAX_BODY_BYTES
        if too_large:
            self.close_connection = True
        payload = b"".join(chunks)
        self.send_response(code, reason)
        for name, value in headers:
            if name.lower() not in ("content-length", "connection", "transfer-encoding"):
                self.send_header(name, value)
        if code not in (204, 304) and code >= 200:
            self.send_header("Content-Length", str(len(payload)))
        if self.close_connection:
            self.send_header("Connection", "close")
        # Headers and body in one write (end_headers() would send the headers on their own).
        buffered = self._headers_buffer
        buffered.append(b"\r\n")
        if self.command != "HEAD" and code not in (204, 304):
            buffered.append(payload)
        self.flush_headers()
        if too_large or not self._skip(body):
            self.close_connection = True
            self._linger()

    @staticmethod
    def _skip(body: Any) -> bool:
        """Read and discard the rest of the body, up to MAX_BODY_BYTES; False if more remains."""
        budget = MAX_BODY_BYTES
        try:
            while budget > 0:
                chunk = body.read(min(budget, 65536))
                if not chunk:
                    return True
                budget -= len(chunk)
            return not body.read(1)
        except (OSError, HTTPException):
            return False

    def _linger(self) -> None:
        """Close gently after an answer to an unread body: the client is likely still sending it,
        and closing with unread data would reset the connection and lose the answer."""
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_WR)
            self.connection.settimeout(1.0)
            deadline = time.monotonic() + LINGER_S
            while time.monotonic() < deadline and self.connection.recv(65536):
                pass


@dataclass
class EmulatorOptions:
    """Everything that configures one emulator (the CLI flags, in-process)."""

    token: str = "t"
    read_only_token: str | None = None
    seed: str | None = "demo"
    rate_capacity: float = 1000
    rate_refill: float = 300.0
    data_path: str | None = None
    host: str = "127.0.0.1"
    port: int = 0
    # One fault rule for every request (method "*", route "*"), as the CLI flags set it.
    fail_rate: float = 0.0
    drop_rate: float = 0.0
    lost_response_rate: float = 0.0
    latency_ms: float = 0.0
    fault_seed: int | None = None

    def fault_config(self) -> dict[str, Any]:
        rates = {
            "fail_rate": self.fail_rate,
            "drop_rate": self.drop_rate,
            "lost_response_rate": self.lost_response_rate,
            "latency_ms": self.latency_ms,
        }
        rules = [{"method": "*", "route": "*", **rates}] if any(rates.values()) else []
        return {"rules": rules, "seed": self.fault_seed}


class EmulatorServer:
    """A running emulator: start/stop, its URLs, and shortcuts to the control plane."""

    def __init__(self, options: EmulatorOptions | None = None, **overrides: Any) -> None:
        self.options = dataclasses.replace(options or EmulatorOptions(), **overrides)
        self._store: Store | None = None
        self._app: EmulatorApp | None = None
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self._port: int | None = None  # kept after stop: URLs stay printable

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> EmulatorServer:
        if self._server is not None:
            raise RuntimeError("emulator already started")
        options = self.options
        store = Store(options.data_path)
        faults = FaultInjector()
        faults.configure(options.fault_config())
        try:
            app = EmulatorApp(
                store,
                token=options.token,
                read_only_token=options.read_only_token,
                seed=options.seed,
                rate_limit=TokenBucket(options.rate_capacity, options.rate_refill),
                faults=faults,
            )
            server = make_server(options.host, options.port, app, threaded=True, request_handler=_Handler)
        except BaseException:
            store.close()
            raise
        self._store, self._app, self._server = store, app, server
        self._port = int(server.socket.getsockname()[1])
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="celigo-emulator", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, app, store = self._server, self._app, self._store
        if server is None or app is None or store is None:
            return
        server.shutdown()
        server.server_close()
        app.connections.close_all()  # idle keep-alive connections would otherwise linger
        if self._thread is not None:
            self._thread.join(timeout=5)
        app.wait_idle(timeout=5)
        with store.lock:  # waits for a request still working on the store
            store.close()
        self._server = self._app = self._store = None
        self._thread = None

    def __enter__(self) -> EmulatorServer:
        return self.start() if self._server is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- addresses -----------------------------------------------------------------------------

    @property
    def app(self) -> EmulatorApp:
        if self._app is None:
            raise RuntimeError("emulator not started")
        return self._app

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("emulator not started")
        return self._port

    @property
    def root_url(self) -> str:
        host = self.options.host
        if host in ("0.0.0.0", "", "::"):
            host = "127.0.0.1"
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.root_url}/v1"

    @property
    def token(self) -> str:
        return self.options.token

    @property
    def seed_ids(self) -> dict[str, Any]:
        return dict(self.app.seed_ids)

    @property
    def internal_errors(self) -> int:
        """How many requests ended in an unexpected exception (a 500): tests expect 0."""
        return self.app.internal_errors

    # -- control plane, in-process ---------------------------------------------------------------

    def request_counts(self) -> dict[str, int]:
        """Same as ``GET /__emulator/requests``."""
        return self.app.requests.counts()

    def request_outcomes(self) -> dict[str, dict[str, int]]:
        """Same as ``GET /__emulator/requests?by=outcome``."""
        return self.app.requests.outcomes()

    def reset_request_counts(self) -> None:
        self.app.requests.reset()

    def reset_data(self) -> None:
        """Wipe the state back to the seed (``POST /__emulator/reset?data=1``)."""
        self.app.reset_data()

    def set_faults(self, rules: list[dict[str, Any]], seed: int | None = None) -> None:
        """Same as ``PUT /__emulator/faults``; ValueError when a rule is malformed."""
        self.app.faults.configure({"rules": rules, "seed": seed})

    def clear_faults(self) -> None:
        self.app.faults.clear()

    def set_rate_limit(self, capacity: float, refill: float) -> None:
        """Same as ``PUT /__emulator/rate-limit``: new limits, bucket full."""
        self.app.bucket.configure(capacity, refill)

    def fail_next_job(self, flow_id: str, errors: list[dict[str, Any]]) -> None:
        """Same as ``POST /__emulator/flows/{id}/fail-next-job``."""
        with self.app.store.transaction():
            self.app.backend.fail_next_job(flow_id, errors)


@contextmanager
def running_emulator(
    token: str = "t",
    read_only_token: str | None = None,
    seed: str | None = "demo",
    rate_capacity: float = 1000,
    rate_refill: float = 300.0,
    data_path: str | None = None,
    port: int = 0,
    **options: Any,
) -> Iterator[EmulatorServer]:
    """Start an emulator on a background thread for the block; stop it afterwards."""
    server = EmulatorServer(
        EmulatorOptions(
            token=token,
            read_only_token=read_only_token,
            seed=seed,
            rate_capacity=rate_capacity,
            rate_refill=rate_refill,
            data_path=data_path,
            port=port,
            **options,
        )
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()
