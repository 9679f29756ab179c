"""Fixtures shared by every suite: an in-process emulator on a free loopback port, and clients of it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from pulumi_celigo.client import CeligoClient, ClientConfig
from pulumi_celigo.emulator import EmulatorServer, running_emulator
from pulumi_celigo.providers.flow import FlowProvider
from pulumi_celigo.testing import PluginServer, provider_blob, urn

TOKEN = "test-token-4f1c9a7e"  # distinctive, so leak scans cannot miss it
READ_ONLY_TOKEN = "read-only-token-77b2"


@pytest.fixture
def emulator() -> Iterator[EmulatorServer]:
    """A fresh emulator with the demo seed, per test: no state leaks between tests."""
    with running_emulator(token=TOKEN, read_only_token=READ_ONLY_TOKEN, seed="demo") as emu:
        yield emu


def make_client(emu: EmulatorServer, token: str = TOKEN) -> CeligoClient:
    from pydantic import SecretStr

    return CeligoClient(ClientConfig(api_token=SecretStr(token), base_url=emu.base_url))


@pytest.fixture
def client(emulator: EmulatorServer) -> Iterator[CeligoClient]:
    with make_client(emulator) as api:
        yield api


# ---- the real plugin server against one long-lived emulator ---------------------------------
# One emulator per session, reset to the demo seed per test; one plugin server per test, as the
# engine starts one per deployment: what a plugin process remembers (the token check, the create
# markers it has listed: providers/_markers.py) never outlives the account state it saw.

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def shared_emulator() -> Iterator[EmulatorServer]:
    with running_emulator(token=TOKEN, read_only_token=READ_ONLY_TOKEN, seed="demo") as emu:
        yield emu


@contextmanager
def new_plugin_server(emulator: EmulatorServer) -> Iterator[PluginServer]:
    """A plugin server process of its own (what the engine starts for each deployment), configured for
    the emulator, its one token check already made."""
    env = {"PYTHONPATH": str(REPO), "CELIGO_API_TOKEN": "", "CELIGO_BASE_URL": ""}
    with PluginServer(project="celigo-tests", cwd=REPO, env=env) as plugin:
        plugin.configure(
            {"celigo:apiToken": TOKEN, "celigo:baseUrl": emulator.base_url}, secret_keys=["celigo:apiToken"]
        )
        check_token_now(plugin)
        yield plugin


@pytest.fixture
def plugin_server(shared_emulator: EmulatorServer) -> Iterator[PluginServer]:
    with new_plugin_server(shared_emulator) as plugin:
        yield plugin


def check_token_now(plugin: PluginServer) -> None:
    """The plugin checks the token once per process, on its first API call (GET /tokenInfo): make that
    call now (a refresh of an absent flow), so that no count of API calls depends on coming first."""
    flow = urn("pulumi-python:dynamic/celigo:Flow", "token-check", project="celigo-tests", stack="test")
    plugin.read("0" * 24, flow, {"__provider": provider_blob(FlowProvider()), "name": "token-check"})


@dataclass
class Live:
    """The shared emulator and plugin server, reset for one test."""

    emulator: EmulatorServer
    plugin: PluginServer

    @property
    def ids(self) -> dict[str, Any]:
        return self.emulator.seed_ids

    def calls(self) -> dict[str, int]:
        return self.emulator.request_counts()


@pytest.fixture
def live(shared_emulator: EmulatorServer, plugin_server: PluginServer) -> Iterator[Live]:
    shared_emulator.reset_data()  # back to the demo seed: no test sees another's flows
    shared_emulator.clear_faults()
    shared_emulator.set_rate_limit(capacity=1000, refill=300.0)
    shared_emulator.reset_request_counts()
    yield Live(shared_emulator, plugin_server)
    shared_emulator.clear_faults()
    shared_emulator.set_rate_limit(capacity=1000, refill=300.0)


# ---- another client acting on the account directly (the UI, a colleague's script) ------------


def _base_url(where: Live | EmulatorServer | str) -> str:
    if isinstance(where, Live):
        return where.emulator.base_url
    return where if isinstance(where, str) else where.base_url


def raw(
    where: Live | EmulatorServer | str, method: str, path: str, body: Any = None, token: str = TOKEN
) -> requests.Response:
    """One request straight to the API, bypassing the provider and its client."""
    return requests.request(
        method, f"{_base_url(where)}{path}", json=body, headers={"Authorization": f"Bearer {token}"}, timeout=10
    )


def listed(where: Live | EmulatorServer | str, collection: str, **params: str) -> list[dict[str, Any]]:
    """Every document of a collection as the API lists it (204 is an empty list)."""
    response = requests.get(
        f"{_base_url(where)}/{collection}", params=params, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10
    )
    return [] if response.status_code == 204 else list(response.json())
