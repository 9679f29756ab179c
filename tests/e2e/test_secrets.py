"""The API token appears nowhere on the real engine: not in the backend's files (checkpoints, history,
backups), nor in anything the CLI printed, through up, update, refresh, a failing up and destroy;
whether the token comes from the stack's config (a secret) or from the environment alone."""

from __future__ import annotations

import pytest
from pulumi import automation as auto
from pulumi_celigo.emulator import DEMO_IDS

from tests.conftest import TOKEN
from tests.e2e.engine import Engine, Stack

ORDERS = """
import pulumi
import pulumi_celigo as celigo

config = pulumi.Config()
flow = celigo.Flow(
    "orders",
    name=config.require("name"),
    integration_id=config.require("integrationId"),
    page_generators=[{{"export_id": "{export}"}}],
    page_processors=[{{"type": "import", "import_id": "{import_}"}}],
)
pulumi.export("flowId", flow.id)
pulumi.export("flowName", flow.name)
"""


def exercise(stack: Stack) -> list[str]:
    """up, update, refresh, a failing up, destroy: every text the user saw."""
    printed: list[str] = []

    def run(result: auto.UpResult | auto.RefreshResult | auto.DestroyResult) -> None:
        printed.extend([result.stdout, result.stderr])

    run(stack.auto.up())
    stack.auto.set_config("name", auto.ConfigValue("Secret-free, renamed"))
    run(stack.auto.up())
    run(stack.auto.refresh())
    assert "__provider" in stack.state_text()
    stack.auto.set_config("integrationId", auto.ConfigValue("0123456789abcdef01234567"))  # no such integration
    with pytest.raises(auto.CommandError) as failure:
        stack.auto.up()
    assert "integration_id" in str(failure.value)  # it failed for the expected reason
    printed.append(str(failure.value))
    run(stack.auto.destroy())
    return printed


def secrets_stack(engine: Engine, *, credentials_in_config: bool) -> Stack:
    code = ORDERS.format(export=DEMO_IDS["github_events_export"], import_=DEMO_IDS["slack_import"])
    config = {"name": "Secret-free", "integrationId": DEMO_IDS["dev_integration"]}
    program = engine.write_program("secrets", code)
    return engine.stack(program, config=config, credentials_in_config=credentials_in_config)


def test_a_token_from_stack_config_appears_nowhere(engine: Engine) -> None:
    stack = secrets_stack(engine, credentials_in_config=True)
    printed = exercise(stack)
    # The token was used: the create, and the replacement's create that the API refused.
    assert engine.emulator.request_counts()["POST /v1/flows"] == 2
    assert "secure:" in (stack.work_dir / "Pulumi.dev.yaml").read_text()  # kept encrypted in the stack file
    for text in [stack.state_text(), *printed]:
        assert TOKEN not in text


def test_a_token_from_the_environment_alone_appears_nowhere(engine: Engine) -> None:
    engine.extra_env.update({"CELIGO_API_TOKEN": TOKEN, "CELIGO_BASE_URL": engine.emulator.base_url})
    stack = secrets_stack(engine, credentials_in_config=False)
    assert "celigo:apiToken" not in stack.auto.get_all_config()
    printed = exercise(stack)
    assert engine.emulator.request_counts()["POST /v1/flows"] == 2
    for text in [stack.state_text(), *printed]:
        assert TOKEN not in text
