"""Fixtures for the harness tests: the toy provider's import path, its store, and a plugin server."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pulumi_celigo.testing import PluginServer

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
