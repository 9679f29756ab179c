"""A client for the Pulumi dynamic-provider plugin server, driven the way the engine drives it.

``pulumi up`` serves every ``pulumi.dynamic.Resource`` through the ``pulumi-python`` plugin,
a shell script that runs ``python -u -m pulumi.dynamic`` in the program's directory. That
server prints its port on the first stdout line and serves ``pulumirpc.ResourceProvider``
over gRPC with 4 worker threads. :class:`PluginServer` starts exactly that process and
exposes the engine's calls (``Configure``, ``Check``, ``Diff``, ``Create``, ``Read``,
``Update``, ``Delete``) with plain Python dicts in and out, so providers can be tested
through the real serialization, pickling and threading without the Pulumi CLI::

    from pulumi_celigo.testing import PluginServer, urn

    with PluginServer(project="demo", env={"PYTHONPATH": "tests"}) as plugin:
        plugin.configure({"celigo:apiToken": "t0k"}, secret_keys=["celigo:apiToken"])
        u = urn("pulumi-python:dynamic/celigo:Flow", "orders", project="demo")
        checked = plugin.check(u, {}, {"__provider": blob, "name": "orders"})
        id_, outs = plugin.create(u, checked.inputs)

Provider exceptions come back as :class:`PluginError`, whose ``str()`` is what the Pulumi
CLI would show the user: the last exception line of the server's traceback.
"""

from __future__ import annotations

import asyncio
import json
import os
import queue
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Coroutine, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import grpc
from google.protobuf import empty_pb2, struct_pb2
from pulumi.dynamic import ResourceProvider
from pulumi.runtime import rpc
from pulumi.runtime.proto import provider_pb2, provider_pb2_grpc

from .. import _serialize
from ._values import is_secret, secret, unwrap_secrets

__all__ = [
    "PROVIDER_KEY",
    "CheckOutcome",
    "DiffOutcome",
    "PluginError",
    "PluginServer",
    "PluginStartupError",
    "provider_blob",
    "urn",
    "user_message",
]

#: The reserved input/output that carries the pickled provider of a dynamic resource.
PROVIDER_KEY = "__provider"

_T = TypeVar("_T")

try:  # Same message-size limits as the SDK's own server; private, so fall back quietly.
    from pulumi.runtime._grpc_settings import _GRPC_CHANNEL_OPTIONS as _CHANNEL_OPTIONS
except ImportError:  # pragma: no cover - depends on the SDK version
    _CHANNEL_OPTIONS = []


def urn(
    type_token: str,
    name: str,
    project: str = "project",
    stack: str = "stack",
    parent_type: str | None = None,
) -> str:
    """Build a resource URN the way the engine does.

    ``urn("pulumi-python:dynamic/celigo:Flow", "orders", "demo", "dev")`` gives
    ``urn:pulumi:dev::demo::pulumi-python:dynamic/celigo:Flow::orders``. ``parent_type`` is
    the (already ``$``-joined) type chain of a component parent, if any; resources parented
    by the root stack have none.
    """
    qualified = f"{parent_type}${type_token}" if parent_type else type_token
    return f"urn:pulumi:{stack}::{project}::{qualified}::{name}"


def provider_blob(provider: ResourceProvider) -> str:
    """The plain base64 ``__provider`` string that ``pulumi.dynamic.Resource`` would send."""
    return _serialize.provider_blob(provider)


def user_message(details: str) -> str:
    """The message the Pulumi CLI shows for a provider error: the final exception of a traceback.

    The server reports ``traceback.format_exc()``; with chained exceptions the last
    ``Traceback (most recent call last):`` block is the one that escaped. Frame lines are
    indented, so the exception text starts at the first unindented line after the header
    (and may span several lines, e.g. with notes).
    """
    lines = details.rstrip().splitlines()
    header = "Traceback (most recent call last):"
    starts = [i for i, line in enumerate(lines) if line.strip() == header]
    if not starts:
        return details.strip()
    i = starts[-1] + 1
    while i < len(lines) and (lines[i].startswith(" ") or not lines[i].strip()):
        i += 1
    message = "\n".join(lines[i:]).strip()
    return message or details.strip()


