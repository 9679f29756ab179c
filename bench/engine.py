"""What a user feels: a real `pulumi up` (and preview, refresh, destroy) of N flows against the emulator
with L ms of emulated network latency per request, divided by the same operation on a null dynamic
provider that only sleeps L per create (read, delete), through the same engine and plugin server.

    .venv/bin/python bench/engine.py --n 100 --latency-ms 50             # quick: up only
    .venv/bin/python bench/engine.py --n 1000 --latency-ms 100 --full    # up, preview, refresh, destroy

The engine runs at most 4 provider operations at once (the SDK's dynamic-provider server has 4
workers), so no provider can do better than the floor N x L / 4. `engine_scale_ratio` is the celigo
`up` over the null `up`: 1.0 means the provider costs nothing beyond one round trip per create.
Each `up` is run `--repeat` times (3) per provider, in alternating pairs on fresh stacks, and the
medians are divided (every run and each pair's ratio are reported too): on these shared machines one
pair differs from the next by up to 10%. The LAST line printed is one JSON object. Needs `pulumi` on
PATH (scripts/pulumi-cli).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import TOKEN, UNLIMITED, Emulator, flow_inputs, say  # noqa: E402 - bench/ is not a package

CELIGO_PROGRAM = """
import json
import pulumi_celigo as celigo

for i, inputs in enumerate(json.load(open("flows.json"))):
    celigo.Flow(f"flow-{i}", **inputs)
"""

NULL_PROGRAM = """
import json

import pulumi
from _null_provider import SleepingNullProvider  # bench/ is on PYTHONPATH: pickled by reference, like ours
from pulumi_celigo._utilities import DynamicResource

LATENCY = float(pulumi.Config().require("latencyMs")) / 1000


class Null(DynamicResource, module="bench", name="Null"):  # registered the way pulumi_celigo's resources are
    def __init__(self, resource_name, props):
        self._register(SleepingNullProvider(LATENCY), resource_name, props)


for i, inputs in enumerate(json.load(open("flows.json"))):
    Null(f"flow-{i}", inputs)
