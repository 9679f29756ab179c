"""Deploy programs/quickstart to a fresh emulator with the Pulumi CLI, and show what happens.

Run through `scripts/demo`, which prepares the virtualenv and puts the CLI on PATH. Everything lives
in a temporary directory (emulator data, Pulumi state), so the demo can be run again and again.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pulumi_celigo.client import CeligoClient, ClientConfig
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
    print(f"emulator: {first}", flush=True)
    return proc, first.rsplit(" ", 1)[-1]


def main() -> None:
    pulumi = shutil.which("pulumi")
    if pulumi is None:
        sys.exit("no `pulumi` on PATH: run this through scripts/demo, which provides it")
    version = subprocess.run([pulumi, "version"], capture_output=True, text=True, check=True).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="celigo-demo-") as tmp:
        workdir = Path(tmp)
        emulator, base_url = start_emulator(workdir)
        program = workdir / "quickstart"
        shutil.copytree(PROGRAM, program)
        # The copy points at the repository's virtualenv wherever it lives.
        project = program / "Pulumi.yaml"
        project.write_text(re.sub(r"virtualenv: .*", f"virtualenv: {REPO / '.venv'}", project.read_text()))
        (workdir / "state").mkdir()
        env = {
            **os.environ,
            "PULUMI_BACKEND_URL": (workdir / "state").as_uri(),
            "PULUMI_CONFIG_PASSPHRASE": "demo",
            "PULUMI_HOME": str(workdir / "pulumi-home"),
            "PULUMI_SKIP_UPDATE_CHECK": "true",
            "PULUMI_PYTHON_CMD": sys.executable,
        }
        print(f"engine: the Pulumi CLI {version} ({pulumi}), local backend in {workdir / 'state'}", flush=True)

        def run(title: str, *args: str) -> None:
            if title:
                print(f"\n== {title}\n$ pulumi {' '.join(args)}", flush=True)
            done = subprocess.run([pulumi, *args, "--non-interactive"], cwd=program, env=env, check=False)
            if done.returncode != 0:
                sys.exit(f"pulumi {' '.join(args)} failed (exit {done.returncode})")

        try:
            run("", "stack", "init", "dev")
            run("", "config", "set", "celigo:baseUrl", base_url)
            run("", "config", "set", "--secret", "celigo:apiToken", TOKEN)
            run("preview: what the first deployment will do", "preview", "--diff")
            run("up: creates the flow", "up", "--yes", "--skip-preview")
            run("up again: nothing to change (fails if anything would)", "up", "--yes", "--expect-no-changes")
            with CeligoClient(ClientConfig(api_token=SecretStr(TOKEN), base_url=base_url)) as client:
                print("\nthe account now holds:")
                for flow in client.flows.list():
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
