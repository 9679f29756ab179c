"""What a provider only meets under the real engine (docs: ../shared/reference/pulumi-real-engine.md):
replacement order, aliases, protect, ignore_changes (list-index paths too), and refresh/destroy after
the API token was rotated."""

from __future__ import annotations

import json

import pytest
from pulumi import automation as auto
from pulumi.automation import EngineEvent
from pulumi_celigo.emulator import DEMO_IDS

from tests.conftest import TOKEN, listed, raw
from tests.e2e.engine import Engine, Stack, account, writes

ORDERS = """
import pulumi
import pulumi_celigo as celigo

config = pulumi.Config()
flow = celigo.Flow(
    "{name}",
    name="Orders",
    integration_id=config.require("integrationId"),
    page_generators=[{{"export_id": config.require("exportId"), "schedule": config.get("exportSchedule")}}],
    page_processors=[{{"type": "import", "import_id": config.require("importId")}}],
    schedule=config.get("schedule"),
    opts=pulumi.ResourceOptions({options}),
)
pulumi.export("flowId", flow.id)
"""


def orders_stack(engine: Engine, *, name: str = "orders", options: str = "", **config: str) -> Stack:
    program = engine.write_program("orders", ORDERS.format(name=name, options=options))
    values = {
        "integrationId": DEMO_IDS["dev_integration"],
        "exportId": DEMO_IDS["github_events_export"],
        "importId": DEMO_IDS["slack_import"],
        **config,
    }
    return engine.stack(program, config=values)


def rewrite(stack: Stack, *, name: str = "orders", options: str = "") -> None:
    (stack.work_dir / "__main__.py").write_text(ORDERS.format(name=name, options=options))


def flow_ids(engine: Engine) -> list[str]:
    return [f["_id"] for f in listed(engine.emulator, "flows")]


def steps(events: list[EngineEvent]) -> list[tuple[str, str]]:
    """(operation, resource name) of every step the engine took, in order."""
    out = []
    for event in events:
        if event.resource_pre_event is not None:
            meta = event.resource_pre_event.metadata
            out.append((str(meta.op.value if hasattr(meta.op, "value") else meta.op), meta.urn.rsplit("::", 1)[-1]))
    return out


def test_a_replacement_creates_the_new_flow_first_and_deletes_the_old_one_last(engine: Engine) -> None:
    stack = orders_stack(engine)
    stack.auto.up()
    (old_id,) = flow_ids(engine)

    stack.auto.set_config("integrationId", auto.ConfigValue(DEMO_IDS["prod_integration"]))
    events: list[EngineEvent] = []
    result = stack.auto.up(on_event=events.append)
    assert result.summary.resource_changes == {"replace": 1, "same": 1}
    flow_steps = [op for op, name in steps(events) if name == "orders"]
    assert flow_steps == ["create-replacement", "replace", "delete-replaced"]
    # The old flow goes at the very end of the deployment, after every other step.
    assert steps(events)[-1] == ("delete-replaced", "orders")
    (new_id,) = flow_ids(engine)
    assert new_id != old_id
    assert stack.outputs()["flowId"] == new_id
    assert listed(engine.emulator, "flows")[0]["_integrationId"] == DEMO_IDS["prod_integration"]


def test_an_alias_keeps_the_flow_through_a_rename(engine: Engine) -> None:
    stack = orders_stack(engine)
    stack.auto.up()
    (flow_id,) = flow_ids(engine)

    rewrite(stack, name="orders-sync", options='aliases=[pulumi.Alias(name="orders")]')
    engine.emulator.reset_request_counts()
    preview = stack.auto.preview()
    assert preview.change_summary == {"same": 2}
    stack.auto.up(expect_no_changes=True)
    assert writes(engine.emulator.request_counts()) == {}
    assert flow_ids(engine) == [flow_id]
    assert stack.urn("Flow", "orders-sync") in stack.resources()


def test_a_protected_flow_is_neither_deleted_nor_replaced(engine: Engine) -> None:
    stack = orders_stack(engine, options="protect=True")
    stack.auto.up()
    (flow_id,) = flow_ids(engine)

    stack.auto.set_config("integrationId", auto.ConfigValue(DEMO_IDS["prod_integration"]))
    with pytest.raises(auto.CommandError, match="protect"):
        stack.auto.up()
    (stack.work_dir / "__main__.py").write_text("import pulumi\n")  # the flow removed from the program
    with pytest.raises(auto.CommandError, match="protect"):
        stack.auto.up()
    assert flow_ids(engine) == [flow_id]
    assert listed(engine.emulator, "flows")[0]["_integrationId"] == DEMO_IDS["dev_integration"]

    stack.cli("state", "unprotect", stack.urn("Flow", "orders"), "--yes")
    stack.auto.up()
    assert flow_ids(engine) == []


