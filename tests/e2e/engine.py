"""The real Pulumi engine, for the end-to-end suite: the CLI that `scripts/pulumi-cli` provides, driven
through the Automation API (and as a plain subprocess where a test must kill it), with a local file
backend and a passphrase, against the emulator.

Programs are copied out of `programs/` into the test's own folder (the CLI writes `Pulumi.<stack>.yaml`
files), with their virtualenv pointed at this interpreter's.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pulumi import automation as auto
from pulumi_celigo.emulator import EmulatorServer

from tests.conftest import REPO, TOKEN, raw

PASSPHRASE = "e2e-passphrase"
#: The collections whose documents make up "the account" for before/after comparisons.
ACCOUNT = ("integrations", "connections", "exports", "imports", "flows")
#: Fields the API rewrites on every write: two accounts with equal documents apart from these are the same.
VOLATILE = {"lastModified", "lastExecutedAt"}


def cli_bin() -> Path:
    """The folder holding `pulumi` and its plugins (built once per version by scripts/pulumi-cli)."""
    done = subprocess.run(
        ["bash", str(REPO / "scripts" / "pulumi-cli")], capture_output=True, text=True, timeout=3000, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"scripts/pulumi-cli failed:\n{done.stderr[-3000:]}")
    return Path(done.stdout.strip().splitlines()[-1])


def account(emu: EmulatorServer) -> dict[str, dict[str, dict[str, Any]]]:
    """Every document of the account by collection and id, without the fields every write changes."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for collection in ACCOUNT:
        response = raw(emu, "GET", f"/{collection}", token=emu.app.token)  # the token in force now
        assert response.status_code in (200, 204), response.text
        docs = response.json() if response.status_code == 200 else []
        out[collection] = {doc["_id"]: {k: v for k, v in doc.items() if k not in VOLATILE} for doc in docs}
    return out


def writes(counts: Mapping[str, int]) -> dict[str, int]:
    """The emulator's request counts, writes only."""
    return {k: v for k, v in counts.items() if k.split(" ", 1)[0] in ("POST", "PUT", "PATCH", "DELETE")}


@dataclass
class Engine:
    """One machine's Pulumi set-up: the CLI, a file backend, PULUMI_HOME, and the emulator to point at."""

    bin: Path
    root: Path
    emulator: EmulatorServer
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def backend(self) -> Path:
        return self.root / "backend"

    def env(self) -> dict[str, str]:
        return {
            "PATH": f"{self.bin}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "PULUMI_BACKEND_URL": self.backend.as_uri(),
            "PULUMI_CONFIG_PASSPHRASE": PASSPHRASE,
            "PULUMI_HOME": str(self.root / "pulumi-home"),
            "PULUMI_SKIP_UPDATE_CHECK": "true",
            "PULUMI_PYTHON_CMD": sys.executable,
            # The provider must find its settings in the stack's config, never in the test's environment.
            "CELIGO_API_TOKEN": "",
            "CELIGO_BASE_URL": "",
            **self.extra_env,
        }

    def program(self, name: str, source: Path | None = None) -> Path:
        """A copy of programs/<name> (or of `source`) to run, its virtualenv set to this interpreter's."""
        target = self.root / "programs" / name
        if not target.exists():
            shutil.copytree(source or REPO / "programs" / name, target)
            project = target / "Pulumi.yaml"
            venv = Path(sys.prefix)
            project.write_text(re.sub(r"virtualenv: .*", f"virtualenv: {venv}", project.read_text()))
        return target

    def write_program(self, name: str, code: str) -> Path:
        """A program of the test's own: `code` as its __main__.py, in a project of the same name."""
        target = self.root / "programs" / name
        target.mkdir(parents=True, exist_ok=True)
        (target / "Pulumi.yaml").write_text(
            f"name: {name}\nruntime:\n  name: python\n  options:\n    virtualenv: {Path(sys.prefix)}\n"
        )
        (target / "__main__.py").write_text(code)
        return target

    def stack(
        self,
        program: str | Path,
        stack: str = "dev",
        *,
        config: Mapping[str, str] | None = None,
        credentials_in_config: bool = True,
    ) -> Stack:
        """A new stack of a program, configured for the emulator: its base URL, and the token as a secret
        (unless `credentials_in_config` is false: then they must come from the environment, `extra_env`)."""
        work_dir = program if isinstance(program, Path) else self.program(program)
        self.backend.mkdir(parents=True, exist_ok=True)
        options = auto.LocalWorkspaceOptions(
            work_dir=str(work_dir),
            env_vars=self.env(),
            pulumi_command=auto.PulumiCommand(root=str(self.bin.parent)),
        )
        created = auto.create_or_select_stack(stack, work_dir=str(work_dir), opts=options)
        if credentials_in_config:
            created.set_config("celigo:baseUrl", auto.ConfigValue(self.emulator.base_url))
            created.set_config("celigo:apiToken", auto.ConfigValue(TOKEN, secret=True))
        else:  # the copied Pulumi.<stack>.yaml may carry a base URL: the environment must be all there is
            created.remove_config("celigo:baseUrl")
        for key, value in (config or {}).items():
            created.set_config(key, auto.ConfigValue(value))
        return Stack(self, created, work_dir)