class PluginError(Exception):
    """A gRPC call to the plugin server failed.

    ``str(err)`` is the user-facing message (e.g. ``"ValueError: Flow 'x': schedule ..."``);
    ``traceback`` keeps everything the server sent.
    """

    def __init__(self, method: str, code: Any, details: str, output: str = "") -> None:
        self.method = method
        #: The ``grpc.StatusCode`` (``UNKNOWN`` for a provider exception).
        self.code = code
        #: The raw status details: for provider exceptions, the full Python traceback.
        self.details = details
        #: Alias of :attr:`details`, for readability at call sites.
        self.traceback = details
        #: What the plugin server printed so far (useful when it died).
        self.server_output = output
        self.message = user_message(details) if details else f"{method} failed with {code}"
        super().__init__(self.message)


class PluginStartupError(RuntimeError):
    """The plugin server did not start (or did not print its port in time)."""


@dataclass
class CheckOutcome:
    """What ``Check`` returned: the checked inputs and any validation failures."""

    inputs: dict[str, Any]
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when there are no failures."""
        return not self.failures

    def messages(self) -> list[str]:
        """Failures formatted like the CLI prints them: ``property: reason``."""
        return [f"{prop}: {reason}" if prop else reason for prop, reason in self.failures]


@dataclass
class DiffOutcome:
    """What ``Diff`` returned.

    ``changes`` is ``True`` (DIFF_SOME), ``False`` (DIFF_NONE) or ``None`` (DIFF_UNKNOWN: the
    provider did not say, and the engine falls back to comparing old and new inputs).
    ``diffs`` is what the server sent as changed keys; the SDK's server never fills it.
    """

    changes: bool | None
    replaces: list[str] = field(default_factory=list)
    delete_before_replace: bool = False
    diffs: list[str] = field(default_factory=list)
    stables: list[str] = field(default_factory=list)


class _OutputBuffer:
    """Collects a subprocess's stdout/stderr lines (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._chunks: list[str] = []
        self._stderr: list[str] = []

    def add(self, text: str, stderr: bool) -> None:
        with self._lock:
            self._chunks.append(text)
            if stderr:
                self._stderr.append(text)

    def text(self) -> str:
        with self._lock:
            return "".join(self._chunks)

    def stderr(self) -> str:
        with self._lock:
            return "".join(self._stderr)


