"""A toy dynamic provider used to prove the test harness (not the Celigo resources).

``ToyProvider`` keeps its objects in a JSON file (``toy:storePath`` config) so tests can
look at, and tamper with, "the cloud". It is importable (this directory goes on
``PYTHONPATH`` for the plugin server), so dill pickles it by reference, like the real
providers. Inputs:

* ``name`` (required, non-empty) and ``size`` (non-negative integer): checked in ``check``;
* ``kind``: changing it forces a replacement (``dbr=True``: delete before replace);
* ``tags``, ``note``: plain managed values;
* ``explode``: ``create``/``update`` raise ``ValueError`` with this text;
* ``sleep``: seconds ``create`` sleeps (to observe parallelism).

Ids listed under ``locked`` in the store cannot be deleted.

Outputs echo the managed inputs plus ``serial`` (per-store counter) and ``version``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pulumi
from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    Resource,
    ResourceProvider,
    UpdateResult,
)
from pulumi.output import Unknown

#: The project name the harness tests use.
PROJECT = "harness"

MANAGED = ("name", "size", "kind", "tags", "note", "dbr", "explode", "sleep")
_LOCK = threading.Lock()


def _load(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {"objects": {}, "ops": [], "serial": 0, "active": 0, "max_active": 0}
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def _save(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True))
    os.replace(tmp, path)


class ToyProvider(ResourceProvider):
    """Stores toys in a JSON file; thread-safe within the plugin process."""

    serialize_as_secret_always = False

    def __init__(self) -> None:
        super().__init__()
        self._store: Path | None = None

    # Never pickle runtime state; the truthy state makes dill call __setstate__.
    def __getstate__(self) -> dict[str, Any]:
        return {"v": 1}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._store = None

    def configure(self, req: ConfigureRequest) -> None:
        store = req.config.get("toy:storePath")
        if not store:
            raise ValueError("toy:storePath is not configured")
        self._store = Path(store)
        token = req.config.get("toy:apiToken")
        # Record what configure saw; the token only as a digest, never in clear.
        raw = dict(getattr(req.config, "_props", {}))
        seen = {
            "keys": sorted(raw),
            "greeting": req.config.get("greeting"),  # bare key: the project's namespace
            "token_sha256": hashlib.sha256(token.encode()).hexdigest() if token else None,
            "token_type": type(token).__name__,
            "project": os.environ.get("PULUMI_PROJECT"),
        }
        self._store.with_name(self._store.name + ".configure.json").write_text(json.dumps(seen))

    @property
    def store(self) -> Path:
        if self._store is None:
            raise RuntimeError("ToyProvider used before configure()")
        return self._store

    def _log(self, data: dict[str, Any], op: str, id_: str) -> None:
        data["ops"].append([op, id_])

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        failures = []
        name = news.get("name")
        if not isinstance(name, Unknown) and not name:
            failures.append(CheckFailure("name", "name is required and must not be empty"))
        size = news.get("size", 0)
        if not isinstance(size, Unknown):
            if not isinstance(size, (int, float)) or int(size) != size or size < 0:
                failures.append(CheckFailure("size", f"size must be a non-negative integer, got {size!r}"))
            else:
                size = int(size)
        inputs = {k: news[k] for k in MANAGED if k in news}
        if "size" in inputs:
            inputs["size"] = size
        return CheckResult(inputs, failures)

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        changed = [k for k in MANAGED if isinstance(news.get(k), Unknown) or olds.get(k) != news.get(k)]
        replaces = [k for k in changed if k == "kind"]
        return DiffResult(changes=bool(changed), replaces=replaces, delete_before_replace=bool(news.get("dbr")))

    def _outs(self, props: dict[str, Any], serial: int, version: int) -> dict[str, Any]:
        outs = {k: props[k] for k in MANAGED if k in props}
        outs.update(serial=serial, version=version)
        return outs

    def create(self, props: dict[str, Any]) -> CreateResult:
        if props.get("explode"):
            raise ValueError(f"Toy {props.get('name')!r}: {props['explode']}")
        with _LOCK:
            data = _load(self.store)
            data["active"] += 1
            data["max_active"] = max(data["max_active"], data["active"])
            _save(self.store, data)
        time.sleep(float(props.get("sleep") or 0))
        with _LOCK:
            data = _load(self.store)
            data["active"] -= 1
            data["serial"] += 1
            id_ = f"toy-{data['serial']}"
            outs = self._outs(props, data["serial"], 1)
            data["objects"][id_] = outs
            self._log(data, "create", id_)
            _save(self.store, data)
        print(f"toy: created {id_}", file=sys.stderr)
        return CreateResult(id_, outs)

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        with _LOCK:
            obj = _load(self.store)["objects"].get(id_)
        if obj is None:
            return ReadResult("", {})
        return ReadResult(id_, dict(obj))

    def update(self, id_: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        if news.get("explode"):
            raise ValueError(f"Toy {news.get('name')!r}: {news['explode']}")
        with _LOCK:
            data = _load(self.store)
            current = data["objects"].get(id_)
            if current is None:
                raise KeyError(f"toy {id_} does not exist")
            outs = self._outs(news, int(current["serial"]), int(current["version"]) + 1)
            data["objects"][id_] = outs
            self._log(data, "update", id_)
            _save(self.store, data)
        return UpdateResult(outs)

    def delete(self, id_: str, _props: dict[str, Any]) -> None:
        with _LOCK:
            data = _load(self.store)
            if id_ in data.get("locked", []):
                raise RuntimeError(f"toy {id_} is locked")
            data["objects"].pop(id_, None)
            self._log(data, "delete", id_)
            _save(self.store, data)


class Toy(Resource, module="toy", name="Toy"):
    """A toy object: ``pulumi-python:dynamic/toy:Toy``."""

    name: pulumi.Output[str]
    size: pulumi.Output[float]
    kind: pulumi.Output[str]
    note: pulumi.Output[str]
    serial: pulumi.Output[float]
    version: pulumi.Output[float]

    def __init__(
        self,
        resource_name: str,
        name: pulumi.Input[str],
        size: pulumi.Input[int] = 0,
        kind: pulumi.Input[str] = "plain",
        opts: pulumi.ResourceOptions | None = None,
        **extra: Any,
    ) -> None:
        props: dict[str, Any] = {
            "name": name,
            "size": size,
            "kind": kind,
            "note": None,
            "serial": None,
            "version": None,
        }
        props.update(extra)
        super().__init__(ToyProvider(), resource_name, props, opts)


def read_store(path: Path) -> dict[str, Any]:
    """The store's content (for assertions)."""
    return _load(path)


def write_store(path: Path, data: dict[str, Any]) -> None:
    """Replace the store's content (to simulate out-of-band changes)."""
    _save(path, data)