"""


class PeakMemory:
    """The largest peak RSS (VmHWM) of any dynamic-provider plugin process seen while it runs: the engine
    starts the plugin itself, so it is found by its command line and sampled every 0.1 s."""

    def __init__(self) -> None:
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            for proc in Path("/proc").iterdir():
                if not proc.name.isdigit():
                    continue
                try:
                    if b"pulumi.dynamic" not in (proc / "cmdline").read_bytes():
                        continue
                    status = (proc / "status").read_text()
                except OSError:
                    continue
                for line in status.splitlines():
                    if line.startswith("VmHWM:"):
                        self.peak_kib = max(self.peak_kib, int(line.split()[1]))


class Stack:
    """One program in a folder of its own, one stack on a file backend, driven with the CLI."""

    def __init__(self, root: Path, name: str, program: str, flows: list[dict[str, Any]], config: dict[str, str]):
        self.dir = root / name
        self.dir.mkdir(parents=True)
        (self.dir / "Pulumi.yaml").write_text(
            f"name: {name}\nruntime:\n  name: python\n  options:\n    virtualenv: {sys.prefix}\n"
        )
        (self.dir / "__main__.py").write_text(program)
        (self.dir / "flows.json").write_text(json.dumps(flows))
        backend = root / "backend"
        backend.mkdir(exist_ok=True)
        self.env = {
            **os.environ,
            "PULUMI_BACKEND_URL": backend.as_uri(),
            "PULUMI_CONFIG_PASSPHRASE": "bench",
            "PULUMI_SKIP_UPDATE_CHECK": "true",
            "PULUMI_PYTHON_CMD": sys.executable,
            "PULUMI_HOME": str(root / "pulumi-home"),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")])),
            "CELIGO_API_TOKEN": "",
            "CELIGO_BASE_URL": "",
        }
        self.cli("stack", "init", "bench")
        for key, value in config.items():
            self.cli("config", "set", *(["--secret"] if key == "celigo:apiToken" else []), key, value)

    def cli(self, *args: str) -> float:
        """Run `pulumi <args>`; its wall time in seconds."""
        started = time.perf_counter()
        done = subprocess.run(
            ["pulumi", *args, "--non-interactive"], cwd=self.dir, env=self.env, capture_output=True, text=True
        )
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(f"pulumi {' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-2000:]}")
        return elapsed


PHASES = {
    "up": ("up", "--yes", "--skip-preview"),
    "preview": ("preview", "--expect-no-changes"),
    "refresh": ("refresh", "--yes", "--skip-preview"),
    "destroy": ("destroy", "--yes", "--skip-preview"),
}


def measure(n: int, latency_ms: float, full: bool, repeat: int = 3) -> dict[str, Any]:
    """`up` is measured `repeat` times per provider, on fresh stacks, in pairs whose order alternates
    (celigo first, then null first, ...); its figure is the median of each provider's runs, and every
    run is reported. These machines are shared: one pair can differ by 10% from the next. The other
    phases run once, on the first pair's stacks."""
    if shutil.which("pulumi") is None:
        raise SystemExit('no `pulumi` on PATH: export PATH="$(scripts/pulumi-cli | tail -n1):$PATH"')
    phases = list(PHASES) if full else ["up"]
    emulator = Emulator(in_process=False, profile_out=None).start()
    root = Path(tempfile.mkdtemp(prefix="celigo-engine-bench-"))
    try:
        emulator.set_rate_limit(*UNLIMITED)
        flows = [flow_inputs(emulator.seed_ids, i, "engine") for i in range(n)]
        celigo_config = {"celigo:baseUrl": emulator.base_url, "celigo:apiToken": TOKEN}
        null_config = {"latencyMs": str(latency_ms)}
        pairs = [
            (
                Stack(root, f"celigo-{r}", CELIGO_PROGRAM, flows, celigo_config),
                Stack(root, f"null-provider-{r}", NULL_PROGRAM, flows, null_config),
            )
            for r in range(repeat)
        ]
        emulator.set_latency(latency_ms)
        runs: dict[str, list[float]] = {"celigo": [], "null": []}
        calls: dict[str, dict[str, int]] = {}
        peak_kib = 0
        for r, (celigo, null) in enumerate(pairs):
            say(f"engine N={n} L={latency_ms:g} ms: up, pair {r + 1} of {repeat} ...")
            legs = [("celigo", celigo), ("null", null)]
            for provider, stack in legs if r % 2 == 0 else legs[::-1]:
                if provider == "celigo":
                    emulator.reset_counts()
                with PeakMemory() as memory:
                    runs[provider].append(round(stack.cli(*PHASES["up"]), 3))
                if provider == "celigo":
                    peak_kib = max(peak_kib, memory.peak_kib)
                    calls.setdefault("up", emulator.counts())
        times: dict[str, dict[str, float]] = {p: {"up": statistics.median(runs[p])} for p in runs}
        celigo, null = pairs[0]
        for phase in phases[1:]:
            say(f"engine N={n} L={latency_ms:g} ms: {phase} ...")
            emulator.reset_counts()
            with PeakMemory() as memory:
                times["celigo"][phase] = round(celigo.cli(*PHASES[phase]), 3)
            peak_kib = max(peak_kib, memory.peak_kib)
            calls[phase] = emulator.counts()
            times["null"][phase] = round(null.cli(*PHASES[phase]), 3)
        ratio = {p: round(times["celigo"][p] / times["null"][p], 3) for p in phases}
        return {
            "n": n,
            "latency_ms": latency_ms,
            "floor_s": round(n * latency_ms / 1000 / 4, 3),
            "seconds": times,
            "up_runs": runs,
            "up_ratio_per_pair": [round(c / z, 3) for c, z in zip(runs["celigo"], runs["null"], strict=True)],
            "ratio": ratio,
            "api_calls": calls,
            "engine_scale_ratio": ratio["up"],
            "plugin_server_peak_rss_mib": round(peak_kib / 1024, 1) if peak_kib else None,
        }
    finally:
        emulator.stop()
        shutil.rmtree(root, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--full", action="store_true", help="also preview (no changes), refresh and destroy")
    parser.add_argument("--repeat", type=int, default=3, help="up runs per provider (the median is the figure)")
    args = parser.parse_args(argv)
    result = measure(args.n, args.latency_ms, args.full, args.repeat)
    print(json.dumps(result, separators=(",", ":")), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
