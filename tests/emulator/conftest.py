"""Fixtures of the emulator's contract suite: one server per session, state reset before each test.

The suite talks HTTP with ``requests`` only (never the project's client): the emulator is the
oracle that must catch the client's mistakes, so it is tested on its own terms.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pulumi_celigo.emulator import ADMIN_HEADERS, EmulatorServer, running_emulator

from .support import READ_ONLY_TOKEN, TOKEN, Api


@pytest.fixture(scope="session")
def emulator() -> Iterator[EmulatorServer]:
    with running_emulator(token=TOKEN, read_only_token=READ_ONLY_TOKEN, seed="demo") as emu:
        yield emu


@pytest.fixture(autouse=True)
def fresh_state(request: pytest.FixtureRequest) -> Iterator[None]:
    """Seed-only state, zero counts, no faults, default limits; and no 500 may happen."""
    if "emulator" not in request.fixturenames:
        yield
        return
    emu: EmulatorServer = request.getfixturevalue("emulator")
    emu.reset_data()
    emu.reset_request_counts()
    emu.clear_faults()
    emu.set_rate_limit(1000, 300)
    before = emu.internal_errors
    yield
    assert emu.internal_errors == before, "the emulator answered 500 (see the logged traceback)"


@pytest.fixture
def api(emulator: EmulatorServer) -> Iterator[Api]:
    client = Api(emulator.base_url, TOKEN)
    yield client
    client.close()


@pytest.fixture
def read_only_api(emulator: EmulatorServer) -> Iterator[Api]:
    client = Api(emulator.base_url, READ_ONLY_TOKEN)
    yield client
    client.close()


@pytest.fixture
def anonymous_api(emulator: EmulatorServer) -> Iterator[Api]:
    client = Api(emulator.base_url, None)
    yield client
    client.close()


@pytest.fixture
def admin(emulator: EmulatorServer) -> Iterator[Api]:
    """The control plane under ``/__emulator`` (no token; the admin guard's headers)."""
    client = Api(f"{emulator.root_url}/__emulator", None)
    client.session.headers.update(ADMIN_HEADERS)
    yield client
    client.close()
