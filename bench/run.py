"""Benchmark of the Flow provider through the real plugin server, against the emulator (issue 7).

    .venv/bin/python bench/run.py            # N = 10, 100, 1000 (a few minutes on 2 cores)
    .venv/bin/python bench/run.py --quick    # N = 10, 100 (under a minute)
    .venv/bin/python bench/run.py --n 5 --skip-rate-limit --skip-emulator-bench   # smoke

It starts the emulator (its CLI, a process of its own, so it shares no GIL with the bench; or
in-process with `--in-process`) and the plugin server (`python -m pulumi.dynamic`, as the engine
does), then for each N:

* API calls per operation, from the emulator's request log: create, no-op preview (check+diff),
  refresh (read), patchable update, non-patchable update (GET + PUT), delete with the dependency
  check (the default: 2 calls) and with `allow_delete_with_dependents=True` (1 call);
* wall time of each phase with 4 operations in flight (4 threads calling the plugin server, as the
  engine does), and the same requests sent bare (`requests`, one keep-alive session per thread,
  4 threads) in the same run: `overhead_ratio` = provider phase time / bare phase time;
* peak memory (VmHWM) of the plugin server.

Then: throughput against a rate-limited emulator (capacity 100, refill 30/s), the emulator's own
throughput for GET and PUT of a flow, and (with `--profile`) where the plugin server's and the
emulator's CPU time goes, from a sampling profiler (`bench/_profiler/sitecustomize.py`).

gRPC requests are serialised before the clock starts: what is timed is what the engine waits for
(gRPC, the plugin server, the provider, HTTP and the emulator), not this script's own
`serialize_properties`. Times vary on a shared machine; ratios are measured within one run.
The LAST line printed is one JSON object; `--write` also saves it (indented) to `bench/results.json`, the
figures the README quotes (or to `--output FILE`). Without it no tracked file changes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import requests
from pulumi.runtime.proto import provider_pb2
from pulumi_celigo.emulator import admin_request
from pulumi_celigo.providers.flow import FlowProvider
from pulumi_celigo.testing import PluginServer, provider_blob, urn
from pulumi_celigo.testing.plugin import from_struct, to_struct

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PROFILER_DIR = HERE / "_profiler"
TOKEN = "bench-token"
FLOW = "pulumi-python:dynamic/celigo:Flow"
IN_FLIGHT = 4  # the plugin server's worker threads
UNLIMITED = (1e9, 1e9)  # rate limit for every phase but the rate-limit one
RATE_CAPACITY, RATE_REFILL = 100, 30.0

#: Processes whose CPU time each phase records: "bench" (this one: the engine's side of gRPC, or
#: the bare HTTP client), "plugin" (the plugin server) and "emulator" (when it runs apart).
PROBES: dict[str, int] = {}
_TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (from /proc; 0 if unreadable)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---- the emulator ---------------------------------------------------------------------------------


class Emulator:
    """The emulator, in its own process (the CLI) or in this one; spoken to over its control plane."""

    def __init__(self, in_process: bool, profile_out: str | None) -> None:
        self.in_process = in_process
        self.profile_out = profile_out
        self.proc: subprocess.Popen[str] | None = None
        self._ctx: Any = None
        self.base_url = ""
        self.seed_ids: dict[str, Any] = {}

    def start(self) -> Emulator:
        capacity, refill = UNLIMITED
        if self.in_process:
            from pulumi_celigo.emulator import running_emulator

            self._ctx = running_emulator(token=TOKEN, seed="demo", rate_capacity=capacity, rate_refill=refill)
            emu = self._ctx.__enter__()
            self.base_url, self.seed_ids = emu.base_url, emu.seed_ids
            return self
        env = dict(os.environ)
        if self.profile_out:
            env["CELIGO_BENCH_PROFILE"] = self.profile_out
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROFILER_DIR), env.get("PYTHONPATH")]))
        cmd = [sys.executable, "-u", "-m", "pulumi_celigo.emulator", "--port", "0", "--token", TOKEN]
        cmd += ["--seed", "demo", "--rate-capacity", str(capacity), "--rate-refill", str(refill)]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env, cwd=REPO)
        assert self.proc.stdout is not None
        for _ in range(2):
            line = self.proc.stdout.readline()
            if match := re.search(r"listening on (\S+)", line):
                self.base_url = match.group(1)
            elif line.startswith("seed ids: "):
                self.seed_ids = json.loads(line[len("seed ids: ") :])
        if not self.base_url or not self.seed_ids:
            raise RuntimeError("the emulator did not start")
        return self

    def stop(self) -> None:
        if self._ctx is not None:
            self._ctx.__exit__(None, None, None)
        if self.proc is not None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=10)

    @property
    def root(self) -> str:
        return self.base_url.rsplit("/v1", 1)[0]

    def counts(self) -> dict[str, int]:
        return dict(admin_request(self.root, "GET", "/requests").json())

    def outcomes(self) -> dict[str, dict[str, int]]:
        return dict(admin_request(self.root, "GET", "/requests?by=outcome").json())

    def reset_counts(self) -> None:
        admin_request(self.root, "POST", "/reset").raise_for_status()

    def set_rate_limit(self, capacity: float, refill: float) -> None:
        body = {"capacity": capacity, "refill": refill}
        admin_request(self.root, "PUT", "/rate-limit", body).raise_for_status()

    def set_latency(self, latency_ms: float) -> None:
        """Every /v1 request waits this long in the emulator (a fault rule): a WAN round trip."""
        rules = [{"method": "*", "route": "*", "latency_ms": latency_ms}] if latency_ms else []
        admin_request(self.root, "PUT", "/faults", {"rules": rules}).raise_for_status()

    def internal_errors(self) -> int:
        return int(admin_request(self.root, "GET", "/info").json().get("internalErrors", 0))

    def dump_profile(self) -> dict[str, Any] | None:
        return _dump_profile(self.proc.pid if self.proc else None, self.profile_out)


def _dump_profile(pid: int | None, out: str | None) -> dict[str, Any] | None:
    """Ask a profiled process (SIGUSR1) for what its sampler saw since the last dump."""
    if pid is None or out is None:
        return None
    with_mtime = os.path.getmtime(out) if os.path.exists(out) else 0.0
    os.kill(pid, signal.SIGUSR1)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if os.path.exists(out) and os.path.getmtime(out) != with_mtime:
            with open(out, encoding="utf-8") as fh:
                data: dict[str, Any] = json.load(fh)
            return data
        time.sleep(0.02)
    return None


# ---- timing ---------------------------------------------------------------------------------------


@dataclass
class Timed:
    wall_s: float
    latencies_s: list[float]
    errors: list[str]
    cpu_s: dict[str, float]

    @property
    def per_op_ms(self) -> float:
        return 1e3 * self.wall_s / max(1, len(self.latencies_s))

    def summary(self) -> dict[str, Any]:
        lat = sorted(self.latencies_s) or [0.0]
        return {
            "ops": len(self.latencies_s),
            "wall_s": round(self.wall_s, 4),
            "ops_per_s": round(len(self.latencies_s) / self.wall_s, 1) if self.wall_s else None,
            "wall_ms_per_op": round(self.per_op_ms, 3),
            "latency_ms_mean": round(1e3 * statistics.fmean(lat), 3),
            "latency_ms_p95": round(1e3 * lat[int(0.95 * (len(lat) - 1))], 3),
            "errors": len(self.errors),
            "cpu_ms_per_op": {k: round(1e3 * v / max(1, len(lat)), 3) for k, v in self.cpu_s.items()},
        }


def run_parallel(jobs: Sequence[Callable[[], Any]], workers: int = IN_FLIGHT) -> tuple[Timed, list[Any]]:
    """Run the jobs with `workers` in flight; wall time, per-job latency, results (None on error)."""
    results: list[Any] = [None] * len(jobs)
    latencies: list[float] = [0.0] * len(jobs)
    errors: list[str] = []

    def one(index: int) -> None:
        started = time.perf_counter()
        try:
            results[index] = jobs[index]()
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {str(exc)[:300]}")
        latencies[index] = time.perf_counter() - started

    with ThreadPoolExecutor(workers) as pool:
        cpu_before = {name: cpu_seconds(pid) for name, pid in PROBES.items()}
        started = time.perf_counter()
        list(pool.map(one, range(len(jobs))))
        wall = time.perf_counter() - started
        cpu = {name: cpu_seconds(pid) - cpu_before[name] for name, pid in PROBES.items()}
    return Timed(wall, latencies, errors, cpu), results


# ---- the resources --------------------------------------------------------------------------------


def flow_inputs(ids: dict[str, Any], index: int, tag: str) -> dict[str, Any]:
    return {
        "name": f"Bench {tag} {index}",
        "integration_id": ids["dev_integration"],
        "page_generators": [{"export_id": ids["github_events_export"]}],
        "page_processors": [
            {
                "type": "import",
                "import_id": ids["slack_import"],
                "response_mapping": {"fields": [{"extract": "id", "generate": "orderId"}]},
            }
        ],
        "schedule": "? 0 2 ? * *",
        "timezone": "America/Los_Angeles",
        "disabled": False,
    }


@dataclass
class Res:
    name: str
    urn: str
    inputs: dict[str, Any]  # checked inputs
    id: str = ""
    outputs: dict[str, Any] | None = None


class Bench:
    def __init__(self, plugin: PluginServer, emulator: Emulator) -> None:
        self.plugin = plugin
        self.emu = emulator
        self.blob = provider_blob(FlowProvider())
        self.headers = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"}
        self._local = threading.local()

    # -- plugin calls, with requests serialised ahead ---------------------------------------------

    def props(self, values: dict[str, Any]) -> dict[str, Any]:
        return {"__provider": self.blob, **values}

    def call(self, method: str, request: Any) -> Any:
        return self.plugin._call(method, request)

    def check_requests(self, resources: list[Res], news: list[dict[str, Any]]) -> list[Any]:
        return [
            provider_pb2.CheckRequest(urn=r.urn, olds=to_struct(r.inputs), news=to_struct(self.props(n)))
            for r, n in zip(resources, news, strict=True)
        ]

    def check_all(self, resources: list[Res], news: list[dict[str, Any]]) -> tuple[Timed, list[dict[str, Any]]]:
        reqs = self.check_requests(resources, news)
        timed, responses = run_parallel([partial(self.call, "Check", q) for q in reqs])
        checked = []
        for resp in responses:
            assert resp is not None and not resp.failures, resp
            checked.append(from_struct(resp.inputs))
        return timed, checked

    # -- bare HTTP: one keep-alive session per thread ----------------------------------------------

    def session(self) -> requests.Session:
        s = getattr(self._local, "session", None)
        if s is None:
            s = requests.Session()
            s.trust_env = False
            s.headers.update(self.headers)
            self._local.session = s
        return s

    def bare(self, method: str, path: str, body: Any = None) -> Any:
        response = self.session().request(method, f"{self.emu.base_url}{path}", json=body, timeout=30)
        if response.status_code >= 400:
            raise RuntimeError(f"{method} {path}: {response.status_code} {response.text[:200]}")
        return response.json() if response.content else None


def calls_per(counts: dict[str, int], ops: int) -> float:
    return round(sum(counts.values()) / ops, 3) if ops else 0.0


def measure_n(bench: Bench, n: int, tag: str) -> dict[str, Any]:
    """Every phase for N flows: call counts, provider wall time, bare HTTP wall time."""
    emu, ids = bench.emu, bench.emu.seed_ids
    out: dict[str, Any] = {"n": n}
    calls: dict[str, Any] = {}
    timing: dict[str, Any] = {}
    bare: dict[str, Any] = {}
    resources = [Res(f"{tag}-{i}", urn(FLOW, f"{tag}-{i}", "bench", "perf"), {}) for i in range(n)]
    desired = [flow_inputs(ids, i, tag) for i in range(n)]

    # check (preview of a create): no API call
    emu.reset_counts()
    timed, checked = bench.check_all(resources, desired)
    timing["check_new"] = timed.summary()
    calls["check"] = calls_per(emu.counts(), n)
    for r, c in zip(resources, checked, strict=True):
        r.inputs = c

    # create: Create(checked inputs)
    create_reqs = [provider_pb2.CreateRequest(urn=r.urn, properties=to_struct(r.inputs)) for r in resources]
    emu.reset_counts()
    timed, responses = run_parallel([partial(bench.call, "Create", q) for q in create_reqs])
    created = emu.counts()
    calls["create"] = calls_per(created, n)
    calls["create_detail"] = created
    timing["create"] = timed.summary()
    for r, resp in zip(resources, responses, strict=True):
        r.id, r.outputs = str(resp.id), from_struct(resp.properties)

    # the same POSTs, bare (the document the provider sends: managed fields + the create marker)
    post_body = [
        {**_api_doc(r.inputs), "settings": {"pulumiCeligo": {"createToken": f"{i:032x}"}}}
        for i, r in enumerate(resources)
    ]
    emu.reset_counts()
    btimed, bare_created = run_parallel([partial(bench.bare, "POST", "/flows", b) for b in post_body])
    bare["create"] = btimed.summary()
    bare_ids = [str(doc["_id"]) for doc in bare_created]

    # no-op preview: Check(olds=inputs, news=same) + Diff(olds=outputs, news=checked)
    emu.reset_counts()
    check_reqs = bench.check_requests(resources, desired)
    diff_reqs = [
        provider_pb2.DiffRequest(
            id=r.id,
            urn=r.urn,
            olds=to_struct(bench.props(r.outputs or {})),
            news=to_struct(r.inputs),
            old_inputs=to_struct(r.inputs),
        )
        for r in resources
    ]

    def preview(cq: Any, dq: Any) -> Any:
        bench.call("Check", cq)
        return bench.call("Diff", dq)

    timed, diffs = run_parallel([partial(preview, c, d) for c, d in zip(check_reqs, diff_reqs, strict=True)])
    calls["noop_preview"] = calls_per(emu.counts(), n)
    timing["noop_preview"] = timed.summary()
    changed = sum(1 for d in diffs if d is None or d.changes != provider_pb2.DiffResponse.DIFF_NONE)
    out["noop_preview_diffs_reported"] = changed

    # refresh: Read(id, outputs)
    read_reqs = [
        provider_pb2.ReadRequest(
            id=r.id,
            urn=r.urn,
            properties=to_struct(bench.props(r.outputs or {})),
            inputs=to_struct(bench.props(r.inputs)),
        )
        for r in resources
    ]
    emu.reset_counts()
    timed, _ = run_parallel([partial(bench.call, "Read", q) for q in read_reqs])
    calls["read"] = calls_per(emu.counts(), n)
    timing["read"] = timed.summary()
    emu.reset_counts()
    btimed, _ = run_parallel([partial(bench.bare, "GET", f"/flows/{i}") for i in bare_ids])
    bare["read"] = btimed.summary()

    # patchable update: a new schedule and description (one PATCH)
    new_patch = [{**d, "schedule": "? 0 3 ? * *", "description": "patched"} for d in desired]
    _timed_check, checked_patch = bench.check_all(resources, new_patch)
    upd_reqs = [
        provider_pb2.UpdateRequest(
            id=r.id,
            urn=r.urn,
            olds=to_struct(bench.props(r.outputs or {})),
            news=to_struct(c),
            old_inputs=to_struct(r.inputs),
        )
        for r, c in zip(resources, checked_patch, strict=True)
    ]
    emu.reset_counts()
    timed, responses = run_parallel([partial(bench.call, "Update", q) for q in upd_reqs])
    detail = emu.counts()
    calls["update_patchable"] = calls_per(detail, n)
    calls["update_patchable_detail"] = detail
    timing["update_patchable"] = timed.summary()
    for r, c, resp in zip(resources, checked_patch, responses, strict=True):
        r.inputs, r.outputs = c, from_struct(resp.properties)
    ops = [
        {"op": "replace", "path": "/schedule", "value": "? 0 3 ? * *"},
        {"op": "replace", "path": "/description", "value": "patched"},
    ]
    emu.reset_counts()
    btimed, _ = run_parallel([partial(bench.bare, "PATCH", f"/flows/{i}", ops) for i in bare_ids])
    bare["update_patchable"] = btimed.summary()

    # non-patchable update: a new response mapping (GET + PUT)
    new_put = [
        {
            **d,
            "schedule": "? 0 3 ? * *",
            "description": "patched",
            "page_processors": [
                {**d["page_processors"][0], "response_mapping": {"fields": [{"extract": "id", "generate": "orderRef"}]}}
            ],
        }
        for d in desired
    ]
    _timed_check, checked_put = bench.check_all(resources, new_put)
    put_reqs = [
        provider_pb2.UpdateRequest(
            id=r.id,
            urn=r.urn,
            olds=to_struct(bench.props(r.outputs or {})),
            news=to_struct(c),
            old_inputs=to_struct(r.inputs),
        )
        for r, c in zip(resources, checked_put, strict=True)
    ]
    emu.reset_counts()
    timed, responses = run_parallel([partial(bench.call, "Update", q) for q in put_reqs])
    detail = emu.counts()
    calls["update_not_patchable"] = calls_per(detail, n)
    calls["update_not_patchable_detail"] = detail
    timing["update_not_patchable"] = timed.summary()
    for r, c, resp in zip(resources, checked_put, responses, strict=True):
        r.inputs, r.outputs = c, from_struct(resp.properties)
    mapping = {"fields": [{"extract": "id", "generate": "orderRef"}]}

    def bare_put(flow_id: str) -> Any:
        doc = bench.bare("GET", f"/flows/{flow_id}")
        doc["pageProcessors"][0]["responseMapping"] = mapping
        return bench.bare("PUT", f"/flows/{flow_id}", doc)

    emu.reset_counts()
    btimed, _ = run_parallel([partial(bare_put, i) for i in bare_ids])
    bare["update_not_patchable"] = btimed.summary()

    # delete: half with the dependency check (default), half with allow_delete_with_dependents
    half = n // 2 if n > 1 else n
    checked_deps, unchecked = resources[:half], resources[half:]
    del_reqs = [
        provider_pb2.DeleteRequest(
            id=r.id, urn=r.urn, properties=to_struct(bench.props(r.outputs or {})), old_inputs=to_struct(r.inputs)
        )
        for r in checked_deps
    ]
    emu.reset_counts()
    timed, _ = run_parallel([partial(bench.call, "Delete", q) for q in del_reqs])
    detail = emu.counts()
    calls["delete"] = calls_per(detail, len(checked_deps))
    calls["delete_detail"] = detail
    timing["delete"] = timed.summary()
    bare_half = bare_ids[:half]

    def bare_delete(flow_id: str) -> None:
        bench.bare("GET", f"/flows/{flow_id}/dependencies")
        bench.bare("DELETE", f"/flows/{flow_id}")

    emu.reset_counts()
    btimed, _ = run_parallel([partial(bare_delete, i) for i in bare_half])
    bare["delete"] = btimed.summary()
    if unchecked:
        del_reqs = [
            provider_pb2.DeleteRequest(
                id=r.id,
                urn=r.urn,
                properties=to_struct(bench.props({**(r.outputs or {}), "allow_delete_with_dependents": True})),
                old_inputs=to_struct(r.inputs),
            )
            for r in unchecked
        ]
        emu.reset_counts()
        timed, _ = run_parallel([partial(bench.call, "Delete", q) for q in del_reqs])
        detail = emu.counts()
        calls["delete_allow_dependents"] = calls_per(detail, len(unchecked))
        calls["delete_allow_dependents_detail"] = detail
        timing["delete_allow_dependents"] = timed.summary()
        emu.reset_counts()
        btimed, _ = run_parallel([partial(bench.bare, "DELETE", f"/flows/{i}") for i in bare_ids[half:]])
        bare["delete_allow_dependents"] = btimed.summary()

    out["calls"] = calls
    out["provider"] = timing
    out["bare_http"] = bare
    out["overhead_ratio"] = {
        op: round(timing[op]["wall_s"] / bare[op]["wall_s"], 3) for op in bare if op in timing and bare[op]["wall_s"]
    }
    out["errors"] = sum(t["errors"] for t in timing.values()) + sum(t["errors"] for t in bare.values())
    return out


def _api_doc(inputs: dict[str, Any]) -> dict[str, Any]:
    """The checked inputs as the API document the provider POSTs (managed fields, API names)."""
    from pulumi_celigo.models.flow_document import managed_document
    from pulumi_celigo.providers.flow import FlowInputs

    desired = FlowInputs.model_validate(
        {k: v for k, v in inputs.items() if not k.startswith("__")}, by_alias=False, by_name=True
    )
    return managed_document(desired)


# ---- rate limit -----------------------------------------------------------------------------------


def measure_rate_limit(emulator: Emulator, count: int) -> dict[str, Any]:
    """Create `count` flows (check + create, 4 in flight) against capacity 100, refill 30/s, through a
    plugin server of their own configured with that limit (celigo:rateLimitBurst / rateLimitPerSecond),
    which it paces itself to. Utilisation: the POSTs that succeeded after the burst, over what the
    refill offered until the last one (quick mode: 150 after the burst, 5 s of steady state)."""
    with plugin_server(emulator, (RATE_CAPACITY, RATE_REFILL)) as plugin:
        return _measure_rate_limit(Bench(plugin, emulator), count)


def _measure_rate_limit(bench: Bench, count: int) -> dict[str, Any]:
    emu, ids = bench.emu, bench.emu.seed_ids
    resources = [Res(f"rl-{i}", urn(FLOW, f"rl-{i}", "bench", "perf"), {}) for i in range(count)]
    _timed, checked = bench.check_all(resources, [flow_inputs(ids, i, "rl") for i in range(count)])
    reqs = [
        provider_pb2.CreateRequest(urn=r.urn, properties=to_struct(c)) for r, c in zip(resources, checked, strict=True)
    ]
    emu.reset_counts()
    emu.set_rate_limit(RATE_CAPACITY, RATE_REFILL)  # full bucket from now
    started = time.perf_counter()
    done: list[float] = []
    lock = threading.Lock()

    def create(q: Any) -> Any:
        resp = bench.call("Create", q)
        with lock:
            done.append(time.perf_counter() - started)
        return resp

    timed, responses = run_parallel([partial(create, q) for q in reqs])
    outcomes = emu.outcomes()
    emu.set_rate_limit(*UNLIMITED)
    posts = outcomes.get("POST /v1/flows", {})
    ok, limited = posts.get("201", 0), posts.get("429", 0)
    total_s = max(done) if done else timed.wall_s
    # Every token the bucket offered by the last success: the burst, then the refill. What the
    # client did not spend before the end is the loss (the finite run's tail included).
    utilisation = (ok - RATE_CAPACITY) / (RATE_REFILL * total_s) if total_s else 0.0
    result = {
        "flows": count,
        "capacity": RATE_CAPACITY,
        "refill_per_s": RATE_REFILL,
        "wall_s": round(timed.wall_s, 3),
        "created": ok,
        "rate_limited_responses": limited,
        "failed_operations": len(timed.errors),
        "errors": timed.errors[:3],
        "achieved_rate_after_burst_per_s": round((ok - RATE_CAPACITY) / total_s, 2) if total_s else None,
        "utilisation": round(utilisation, 3),
        "outcomes": outcomes,
    }
    # Clean up without the limit (bare DELETEs: not what is measured here).
    ids_created = [str(r.id) for r in responses if r is not None]
    run_parallel([partial(bench.bare, "DELETE", f"/flows/{i}") for i in ids_created])
    return result


# ---- the emulator alone ---------------------------------------------------------------------------


def measure_emulator(bench: Bench, seconds: float, threads: int = IN_FLIGHT) -> dict[str, Any]:
    """Requests per second the emulator answers for GET and PUT of a flow (keep-alive, `threads` clients)."""
    ids = bench.emu.seed_ids
    doc = _api_doc(flow_inputs(ids, 0, "emu"))
    flow_ids = [str(bench.bare("POST", "/flows", {**doc, "name": f"Emu {i}"})["_id"]) for i in range(threads)]
    docs = [bench.bare("GET", f"/flows/{i}") for i in flow_ids]
    result: dict[str, Any] = {"client_threads": threads}
    for method in ("GET", "PUT"):
        stop = time.perf_counter() + seconds
        counts = [0] * threads

        def loop(t: int, method: str = method, stop: float = stop, counts: list[int] = counts) -> None:
            while time.perf_counter() < stop:
                if method == "GET":
                    bench.bare("GET", f"/flows/{flow_ids[t]}")
                else:
                    bench.bare("PUT", f"/flows/{flow_ids[t]}", docs[t])
                counts[t] += 1

        started = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(loop, range(threads)))
        result[f"{method.lower()}_per_s"] = round(sum(counts) / (time.perf_counter() - started), 1)
    for i in flow_ids:
        bench.bare("DELETE", f"/flows/{i}")
    return result


# ---- profile summary ------------------------------------------------------------------------------

CATEGORIES: list[tuple[str, tuple[str, ...]]] = [
    ("grpc+protobuf", ("grpc/", "google/protobuf", "_server.py", "_channel.py")),
    ("pulumi rpc (de)serialization", ("pulumi/runtime/rpc", "pulumi/dynamic/__main__", "pulumi/runtime/_serial")),
    ("pydantic", ("pydantic",)),
    ("http client (requests/urllib3/http.client)", ("requests/", "urllib3/", "http/client", "socket.py", "email/")),
    ("json", ("json/",)),
    ("emulator", ("pulumi_celigo/emulator",)),
    ("werkzeug", ("werkzeug/",)),
    ("provider (pulumi_celigo)", ("pulumi_celigo/",)),
]


def summarise_profile(data: dict[str, Any] | None) -> dict[str, Any] | None:
    if not data:
        return None
    busy = max(1, int(data["busy_samples"]))
    by_category: dict[str, int] = {}
    for label, count in data["self"]:
        category = next((name for name, keys in CATEGORIES if any(k in label for k in keys)), "other")
        by_category[category] = by_category.get(category, 0) + count
    return {
        "busy_cpu_s_estimate": round(busy * float(data["interval_s"]), 2),
        "connections_opened": data.get("connections_opened"),
        "self_time_share_by_category": {
            k: round(v / busy, 3) for k, v in sorted(by_category.items(), key=lambda kv: -kv[1])
        },
        "top_self": [[label, round(count / busy, 3)] for label, count in data["self"][:15]],
        "top_inclusive": [[label, round(count / busy, 3)] for label, count in data["total"][:25]],
    }


SERVICER_CATEGORIES: list[tuple[str, tuple[str, ...]]] = [
    ("pulumi SDK servicer: (de)serialize_properties, an event loop per call", ("pulumi/", "asyncio/", "selectors")),
    ("protobuf Struct", ("protobuf",)),
    (
        "provider logic (pulumi_celigo.providers, models, validation; pydantic)",
        (
            "pulumi_celigo/providers",
            "pulumi_celigo/models",
            "pulumi_celigo/validation",
            "pulumi_celigo/errors",
            "croniter",
            "pydantic",
        ),
    ),
    (
        "HTTP client in Python (pulumi_celigo.client, requests, urllib3, http.client)",
        ("pulumi_celigo/client", "requests/", "urllib3/", "http/client", "email/", "urllib/"),
    ),
    ("json", ("json/",)),
]


def profile_servicer(emu: Emulator, n: int) -> dict[str, Any]:
    """cProfile of the SDK's own servicer (`pulumi.dynamic.__main__`, without its server) called in-process.

    Deterministic, single-threaded, no gRPC transport: where an operation's time goes inside the
    plugin server once a request has arrived. Times are inflated by the profiler; shares are the point.
    """
    import cProfile
    import pstats

    import pulumi.dynamic

    path = Path(pulumi.dynamic.__file__).with_name("__main__.py")
    source = path.read_text().rsplit("main()", 1)[0]  # everything but the call that serves
    namespace: dict[str, Any] = {"__name__": "pulumi_dynamic_servicer"}
    exec(compile(source, "pulumi/dynamic/__main__.py", "exec"), namespace)
    servicer = namespace["DynamicResourceProviderServicer"]()
    config = {"celigo:apiToken": TOKEN, "celigo:baseUrl": emu.base_url}
    servicer.Configure(provider_pb2.ConfigureRequest(args=to_struct(config, keep_secrets=True)), None)
    blob = provider_blob(FlowProvider())
    ids = emu.seed_ids
    resources = [Res(f"prof-{i}", urn(FLOW, f"prof-{i}", "bench", "perf"), {}) for i in range(n)]
    checks = [
        provider_pb2.CheckRequest(
            urn=r.urn, olds=to_struct({}), news=to_struct({"__provider": blob, **flow_inputs(ids, i, "prof")})
        )
        for i, r in enumerate(resources)
    ]
    out: dict[str, Any] = {}

    def profiled(name: str, reqs: list[Any], method: Callable[[Any, Any], Any]) -> list[Any]:
        profiler = cProfile.Profile()
        profiler.enable()
        results = [method(q, None) for q in reqs]
        profiler.disable()
        stats: Any = pstats.Stats(profiler)
        total = sum(v[2] for v in stats.stats.values()) or 1.0
        shares: dict[str, float] = {}
        for (filename, _line, _func), v in stats.stats.items():
            category = next(
                (c for c, keys in SERVICER_CATEGORIES if any(k in filename for k in keys)),
                "C built-ins and other stdlib (socket I/O, isinstance, ...)",
            )
            shares[category] = shares.get(category, 0.0) + v[2]
        out[name] = {k: round(v / total, 3) for k, v in sorted(shares.items(), key=lambda kv: -kv[1])}
        return results

    checked = profiled("Check", checks, servicer.Check)
    creates = [
        provider_pb2.CreateRequest(urn=r.urn, properties=c.inputs) for r, c in zip(resources, checked, strict=True)
    ]
    created = profiled("Create", creates, servicer.Create)
    profiled(
        "Diff",
        [
            provider_pb2.DiffRequest(id=c.id, urn=r.urn, olds=c.properties, news=q.properties)
            for c, r, q in zip(created, resources, creates, strict=True)
        ],
        servicer.Diff,
    )
    profiled(
        "Read",
        [
            provider_pb2.ReadRequest(id=c.id, urn=r.urn, properties=c.properties)
            for c, r in zip(created, resources, strict=True)
        ],
        servicer.Read,
    )
    profiled(
        "Delete",
        [
            provider_pb2.DeleteRequest(id=c.id, urn=r.urn, properties=c.properties)
            for c, r in zip(created, resources, strict=True)
        ],
        servicer.Delete,
    )
    return out


# ---- main -----------------------------------------------------------------------------------------


def vm_hwm_kib(pid: int | None) -> int | None:
    if pid is None:
        return None
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"VmHWM:\s+(\d+)\s+kB", text)
    return int(match.group(1)) if match else None


@contextmanager
def plugin_server(
    emulator: Emulator, rate_limit: tuple[float, float] = UNLIMITED, extra_env: dict[str, str] | None = None
) -> Iterator[PluginServer]:
    """A plugin server configured for the emulator, pacing itself to `rate_limit` (burst, per second):
    unlimited, as the emulator is, but in the rate-limit phase. Its token check is already made."""
    env = {"PYTHONPATH": str(REPO), "CELIGO_API_TOKEN": "", "CELIGO_BASE_URL": "", **(extra_env or {})}
    with PluginServer(project="bench", cwd=REPO, env=env) as plugin:
        plugin.configure(
            {
                "celigo:apiToken": TOKEN,
                "celigo:baseUrl": emulator.base_url,
                "celigo:rateLimitBurst": str(int(rate_limit[0])),
                "celigo:rateLimitPerSecond": str(rate_limit[1]),
            },
            secret_keys=["celigo:apiToken"],
        )
        # The plugin checks the token once per process, on its first API call (GET /tokenInfo): make
        # that call here (a refresh of an absent flow), so no measured phase counts it.
        token_check = urn(FLOW, "token-check", "bench", "perf")
        plugin.read("0" * 24, token_check, {"__provider": provider_blob(FlowProvider()), "name": "token-check"})
        yield plugin


@contextmanager
def started(emulator: Emulator, profile_dir: str | None) -> Iterator[PluginServer]:
    env = {}
    if profile_dir:
        env["PYTHONPATH"] = os.pathsep.join([str(PROFILER_DIR), str(REPO)])
        env["CELIGO_BENCH_PROFILE"] = os.path.join(profile_dir, "plugin.json")
    emulator.start()
    try:
        with plugin_server(emulator, extra_env=env) as plugin:
            yield plugin
    finally:
        emulator.stop()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="N = 10 and 100 (under a minute)")
    parser.add_argument("--n", type=int, action="append", help="flow counts to run (repeatable)")
    parser.add_argument("--rate-limit-flows", type=int, default=None, help="flows created against the rate limit")
    parser.add_argument("--skip-rate-limit", action="store_true")
    parser.add_argument("--skip-emulator-bench", action="store_true")
    parser.add_argument("--emulator-seconds", type=float, default=2.0)
    parser.add_argument(
        "--latency-ms",
        type=float,
        default=20.0,
        help="also run one N with this emulated network latency per request (0: skip)",
    )
    parser.add_argument("--latency-n", type=int, default=None, help="flows for the latency run (default 100; 40 quick)")
    parser.add_argument("--in-process", action="store_true", help="run the emulator in this process")
    parser.add_argument("--profile", action="store_true", help="sample the plugin server's and emulator's stacks")
    parser.add_argument("--skip-engine", action="store_true", help="skip the real-engine figures (bench/engine.py)")
    parser.add_argument("--skip-provider-cost", action="store_true", help="skip bench/provider_cost.py")
    parser.add_argument("--write", action="store_true", help="save the results to bench/results.json (or --output)")
    parser.add_argument("--output", default=None, help="save the results to this file (implies --write)")
    args = parser.parse_args(argv)
    sizes = args.n or ([10, 100] if args.quick else [10, 100, 1000])
    rate_flows = args.rate_limit_flows or (250 if args.quick else 700)

    profile_dir = tempfile.mkdtemp(prefix="celigo-bench-") if args.profile else None
    emulator = Emulator(args.in_process, os.path.join(profile_dir, "emulator.json") if profile_dir else None)
    results: dict[str, Any] = {"sizes": sizes, "in_flight": IN_FLIGHT, "cpus": os.cpu_count()}
    wall_started = time.perf_counter()
    with started(emulator, profile_dir) as plugin:
        bench = Bench(plugin, emulator)
        PROBES.update({"bench": os.getpid(), "plugin": plugin.pid or 0})
        if emulator.proc is not None:
            PROBES["emulator"] = emulator.proc.pid
        plugin_profile = os.path.join(profile_dir, "plugin.json") if profile_dir else None
        if profile_dir:  # start the profiles afresh, after start-up
            _dump_profile(plugin.pid, plugin_profile)
            emulator.dump_profile()
        per_n = []
        for n in sizes:
            say(f"N={n} ...")
            per_n.append(measure_n(bench, n, f"n{n}"))
            say(json.dumps({k: per_n[-1][k] for k in ("calls", "overhead_ratio")}))
        results["per_n"] = per_n
        if args.latency_ms:
            n_lat = args.latency_n or (40 if args.quick else 100)
            say(f"N={n_lat} with {args.latency_ms:g} ms of emulated network latency per request ...")
            emulator.set_latency(args.latency_ms)
            try:
                with_latency = measure_n(bench, n_lat, f"lat{n_lat}")
            finally:
                emulator.set_latency(0)
            with_latency["latency_ms"] = args.latency_ms
            results["with_latency"] = with_latency
        if profile_dir:
            results["profile_plugin_server"] = summarise_profile(_dump_profile(plugin.pid, plugin_profile))
            results["profile_emulator"] = summarise_profile(emulator.dump_profile())
            say("profiling the SDK servicer in-process ...")
            results["profile_servicer_inprocess"] = profile_servicer(emulator, 200)
        if not args.skip_emulator_bench:
            say("emulator throughput ...")
            results["emulator_throughput"] = measure_emulator(bench, args.emulator_seconds)
        if not args.skip_rate_limit:
            say(f"rate limit ({rate_flows} flows) ...")
            results["rate_limit"] = measure_rate_limit(emulator, rate_flows)
        results["plugin_server_peak_rss_kib"] = vm_hwm_kib(plugin.pid)
        results["emulator_internal_errors"] = emulator.internal_errors()
    # Each in processes of its own (emulator, engine or plugin server), after the ones above have stopped.
    if not args.skip_provider_cost:
        import provider_cost  # bench/ is this script's folder, on sys.path

        say("the provider's own cost per operation ...")
        results["provider_cost"] = provider_cost.measure(200 if args.quick else 500)
    if not args.skip_engine:
        import engine

        n_engine, latency = (100, 50.0) if args.quick else (1000, 100.0)
        results["engine"] = engine.measure(n_engine, latency, full=not args.quick)

    largest = per_n[-1]
    calls = largest["calls"]
    ratio = largest["overhead_ratio"]
    summary: dict[str, Any] = {
        "calls_per_create": calls["create"],
        "calls_per_update_patchable": calls["update_patchable"],
        "calls_per_update_not_patchable": calls["update_not_patchable"],
        "calls_per_noop_preview": calls["noop_preview"],
        "calls_per_refresh": calls["read"],
        "calls_per_delete": calls["delete"],
        "calls_per_delete_allow_dependents": calls.get("delete_allow_dependents"),
        "overhead_ratio": max(ratio.values()) if ratio else None,
        "overhead_ratio_by_op": ratio,
        "overhead_ratio_at_n": largest["n"],
        "overhead_ratio_with_latency": max(results["with_latency"]["overhead_ratio"].values())
        if results.get("with_latency")
        else None,
        "overhead_ratio_with_latency_by_op": results.get("with_latency", {}).get("overhead_ratio"),
        "noop_preview_ms_per_op": largest["provider"]["noop_preview"]["wall_ms_per_op"],
        "rate_limit_utilisation": results.get("rate_limit", {}).get("utilisation"),
        "rate_limit_failed_operations": results.get("rate_limit", {}).get("failed_operations"),
        "plugin_server_peak_rss_mib": round(results["plugin_server_peak_rss_kib"] / 1024, 1)
        if results.get("plugin_server_peak_rss_kib")
        else None,
        "rate_limited_failures": results.get("rate_limit", {}).get("failed_operations"),
        "engine_scale_ratio": results.get("engine", {}).get("engine_scale_ratio"),
        "engine_ratio_by_phase": results.get("engine", {}).get("ratio"),
        "engine_seconds": results.get("engine", {}).get("seconds"),
        "engine_floor_s": results.get("engine", {}).get("floor_s"),
        "engine_n": results.get("engine", {}).get("n"),
        "engine_latency_ms": results.get("engine", {}).get("latency_ms"),
        "engine_plugin_server_peak_rss_mib": results.get("engine", {}).get("plugin_server_peak_rss_mib"),
        "provider_ms_per_op": results.get("provider_cost", {}).get("provider_ms_per_op"),
        "operation_errors": sum(p["errors"] for p in per_n),
        "bench_wall_s": round(time.perf_counter() - wall_started, 1),
    }
    final = {**summary, **results}
    if args.write or args.output:
        Path(args.output or HERE / "results.json").write_text(json.dumps(final, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(final, separators=(",", ":")), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
