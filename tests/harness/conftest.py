"""Fixtures for the harness tests: the toy provider's import path, store and engines."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pulumi_celigo.testing import LocalEngine, PluginServer

HERE = Path(__file__).resolve().parent
# toy_provider must be a top-level module both here and in the plugin subprocess, so that
# its provider class is pickled by reference under the same module name.
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from toy_provider import PROJECT  # noqa: E402 - needs the sys.path entry above


@pytest.fixture
def plugin_env() -> dict[str, str]:
    """Environment for the plugin server: this directory on PYTHONPATH."""
    existing = os.environ.get("PYTHONPATH")
    return {"PYTHONPATH": os.pathsep.join([str(HERE), *([existing] if existing else [])])}


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """Where the toy provider keeps its objects."""
    return tmp_path / "toy-store.json"


@pytest.fixture
def plugin(plugin_env: dict[str, str], store: Path) -> Iterator[PluginServer]:
    """A started, configured plugin server."""
    with PluginServer(project=PROJECT, env=plugin_env) as server:
        server.configure({"toy:storePath": str(store)})
        yield server


@pytest.fixture
def make_engine(plugin_env: dict[str, str], store: Path) -> Callable[..., LocalEngine]:
    """Build a LocalEngine configured for the toy provider."""

    def make(program: Any = None, **kwargs: Any) -> LocalEngine:
        config = {"toy:storePath": str(store), **kwargs.pop("config", {})}
        kwargs.setdefault("project", PROJECT)
        return LocalEngine(program, config=config, plugin_env=plugin_env, **kwargs)

    return make
