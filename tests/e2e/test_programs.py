"""Every program in programs/ on the real Pulumi engine, against the emulator: preview shows the
creates, up, a preview with --expect-no-changes, refresh and another such preview, one change with the
exact API calls it makes, destroy back to the seeded account; outputs asserted; no token in state."""

from __future__ import annotations

import pytest
import requests
from pulumi import automation as auto
from pulumi_celigo.emulator import DEMO_IDS

from tests.conftest import TOKEN, listed
from tests.e2e.engine import Engine, Stack, account, writes

#: Each plugin process checks the token once, on its first API call (none for a no-op preview).
TOKEN_CHECK = {"GET /v1/tokenInfo": 1}
PATCH_FLOW = {**TOKEN_CHECK, "PATCH /v1/flows/{id}": 1}


def no_changes_after_refresh(stack: Stack) -> None:
    """preview --expect-no-changes (the CLI fails it otherwise), refresh, and again."""
    stack.auto.preview(expect_no_changes=True)
    refreshed = stack.auto.refresh()
    assert refreshed.summary.result == "succeeded"
    stack.auto.preview(expect_no_changes=True)


def assert_no_token(stack: Stack, *printed: str) -> None:
    assert TOKEN not in stack.state_text()
    for text in printed:
        assert TOKEN not in text


@pytest.mark.parametrize(
    ("program", "steps", "schedule"), [("quickstart", 2, "? */15 * * * *"), ("usage-stats", 13, "? 0 2 ? * *")]
)
def test_single_flow_program(engine: Engine, program: str, steps: int, schedule: str) -> None:
    seeded = account(engine.emulator)
    stack = engine.stack(program)

    preview = stack.auto.preview(diff=True)
    assert preview.change_summary == {"create": 2}  # the stack and its flow
    assert "schedule" in preview.stdout and schedule in preview.stdout
    assert writes(engine.emulator.request_counts()) == {}

    up = stack.auto.up()
    assert up.summary.resource_changes == {"create": 2}
    flows = listed(engine.emulator, "flows")
    assert len(flows) == 1
    flow = flows[0]
    assert flow["schedule"] == schedule
    assert len(flow["pageGenerators"]) + len(flow["pageProcessors"]) == steps
    outputs = stack.outputs()
    assert outputs["flowId"] == flow["_id"]
    if program == "quickstart":
        assert (outputs["flowName"], outputs["createdAt"]) == (flow["name"], flow["createdAt"])
    else:
        assert outputs["steps"] == steps - 2  # 11 page processors after the 2 page generators

    engine.emulator.reset_request_counts()
    no_changes_after_refresh(stack)
    assert engine.emulator.request_counts() == {**TOKEN_CHECK, "GET /v1/flows/{id}": 1}  # the refresh's one read

    stack.auto.set_config(f"{stack.auto.workspace.project_settings().name}:schedule", _config("? 30 6 ? * 1-5"))
    engine.emulator.reset_request_counts()
    changed = stack.auto.up()
    assert changed.summary.resource_changes == {"update": 1, "same": 1}
    assert engine.emulator.request_counts() == PATCH_FLOW
    assert listed(engine.emulator, "flows")[0]["schedule"] == "? 30 6 ? * 1-5"

    destroyed = stack.auto.destroy()
    assert destroyed.summary.resource_changes == {"delete": 2}
    assert account(engine.emulator) == seeded
    assert_no_token(stack, preview.stdout, up.stdout, changed.stdout, destroyed.stdout)


def test_connection_swap_program(engine: Engine) -> None:
    def slack_connection() -> str:
        doc = requests.get(
            f"{engine.emulator.base_url}/imports/{DEMO_IDS['slack_import']}",
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=10,
        ).json()
        return str(doc["_connectionId"])

    seeded = account(engine.emulator)
    stack = engine.stack("connection-swap")
    assert stack.auto.preview().change_summary == {"create": 3}
    assert stack.auto.up().summary.resource_changes == {"create": 3}
    assert slack_connection() == DEMO_IDS["prod_slack_connection"]
    assert stack.outputs()["stepsOnNewConnection"] == [DEMO_IDS["slack_import"]]
    no_changes_after_refresh(stack)

    # One change: the flow's name (a PATCH); the swap, which takes the flow's id, is left alone.
    program = stack.work_dir / "__main__.py"
    program.write_text(program.read_text().replace("(swapped)", "(swapped, renamed)"))
    engine.emulator.reset_request_counts()
    changed = stack.auto.up()
    assert changed.summary.resource_changes == {"update": 1, "same": 2}
    assert engine.emulator.request_counts() == PATCH_FLOW

    assert stack.auto.destroy().summary.resource_changes == {"delete": 3}
    assert slack_connection() == DEMO_IDS["dev_slack_connection"]
    assert account(engine.emulator) == seeded
    assert_no_token(stack)


def test_promotion_program_dev_then_prod(engine: Engine) -> None:
    seeded = account(engine.emulator)
    dev = engine.stack("promotion", "dev")
    assert dev.auto.preview().change_summary == {"create": 2}
    assert dev.auto.up().summary.resource_changes == {"create": 2}
    dev_flow_id = dev.outputs()["flowId"]
    no_changes_after_refresh(dev)

    prod = engine.stack("promotion", "prod")
    prod.auto.set_config("devFlowId", _config(dev_flow_id))  # pulumi config set devFlowId "$(... stack output ...)"
    assert prod.auto.preview().change_summary == {"create": 2}
    assert prod.auto.up().summary.resource_changes == {"create": 2}
    outputs = prod.outputs()
    flow = next(f for f in listed(engine.emulator, "flows") if f["_id"] == outputs["flowId"])
    assert (flow["_integrationId"], flow["_sourceId"]) == (DEMO_IDS["prod_integration"], dev_flow_id)
    assert (flow["schedule"], flow["timezone"], flow["disabled"]) == ("? */15 * * * *", "America/Los_Angeles", False)
    exports = {e["_id"]: e for e in listed(engine.emulator, "exports")}
    imports = {i["_id"]: i for i in listed(engine.emulator, "imports")}
    assert [exports[e]["_connectionId"] for e in outputs["exportIds"]] == [DEMO_IDS["prod_github_connection"]]
    assert [imports[i]["_connectionId"] for i in outputs["importIds"]] == [DEMO_IDS["prod_slack_connection"]]
    no_changes_after_refresh(prod)

    prod.auto.set_config("schedule", _config("? 0 3 ? * *"))
    engine.emulator.reset_request_counts()
    assert prod.auto.up().summary.resource_changes == {"update": 1, "same": 1}
    assert engine.emulator.request_counts() == PATCH_FLOW

    assert prod.auto.destroy().summary.resource_changes == {"delete": 2}
    assert dev.auto.destroy().summary.resource_changes == {"delete": 2}
    assert account(engine.emulator) == seeded
    assert_no_token(prod)


def _config(value: str) -> auto.ConfigValue:
    return auto.ConfigValue(value)


def test_prod_without_the_dev_flow_id_says_what_to_set(engine: Engine) -> None:
    prod = engine.stack("promotion", "prod")
    with pytest.raises(auto.CommandError, match="devFlowId"):
        prod.auto.preview()
    assert writes(engine.emulator.request_counts()) == {}
