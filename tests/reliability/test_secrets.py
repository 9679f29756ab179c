"""The API token appears nowhere: not in the state file, the provider blobs, outputs, the plugin
server's output, exception texts, logs or anything printed; whether it comes from stack config
or from the environment. And connection credentials are not in a flow's template ZIP."""

from __future__ import annotations

import io
import json
import logging
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pulumi
import pulumi_celigo as celigo
import pytest
from pulumi_celigo.client import CeligoClient
from pulumi_celigo.emulator import DEMO_IDS, EmulatorServer, running_emulator
from pulumi_celigo.testing import DeploymentError, LocalEngine

from tests.conftest import REPO, TOKEN, make_client
from tests.reliability.conftest import orders_flow

ENV_TOKEN = "env-token-9a3f7c2b1e"


def program(name: str, integration_id: str = DEMO_IDS["dev_integration"]) -> Callable[[], None]:
    def run() -> None:
        inputs = orders_flow(DEMO_IDS, name=name, integration_id=integration_id)
        flow = celigo.Flow("orders", **inputs)
        pulumi.export("flowId", flow.id)
        pulumi.export("flowName", flow.name)
        pulumi.export("lastModified", flow.last_modified)

    return run


def exercise(engine: LocalEngine) -> list[str]:
    """up, update, refresh, a failing up, destroy; every text the user or the state could see."""
    texts: list[str] = []
    assert engine.state_path is not None
    first = engine.up(program("Secret-free"))
    texts.append(engine.state_path.read_text(encoding="utf-8"))
    second = engine.up(program("Secret-free, renamed"))
    refreshed = engine.refresh()
    saved = engine.state_path.read_text(encoding="utf-8")
    assert '"flowName": "Secret-free, renamed"' in saved or "Secret-free, renamed" in saved
    assert "__provider" in saved
    texts.append(saved)
    with pytest.raises(DeploymentError) as err:
        engine.up(program("Broken", integration_id="0123456789abcdef01234567"))
    failure = err.value
    assert "integration_id" in str(failure)  # it failed for the expected reason
    blobs = [res.inputs.get("__provider") for res in engine.state] + [
        res.outputs.get("__provider") for res in engine.state
    ]
    assert all(isinstance(b, str) and b for b in blobs)
    destroyed = engine.destroy()
    for result in (first, second, refreshed, destroyed):
        texts += [repr(result), repr(result.outputs), result.summary()]
    texts += [str(failure), repr(failure.errors), repr(failure.result), *(str(b) for b in blobs)]
    texts += [engine.plugin_output(), repr(engine.state), repr(engine.outputs)]
    return texts


def assert_nowhere(secret: str, texts: list[str], state_file: Path, printed: str) -> None:
    for text in texts:
        assert secret not in text
    assert state_file.is_file()
    assert secret not in state_file.read_text(encoding="utf-8")
    assert secret not in printed


def test_a_token_from_stack_config_appears_nowhere(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    state_file = tmp_path / "state.json"
    with running_emulator(token=TOKEN, seed="demo") as emu:
        engine = LocalEngine(
            project="secrets",
            config={"celigo:baseUrl": emu.base_url},
            secret_config={"celigo:apiToken": TOKEN},
            state_path=state_file,
            plugin_env={"PYTHONPATH": str(REPO), "CELIGO_API_TOKEN": "", "CELIGO_BASE_URL": ""},
            plugin_cwd=REPO,
        )
        texts = exercise(engine)
        assert emu.request_counts()["POST /v1/flows"] == 2  # the token was used (the second POST is refused)
    printed = capfd.readouterr()
    assert_nowhere(TOKEN, [*texts, caplog.text], state_file, printed.out + printed.err)


def test_a_token_from_the_environment_with_no_stack_config_appears_nowhere(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    state_file = tmp_path / "state.json"
    with running_emulator(token=ENV_TOKEN, seed="demo") as emu:
        engine = LocalEngine(
            project="secrets",
            state_path=state_file,
            plugin_env={"PYTHONPATH": str(REPO), "CELIGO_API_TOKEN": ENV_TOKEN, "CELIGO_BASE_URL": emu.base_url},
            plugin_cwd=REPO,
        )
        assert engine.config == {}
        texts = exercise(engine)
        assert emu.request_counts()["POST /v1/flows"] == 2
    printed = capfd.readouterr()
    assert_nowhere(ENV_TOKEN, [*texts, caplog.text], state_file, printed.out + printed.err)


def test_client_objects_errors_and_logs_never_show_the_token(
    emulator: EmulatorServer, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)  # urllib3's and the client's debug logs included
    with make_client(emulator) as client:
        texts: list[Any] = [repr(client), repr(client.config), repr(client.transport), str(client.config)]
        for failing in (
            lambda: client.flows.get("0123456789abcdef01234567"),
            lambda: client.flows.create(celigo.models.Flow(name="x", integration_id="0123456789abcdef01234567")),
        ):
            with pytest.raises(Exception) as err:
                failing()
            texts += [str(err.value), repr(err.value)]
        emulator.set_faults(rules=[{"method": "POST", "route": "*", "lost_response_rate": 1.0}])
        with pytest.raises(Exception) as err:
            client.flows.create(celigo.models.Flow(name="y"))
        texts += [str(err.value), repr(err.value)]
    printed = capfd.readouterr()
    for text in [*texts, caplog.text, printed.out, printed.err]:
        assert TOKEN not in str(text)


def test_the_template_zip_has_no_connection_credentials(client: CeligoClient, emulator: EmulatorServer) -> None:
    ids = emulator.seed_ids
    flow = client.flows.create(
        celigo.models.Flow.model_validate(
            {
                "name": "With credentials behind it",
                "_integrationId": ids["dev_integration"],
                "pageGenerators": [{"_exportId": ids["github_events_export"]}],
                "pageProcessors": [{"type": "import", "_importId": ids["slack_import"]}],
            }
        )
    )
    assert flow.id
    link = client.flows.template_link(flow.id)
    assert TOKEN not in link.signed_url
    archive = zipfile.ZipFile(io.BytesIO(client.flows.download_template(flow.id)))
    names = archive.namelist()
    connections = [n for n in names if n.startswith("connections/")]
    assert sorted(connections) == sorted(
        f"connections/{ids[k]}.json" for k in ("dev_github_connection", "dev_slack_connection")
    )
    everything = b"".join(archive.read(n) for n in names).decode()
    for secret in ("ghp_dev_0123456789abcdef", "xoxb-dev-0123456789", "-webhook", TOKEN, "******"):
        assert secret not in everything
    github = json.loads(archive.read(f"connections/{ids['dev_github_connection']}.json"))
    # What is not a credential survives: the connection stays recognisable and reusable.
    assert github["http"]["baseURI"] == "https://api.github.com"
    assert github["http"]["auth"]["token"] == {"location": "header", "headerName": "Authorization", "scheme": "token"}
    assert "encrypted" not in github["http"]
    assert f"flows/{flow.id}.json" in names
