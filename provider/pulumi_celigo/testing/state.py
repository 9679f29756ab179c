"""The local engine's stack state: resources in creation order, with secrets encrypted on disk.

The shape mirrors a Pulumi checkpoint, trimmed to what a dynamic provider needs: per URN
the resource type, its id, the *checked* inputs, the outputs, and the options that matter
for later operations (dependencies, parent, protect, ...). In memory, values are plain
(secrets unwrapped) and each resource remembers which top-level keys are secret; on disk
those values are stored as ``{"4dabf18193072939515e22adb298388d":
"1b47061264138c4ac30d75fd1eb44270", "ciphertext": "v1:..."}``, like Pulumi's local
backend, encrypted with a passphrase (see :mod:`pulumi_celigo.testing._crypto`).
"""

from __future__ import annotations

import base64
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ._crypto import PassphraseCrypter
from ._values import SECRET_SIG, SIG_KEY, plain_copy, wrap_keys

__all__ = ["ResourceState", "StackState"]

STATE_VERSION = 1


@dataclass
class ResourceState:
    """One managed resource as the engine remembers it.

    ``inputs`` and ``outputs`` are plain values (secrets unwrapped); ``secret_inputs`` and
    ``secret_outputs`` name the top-level keys that are secret.
    """

    urn: str
    type: str
    id: str | None
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    secret_inputs: set[str] = field(default_factory=set)
    secret_outputs: set[str] = field(default_factory=set)
    custom: bool = True
    dynamic: bool = True
    parent: str | None = None
    dependencies: list[str] = field(default_factory=list)
    protect: bool = False
    retain_on_delete: bool = False
    delete_before_replace: bool = False
    additional_secret_outputs: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The resource's logical name (last URN segment)."""
        return self.urn.split("::", 3)[-1]

    def wrapped_outputs(self) -> dict[str, Any]:
        """Outputs with secret keys wrapped as secrets (what the program sees)."""
        return wrap_keys(self.outputs, self.secret_outputs)

    def copy(self) -> ResourceState:
        """A deep copy."""
        return replace(
            self,
            inputs=plain_copy(self.inputs),
            outputs=plain_copy(self.outputs),
            secret_inputs=set(self.secret_inputs),
            secret_outputs=set(self.secret_outputs),
            dependencies=list(self.dependencies),
            additional_secret_outputs=list(self.additional_secret_outputs),
        )

    def to_json(self, crypter: PassphraseCrypter | None) -> dict[str, Any]:
        """The on-disk form (secrets encrypted when a crypter is given)."""
        return {
            "type": self.type,
            "id": self.id,
            "custom": self.custom,
            "dynamic": self.dynamic,
            "parent": self.parent,
            "dependencies": list(self.dependencies),
            "protect": self.protect,
            "retain_on_delete": self.retain_on_delete,
            "delete_before_replace": self.delete_before_replace,
            "additional_secret_outputs": list(self.additional_secret_outputs),
            "inputs": _encode(self.inputs, self.secret_inputs, crypter),
            "outputs": _encode(self.outputs, self.secret_outputs, crypter),
        }

    @classmethod
    def from_json(cls, urn: str, data: Mapping[str, Any], crypter: PassphraseCrypter | None) -> ResourceState:
        """Inverse of :meth:`to_json`."""
        inputs, secret_inputs = _decode(data.get("inputs") or {}, crypter)
        outputs, secret_outputs = _decode(data.get("outputs") or {}, crypter)
        return cls(
            urn=urn,
            type=str(data["type"]),
            id=data.get("id"),
            inputs=inputs,
            outputs=outputs,
            secret_inputs=secret_inputs,
            secret_outputs=secret_outputs,
            custom=bool(data.get("custom", True)),
            dynamic=bool(data.get("dynamic", True)),
            parent=data.get("parent"),
            dependencies=list(data.get("dependencies") or []),
            protect=bool(data.get("protect", False)),
            retain_on_delete=bool(data.get("retain_on_delete", False)),
            delete_before_replace=bool(data.get("delete_before_replace", False)),
            additional_secret_outputs=list(data.get("additional_secret_outputs") or []),
        )


