"""Pulumi mocks that forward dynamic resources to the real plugin server, as the engine would.

Under ``pulumi.runtime.set_mocks`` every resource registration reaches
``Mocks.new_resource``. :class:`PluginMocks` answers registrations of
``pulumi-python:dynamic/...`` resources by running the engine's step logic against a
:class:`~pulumi_celigo.testing.plugin.PluginServer` and a saved
:class:`~pulumi_celigo.testing.state.StackState`:

* ``Check(olds=<previous checked inputs or {}>, news=<program inputs>)``; failures fail
  the resource (all of them are collected in :attr:`PluginMocks.errors`);
* known URN: ``Diff(id, olds=<previous outputs>, news=<checked inputs>)`` → nothing
  (``same``), ``Update``, or a replacement (create then delete, or delete first when
  ``delete_before_replace``);
* new URN: ``Create``.

In a preview only ``Check`` and ``Diff`` run and outputs of new or changed resources are
the checked inputs (the SDK marks the rest unknown). Other resource types just echo their
inputs. Secrets are stripped before any provider call, as the engine does for a provider
that answered ``acceptSecrets: false``; output keys whose input was secret (or that are
listed in ``additional_secret_outputs``) are returned secret.

It can be used on its own (``pulumi.runtime.set_mocks(mocks, monitor=mocks.monitor)``
within ``@pulumi.runtime.test`` tests) or through
:class:`~pulumi_celigo.testing.engine.LocalEngine`, which runs whole programs.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pulumi
from pulumi.runtime.mocks import MockCallArgs, MockMonitor, MockResourceArgs
from pulumi.runtime.settings import get_project, get_stack
from pulumi.runtime.sync_await import _ensure_event_loop

from ._values import changed_keys, contains_unknown, plain_copy, split_secrets, values_equal, wrap_keys
from .plugin import PluginError, PluginServer
from .plugin import urn as make_urn
from .results import Kind, Op, OperationResult, ResourceChange
from .state import ResourceState, StackState

__all__ = ["DYNAMIC_PREFIX", "PluginMocks", "StepFailed"]

#: Type tokens of dynamic resources start with this.
DYNAMIC_PREFIX = "pulumi-python:dynamic"
_STACK_TYPE = "pulumi:pulumi:Stack"


class StepFailed(Exception):
    """A resource step failed; the message is what the CLI would print for it."""


class _Skipped(Exception):
    """A step was not run because the deployment had already failed."""


@dataclass
class _Registration:
    """The monitor request behind the ``new_resource`` call running on this thread."""

    kind: str  # "register" or "read"
    request: Any
    urn: str


@dataclass
class _Options:
    """The resource options the engine honours for dynamic resources."""

    parent: str | None = None
    dependencies: tuple[str, ...] = ()
    ignore_changes: tuple[str, ...] = ()
    additional_secret_outputs: tuple[str, ...] = ()
    delete_before_replace: bool = False
    protect: bool = False
    retain_on_delete: bool = False
    import_id: str = ""

    @classmethod
    def from_request(cls, request: Any) -> _Options:
        if request is None:
            return cls()
        parent = request.parent or None
        if parent is not None and parent.split("::")[2].split("$")[-1] == _STACK_TYPE:
            parent = None  # the root stack is nobody's dependency
        deps: list[str] = list(request.dependencies)
        for prop_deps in request.propertyDependencies.values():
            deps.extend(prop_deps.urns)
        return cls(
            parent=parent,
            dependencies=tuple(dict.fromkeys(d for d in deps if d)),
            ignore_changes=tuple(request.ignoreChanges),
            additional_secret_outputs=tuple(request.additionalSecretOutputs),
            delete_before_replace=bool(request.deleteBeforeReplace),
            protect=bool(request.HasField("protect") and request.protect),
            retain_on_delete=bool(request.HasField("retainOnDelete") and request.retainOnDelete),
            import_id=str(request.importId or ""),
        )


class _PluginMonitor(MockMonitor):
    """A ``MockMonitor`` that hands the full request to :class:`PluginMocks`.

    ``MockResourceArgs`` lacks the URN and the options (dependencies, ignore_changes,
    additional_secret_outputs, ...); the request is passed through a thread-local because
    ``MockMonitor.RegisterResource`` calls ``new_resource`` on the same thread.
    """

    def __init__(self, mocks: PluginMocks) -> None:
        super().__init__(mocks)
        self._local = threading.local()
        self._loops: list[asyncio.AbstractEventLoop] = []
        self._loops_lock = threading.Lock()

    def make_urn(self, parent: str, type_: str, name: str) -> str:
        # MockMonitor puts the root stack's type into children's URNs
        # ("pulumi:pulumi:Stack$..."); the engine does not.
        if parent and parent.split("::")[2].split("$")[-1] == _STACK_TYPE:
            parent = ""
        return str(super().make_urn(parent, type_, name))

    def current(self) -> _Registration | None:
        """The registration being served on this thread, if any."""
        return getattr(self._local, "registration", None)

    def _serve(self, kind: str, request: Any, call: Callable[[Any], Any]) -> Any:
        # MockMonitor creates an event loop per executor thread; remember it to close it later.
        loop = _ensure_event_loop()
        with self._loops_lock:
            if loop not in self._loops:
                self._loops.append(loop)
        urn = self.make_urn(request.parent, request.type, request.name)
        self._local.registration = _Registration(kind, request, urn)
        try:
            return call(request)
        finally:
            self._local.registration = None

    def RegisterResource(self, request: Any) -> Any:
        if request.type == _STACK_TYPE:
            return super().RegisterResource(request)
        return self._serve("register", request, super().RegisterResource)

    def ReadResource(self, request: Any) -> Any:
        return self._serve("read", request, super().ReadResource)

    def close_loops(self) -> None:
        """Close the per-thread event loops MockMonitor created (after the executor stopped)."""
        with self._loops_lock:
            loops, self._loops = self._loops, []
        for loop in loops:
            if not loop.is_running() and not loop.is_closed():
                loop.close()


def _apply_ignore_changes(news: dict[str, Any], olds: Mapping[str, Any], paths: Iterable[str]) -> dict[str, Any]:
    """Reset ignored paths to their old values before ``check``, as the engine does.

    Supports top-level keys and dotted paths through nested objects (``a.b``).
    """
    result = plain_copy(news)
    for path in paths:
        if path == "*":
            return plain_copy(dict(olds))
        parts = path.replace("[", ".").replace("]", "").replace('"', "").split(".")
        old_node: Any = olds
        new_node: Any = result
        for part in parts[:-1]:
            old_node = old_node.get(part) if isinstance(old_node, Mapping) else None
            if not isinstance(new_node, dict) or not isinstance(new_node.get(part), dict):
                new_node = None
                break
            new_node = new_node[part]
        if not isinstance(new_node, dict):
            continue
        last = parts[-1]
        if isinstance(old_node, Mapping) and last in old_node:
            new_node[last] = plain_copy(old_node[last])
        else:
            new_node.pop(last, None)
    return result


def _check_failure_message(
    args: MockResourceArgs, news: Mapping[str, Any], secret_keys: set[str], prop: str, reason: str
) -> str:
    """A check failure worded like the engine's diagnostics (secret values are not shown)."""
    if not prop:
        return f"{args.typ} resource '{args.name}' has a problem: {reason}"
    if prop in secret_keys:
        shown = "[secret]"
    elif prop not in news:
        shown = "[missing]"
    elif contains_unknown(news[prop]):
        shown = "[unknown]"
    else:
        shown = json.dumps(news[prop], default=repr)
    return f"{args.typ} resource '{args.name}': property {prop} value {shown} has a problem: {reason}"