@dataclass
class Stack:
    """An Automation API stack plus what the tests check on it: the state file, and the raw CLI."""

    engine: Engine
    auto: auto.Stack
    work_dir: Path

    @property
    def name(self) -> str:
        return self.auto.name

    def state_text(self) -> str:
        """Every file of the backend (checkpoints, history, backups), concatenated."""
        return "\n".join(
            path.read_text(errors="replace") for path in sorted(self.engine.backend.rglob("*")) if path.is_file()
        )

    def outputs(self) -> dict[str, Any]:
        return {key: value.value for key, value in self.auto.outputs().items()}

    def urn(self, type_: str, name: str) -> str:
        project = self.auto.workspace.project_settings().name
        return f"urn:pulumi:{self.name}::{project}::pulumi-python:dynamic/celigo:{type_}::{name}"

    def deployment(self) -> Mapping[str, Any]:
        """The stack's state, as `pulumi stack export` gives it."""
        return self.auto.export_stack().deployment or {}

    def resources(self) -> dict[str, dict[str, Any]]:
        """The stack's resources by URN."""
        return {r["urn"]: r for r in self.deployment().get("resources") or []}

    def pending_operations(self) -> list[dict[str, Any]]:
        return list(self.deployment().get("pending_operations") or [])

    def cli(self, *args: str, check: bool = True, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        """`pulumi <args> --stack <name> --non-interactive` in the program's folder, as a user runs it."""
        done = subprocess.run(
            [str(self.engine.bin / "pulumi"), *args, "--stack", self.name, "--non-interactive"],
            cwd=self.work_dir,
            env={**os.environ, **self.engine.env()},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"pulumi {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        return done

    def kill_up_when(self, ready: Any, *, timeout: float = 120) -> str:
        """Start `pulumi up` in a session of its own, SIGKILL the whole session (the CLI and the plugins it
        started) once `ready()` is true; return what it printed."""
        process = subprocess.Popen(
            [self.engine.bin / "pulumi", "up", "--yes", "--skip-preview", "--stack", self.name, "--non-interactive"],
            cwd=self.work_dir,
            env={**os.environ, **self.engine.env()},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        try:
            while not ready():
                if process.poll() is not None:
                    printed = process.stdout.read() if process.stdout else ""
                    raise AssertionError(f"pulumi up ended before it could be killed:\n{printed}")
                if time.monotonic() > deadline:
                    raise AssertionError("the condition to kill pulumi up never came")
                time.sleep(0.02)
        finally:
            kill_session(process.pid)
            out, _ = process.communicate(timeout=60)
        return out


def kill_session(sid: int) -> None:
    """SIGKILL every process of a session: the CLI's process group, and the plugins it started, which
    the CLI puts in process groups of their own (what a cancelled CI job or a closed terminal does)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid:  # the session id, after state, ppid and pgrp
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(stat.parent.name), signal.SIGKILL)