def _encode(props: Mapping[str, Any], keys: set[str], crypter: PassphraseCrypter | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in props.items():
        if key in keys:
            if crypter is None:  # a redacted view (never written by save())
                out[key] = {SIG_KEY: SECRET_SIG, "redacted": True}
            else:
                out[key] = {SIG_KEY: SECRET_SIG, "ciphertext": crypter.encrypt(json.dumps(value))}
        else:
            out[key] = value
    return out


def _decode(props: Mapping[str, Any], crypter: PassphraseCrypter | None) -> tuple[dict[str, Any], set[str]]:
    out: dict[str, Any] = {}
    keys: set[str] = set()
    for key, value in props.items():
        if isinstance(value, Mapping) and value.get(SIG_KEY) == SECRET_SIG:
            keys.add(key)
            if "ciphertext" not in value:
                raise ValueError(f"secret {key!r} was redacted from this state and cannot be read back")
            if crypter is None:
                raise ValueError("the state holds encrypted secrets but no passphrase was configured")
            out[key] = json.loads(crypter.decrypt(str(value["ciphertext"])))
        else:
            out[key] = value
    return out, keys


class StackState:
    """A stack's resources (ordered so that dependencies come first) and its outputs."""

    def __init__(self) -> None:
        self.resources: dict[str, ResourceState] = {}
        #: Stack outputs from the last successful update (plain values).
        self.outputs: dict[str, Any] = {}
        #: Names of the stack outputs that are secret.
        self.secret_outputs: set[str] = set()
        #: The project and stack a loaded state file belongs to (``None`` for a new state).
        self.project: str | None = None
        self.stack: str | None = None
        #: Objects replaced by a newer one whose deletion failed; retried by later runs.
        self.pending_deletes: list[ResourceState] = []

    def __iter__(self) -> Iterator[ResourceState]:
        return iter(list(self.resources.values()))

    def __len__(self) -> int:
        return len(self.resources)

    def __contains__(self, urn: object) -> bool:
        return urn in self.resources

    def get(self, name_or_urn: str) -> ResourceState | None:
        """A resource by URN, or by logical name when that name is unique."""
        if name_or_urn in self.resources:
            return self.resources[name_or_urn]
        found = [r for r in self.resources.values() if r.name == name_or_urn]
        if len(found) > 1:
            raise KeyError(f"several resources are named {name_or_urn!r}; use the URN")
        return found[0] if found else None

    def copy(self) -> StackState:
        """A deep copy (previews work on one)."""
        other = StackState()
        other.resources = {urn: res.copy() for urn, res in self.resources.items()}
        other.outputs = plain_copy(self.outputs)
        other.secret_outputs = set(self.secret_outputs)
        other.pending_deletes = [res.copy() for res in self.pending_deletes]
        return other

    def put(self, res: ResourceState) -> None:
        """Insert or replace a resource; new ones go last, then dependencies are moved first."""
        self.resources[res.urn] = res
        self.reorder()

    def remove(self, urn: str) -> None:
        """Forget a resource."""
        self.resources.pop(urn, None)

    def reorder(self) -> None:
        """Stable topological order: each resource after its dependencies and parent.

        Registration order already respects dependencies; this only matters when a
        replacement (kept in its old position) starts depending on a newer resource.
        """
        ordered: list[str] = []
        done: set[str] = set()
        visiting: set[str] = set()

        def visit(urn: str) -> None:
            if urn in done or urn not in self.resources or urn in visiting:
                return
            visiting.add(urn)
            res = self.resources[urn]
            for dep in [*res.dependencies, *([res.parent] if res.parent else [])]:
                visit(dep)
            visiting.discard(urn)
            done.add(urn)
            ordered.append(urn)

        for urn in list(self.resources):
            visit(urn)
        self.resources = {urn: self.resources[urn] for urn in ordered}

    # -- persistence ---------------------------------------------------------------------

    def to_json(self, crypter: PassphraseCrypter | None, project: str, stack: str) -> dict[str, Any]:
        """The JSON document written to the state file (secrets redacted without a crypter)."""
        doc: dict[str, Any] = {"version": STATE_VERSION, "project": project, "stack": stack}
        if crypter is not None:
            doc["secrets_provider"] = {"type": "passphrase", "salt": base64.b64encode(crypter.salt).decode()}
        doc["outputs"] = _encode(self.outputs, self.secret_outputs, crypter)
        doc["resources"] = {urn: res.to_json(crypter) for urn, res in self.resources.items()}
        if self.pending_deletes:
            doc["pending_deletes"] = [dict(res.to_json(crypter), urn=res.urn) for res in self.pending_deletes]
        return doc

    def save(self, path: Path, crypter: PassphraseCrypter, project: str, stack: str) -> None:
        """Write atomically (temp file + rename), as a checkpoint must never be half-written."""
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.to_json(crypter, project, stack), indent=2, sort_keys=False)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=str(path.parent))
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    @staticmethod
    def read_salt(path: Path) -> bytes | None:
        """The encryption salt recorded in a state file, if any."""
        if not path.exists():
            return None
        doc = json.loads(path.read_text(encoding="utf-8"))
        salt = (doc.get("secrets_provider") or {}).get("salt")
        return base64.b64decode(salt) if salt else None

    @classmethod
    def load(cls, path: Path, crypter: PassphraseCrypter | None) -> StackState:
        """Read a state file written by :meth:`save`."""
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("version") != STATE_VERSION:
            raise ValueError(f"{path}: unsupported state version {doc.get('version')!r}")
        state = cls()
        state.project, state.stack = doc.get("project"), doc.get("stack")
        state.outputs, state.secret_outputs = _decode(doc.get("outputs") or {}, crypter)
        for urn, data in (doc.get("resources") or {}).items():
            state.resources[urn] = ResourceState.from_json(urn, data, crypter)
        for data in doc.get("pending_deletes") or []:
            state.pending_deletes.append(ResourceState.from_json(str(data["urn"]), data, crypter))
        return state
