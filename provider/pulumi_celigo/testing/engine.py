"""Run Pulumi programs the way ``pulumi up`` would, without the Pulumi CLI.

:class:`LocalEngine` runs a program (a project directory with ``__main__.py``, a ``.py``
file, or a Python callable) under ``pulumi.runtime.set_mocks`` with the stack config set,
forwards its dynamic resources to a fresh ``python -m pulumi.dynamic`` plugin server per
operation (as the CLI starts the plugin per command), and keeps a state file like a local
backend::

    from pulumi_celigo.testing import LocalEngine

    engine = LocalEngine(
        "programs/quickstart",
        stack="dev",
        config={"celigo:baseUrl": emulator_url},
        secret_config={"celigo:apiToken": "t0k"},
        state_path=".demo/state.json",          # optional: default is in memory
    )
    print(engine.preview().summary())           # + 3 to create
    result = engine.up()
    print(result.summary(), result.outputs)
    engine.refresh(); engine.destroy()

How it runs a program (``run_program``): in a dedicated thread — fresh contextvars (the
SDK keeps its settings, root stack and config in ContextVars) and a fresh event loop, so
deployments can follow each other in one process and the caller's ``set_mocks`` state and
event loop are untouched. The program runs inside ``pulumi.runtime.stack.run_pulumi_func``,
the SDK's own entry-point wrapper, which awaits every outstanding registration
(``wait_for_rpcs``) before returning. Stack outputs are read from the root ``Stack``
resource that ``set_mocks`` creates (``pulumi.export`` stores them in ``Stack.outputs``),
resolved with the SDK's serializer, exactly as ``Stack._finish`` would register them.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import os
import runpy
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from inspect import isawaitable
from pathlib import Path
from typing import Any

import pulumi
from pulumi.runtime import rpc, settings
from pulumi.runtime import stack as runtime_stack

from ._crypto import PassphraseCrypter
from ._values import changed_keys, split_secrets
from .mocks import PluginMocks, StepFailed, _Skipped
from .plugin import PluginError, PluginServer
from .results import DeploymentError, Kind, Op, OperationResult, ResourceChange
from .state import ResourceState, StackState

__all__ = ["LocalEngine", "Program", "run_program"]

#: A program: a project directory (with ``__main__.py``), a ``.py`` file, or a callable.
#: A callable may return an awaitable, and a mapping returned by it is exported.
Program = str | os.PathLike[str] | Callable[[], Any]

# sys.path, the working directory and sys.modules are process-wide: one program at a time.
_PROGRAM_LOCK = threading.Lock()


def _program_dir(program: Program) -> Path | None:
    if callable(program):
        return None
    path = Path(program).resolve()
    return path if path.is_dir() else path.parent


def _program_file(program: Program) -> Path | None:
    if callable(program):
        return None
    path = Path(program).resolve()
    main = path / "__main__.py" if path.is_dir() else path
    if not main.is_file():
        raise FileNotFoundError(f"no Pulumi program at {main}")
    return main


def _read_yaml(path: Path) -> dict[str, Any]:
    import yaml  # PyYAML ships with pulumi

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


async def _resolve_stack_outputs(root: Any) -> tuple[dict[str, Any], set[str]]:
    """Resolve what the program exported, as ``Stack._finish`` would register it."""
    exported = dict(getattr(root, "outputs", None) or {})
    massaged = runtime_stack.massage(exported, [])
    struct = await rpc.serialize_properties(massaged, {})
    values = rpc.deserialize_properties(struct, keep_unknowns=True)
    return split_secrets(values if isinstance(values, Mapping) else {})


@contextlib.contextmanager
def _preserve_settings_defaults() -> Iterator[None]:
    """Undo a quirk of ``pulumi._utils.ContextProperty`` after a run.

    ``ContextProperty.fset`` makes the value it sets the *default for every context* when
    the setting context has no value yet (always true on a fresh thread). Without this,
    after a deployment any thread that never configured Pulumi would see its project,
    monitor and output set.
    """
    props = [p for p in vars(settings.Settings).values() if hasattr(p, "_ContextProperty__default")]
    saved = [(p, p._ContextProperty__default) for p in props]
    try:
        yield
    finally:
        for prop, default in saved:
            prop._ContextProperty__default = default


def _exception_handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """Drop "exception was never retrieved" reports for the deployment's futures.

    When a resource fails, the SDK rejects its outputs and dependents' futures; nobody
    retrieves those exceptions (the failure is reported as a DeploymentError instead), so
    asyncio would log each one when it is garbage-collected, at any later moment and on any
    thread. Besides the noise, CPython 3.11's traceback formatting calls ``ast.parse``,
    and doing that from a finalizer that runs *during* another ``ast.parse`` corrupts the
    AST recursion counter ("SystemError: AST constructor recursion depth mismatch").
    """
    if context.get("exception") is not None and "never retrieved" in str(context.get("message", "")):
        return
    loop.default_exception_handler(context)


def _run_here(
    program: Program,
    mocks: PluginMocks,
    *,
    project: str,
    stack: str,
    config: Mapping[str, str],
    secret_keys: Iterable[str],
    preview: bool,
    chdir: bool,
) -> tuple[dict[str, Any], set[str]]:
    """Run ``program`` on the current thread (a fresh one: see :func:`run_program`)."""
    program_dir = _program_dir(program)
    program_file = _program_file(program)
    loop = asyncio.new_event_loop()
    loop.set_exception_handler(_exception_handler)
    asyncio.set_event_loop(loop)
    modules_before = set(sys.modules)
    old_cwd = os.getcwd()
    if program_dir is not None:
        sys.path.insert(0, str(program_dir))
        if chdir:
            os.chdir(program_dir)
    try:
        # Settings.outputs/lock are ContextVars whose *default* is the set created at import,
        # shared by every context that never set them (the caller's included): give this
        # deployment its own before set_mocks creates the root Stack and its outputs.
        settings.SETTINGS.outputs = set()
        settings.SETTINGS.lock = threading.Lock()
        pulumi.runtime.set_all_config(dict(config), sorted(secret_keys))
        pulumi.runtime.set_mocks(mocks, project=project, stack=stack, preview=preview, monitor=mocks.monitor)
        root = settings.get_root_resource()

        async def body() -> None:
            if program_file is not None:
                runpy.run_path(str(program_file), run_name="__main__")
            else:
                assert callable(program)
                result = program()
                if isawaitable(result):
                    result = await result
                if isinstance(result, Mapping):
                    for key, value in result.items():
                        pulumi.export(str(key), value)
            # pulumi.run(async_main): run_in_stack would await it after the module code.
            take = getattr(root, "_take_async_program", None)
            async_program = take() if take is not None else None
            if async_program is not None:
                outputs = await async_program()
                for key, value in (outputs or {}).items():
                    pulumi.export(key, value)

        async def main() -> tuple[dict[str, Any], set[str]]:
            # run_pulumi_func awaits every outstanding RPC and output (wait_for_rpcs) and
            # re-raises the first failure, like the real language host.
            await runtime_stack.run_pulumi_func(body)
            return await _resolve_stack_outputs(root)

        return loop.run_until_complete(main())
    finally:
        try:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
        finally:
            loop.close()
            asyncio.set_event_loop(None)
            mocks.monitor.close_loops()
            # Drop this context's references to the run's tasks, so that gc can free them now.
            settings.SETTINGS.rpc_manager.clear()
            settings.SETTINGS.outputs.clear()
            settings.ROOT.set(None)
            if program_dir is not None:
                if chdir:
                    os.chdir(old_cwd)
                with contextlib.suppress(ValueError):
                    sys.path.remove(str(program_dir))
                # Forget the program's own modules so the next run imports them afresh.
                for name in set(sys.modules) - modules_before:
                    file = getattr(sys.modules.get(name), "__file__", None)
                    if file and Path(file).resolve().is_relative_to(program_dir):
                        del sys.modules[name]


def run_program(
    program: Program,
    mocks: PluginMocks,
    *,
    project: str = "project",
    stack: str = "stack",
    config: Mapping[str, str] | None = None,
    secret_keys: Iterable[str] = (),
    preview: bool = False,
    chdir: bool = True,
) -> tuple[dict[str, Any], set[str]]:
    """Run a program under ``set_mocks`` with ``mocks``; return ``(stack outputs, secret names)``.

    The program runs in a dedicated thread (fresh ContextVars and event loop), with its
    directory on ``sys.path`` (and as working directory when ``chdir``), after every
    registration has resolved. Exceptions from the program propagate.
    """
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = _run_here(
                program,
                mocks,
                project=project,
                stack=stack,
                config=config or {},
                secret_keys=secret_keys,
                preview=preview,
                chdir=chdir,
            )
        except BaseException as exc:  # handed to the caller's thread
            box["error"] = exc
        # Finalize the run's reference cycles (rejected futures) here, not later elsewhere.
        gc.collect()

    with _PROGRAM_LOCK, _preserve_settings_defaults():
        thread = threading.Thread(target=target, name="pulumi-celigo-program", daemon=True)
        thread.start()
        thread.join()
    if "error" in box:
        raise box["error"]
    outputs, secrets = box["result"]
    return outputs, secrets


class LocalEngine:
    """Deploys a Pulumi program with dynamic resources like ``pulumi up``, without the CLI.

    :param program: project directory (with ``__main__.py``; ``Pulumi.yaml`` gives the
        default project name and ``Pulumi.<stack>.yaml`` plain config values), a ``.py``
        file, or a callable. Each operation may also be given another program.
    :param project: project name (default: ``Pulumi.yaml``'s ``name``, else ``"project"``).
    :param stack: stack name.
    :param config: stack config; keys without a namespace get the project's
        (``"region"`` → ``"<project>:region"``); non-string values are JSON-encoded.
    :param secret_config: secret stack config, same keys; marked secret for the program
        (``Config.get_secret``), never written to the state in plaintext.
    :param state_path: a JSON state file to load and checkpoint (default: in memory only).
    :param passphrase: encrypts secrets in the state file (default:
        ``PULUMI_CONFIG_PASSPHRASE``, else empty, as with Pulumi).
    :param plugin_env: environment for the plugin server, merged over ``os.environ``
        (e.g. ``PYTHONPATH`` so that provider modules import).
    :param plugin_cwd: where the plugin server runs (default: the program's directory).
    :param parallel: resources handled at once (the plugin server has 4 workers).
    :param chdir: run a directory program with that directory as working directory, as
        the CLI does.
    """

    def __init__(
        self,
        program: Program | None = None,
        *,
        project: str | None = None,
        stack: str = "dev",
        config: Mapping[str, Any] | None = None,
        secret_config: Mapping[str, Any] | None = None,
        state_path: str | os.PathLike[str] | None = None,
        passphrase: str | None = None,
        plugin_env: Mapping[str, str] | None = None,
        plugin_cwd: str | os.PathLike[str] | None = None,
        parallel: int = 4,
        chdir: bool = True,
        startup_timeout: float = 30.0,
        call_timeout: float | None = 300.0,
    ) -> None:
        self.program = program
        self.stack = stack
        self.plugin_env = dict(plugin_env or {})
        self.plugin_cwd = Path(plugin_cwd) if plugin_cwd is not None else None
        self.parallel = parallel
        self.chdir = chdir
        self.startup_timeout = startup_timeout
        self.call_timeout = call_timeout
        program_dir = _program_dir(program) if program is not None else None
        self.project = project or self._project_from(program_dir) or "project"
        self._config: dict[str, str] = {}
        self._secret_keys: set[str] = set()
        if program_dir is not None:
            self._load_stack_file(program_dir / f"Pulumi.{stack}.yaml")
        for key, value in (config or {}).items():
            self.set_config(key, value)
        for key, value in (secret_config or {}).items():
            self.set_config(key, value, secret=True)
        self._lock = threading.RLock()
        self._plugin_output: list[str] = []
        self.state_path = Path(state_path) if state_path is not None else None
        passphrase = passphrase if passphrase is not None else os.environ.get("PULUMI_CONFIG_PASSPHRASE", "")
        self._crypter: PassphraseCrypter | None = None
        if self.state_path is not None:
            salt = StackState.read_salt(self.state_path) or PassphraseCrypter.new_salt()
            self._crypter = PassphraseCrypter(passphrase, salt)
        if self.state_path is not None and self.state_path.exists():
            self._state = StackState.load(self.state_path, self._crypter)
            owner = (self._state.project, self._state.stack)
            if owner != (self.project, self.stack) and owner != (None, None):
                raise ValueError(
                    f"{self.state_path} holds stack {owner[1]!r} of project {owner[0]!r}, "
                    f"not stack {self.stack!r} of project {self.project!r}"
                )
        else:
            self._state = StackState()

    # -- configuration ---------------------------------------------------------------------

    @staticmethod
    def _project_from(program_dir: Path | None) -> str | None:
        if program_dir is None or not (program_dir / "Pulumi.yaml").is_file():
            return None
        name = _read_yaml(program_dir / "Pulumi.yaml").get("name")
        return str(name) if name else None

    def _load_stack_file(self, path: Path) -> None:
        """Plain values of ``Pulumi.<stack>.yaml`` (encrypted ``secure:`` values are skipped)."""
        if not path.is_file():
            return
        for key, value in (_read_yaml(path).get("config") or {}).items():
            if isinstance(value, Mapping) and "secure" in value:
                continue
            self.set_config(str(key), value)

    def _full_key(self, key: str) -> str:
        return key if ":" in key else f"{self.project}:{key}"

    def set_config(self, key: str, value: Any, *, secret: bool = False) -> None:
        """Set one stack config value (like ``pulumi config set [--secret]``)."""
        full = self._full_key(key)
        self._config[full] = value if isinstance(value, str) else json.dumps(value)
        if secret:
            self._secret_keys.add(full)
        else:
            self._secret_keys.discard(full)

    def remove_config(self, key: str) -> None:
        """Remove one stack config value."""
        full = self._full_key(key)
        self._config.pop(full, None)
        self._secret_keys.discard(full)

    @property
    def config(self) -> dict[str, str]:
        """A copy of the stack config (namespaced keys, string values)."""
        return dict(self._config)

    @property
    def secret_keys(self) -> set[str]:
        """The config keys that are secret."""
        return set(self._secret_keys)

    # -- state -----------------------------------------------------------------------------

    @property
    def state(self) -> StackState:
        """The current stack state (treat as read-only)."""
        return self._state

    def resource(self, name_or_urn: str) -> ResourceState:
        """A resource of the current state, by logical name or URN."""
        res = self._state.get(name_or_urn)
        if res is None:
            raise KeyError(f"no resource {name_or_urn!r} in stack {self.stack!r}")
        return res

    @property
    def outputs(self) -> dict[str, Any]:
        """Stack outputs of the last successful ``up`` (plain values)."""
        return dict(self._state.outputs)

    def plugin_output(self) -> str:
        """Everything the plugin servers printed during this engine's operations so far."""
        with self._lock:
            return "".join(self._plugin_output)

    def _persist(self) -> None:
        if self.state_path is not None and self._crypter is not None:
            with self._lock:
                self._state.save(self.state_path, self._crypter, self.project, self.stack)

    # -- operations ------------------------------------------------------------------------

    def _plugin_server(self, program: Program | None) -> PluginServer:
        cwd = self.plugin_cwd or (_program_dir(program) if program is not None else None)
        return PluginServer(
            project=self.project,
            cwd=cwd,
            env=self.plugin_env,
            startup_timeout=self.startup_timeout,
            call_timeout=self.call_timeout,
        )

    def _start(self, program: Program | None) -> PluginServer:
        plugin = self._plugin_server(program).start()
        try:
            plugin.configure(self._config, self._secret_keys)
        except BaseException:
            self._stop(plugin)
            raise
        return plugin

    def _stop(self, plugin: PluginServer) -> None:
        plugin.close()
        with self._lock:
            self._plugin_output.append(plugin.output())

    def _resolve_program(self, program: Program | None) -> Program:
        chosen = program if program is not None else self.program
        if chosen is None:
            raise ValueError("no program: pass one to LocalEngine(...) or to this operation")
        return chosen

    def _deploy(self, plugin: PluginServer, program: Program, preview: bool) -> OperationResult:
        kind: Kind = "preview" if preview else "update"
        state = self._state.copy() if preview else self._state
        mocks = PluginMocks(
            plugin,
            state=state,
            preview=preview,
            parallel=self.parallel,
            persist=None if preview else self._persist,
        )
        try:
            outputs, secret_outputs = run_program(
                program,
                mocks,
                project=self.project,
                stack=self.stack,
                config=self._config,
                secret_keys=self._secret_keys,
                preview=preview,
                chdir=self.chdir,
            )
        except (StepFailed, _Skipped, PluginError, DeploymentError) as exc:
            if not mocks.errors:
                raise DeploymentError(kind, [str(exc)], mocks.result(kind)) from exc
            raise DeploymentError(kind, mocks.errors, mocks.result(kind)) from exc
        except Exception as exc:
            # The program itself failed (or failed because a resource did).
            errors = list(mocks.errors) or [f"the program failed: {type(exc).__name__}: {exc}"]
            raise DeploymentError(kind, errors, mocks.result(kind)) from exc
        if mocks.errors:  # e.g. a failure the program never awaited
            raise DeploymentError(kind, mocks.errors, mocks.result(kind))
        # Leftovers of failed replacements, then resources the program no longer registers
        # (dependents first) are deleted.
        mocks.retry_pending_deletes()
        if not mocks.errors:
            mocks.delete_resources(mocks.unregistered())
        result = mocks.result(kind)
        result.outputs, result.secret_outputs = outputs, secret_outputs
        if mocks.errors:
            raise DeploymentError(kind, mocks.errors, result)
        if not preview:
            with self._lock:
                self._state.outputs, self._state.secret_outputs = dict(outputs), set(secret_outputs)
                self._persist()
        return result

    def preview(self, program: Program | None = None) -> OperationResult:
        """Plan an update: ``Check`` and ``Diff`` only; nothing is written.

        Raises :class:`DeploymentError` listing every check failure.
        """
        chosen = self._resolve_program(program)
        plugin = self._start(chosen)
        try:
            return self._deploy(plugin, chosen, preview=True)
        finally:
            self._stop(plugin)

    def up(self, program: Program | None = None, *, skip_preview: bool = False) -> OperationResult:
        """Deploy like ``pulumi up --yes``: a preview first (unless ``skip_preview``), then the update.

        As with the CLI, check failures found by the preview stop everything before any
        write. Raises :class:`DeploymentError`; state is checkpointed after every step.
        """
        chosen = self._resolve_program(program)
        plugin = self._start(chosen)
        try:
            planned = None if skip_preview else self._deploy(plugin, chosen, preview=True)
            result = self._deploy(plugin, chosen, preview=False)
            result.preview = planned
            return result
        finally:
            self._stop(plugin)

    def refresh(self) -> OperationResult:
        """Read every resource and update the state (like ``pulumi refresh --yes``).

        A resource whose read returns an empty id is gone and leaves the state (``delete``);
        one whose outputs changed is reported as ``update`` with the changed output keys.
        """
        plugin = self._start(self.program)
        result = OperationResult(kind="refresh")
        try:
            resources = list(self._state)

            def refresh_one(res: ResourceState) -> ResourceChange:
                if not res.dynamic:
                    return ResourceChange(urn=res.urn, type=res.type, op="same", id=res.id, old_id=res.id)
                try:
                    new_id, outs, inputs = plugin.read(res.id or "", res.urn, res.outputs, res.inputs)
                except PluginError as exc:
                    raise DeploymentError("refresh", [f"{res.type} ({res.name}): {exc}"]) from exc
                with self._lock:
                    if not new_id:
                        self._state.remove(res.urn)
                        self._persist()
                        return ResourceChange(urn=res.urn, type=res.type, op="delete", old_id=res.id)
                    fresh = res.copy()
                    fresh.id = new_id
                    fresh.outputs = outs
                    secret_keys = res.secret_outputs | set(res.additional_secret_outputs)
                    fresh.secret_outputs = {k for k in secret_keys if k in outs}
                    if inputs is not None:
                        fresh.inputs = inputs
                        fresh.secret_inputs = {k for k in res.secret_inputs if k in inputs}
                    self._state.resources[res.urn] = fresh  # keep its position
                    self._persist()
                diffs = changed_keys(res.outputs, outs)
                op: Op = "update" if diffs or new_id != res.id else "same"
                return ResourceChange(urn=res.urn, type=res.type, op=op, diffs=diffs, id=new_id, old_id=res.id)

            errors: list[str] = []
            with ThreadPoolExecutor(max_workers=max(1, self.parallel)) as pool:
                futures = [pool.submit(refresh_one, res) for res in resources]
                for future in futures:
                    try:
                        result.changes.append(future.result())
                    except DeploymentError as exc:
                        errors.extend(exc.errors)
            result.outputs, result.secret_outputs = dict(self._state.outputs), set(self._state.secret_outputs)
            if errors:
                result.errors = errors
                raise DeploymentError("refresh", errors, result)
            return result
        finally:
            self._stop(plugin)

    def destroy(self) -> OperationResult:
        """Delete every resource, dependents first (like ``pulumi destroy --yes``)."""
        plugin = self._start(self.program)
        try:
            mocks = PluginMocks(plugin, state=self._state, parallel=self.parallel, persist=self._persist)
            mocks.retry_pending_deletes()
            if not mocks.errors:
                mocks.delete_resources(list(reversed(self._state.resources)))
            result = mocks.result("destroy")
            if mocks.errors:
                raise DeploymentError("destroy", mocks.errors, result)
            with self._lock:
                self._state.outputs, self._state.secret_outputs = {}, set()
                self._persist()
            return result
        finally:
            self._stop(plugin)
