"""Every example program, run the way `pulumi up` would: under `pulumi.runtime.set_mocks`, with
its dynamic resources sent to the real plugin server, against the emulator over HTTP."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from pulumi_celigo.emulator import EmulatorServer, running_emulator
from pulumi_celigo.testing import LocalEngine

from tests.conftest import REPO, TOKEN

PROGRAMS = {
    "quickstart": {"flows": 1, "steps": 2, "schedule": "? */15 * * * *"},
    "usage-stats": {"flows": 1, "steps": 13, "schedule": "? 0 2 ? * *"},
}


@pytest.fixture
def emulator() -> Iterator[EmulatorServer]:
    with running_emulator(token=TOKEN, seed="demo") as emu:
        yield emu


def account_flows(emu: EmulatorServer) -> list[dict[str, object]]:
    response = requests.get(f"{emu.base_url}/flows", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10)
    return [] if response.status_code == 204 else list(response.json())


def engine_for(program: str, emu: EmulatorServer, tmp_path: Path) -> LocalEngine:
    return LocalEngine(
        REPO / "programs" / program,
        stack="dev",
        config={"celigo:baseUrl": emu.base_url},
        secret_config={"celigo:apiToken": TOKEN},
        state_path=tmp_path / "state.json",
        plugin_env={"PYTHONPATH": str(REPO)},
    )


@pytest.mark.parametrize("program", sorted(PROGRAMS))
def test_deploy_redeploy_change_destroy(program: str, emulator: EmulatorServer, tmp_path: Path) -> None:
    expected = PROGRAMS[program]
    engine = engine_for(program, emulator, tmp_path)

    first = engine.up()
    assert set(first.ops().values()) == {"create"}
    flows = account_flows(emulator)
    assert len(flows) == expected["flows"]
    flow = flows[0]
    assert flow["schedule"] == expected["schedule"]
    assert len(flow["pageGenerators"]) + len(flow["pageProcessors"]) == expected["steps"]  # type: ignore[arg-type]
    assert engine.outputs["flowId"] == flow["_id"]

    emulator.reset_request_counts()
    second = engine.up()
    assert set(second.ops().values()) == {"same"}  # every diff empty
    assert second.summary() == "1 unchanged"
    assert emulator.request_counts() == {}  # a no-op deployment makes no API call

    refreshed = engine.refresh()
    assert all(change.diffs == [] for change in refreshed.changes)

    engine.set_config(f"{engine.project}:schedule", "? 30 6 ? * 1-5")
    emulator.reset_request_counts()
    changed = engine.up()
    assert changed.ops() == {next(iter(first.ops())): "update"}
    assert emulator.request_counts() == {"PATCH /v1/flows/{id}": 1}
    assert account_flows(emulator)[0]["schedule"] == "? 30 6 ? * 1-5"

    destroyed = engine.destroy()
    assert set(destroyed.ops().values()) == {"delete"}
    assert account_flows(emulator) == []


def test_a_preview_writes_nothing(emulator: EmulatorServer, tmp_path: Path) -> None:
    engine = engine_for("quickstart", emulator, tmp_path)
    plan = engine.preview()
    assert plan.ops() == {"github-to-slack": "create"}
    assert all(not key.startswith(("POST", "PUT", "PATCH", "DELETE")) for key in emulator.request_counts())
    assert account_flows(emulator) == []


def test_the_token_is_nowhere_in_state_or_logs(emulator: EmulatorServer, tmp_path: Path) -> None:
    engine = engine_for("quickstart", emulator, tmp_path)
    engine.up()
    assert TOKEN not in (tmp_path / "state.json").read_text()
    assert TOKEN not in engine.plugin_output()


@pytest.mark.skipif(shutil.which("pulumi") is None, reason="the Pulumi CLI is not installed on this machine")
def test_quickstart_with_the_real_pulumi_cli(emulator: EmulatorServer, tmp_path: Path) -> None:
    """Where a `pulumi` binary exists, the same program deploys with it unchanged."""
    program = tmp_path / "quickstart"
    shutil.copytree(REPO / "programs" / "quickstart", program)
    (program / "Pulumi.yaml").write_text(
        (program / "Pulumi.yaml").read_text().replace("../../.venv", str(REPO / ".venv"))
    )
    env = {
        "PATH": str(REPO / ".venv" / "bin") + ":/usr/bin:/bin:" + str(Path(shutil.which("pulumi") or "").parent),
        "PULUMI_BACKEND_URL": f"file://{tmp_path}",
        "PULUMI_CONFIG_PASSPHRASE": "test",
        "HOME": str(tmp_path),
    }

    def pulumi(*args: str) -> str:
        done = subprocess.run(["pulumi", *args], cwd=program, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    pulumi("stack", "init", "dev", "--non-interactive")
    pulumi("config", "set", "celigo:baseUrl", emulator.base_url)
    pulumi("config", "set", "--secret", "celigo:apiToken", TOKEN)
    pulumi("up", "--yes", "--non-interactive")
    assert len(account_flows(emulator)) == 1
    pulumi("preview", "--non-interactive", "--expect-no-changes")
    pulumi("up", "--yes", "--non-interactive", "--expect-no-changes")
    pulumi("destroy", "--yes", "--non-interactive")
    assert account_flows(emulator) == []