def test_ignore_changes_holds_for_top_level_and_list_index_paths(engine: Engine) -> None:
    options = 'ignore_changes=["schedule", "page_generators[0].schedule"]'
    stack = orders_stack(engine, options=options, schedule="? 0 2 ? * *", exportSchedule="? 0 3 ? * *")
    stack.auto.up()

    stack.auto.set_config("schedule", auto.ConfigValue("? 0 5 ? * *"))
    stack.auto.set_config("exportSchedule", auto.ConfigValue("? 0 6 ? * *"))
    engine.emulator.reset_request_counts()
    stack.auto.preview(expect_no_changes=True)
    stack.auto.up(expect_no_changes=True)
    assert writes(engine.emulator.request_counts()) == {}
    flow = listed(engine.emulator, "flows")[0]
    assert (flow["schedule"], flow["pageGenerators"][0]["schedule"]) == ("? 0 2 ? * *", "? 0 3 ? * *")

    # A path that is not ignored still updates, and only it.
    rewrite(stack, options='ignore_changes=["schedule"]')
    assert stack.auto.up().summary.resource_changes == {"update": 1, "same": 1}
    assert listed(engine.emulator, "flows")[0]["pageGenerators"][0]["schedule"] == "? 0 6 ? * *"
    assert listed(engine.emulator, "flows")[0]["schedule"] == "? 0 2 ? * *"


def test_refresh_and_destroy_after_the_token_was_rotated(engine: Engine) -> None:
    seeded = account(engine.emulator)
    stack = orders_stack(engine)
    stack.auto.up()

    rotated = "rotated-token-5d0e"
    engine.emulator.app.token = rotated  # the old token is revoked
    stack.auto.set_config("celigo:apiToken", auto.ConfigValue(rotated, secret=True))

    # The engine configures refresh and destroy from the config saved at the last `up`: the old token.
    failed = stack.cli("refresh", "--yes", check=False)
    assert failed.returncode != 0
    assert "--run-program" in failed.stdout + failed.stderr  # the error says what to do

    stack.cli("refresh", "--yes", "--run-program")
    stack.auto.preview(expect_no_changes=True)
    stack.cli("destroy", "--yes", "--run-program")
    assert account(engine.emulator) == seeded
    state = stack.state_text()
    assert TOKEN not in state and rotated not in state


SWAP = f"""
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
    opts=pulumi.ResourceOptions(delete_before_replace=False),
)
"""


def test_an_explicit_delete_before_replace_false_is_refused_by_the_swap_before_any_write(engine: Engine) -> None:
    """The user's `delete_before_replace=False` wins over the provider's delete-first answer: the new
    swap is created while the old one still holds the steps. Its create finds no step on `connection_id`
    and refuses, naming the connections the steps use; the account and the state stay as they were."""
    program = engine.write_program("dbr", SWAP)
    stack = engine.stack(program, config={"newConnectionId": DEMO_IDS["prod_slack_connection"]})
    stack.auto.up()
    (flow_id,) = flow_ids(engine)
    slack_import = f"/imports/{DEMO_IDS['slack_import']}"
    assert raw(engine.emulator, "GET", slack_import).json()["_connectionId"] == DEMO_IDS["prod_slack_connection"]

    stack.auto.set_config("newConnectionId", auto.ConfigValue(DEMO_IDS["prod_integrator_connection"]))
    engine.emulator.reset_request_counts()
    with pytest.raises(auto.CommandError) as failure:
        stack.auto.up()
    message = str(failure.value)
    assert "creating replacement" in message  # the engine did create first
    assert f"no step of flow {flow_id} uses connection_id '{DEMO_IDS['dev_slack_connection']}'" in message
    assert writes(engine.emulator.request_counts()) == {}
    assert raw(engine.emulator, "GET", slack_import).json()["_connectionId"] == DEMO_IDS["prod_slack_connection"]
    swap = stack.resources()[stack.urn("FlowConnectionReplacement", "slack")]
    assert swap["inputs"]["new_connection_id"] == DEMO_IDS["prod_slack_connection"]


