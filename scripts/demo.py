"""Deploy programs/quickstart to a fresh emulator, twice, and say what happened.

Run through `scripts/demo`, which prepares the virtualenv. Everything lives in a temporary
directory (emulator data, Pulumi state), so the demo can be run again and again.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pulumi_celigo.client import CeligoClient, ClientConfig
from pulumi_celigo.testing import LocalEngine
from pydantic import SecretStr

REPO = Path(__file__).resolve().parent.parent
PROGRAM = REPO / "programs" / "quickstart"
TOKEN = "demo-token"


def start_emulator(workdir: Path) -> tuple[subprocess.Popen[str], str]:
    """The emulator's own command, as a user would run it; its first line names its base URL."""
    command = [
        shutil.which("pulumi-celigo-emulator") or "pulumi-celigo-emulator",
        "--port", "0", "--token", TOKEN, "--seed", "demo", "--data", str(workdir / "emulator.db"),
    ]  # fmt: skip
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    first = proc.stdout.readline().strip()
    base_url = first.rsplit(" ", 1)[-1]
    print(f"emulator: {first}")
    return proc, base_url


def deploy_with_cli(pulumi: str, workdir: Path, base_url: str) -> None:
    program = workdir / "quickstart"
    shutil.copytree(PROGRAM, program)
    # The copy points at the repository's virtualenv wherever it lives.
    (program / "Pulumi.yaml").write_text(
        (PROGRAM / "Pulumi.yaml").read_text().replace("../../.venv", str(REPO / ".venv"))
    )
    env = {
        **os.environ,
        "PULUMI_BACKEND_URL": f"file://{workdir / 'state'}",
        "PULUMI_CONFIG_PASSPHRASE": "demo",
        "PULUMI_SKIP_UPDATE_CHECK": "1",
    }
    (workdir / "state").mkdir()

    def run(*args: str) -> str:
        done = subprocess.run([pulumi, *args], cwd=program, env=env, text=True, capture_output=True)
        if done.returncode != 0:
            sys.exit(f"pulumi {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    run("stack", "init", "dev", "--non-interactive")
    run("config", "set", "celigo:baseUrl", base_url)
    run("config", "set", "--secret", "celigo:apiToken", TOKEN)
    print("\n== pulumi up (first run: creates the flow)")
    print(run("up", "--yes", "--non-interactive"))
    print("== pulumi up (second run: nothing to change)")
    print(run("up", "--yes", "--non-interactive"))
    print("== stack outputs")
    print(run("stack", "output", "--json"))


def deploy_with_plugin_server(workdir: Path, base_url: str) -> dict[str, object]:
    engine = LocalEngine(
        PROGRAM,
        stack="dev",
        config={"celigo:baseUrl": base_url},
        secret_config={"celigo:apiToken": TOKEN},
        state_path=workdir / "state.json",
        plugin_env={"PYTHONPATH": str(REPO)},
    )
    print("\n== up (first run: creates the flow)")
    first = engine.up()
    for change in first.changes:
        print(f"  {change.op:8} {change.type} {change.name}")
    print(f"  {first.summary()}")
    print("\n== up (second run: nothing to change)")
    second = engine.up()
    print(f"  {second.summary()}")
    if any(c.op != "same" for c in second.changes):
        sys.exit("the second run changed something: that is a bug")
    return dict(engine.outputs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--engine", choices=["auto", "cli", "plugin-server"], default="auto")
    args = parser.parse_args()
    pulumi = shutil.which("pulumi")
    use_cli = args.engine == "cli" or (args.engine == "auto" and pulumi is not None)
    if use_cli and pulumi is None:
        sys.exit("--engine cli: no `pulumi` on PATH")

    with tempfile.TemporaryDirectory(prefix="celigo-demo-") as tmp:
        workdir = Path(tmp)
        emulator, base_url = start_emulator(workdir)
        try:
            if use_cli:
                assert pulumi is not None
                print(f"engine: the Pulumi CLI ({pulumi}), local backend in {workdir / 'state'}")
                deploy_with_cli(pulumi, workdir, base_url)
                flow_id = None
            else:
                print(
                    "engine: no Pulumi CLI on PATH, so the real plugin server (python -m pulumi.dynamic)\n"
                    "        is driven over gRPC by pulumi_celigo.testing.LocalEngine, as in the tests"
                )
                outputs = deploy_with_plugin_server(workdir, base_url)
                print(f"\nstack outputs: {json.dumps(outputs, indent=2)}")
                flow_id = str(outputs["flowId"])
            with CeligoClient(ClientConfig(api_token=SecretStr(TOKEN), base_url=base_url)) as client:
                flows = [client.flows.get(flow_id)] if flow_id else list(client.flows.list())
                print("\nthe account now holds:")
                for flow in flows:
                    steps = len(flow.page_generators or []) + len(flow.page_processors or [])
                    print(
                        f"  flow {flow.id}  {flow.name!r}  schedule {flow.schedule!r} ({flow.timezone}), "
                        f"{steps} steps, {'disabled' if flow.disabled else 'enabled'}"
                    )
        finally:
            emulator.terminate()
            emulator.wait(timeout=10)


if __name__ == "__main__":
    main()