class PluginMocks(pulumi.runtime.Mocks):
    """Mocks that run dynamic resources through a :class:`PluginServer` against a state.

    :param plugin: a started, configured plugin server.
    :param state: the saved state to diff against and update (a new empty one if omitted).
        In a preview it is only read.
    :param preview: plan only (``Check`` + ``Diff``), no writes.
    :param parallel: at most this many resources talk to the plugin at once (the server
        has 4 workers).
    :param persist: called (under the lock) after every state change, to checkpoint it.
    """

    def __init__(
        self,
        plugin: PluginServer,
        *,
        state: StackState | None = None,
        preview: bool = False,
        parallel: int = 4,
        persist: Callable[[], None] | None = None,
    ) -> None:
        self.plugin = plugin
        self.state = state if state is not None else StackState()
        self.preview = preview
        self.persist = persist
        #: Every change in the order it happened.
        self.changes: list[ResourceChange] = []
        #: Every failure message (check failures, provider errors), in order.
        self.errors: list[str] = []
        #: URNs the program registered.
        self.registered: set[str] = set()
        self._lock = threading.RLock()
        self._slots = threading.BoundedSemaphore(max(1, parallel))
        self._failed = False
        self.monitor = _PluginMonitor(self)

    # -- pulumi.runtime.Mocks --------------------------------------------------------------

    def call(self, args: MockCallArgs) -> tuple[dict[Any, Any], list[tuple[str, str]] | None]:
        raise NotImplementedError(
            f"invoke {args.token!r} is not supported: dynamic providers have no functions. "
            "Write lookups as plain Python in the program (get_x / get_x_output helpers)."
        )

    def new_resource(self, args: MockResourceArgs) -> tuple[str | None, dict[Any, Any]]:
        registration = self.monitor.current()
        urn = registration.urn if registration else make_urn(args.typ, args.name, get_project(), get_stack())
        request = registration.request if registration else None
        is_read = (registration.kind == "read") if registration else args.custom is None and bool(args.resource_id)
        if is_read:
            return self._read_external(args, urn)
        with self._lock:
            if urn in self.registered:
                raise self._fail(f"{args.typ} ({args.name}): duplicate resource URN '{urn}'; give it a unique name")
            self.registered.add(urn)
        options = _Options.from_request(request)
        if args.typ.startswith(DYNAMIC_PREFIX):
            return self._register_dynamic(args, urn, options)
        return self._register_other(args, urn, options)

    # -- bookkeeping -----------------------------------------------------------------------

    def _fail(self, message: str) -> StepFailed:
        with self._lock:
            self.errors.append(message)
            self._failed = True
        return StepFailed(message)

    def _record(self, change: ResourceChange) -> None:
        with self._lock:
            self.changes.append(change)

    def _save(self, res: ResourceState | None, remove: str | None = None) -> None:
        with self._lock:
            if remove is not None:
                self.state.remove(remove)
            if res is not None:
                self.state.put(res)
            if self.persist is not None:
                self.persist()

    def _snapshot(self, urn: str) -> ResourceState | None:
        with self._lock:
            old = self.state.resources.get(urn)
            return old.copy() if old is not None else None

    @property
    def failed(self) -> bool:
        """True once any step failed."""
        with self._lock:
            return self._failed

    def result(self, kind: Kind) -> OperationResult:
        """The changes so far as an :class:`OperationResult` (without stack outputs)."""
        with self._lock:
            return OperationResult(kind=kind, changes=list(self.changes), errors=list(self.errors))

    # -- steps -----------------------------------------------------------------------------

    def _register_other(self, args: MockResourceArgs, urn: str, options: _Options) -> tuple[str | None, dict[Any, Any]]:
        """Non-dynamic resources (components, other providers' resources): echo the inputs."""
        inputs, secret_keys = split_secrets(args.inputs)
        old = self._snapshot(urn)
        custom = bool(args.custom)
        if old is None:
            op: Op = "create"
            id_: str | None = ("" if self.preview else f"{args.name}_id") if custom else None
        else:
            op = "same" if values_equal(old.inputs, inputs) else "update"
            id_ = old.id
        diffs = changed_keys(old.inputs, inputs) if old is not None and op == "update" else []
        if not self.preview:
            self._save(
                ResourceState(
                    urn=urn,
                    type=args.typ,
                    id=id_,
                    inputs=inputs,
                    outputs=plain_copy(inputs),
                    secret_inputs=secret_keys,
                    secret_outputs=set(secret_keys),
                    custom=custom,
                    dynamic=False,
                    parent=options.parent,
                    dependencies=list(options.dependencies),
                    protect=options.protect,
                    retain_on_delete=options.retain_on_delete,
                )
            )
        self._record(ResourceChange(urn=urn, type=args.typ, op=op, diffs=diffs, id=id_ or None))
        return id_, wrap_keys(inputs, secret_keys)

    def _read_external(self, args: MockResourceArgs, urn: str) -> tuple[str | None, dict[Any, Any]]:
        """``Resource.get``: read an existing object (the engine passes only inputs)."""
        id_ = str(args.resource_id or "")
        if not args.typ.startswith(DYNAMIC_PREFIX):
            self._record(ResourceChange(urn=urn, type=args.typ, op="read", id=id_))
            return id_, dict(args.inputs)
        inputs, _ = split_secrets(args.inputs)
        try:
            with self._slots:
                new_id, outs, _ = self.plugin.read(id_, urn, {}, inputs)
        except PluginError as exc:
            raise self._fail(f"{args.typ} ({args.name}): reading {id_!r} failed: {exc}") from None
        if not new_id:
            raise self._fail(f"{args.typ} ({args.name}): resource {id_!r} does not exist")
        self._record(ResourceChange(urn=urn, type=args.typ, op="read", id=new_id))
        return new_id, outs

    def _register_dynamic(
        self, args: MockResourceArgs, urn: str, options: _Options
    ) -> tuple[str | None, dict[Any, Any]]:
        label = f"{args.typ} ({args.name})"
        if options.import_id:
            raise self._fail(
                f"{label}: import_ is not supported for dynamic resources: the engine sends only "
                "the id, without __provider (pulumi/pulumi#16175)"
            )
        news, secret_in = split_secrets(args.inputs)
        old = self._snapshot(urn)
        if old is not None and options.ignore_changes:
            news = _apply_ignore_changes(news, old.inputs, options.ignore_changes)
        with self._slots:
            try:
                checked = self.plugin.check(urn, old.inputs if old is not None else {}, news)
            except PluginError as exc:
                raise self._fail(f"{label}: {exc}") from None
            if checked.failures:
                messages = [_check_failure_message(args, news, secret_in, p, r) for p, r in checked.failures]
                with self._lock:
                    self.errors.extend(messages[:-1])
                raise self._fail(messages[-1])
            if self.failed and not self.preview:
                raise _Skipped(f"{label}: skipped because the deployment already failed")
            inputs = checked.inputs
            secret_inputs = {k for k in secret_in if k in inputs}
            try:
                return self._step(args, urn, label, options, old, inputs, secret_inputs)
            except PluginError as exc:
                raise self._fail(f"{label}: {exc}") from None

    def _step(
        self,
        args: MockResourceArgs,
        urn: str,
        label: str,
        options: _Options,
        old: ResourceState | None,
        inputs: dict[str, Any],
        secret_inputs: set[str],
    ) -> tuple[str | None, dict[Any, Any]]:
        """Diff and apply one dynamic resource (plugin calls happen under a slot)."""
        plugin = self.plugin

        def secret_outputs(outs: Mapping[str, Any]) -> set[str]:
            return {k for k in (*secret_inputs, *options.additional_secret_outputs) if k in outs}

        def new_state(id_: str, outs: dict[str, Any]) -> ResourceState:
            return ResourceState(
                urn=urn,
                type=args.typ,
                id=id_,
                inputs=inputs,
                outputs=outs,
                secret_inputs=set(secret_inputs),
                secret_outputs=secret_outputs(outs),
                custom=True,
                dynamic=True,
                parent=options.parent,
                dependencies=list(options.dependencies),
                protect=options.protect,
                retain_on_delete=options.retain_on_delete,
                delete_before_replace=options.delete_before_replace,
                additional_secret_outputs=list(options.additional_secret_outputs),
            )

        if old is None:
            if self.preview:
                self._record(ResourceChange(urn=urn, type=args.typ, op="create"))
                return "", wrap_keys(inputs, secret_outputs(inputs))
            id_, outs = plugin.create(urn, inputs)
            res = new_state(id_, outs)
            self._save(res)
            self._record(ResourceChange(urn=urn, type=args.typ, op="create", id=id_))
            return id_, res.wrapped_outputs()

        old_id = old.id or ""
        diff = plugin.diff(
            old_id, urn, old.outputs, inputs, old_inputs=old.inputs, ignore_changes=options.ignore_changes
        )
        diffs = changed_keys(old.inputs, inputs)
        # DIFF_UNKNOWN (the SDK's default diff): the engine compares old and new inputs.
        changes = diff.changes if diff.changes is not None else bool(diffs)
        if changes and not diffs:
            diffs = sorted(set(diff.diffs) | set(diff.replaces))

        if not changes:
            if not self.preview:
                res = new_state(old_id, old.outputs)  # a same step records the new inputs
                res.secret_outputs = set(old.secret_outputs)
                self._save(res)
            self._record(ResourceChange(urn=urn, type=args.typ, op="same", id=old_id, old_id=old_id))
            return old_id, old.wrapped_outputs()

        if diff.replaces:
            if old.protect or options.protect:
                raise self._fail(
                    f"{label}: unable to replace a protected resource ({', '.join(diff.replaces)} changed); "
                    "unprotect it first"
                )
            change = ResourceChange(
                urn=urn, type=args.typ, op="replace", diffs=diffs, replaces=list(diff.replaces), old_id=old_id
            )
            if self.preview:
                self._record(change)
                return "", wrap_keys(inputs, secret_outputs(inputs))
            if diff.delete_before_replace or options.delete_before_replace:
                self._delete_call(old)
                self._save(None, remove=urn)
                id_, outs = plugin.create(urn, inputs)
            else:
                id_, outs = plugin.create(urn, inputs)
                res = new_state(id_, outs)
                self._save(res)  # checkpoint the new object before deleting the old one
                try:
                    self._delete_call(old)
                except PluginError as exc:
                    # Like Pulumi, remember the old object as pending deletion; later runs retry.
                    with self._lock:
                        self.state.pending_deletes.append(old)
                        if self.persist is not None:
                            self.persist()
                    raise self._fail(
                        f"{label}: replaced by {id_!r}, but deleting the old {old_id!r} failed: {exc} "
                        "(it stays pending deletion and is retried by the next update or destroy)"
                    ) from None
            res = new_state(id_, outs)
            self._save(res)
            change.id = id_
            self._record(change)
            return id_, res.wrapped_outputs()

        change = ResourceChange(urn=urn, type=args.typ, op="update", diffs=diffs, id=old_id, old_id=old_id)
        if self.preview:
            self._record(change)
            return old_id, wrap_keys(inputs, secret_outputs(inputs))
        outs = plugin.update(old_id, urn, old.outputs, inputs, old_inputs=old.inputs)
        res = new_state(old_id, outs)
        self._save(res)
        self._record(change)
        return old_id, res.wrapped_outputs()

    def _delete_call(self, res: ResourceState) -> None:
        if res.dynamic and not res.retain_on_delete:
            self.plugin.delete(res.id or "", res.urn, res.outputs, old_inputs=res.inputs)

    # -- after the program -----------------------------------------------------------------

    def delete_resources(self, urns: Iterable[str]) -> None:
        """Delete these resources one by one (callers pass reverse dependency order).

        In a preview the deletes are only recorded. Stops at the first failure, with the
        error in :attr:`errors`.
        """
        for urn in urns:
            res = self._snapshot(urn)
            if res is None:
                continue
            label = f"{res.type} ({res.name})"
            if res.protect:
                self._fail(f"{label}: unable to delete a protected resource; unprotect it first")
                return
            if not self.preview:
                try:
                    with self._slots:
                        self._delete_call(res)
                except PluginError as exc:
                    self._fail(f"{label}: deleting failed: {exc}")
                    return
                self._save(None, remove=urn)
            self._record(ResourceChange(urn=urn, type=res.type, op="delete", old_id=res.id))

    def retry_pending_deletes(self) -> None:
        """Delete objects left over by failed replacements (recorded as ``delete``)."""
        with self._lock:
            pending = list(self.state.pending_deletes)
        for res in reversed(pending):
            if not self.preview:
                try:
                    with self._slots:
                        self._delete_call(res)
                except PluginError as exc:
                    self._fail(f"{res.type} ({res.name}): deleting the replaced {res.id!r} failed: {exc}")
                    return
                with self._lock:
                    self.state.pending_deletes.remove(res)
                    if self.persist is not None:
                        self.persist()
            self._record(ResourceChange(urn=res.urn, type=res.type, op="delete", old_id=res.id))

    def unregistered(self) -> list[str]:
        """URNs in the state that the program did not register, in reverse dependency order."""
        with self._lock:
            return [urn for urn in reversed(self.state.resources) if urn not in self.registered]