def test_leaving_the_integration_makes_a_new_standalone_flow_and_deletes_the_old_one(engine: Engine) -> None:
    """The replacement's create lists every flow, the old one (same identity) included: it must not take it."""
    stack = orders_stack(engine)
    stack.auto.up()
    (old_id,) = flow_ids(engine)
    source = ORDERS.format(name="orders", options="")
    standalone = source.replace('integration_id=config.require("integrationId")', "integration_id=None")
    (stack.work_dir / "__main__.py").write_text(standalone)
    assert stack.auto.up().summary.resource_changes == {"replace": 1, "same": 1}
    (new_id,) = flow_ids(engine)
    assert new_id != old_id
    assert stack.outputs()["flowId"] == new_id
    assert "_integrationId" not in listed(engine.emulator, "flows")[0]


def test_pulumi_up_replace_never_deletes_the_flow_it_keeps(engine: Engine) -> None:
    """`up --replace` calls check without old inputs and create, exactly as a create run again after an
    interrupted `up`: the provider takes the flow carrying the resource's marker (nothing duplicated) and
    skips the engine's delete of that same id, so the flow and the state agree (providers/_markers.py)."""
    stack = orders_stack(engine)
    stack.auto.up()
    (flow_id,) = flow_ids(engine)
    engine.emulator.reset_request_counts()
    result = stack.auto.up(replace=[stack.urn("Flow", "orders")])
    assert result.summary.resource_changes == {"replace": 1, "same": 1}
    assert writes(engine.emulator.request_counts()) == {}
    assert flow_ids(engine) == [flow_id]
    assert stack.outputs()["flowId"] == flow_id
    stack.auto.preview(expect_no_changes=True)


def test_no_op_deployments_and_refreshes_leave_the_checked_inputs_as_they_were(engine: Engine) -> None:
    """The engine rewrites its whole checkpoint for each resource whose checked inputs differ from the
    saved ones, even when nothing changes (quadratic in the stack's size): a no-op `up` must find every
    input, hidden ones included, unchanged. A refresh saves the inputs the flow reads as; the next `up`
    saves the program's again (without a create token: a resource in the state needs none), and the
    ones after it change nothing."""
    stack = orders_stack(engine)
    stack.auto.up()
    urn = stack.urn("Flow", "orders")
    saved = stack.resources()[urn]["inputs"]
    assert {"__identity", "__create_token"} <= set(saved)
    stack.auto.up(expect_no_changes=True)
    assert stack.resources()[urn]["inputs"] == saved
    stack.auto.refresh()
    stack.auto.up(expect_no_changes=True)
    program = {k: v for k, v in saved.items() if k != "__create_token"}
    assert stack.resources()[urn]["inputs"] == program
    stack.auto.up(expect_no_changes=True)
    assert stack.resources()[urn]["inputs"] == program


LATE = """
import pulumi
import pulumi_celigo as celigo

flows = [celigo.Flow(f"f{{i}}", name=f"F{{i}}", integration_id="{integration}") for i in range(8)]


def later(ids):
    celigo.Flow("late", name="Late", integration_id="{integration}", run_next_flow_ids=[ids[0]])
    return ids


pulumi.export("ids", pulumi.Output.all(*[f.id for f in flows]).apply(later))
"""


def test_a_resource_registered_inside_an_apply_is_created_though_our_outputs_are_untracked(engine: Engine) -> None:
    """`_utilities.DynamicResource` takes its own Outputs out of the SDK's wait set: the program must still
    wait for an `apply` over them and for what it registers (slow creates make an early exit visible)."""
    engine.emulator.set_faults(rules=[{"method": "*", "route": "*", "latency_ms": 300}])
    stack = engine.stack(engine.write_program("late", LATE.format(integration=DEMO_IDS["dev_integration"])))
    assert stack.auto.up().summary.resource_changes == {"create": 10}
    late = [f for f in listed(engine.emulator, "flows") if f["name"] == "Late"]
    assert len(late) == 1
    assert len(stack.outputs()["ids"]) == 8
    assert late[0]["_runNextFlowIds"] == [stack.outputs()["ids"][0]]


def test_a_resource_s_source_position_is_the_program_line_that_declared_it(engine: Engine) -> None:
    """The engine records where each resource was declared (Pulumi Cloud links to it): the program's
    line, not a line of pulumi_celigo (`_utilities.DynamicResource._register`)."""
    stack = orders_stack(engine)
    stack.auto.up()
    resource = stack.resources()[stack.urn("Flow", "orders")]
    position = resource["sourcePosition"]
    assert position.startswith("project:///__main__.py#"), position
    line = int(position.rsplit("#", 1)[1])
    assert ORDERS.splitlines()[line - 1].startswith("flow = celigo.Flow(")
    assert "pulumi_celigo" not in json.dumps(resource.get("stackTrace"))