def _run_coroutine(coro: Coroutine[Any, Any, _T]) -> _T:
    """Run ``coro`` on a private event loop, leaving the thread's loop state untouched.

    ``asyncio.run()`` would unset the current loop afterwards, which breaks
    ``pulumi.runtime.set_mocks`` in later tests. When called from inside a running loop
    (async test code), the work moves to a helper thread.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        loop = asyncio.new_event_loop()
        try:
            return loop.run_until_complete(coro)
        finally:
            loop.close()
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = _run_coroutine(coro)
        except BaseException as exc:  # re-raised in the calling thread
            box["error"] = exc

    thread = threading.Thread(target=target, name="pulumi-celigo-serialize")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def _prepare(value: Any) -> Any:
    """Make a value ready for the provider: no secret markers, providers as blobs."""
    if isinstance(value, ResourceProvider):
        return provider_blob(value)
    if is_secret(value):
        return _prepare(unwrap_secrets(value))
    if isinstance(value, Mapping):
        return {k: _prepare(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_prepare(v) for v in value]
    return value


def to_struct(props: Mapping[str, Any], keep_secrets: bool = False) -> struct_pb2.Struct:
    """Serialize a property dict into a protobuf ``Struct`` with the SDK's own serializer.

    Secrets are stripped (the engine never sends them to this provider) unless
    ``keep_secrets``; ``Unknown`` values become the wire's unknown sentinel; ``None`` values
    are dropped, as on the real wire.
    """
    prepared = dict(props) if keep_secrets else {k: _prepare(v) for k, v in props.items()}
    return _run_coroutine(rpc.serialize_properties(prepared, {}))


def from_struct(struct: struct_pb2.Struct) -> dict[str, Any]:
    """Deserialize a protobuf ``Struct`` into a dict, keeping unknowns as ``Unknown``."""
    result = rpc.deserialize_properties(struct, keep_unknowns=True)
    return dict(result) if isinstance(result, Mapping) else {}


class PluginServer:
    """Runs ``python -u -m pulumi.dynamic`` and calls it over gRPC like the engine.

    Use it as a context manager (or call :meth:`start` / :meth:`close`). The object is safe
    to use from several threads at once; the server itself runs at most 4 calls in parallel.

    :param project: the Pulumi project name (``PULUMI_PROJECT`` for the server; the bare-key
        namespace of ``ConfigureRequest.config``).
    :param cwd: where the server runs (the engine uses the program's directory: ``-m`` puts it
        on ``sys.path``, so providers defined next to the program import).
    :param env: variables merged over ``os.environ`` for the server (e.g. ``PYTHONPATH``).
    :param startup_timeout: seconds to wait for the port line.
    :param call_timeout: per-call gRPC deadline in seconds (``None``: no deadline).
    :param python: the interpreter (default: this one, so the same virtualenv).
    """

    def __init__(
        self,
        *,
        project: str = "project",
        cwd: str | os.PathLike[str] | None = None,
        env: Mapping[str, str] | None = None,
        startup_timeout: float = 30.0,
        call_timeout: float | None = 300.0,
        python: str = sys.executable,
    ) -> None:
        self.project = project
        self.cwd = Path(cwd) if cwd is not None else None
        self.env = dict(env or {})
        self.startup_timeout = startup_timeout
        self.call_timeout = call_timeout
        self.python = python
        self.port: int | None = None
        #: What the server answered to ``Configure`` (the SDK's server says ``False``).
        self.accepts_secrets: bool | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._channel: Any = None
        self._stub: Any = None
        self._buffer = _OutputBuffer()
        self._readers: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._finalizer: weakref.finalize[Any, Any] | None = None

    # -- lifecycle -----------------------------------------------------------------------

    def __enter__(self) -> PluginServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def running(self) -> bool:
        """True while the server process is alive."""
        return self._proc is not None and self._proc.poll() is None

    @property
    def pid(self) -> int | None:
        """The server's process id, once started."""
        return self._proc.pid if self._proc is not None else None

    def start(self) -> PluginServer:
        """Start the server, wait for its port and connect. Returns ``self``."""
        with self._lock:
            if self._proc is not None:
                return self
            env = dict(os.environ)
            env.update(self.env)
            env["PULUMI_PROJECT"] = self.project
            proc = subprocess.Popen(
                [self.python, "-u", "-m", "pulumi.dynamic"],
                cwd=str(self.cwd) if self.cwd is not None else None,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            self._proc = proc
            # Never leave a server behind if the object is dropped without close().
            self._finalizer = weakref.finalize(self, _kill_process, proc)
            first_line: queue.Queue[str | None] = queue.Queue(maxsize=1)
            assert proc.stdout is not None and proc.stderr is not None
            self._readers = [
                threading.Thread(
                    target=_pump,
                    args=(proc.stdout, self._buffer, False, first_line),
                    daemon=True,
                    name=f"pulumi-dynamic-stdout-{proc.pid}",
                ),
                threading.Thread(
                    target=_pump,
                    args=(proc.stderr, self._buffer, True, None),
                    daemon=True,
                    name=f"pulumi-dynamic-stderr-{proc.pid}",
                ),
            ]
            for reader in self._readers:
                reader.start()
            try:
                line = first_line.get(timeout=self.startup_timeout)
            except queue.Empty:
                self._kill()
                raise PluginStartupError(
                    f"the plugin server (python -m pulumi.dynamic) printed no port within "
                    f"{self.startup_timeout:g}s; stderr:\n{self._buffer.stderr()}"
                ) from None
            if line is None or not line.strip().isdigit():
                code = self._wait_exit(5.0)
                self._kill()
                raise PluginStartupError(
                    f"the plugin server (python -m pulumi.dynamic) did not start "
                    f"(exit code {code}, first line {line!r}); stderr:\n{self._buffer.stderr()}"
                )
            self.port = int(line.strip())
            self._channel = grpc.insecure_channel(f"127.0.0.1:{self.port}", options=_CHANNEL_OPTIONS)
            try:
                grpc.channel_ready_future(self._channel).result(timeout=self.startup_timeout)
            except grpc.FutureTimeoutError:
                self._kill()
                raise PluginStartupError(
                    f"could not connect to the plugin server on port {self.port}; stderr:\n{self._buffer.stderr()}"
                ) from None
            self._stub = provider_pb2_grpc.ResourceProviderStub(self._channel)
            return self

    def close(self) -> None:
        """Close the channel and stop the server (terminate, then kill after 5 s)."""
        with self._lock:
            if self._channel is not None:
                self._channel.close()
                self._channel = None
                self._stub = None
            self._kill()
            if self._finalizer is not None:
                self._finalizer.detach()
            for reader in self._readers:
                reader.join(timeout=5.0)
            self._readers = []

    def _kill(self) -> None:
        proc = self._proc
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=5.0)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5.0)

    def _wait_exit(self, timeout: float) -> int | None:
        proc = self._proc
        if proc is None:
            return None
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        # Let the reader threads drain what the process wrote before it died.
        deadline = time.monotonic() + 2.0
        for reader in self._readers:
            reader.join(timeout=max(0.0, deadline - time.monotonic()))
        return code

    def output(self) -> str:
        """Everything the server printed after its port line (stdout and stderr, interleaved)."""
        return self._buffer.text()

    # -- calls ---------------------------------------------------------------------------

    def _call(self, method: str, request: Any) -> Any:
        stub = self._stub
        if stub is None:
            raise PluginError(method, grpc.StatusCode.UNAVAILABLE, "the plugin server is not started")
        try:
            return getattr(stub, method)(request, timeout=self.call_timeout)
        except grpc.RpcError as exc:
            code = exc.code()
            details = exc.details() or ""
            if code == grpc.StatusCode.UNAVAILABLE and not self.running:
                details = (
                    f"the plugin server exited (code {self._proc.returncode if self._proc else None}); "
                    f"its output:\n{self.output()}\n{details}"
                )
            raise PluginError(method, code, details, self.output()) from exc

    def get_plugin_info(self) -> str:
        """``GetPluginInfo``: the server's version string."""
        return str(self._call("GetPluginInfo", empty_pb2.Empty()).version)

    def configure(self, config: Mapping[str, Any], secret_keys: Iterable[str] = ()) -> None:
        """``Configure`` with the whole stack config, keys namespaced (``celigo:apiToken``).

        Values are sent as strings (non-strings as JSON, like structured config);
        ``secret_keys`` are sent secret-wrapped, as the engine sends secret config, and the
        server unwraps them. The legacy ``variables`` map uses ``ns:config:key`` keys.
        """
        secrets = set(secret_keys)
        args: dict[str, Any] = {}
        variables: dict[str, str] = {}
        for key, value in config.items():
            text = value if isinstance(value, str) else _json_dumps(value)
            args[key] = secret(text) if key in secrets else text
            ns, _, name = key.partition(":")
            variables[f"{ns}:config:{name}" if name else key] = text
        request = provider_pb2.ConfigureRequest(
            args=to_struct(args, keep_secrets=True),
            variables=variables,
            acceptSecrets=True,
            acceptResources=True,
        )
        response = self._call("Configure", request)
        self.accepts_secrets = bool(response.acceptSecrets)

    def check(self, urn: str, olds: Mapping[str, Any], news: Mapping[str, Any]) -> CheckOutcome:
        """``Check(olds, news)``: ``olds`` are the previous checked inputs (``{}`` on create)."""
        response = self._call(
            "Check",
            provider_pb2.CheckRequest(urn=urn, olds=to_struct(olds), news=to_struct(news)),
        )
        failures = [(f.property, f.reason) for f in response.failures]
        return CheckOutcome(inputs=from_struct(response.inputs), failures=failures)

    def diff(
        self,
        id: str,
        urn: str,
        olds: Mapping[str, Any],
        news: Mapping[str, Any],
        old_inputs: Mapping[str, Any] | None = None,
        ignore_changes: Iterable[str] = (),
    ) -> DiffOutcome:
        """``Diff(id, olds=<previous outputs>, news=<checked inputs>)``."""
        request = provider_pb2.DiffRequest(
            id=id,
            urn=urn,
            olds=to_struct(olds),
            news=to_struct(news),
            old_inputs=to_struct(old_inputs or {}),
            ignoreChanges=list(ignore_changes),
        )
        response = self._call("Diff", request)
        if response.changes == provider_pb2.DiffResponse.DIFF_SOME:
            changes: bool | None = True
        elif response.changes == provider_pb2.DiffResponse.DIFF_NONE:
            changes = False
        else:
            changes = None
        return DiffOutcome(
            changes=changes,
            replaces=list(response.replaces),
            delete_before_replace=bool(response.deleteBeforeReplace),
            diffs=list(response.diffs),
            stables=list(response.stables),
        )

    def create(self, urn: str, props: Mapping[str, Any], *, preview: bool = False) -> tuple[str, dict[str, Any]]:
        """``Create(properties=<checked inputs>)`` → ``(id, outputs)``."""
        response = self._call(
            "Create", provider_pb2.CreateRequest(urn=urn, properties=to_struct(props), preview=preview)
        )
        return str(response.id), from_struct(response.properties)

    def read(
        self,
        id: str,
        urn: str,
        props: Mapping[str, Any],
        inputs: Mapping[str, Any] | None = None,
    ) -> tuple[str, dict[str, Any], dict[str, Any] | None]:
        """``Read`` → ``(id, outputs, inputs)``.

        On refresh ``props`` are the current outputs and ``inputs`` the saved checked
        inputs. An empty returned id means the object is gone. The returned inputs are
        ``None`` when the provider returned none (the engine then keeps the old ones).
        """
        request = provider_pb2.ReadRequest(
            id=id,
            urn=urn,
            properties=to_struct(props),
            inputs=to_struct(inputs or {}),
        )
        response = self._call("Read", request)
        new_inputs = from_struct(response.inputs) if response.HasField("inputs") else None
        return str(response.id), from_struct(response.properties), new_inputs

    def update(
        self,
        id: str,
        urn: str,
        olds: Mapping[str, Any],
        news: Mapping[str, Any],
        old_inputs: Mapping[str, Any] | None = None,
        *,
        preview: bool = False,
    ) -> dict[str, Any]:
        """``Update(id, olds=<previous outputs>, news=<checked inputs>)`` → outputs."""
        request = provider_pb2.UpdateRequest(
            id=id,
            urn=urn,
            olds=to_struct(olds),
            news=to_struct(news),
            old_inputs=to_struct(old_inputs or {}),
            preview=preview,
        )
        return from_struct(self._call("Update", request).properties)

    def delete(
        self,
        id: str,
        urn: str,
        props: Mapping[str, Any],
        old_inputs: Mapping[str, Any] | None = None,
    ) -> None:
        """``Delete(id, properties=<outputs>)``."""
        request = provider_pb2.DeleteRequest(
            id=id, urn=urn, properties=to_struct(props), old_inputs=to_struct(old_inputs or {})
        )
        self._call("Delete", request)

    def cancel(self) -> None:
        """``Cancel`` (the SDK's server just acknowledges it)."""
        self._call("Cancel", empty_pb2.Empty())


def _pump(stream: Any, buffer: _OutputBuffer, is_stderr: bool, first_line: queue.Queue[str | None] | None) -> None:
    """Copy one of the server's pipes into the buffer; hand the first stdout line over.

    A plain function, not a method: reader threads must not keep the PluginServer alive.
    """
    waiting = first_line is not None
    try:
        for raw in iter(stream.readline, b""):
            text = raw.decode("utf-8", errors="replace")
            if waiting and first_line is not None:
                waiting = False
                first_line.put(text)
                continue
            buffer.add(text, is_stderr)
    finally:
        if waiting and first_line is not None:
            first_line.put(None)  # EOF before a port line: the server died.
        stream.close()


def _kill_process(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.kill()
        proc.wait(timeout=5.0)


def _json_dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), sort_keys=True)
