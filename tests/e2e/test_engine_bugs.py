"""The three bugs that only the real engine showed, each proven fixed on it:

1. the delete-first fan-out: replacing a `FlowConnectionReplacement` diffs its dependents with its
   outputs unknown, and a `FlowRun` or `FlowClone` that answered "replace" re-ran or re-cloned;
2. `Flow.get` (and the companions' `get`) of a missing id "succeeded" with every output None;
3. a `pulumi up` killed while creating flows left pending creates, and the next `up` made duplicates.
"""

from __future__ import annotations

import pytest
from pulumi import automation as auto
from pulumi_celigo.emulator import DEMO_IDS

from tests.conftest import listed, raw
from tests.e2e.engine import Engine, writes

SWAP_RUN_CLONE = f"""
import pulumi
import pulumi_celigo as celigo

config = pulumi.Config()
flow = celigo.Flow(
    "orders",
    name="Orders",
    integration_id="{DEMO_IDS["dev_integration"]}",
    page_generators=[{{"export_id": "{DEMO_IDS["github_events_export"]}"}}],
    page_processors=[{{"type": "import", "import_id": "{DEMO_IDS["slack_import"]}"}}],
)
swap = celigo.FlowConnectionReplacement(
    "slack",
    flow_id=flow.id,
    connection_id="{DEMO_IDS["dev_slack_connection"]}",
    new_connection_id=config.require("newConnectionId"),
)
run = celigo.FlowRun("backfill", flow_id=swap.flow_id, triggers=["v1"])
clone = celigo.FlowClone(
    "prod",
    source_flow_id=swap.flow_id,
    integration_id="{DEMO_IDS["prod_integration"]}",
    connection_map={{
        "{DEMO_IDS["dev_github_connection"]}": "{DEMO_IDS["prod_github_connection"]}",
        # the Slack step's connection after either swap (an input that does not change)
        "{DEMO_IDS["prod_slack_connection"]}": "{DEMO_IDS["prod_slack_connection"]}",
        "{DEMO_IDS["prod_integrator_connection"]}": "{DEMO_IDS["prod_slack_connection"]}",
    }},
    name="Orders (prod)",
)
pulumi.export("jobId", run.job_id)
pulumi.export("cloneId", clone.id)
"""


def test_replacing_a_swap_delete_first_neither_reruns_the_flow_nor_reclones_it(engine: Engine) -> None:
    program = engine.write_program("fanout", SWAP_RUN_CLONE)
    stack = engine.stack(program, config={"newConnectionId": DEMO_IDS["prod_slack_connection"]})
    stack.auto.up()
    before = stack.outputs()
    flows_before = {f["_id"] for f in listed(engine.emulator, "flows")}

    # A new target connection replaces the swap, delete-first; the flow's id, which the run and the
    # clone take through swap.flow_id, does not change.
    stack.auto.set_config("newConnectionId", auto.ConfigValue(DEMO_IDS["prod_integrator_connection"]))
    engine.emulator.reset_request_counts()
    result = stack.auto.up()
    assert result.summary.resource_changes == {"replace": 1, "same": 4}  # the swap, and only the swap
    after = stack.outputs()
    assert after["jobId"] == before["jobId"]
    assert after["cloneId"] == before["cloneId"]
    calls = engine.emulator.request_counts()
    assert "POST /v1/flows/{id}/run" not in calls
    assert "POST /v1/flows/{id}/clone" not in calls
    assert {f["_id"] for f in listed(engine.emulator, "flows")} == flows_before


GET_MISSING = """
import pulumi
import pulumi_celigo as celigo

ghost = celigo.{kind}.get("ghost", "0123456789abcdef01234567")
pulumi.export("name", ghost.{field})
"""


@pytest.mark.parametrize(
    ("kind", "field"), [("Flow", "name"), ("FlowClone", "name"), ("FlowConnectionReplacement", "flow_id")]
)
def test_get_of_a_missing_id_fails_the_deployment_naming_the_id(engine: Engine, kind: str, field: str) -> None:
    stack = engine.stack(engine.write_program("ghost", GET_MISSING.format(kind=kind, field=field)))
    with pytest.raises(auto.CommandError, match="0123456789abcdef01234567"):
        stack.auto.up()
    assert writes(engine.emulator.request_counts()) == {}


def test_a_refresh_of_a_flow_deleted_out_of_band_drops_it_quietly(engine: Engine) -> None:
    stack = engine.stack("quickstart")
    stack.auto.up()
    flow_id = stack.outputs()["flowId"]
    urn = stack.urn("Flow", "github-to-slack")
    assert raw(engine.emulator, "DELETE", f"/flows/{flow_id}").status_code == 204
    refreshed = stack.auto.refresh()
    assert refreshed.summary.resource_changes == {"delete": 1, "same": 1}
    assert urn not in stack.resources()
    stack.auto.up()  # and the next up creates it again
    assert [f["_id"] for f in listed(engine.emulator, "flows")] == [stack.outputs()["flowId"]]


TWENTY_FLOWS = f"""
import pulumi_celigo as celigo

for i in range(20):
    celigo.Flow(
        f"orders-{{i}}",
        name=f"Orders {{i}}",
        integration_id="{DEMO_IDS["dev_integration"]}",
        page_generators=[{{"export_id": "{DEMO_IDS["github_events_export"]}"}}],
        page_processors=[{{"type": "import", "import_id": "{DEMO_IDS["slack_import"]}"}}],
    )
"""


def test_a_killed_up_leaves_no_duplicate_after_the_recovery_a_user_runs(engine: Engine) -> None:
    stack = engine.stack(engine.write_program("twenty", TWENTY_FLOWS))
    # Slow creates, so that the kill lands while some are in flight and others are done.
    engine.emulator.set_faults(rules=[{"method": "POST", "route": "/v1/flows", "latency_ms": 400}])

    def creating() -> bool:
        return engine.emulator.request_counts().get("POST /v1/flows", 0) >= 8

    stack.kill_up_when(creating)
    engine.emulator.clear_faults()
    assert 0 < len(listed(engine.emulator, "flows")) < 20
    assert stack.pending_operations(), "the killed up left no pending operation: the test did not test anything"

    # The recovery a user runs (README): `pulumi cancel` for the lock the killed process left, `pulumi up`,
    # and `pulumi refresh --clear-pending-creates` then `pulumi up` if the CLI asks for it.
    locked = stack.cli("up", "--yes", check=False)
    assert locked.returncode != 0 and "locked" in locked.stderr, locked.stdout + locked.stderr
    stack.cli("cancel", "--yes")
    recovered = stack.cli("up", "--yes", check=False)
    if recovered.returncode != 0:
        assert "--clear-pending-creates" in recovered.stdout + recovered.stderr, recovered.stdout + recovered.stderr
        stack.cli("refresh", "--yes", "--clear-pending-creates")
        stack.cli("up", "--yes")
    names = sorted(f["name"] for f in listed(engine.emulator, "flows"))
    assert names == sorted(f"Orders {i}" for i in range(20))
    stack.auto.preview(expect_no_changes=True)
    stack.auto.destroy()
    assert listed(engine.emulator, "flows") == []
