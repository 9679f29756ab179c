"""programs/integration-from-scratch on the real engine, from an EMPTY account: deploy, redeploy with no
changes, rotate a secret with one update, promote to a second stack (prod) whose preview shows exactly
what will change, and destroy both back to an empty account; no credential in clear anywhere."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pulumi import automation as auto
from pulumi_celigo.emulator import EmulatorServer, running_emulator

from tests.conftest import TOKEN, raw
from tests.e2e.engine import Engine, Stack, account, writes

PROGRAM = "integration-from-scratch"
SECRETS = {
    "dev": {"shopToken": "shop-dev-token-4b1e", "erpPassword": "erp-dev-password-77c0"},
    "prod": {"shopToken": "shop-prod-token-9d2a", "erpPassword": "erp-prod-password-1f3b"},
}
#: The stack and its 10 resources: 2 connections, the integration, the script, 2 exports, the import,
#: 2 flows and the first run.
RESOURCES = 11
TOKEN_CHECK = {"GET /v1/tokenInfo": 1}


@pytest.fixture
def empty(pulumi_bin: Path, tmp_path: Path) -> Iterator[Engine]:
    with running_emulator(token=TOKEN, seed="empty") as emu:
        yield Engine(bin=pulumi_bin, root=tmp_path, emulator=emu)


def deploy(engine: Engine, name: str) -> Stack:
    stack = engine.stack(PROGRAM, name)
    for key, value in SECRETS[name].items():
        stack.auto.set_config(key, auto.ConfigValue(value, secret=True))
    return stack


def empty_account(emu: EmulatorServer) -> dict[str, dict[str, object]]:
    return {collection: {} for collection in account(emu)}


def no_secret_in(stack: Stack, *printed: str) -> None:
    texts = [stack.state_text(), *printed]
    for secret in [TOKEN, *SECRETS["dev"].values(), *SECRETS["prod"].values()]:
        for text in texts:
            assert secret not in text


def test_from_an_empty_account_to_a_running_flow_and_back(empty: Engine) -> None:
    engine = empty
    assert account(engine.emulator) == empty_account(engine.emulator)
    dev = deploy(engine, "dev")

    preview = dev.auto.preview()
    assert preview.change_summary == {"create": RESOURCES}
    up = dev.auto.up()
    assert up.summary.resource_changes == {"create": RESOURCES}
    outputs = dev.outputs()
    assert outputs["firstSyncStatus"] == "completed"
    docs = account(engine.emulator)
    assert {c: len(d) for c, d in docs.items()} == {
        "integrations": 1,
        "connections": 2,
        "exports": 2,
        "imports": 1,
        "flows": 2,
    }
    integration = docs["integrations"][outputs["integrationId"]]
    assert sorted(integration["_registeredConnectionIds"]) == sorted(docs["connections"])
    for connection_id in docs["connections"]:  # the credentials really are stored: the ping passes
        assert raw(engine.emulator, "GET", f"/connections/{connection_id}/ping").status_code == 200
    flows = {f["name"]: f for f in docs["flows"].values()}
    hourly = flows["Paid orders to ERP (Dev)"]
    assert (hourly["_integrationId"], hourly["schedule"], hourly["disabled"]) == (
        outputs["integrationId"],
        "? 0 * ? * *",
        False,
    )

    # Redeploy: nothing to change, no API call at all; refresh, and still nothing.
    engine.emulator.reset_request_counts()
    dev.auto.preview(expect_no_changes=True)
    dev.auto.up(expect_no_changes=True)
    assert engine.emulator.request_counts() == {}
    dev.auto.refresh()
    dev.auto.preview(expect_no_changes=True)

    # Rotate the shop token: one in-place update of that connection, and the new token is what is stored.
    dev.auto.set_config("shopToken", auto.ConfigValue("shop-dev-token-rotated", secret=True))
    engine.emulator.reset_request_counts()
    rotated = dev.auto.up()
    assert rotated.summary.resource_changes == {"update": 1, "same": RESOURCES - 1}
    assert writes(engine.emulator.request_counts()) == {"PUT /v1/connections/{id}": 1}
    store = engine.emulator.app.backend.store  # what the emulator keeps: the API only ever shows "******"
    shop = next(c for c in store.all("connections") if c["name"] == "Shop API (Dev)")
    assert shop["http"]["auth"]["token"]["token"] == "shop-dev-token-rotated"
    dev.auto.preview(expect_no_changes=True)

    # Promotion: the same program on the prod stack, its own endpoints and secrets.
    prod = deploy(engine, "prod")
    assert prod.auto.preview().change_summary == {"create": RESOURCES}
    assert prod.auto.up().summary.resource_changes == {"create": RESOURCES}
    prod_flows = {f["name"] for f in account(engine.emulator)["flows"].values()}
    assert {"Paid orders to ERP (Prod)", "Order events to ERP (Prod)"} <= prod_flows
    # A change to prod's config: its preview shows exactly that one update, and only it is written.
    prod.auto.set_config("schedule", auto.ConfigValue("? 0/30 * ? * *"))
    plan = prod.auto.preview(diff=True)
    assert plan.change_summary == {"update": 1, "same": RESOURCES - 1}
    assert "schedule" in plan.stdout and "? 0/30 * ? * *" in plan.stdout
    engine.emulator.reset_request_counts()
    prod.auto.up()
    assert writes(engine.emulator.request_counts()) == {"PATCH /v1/flows/{id}": 1}

    destroyed = [prod.auto.destroy(), dev.auto.destroy()]
    assert [d.summary.resource_changes for d in destroyed] == [{"delete": RESOURCES}, {"delete": RESOURCES}]
    assert account(engine.emulator) == empty_account(engine.emulator)
    no_secret_in(dev, preview.stdout, up.stdout, rotated.stdout, plan.stdout)
    no_secret_in(prod)
