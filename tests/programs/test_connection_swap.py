"""programs/connection-swap under LocalEngine: the Slack step moves to the prod Slack connection,
stays there (a swap back is detected and re-applied) and moves back on destroy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from pulumi_celigo.emulator import DEMO_IDS, EmulatorServer, running_emulator
from pulumi_celigo.testing import LocalEngine

from tests.conftest import REPO, TOKEN

PROGRAM = REPO / "programs" / "connection-swap"
HEADERS = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def emulator() -> Iterator[EmulatorServer]:
    with running_emulator(token=TOKEN, seed="demo") as emu:
        yield emu


def slack_connection(emu: EmulatorServer) -> str:
    doc = requests.get(f"{emu.base_url}/imports/{DEMO_IDS['slack_import']}", headers=HEADERS, timeout=10).json()
    return str(doc["_connectionId"])


def test_swap_keep_and_restore(emulator: EmulatorServer, tmp_path: Path) -> None:
    engine = LocalEngine(
        PROGRAM,
        stack="dev",
        config={"celigo:baseUrl": emulator.base_url},
        secret_config={"celigo:apiToken": TOKEN},
        state_path=tmp_path / "state.json",
        plugin_env={"PYTHONPATH": str(REPO)},
    )
    assert engine.up().summary() == "+ 2 created"
    assert slack_connection(emulator) == DEMO_IDS["prod_slack_connection"]
    assert engine.outputs["stepsOnNewConnection"] == [DEMO_IDS["slack_import"]]

    emulator.reset_request_counts()
    assert engine.up().summary() == "2 unchanged"
    assert emulator.request_counts() == {}

    # Someone swaps the connection back in integrator.io: refresh sees it, the next up re-applies.
    back = {"_connectionId": DEMO_IDS["prod_slack_connection"], "_newConnectionId": DEMO_IDS["dev_slack_connection"]}
    flow_id = engine.outputs["flowId"]
    response = requests.put(f"{emulator.base_url}/flows/{flow_id}/replaceConnection", json=back, headers=HEADERS)
    assert response.status_code == 200
    engine.refresh()
    assert engine.up().change("slack-connection").op == "update"
    assert slack_connection(emulator) == DEMO_IDS["prod_slack_connection"]
    assert engine.up().summary() == "2 unchanged"

    assert set(engine.destroy().ops().values()) == {"delete"}
    assert slack_connection(emulator) == DEMO_IDS["dev_slack_connection"]
    flows = requests.get(f"{emulator.base_url}/flows", headers=HEADERS, timeout=10)
    assert flows.status_code == 204
