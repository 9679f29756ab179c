"""Fixtures of the end-to-end suite: the real Pulumi CLI (built once per version by scripts/pulumi-cli),
and per test a fresh emulator (demo seed) with a file backend of its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pulumi_celigo.emulator import EmulatorServer

from tests.e2e.engine import Engine, cli_bin


@pytest.fixture(scope="session")
def pulumi_bin() -> Path:
    return cli_bin()


@pytest.fixture
def engine(pulumi_bin: Path, emulator: EmulatorServer, tmp_path: Path) -> Iterator[Engine]:
    yield Engine(bin=pulumi_bin, root=tmp_path, emulator=emulator)
