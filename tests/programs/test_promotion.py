"""programs/promotion under LocalEngine: the dev stack builds a flow, the prod stack clones it into
the prod integration; redeployments change nothing; destroying both leaves the account as seeded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pulumi_celigo.emulator import DEMO_IDS, EmulatorServer, running_emulator
from pulumi_celigo.testing import LocalEngine

from tests.conftest import REPO, TOKEN, listed

PROGRAM = REPO / "programs" / "promotion"


@pytest.fixture
def emulator() -> Iterator[EmulatorServer]:
    with running_emulator(token=TOKEN, seed="demo") as emu:
        yield emu


def ids(emu: EmulatorServer, collection: str) -> set[str]:
    return {doc["_id"] for doc in listed(emu, collection)}


def engine(stack: str, emu: EmulatorServer, tmp_path: Path) -> LocalEngine:
    return LocalEngine(
        PROGRAM,
        stack=stack,
        config={"celigo:baseUrl": emu.base_url},
        secret_config={"celigo:apiToken": TOKEN},
        state_path=tmp_path / f"{stack}.json",
        plugin_env={"PYTHONPATH": str(REPO)},
    )


def test_promote_dev_to_prod_redeploy_and_destroy(emulator: EmulatorServer, tmp_path: Path) -> None:
    seeded = {c: ids(emulator, c) for c in ("flows", "exports", "imports")}
    assert seeded["flows"] == set()

    dev = engine("dev", emulator, tmp_path)
    assert dev.up().summary() == "+ 1 created"
    dev_flow_id = dev.outputs["flowId"]

    prod = engine("prod", emulator, tmp_path)
    prod.set_config("devFlowId", dev_flow_id)  # what `pulumi config set devFlowId $(...)` does
    emulator.reset_request_counts()
    assert prod.up().summary() == "+ 1 created"
    assert emulator.request_counts() == {
        "GET /v1/flows/{id}/descendants": 1,
        "GET /v1/connections/{id}": 2,
        "GET /v1/flows": 1,
        "POST /v1/flows/{id}/clone": 1,
        "GET /v1/flows/{id}": 1,
        "PATCH /v1/flows/{id}": 1,
    }

    prod_flow_id = prod.outputs["flowId"]
    flow = next(f for f in listed(emulator, "flows") if f["_id"] == prod_flow_id)
    assert flow["_integrationId"] == DEMO_IDS["prod_integration"]
    assert flow["_sourceId"] == dev_flow_id
    assert flow["name"] == "Send GitHub Events to Slack"
    assert (flow["schedule"], flow["timezone"], flow["disabled"]) == ("? */15 * * * *", "America/Los_Angeles", False)
    exports = {e["_id"]: e for e in listed(emulator, "exports")}
    imports = {i["_id"]: i for i in listed(emulator, "imports")}
    assert [exports[e]["_connectionId"] for e in prod.outputs["exportIds"]] == [DEMO_IDS["prod_github_connection"]]
    assert [imports[i]["_connectionId"] for i in prod.outputs["importIds"]] == [DEMO_IDS["prod_slack_connection"]]

    # A second deployment of each stack changes nothing and calls nothing.
    emulator.reset_request_counts()
    assert dev.up().summary() == "1 unchanged"
    assert prod.up().summary() == "1 unchanged"
    assert emulator.request_counts() == {}
    for stack in (dev, prod):
        refreshed = stack.refresh()
        assert all(change.diffs == [] for change in refreshed.changes), (stack.stack, refreshed.changes)
        assert stack.up().summary() == "1 unchanged"

    assert set(prod.destroy().ops().values()) == {"delete"}
    assert set(dev.destroy().ops().values()) == {"delete"}
    assert {c: ids(emulator, c) for c in seeded} == seeded


def test_prod_without_the_dev_flow_id_says_what_to_set(emulator: EmulatorServer, tmp_path: Path) -> None:
    prod = engine("prod", emulator, tmp_path)
    with pytest.raises(Exception, match="devFlowId"):
        prod.up()
