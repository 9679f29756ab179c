"""The fault matrix: drive N resources through the real plugin server while the emulator injects one
kind of fault (or all of them), then count what went wrong. Flow: deploy, update and destroy N flows;
the companions: FlowClone (clone N source flows into prod, rename, destroy), FlowRun (run N flows,
waiting for the job) and FlowConnectionReplacement (swap N flows' Slack step to another connection,
then restore it on destroy).

Used by `tests/reliability/test_fault_matrix.py` and `test_companion_matrix.py` (small N) and by the
command that regenerates `docs/reliability.md` with the figures of a full run:

    python -m tests.reliability.matrix --write docs/reliability.md    # 100 flows, 30 companions (15 if rate-limited)
    python -m tests.reliability.matrix -n 10 --cell "503s 20%"        # a quick look, printed
    python -m tests.reliability.matrix --resource FlowRun --companion-n 10

Flow, per cell: the operations that succeeded (create, update, delete), duplicate flows in the
account, flows in the account that the state does not know ("orphans", i.e. lost to Pulumi), flows
in the state that the account does not have ("missing"), flows whose managed fields differ from the
state, leftovers after destroy, and API calls per flow (every request the emulator received,
retries and faulted ones included). Each companion has figures of its own (duplicate clones or jobs,
orphaned copies, steps on the wrong connection, ...), each 0 when all is well. The account is read
from the emulator's store directly, so the audit neither spends rate-limit tokens nor meets faults.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from pulumi_celigo.emulator import EmulatorServer, running_emulator
from pulumi_celigo.providers.flow import FlowProvider
from pulumi_celigo.providers.flow_clone import FlowCloneProvider
from pulumi_celigo.providers.flow_connection_replacement import FlowConnectionReplacementProvider
from pulumi_celigo.providers.flow_run import FlowRunProvider
from pulumi_celigo.testing import PluginServer

from tests.conftest import check_token_now
from tests.resources.driver import Deployed, ResourceDriver

REPO = Path(__file__).resolve().parents[2]
TOKEN = "matrix-token-5d2e8c41"
FLOW = "pulumi-python:dynamic/celigo:Flow"
#: The engine's parallelism against the plugin server (which has 4 worker threads).
PARALLEL = 4
DEFAULT_RATE = (1000.0, 300.0)
FULL_N = 100


@dataclass(frozen=True)
class Cell:
    """One column of faults: emulator fault rules and a rate limit (capacity, refill per second)."""

    name: str
    rules: tuple[dict[str, Any], ...] = ()
    rate: tuple[float, float] = DEFAULT_RATE


CELLS: tuple[Cell, ...] = (
    Cell("no faults"),
    Cell("503s 20%", ({"method": "*", "route": "*", "fail_rate": 0.2},)),
    Cell("dropped connections 10%", ({"method": "*", "route": "*", "drop_rate": 0.1},)),
    Cell("writes applied, response lost 5%", ({"method": "*", "route": "*", "lost_response_rate": 0.05},)),
    Cell("429 storm (20 burst, 5/s)", rate=(20.0, 5.0)),
    Cell("latency 200 ms", ({"method": "*", "route": "*", "latency_ms": 200},)),
    Cell(
        "all at once",
        (
            {
                "method": "*",
                "route": "*",
                "fail_rate": 0.2,
                "drop_rate": 0.1,
                "lost_response_rate": 0.05,
                "latency_ms": 200,
            },
        ),
        rate=(20.0, 5.0),
    ),
)


def cell_named(name: str) -> Cell:
    for cell in CELLS:
        if cell.name == name:
            return cell
    raise KeyError(f"no cell {name!r}; cells: {', '.join(c.name for c in CELLS)}")


@dataclass
class CellResult:
    cell: str
    n: int
    created: int = 0
    updated: int = 0
    deleted: int = 0
    duplicates: int = 0
    orphans: int = 0  # in the account, not in the state: lost to Pulumi
    missing: int = 0  # in the state, not in the account
    drifted: int = 0  # in both, but the managed fields differ from the state
    leftovers: int = 0  # still in the account after destroy
    api_calls: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    latency_ms: float = 0.0

    @property
    def succeeded(self) -> int:
        return self.created + self.updated + self.deleted

    @property
    def operations(self) -> int:
        return 3 * self.n

    @property
    def calls_per_flow(self) -> float:
        return self.api_calls / self.n if self.n else 0.0

    @property
    def perfect(self) -> bool:
        return self.succeeded == self.operations and not (
            self.duplicates or self.orphans or self.missing or self.drifted or self.leftovers
        )

    def faults_seen(self) -> str:
        return _faults_seen(self.outcomes, self.latency_ms)


def _faults_seen(outcomes: Counter[str], latency_ms: float) -> str:
    keys = (("503", "503"), ("dropped", "dropped"), ("lost_response", "lost"), ("429", "429"))
    parts = [f"{label} {outcomes[key]}" for key, label in keys if outcomes[key]]
    if latency_ms:
        parts.append(f"+{latency_ms:g} ms on every request")
    return ", ".join(parts) or "none"


@dataclass
class MatrixEnv:
    """One emulator and one plugin server configured against it (the plugin is bound to one URL)."""

    emulator: EmulatorServer
    plugin: PluginServer

    def driver(self) -> ResourceDriver:
        return ResourceDriver(self.plugin, FlowProvider(), FLOW)


@contextmanager
def matrix_env() -> Iterator[MatrixEnv]:
    with running_emulator(token=TOKEN, seed="demo") as emu:
        env = {"PYTHONPATH": str(REPO), "CELIGO_API_TOKEN": "", "CELIGO_BASE_URL": ""}
        with PluginServer(project="celigo-tests", cwd=REPO, env=env) as plugin:
            plugin.configure(
                {"celigo:apiToken": TOKEN, "celigo:baseUrl": emu.base_url}, secret_keys=["celigo:apiToken"]
            )
            check_token_now(plugin)
            emu.reset_request_counts()
            yield MatrixEnv(emu, plugin)


def flow_inputs(ids: dict[str, Any], prefix: str, i: int, updated: bool = False) -> dict[str, Any]:
    """Flow i of a cell; `updated` gives the new program: even flows get a patchable change (name,
    schedule, disabled: 1 PATCH), odd ones a structural one (a lookup step added: GET + PUT)."""
    inputs: dict[str, Any] = {
        "name": f"{prefix} {i}",
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
    }
    if updated and i % 2 == 0:
        inputs.update(name=f"{prefix} {i} v2", schedule="? */15 * * * *", disabled=True)
    elif updated:
        lookup = {"type": "export", "export_id": ids["usage_lookup_exports"][0]}
        inputs["page_processors"] = [lookup, *inputs["page_processors"]]
    return inputs


def _expected(inputs: dict[str, Any]) -> tuple[Any, ...]:
    """The managed fields the audit compares, in the program's terms."""
    steps = tuple(p.get("import_id") or p.get("export_id") for p in inputs["page_processors"])
    return inputs["name"], inputs["schedule"], bool(inputs.get("disabled", False)), steps


def _actual(doc: dict[str, Any]) -> tuple[Any, ...]:
    steps = tuple(p.get("_importId") or p.get("_exportId") for p in doc.get("pageProcessors") or [])
    return doc.get("name"), doc.get("schedule"), bool(doc.get("disabled", False)), steps


def _account(emu: EmulatorServer, prefix: str) -> list[dict[str, Any]]:
    """The cell's flows as the account holds them (straight from the emulator's store)."""
    return [d for d in emu.app.store.all("flows") if str(d.get("name", "")).startswith(prefix + " ")]


def _audit(
    emu: EmulatorServer, prefix: str, state: dict[int, Deployed], wanted: dict[int, dict[str, Any]]
) -> dict[str, int]:
    docs = _account(emu, prefix)
    by_token = Counter(((d.get("settings") or {}).get("pulumiCeligo") or {}).get("createToken") for d in docs)
    by_index = Counter(int(str(d["name"]).removeprefix(prefix + " ").split()[0]) for d in docs)
    duplicates = max(sum(c - 1 for t, c in by_token.items() if t), sum(c - 1 for c in by_index.values()))
    account_ids = {d["_id"]: d for d in docs}
    state_ids = {res.id for res in state.values()}
    drifted = sum(
        1 for i, res in state.items() if res.id in account_ids and _actual(account_ids[res.id]) != _expected(wanted[i])
    )
    return {
        "duplicates": duplicates,
        "orphans": len(set(account_ids) - state_ids),
        "missing": len(state_ids - set(account_ids)),
        "drifted": drifted,
    }


def _phase(
    emu: EmulatorServer, result: CellResult | CompanionResult, work: Callable[[int], Any], indexes: Sequence[int]
) -> dict[int, Any]:
    """Run `work` over the indexes, PARALLEL at a time; count the API calls it caused."""
    emu.reset_request_counts()
    done: dict[int, Any] = {}

    def one(i: int) -> None:
        try:
            done[i] = work(i)
        except Exception as exc:  # an operation that failed is a figure, not a crash
            result.errors.append(f"{i}: {str(exc)[:300]}")

    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        list(pool.map(one, indexes))
    for outcomes in emu.request_outcomes().values():
        for outcome, count in outcomes.items():
            result.api_calls += count
            result.outcomes[outcome] += count
    return done


def run_cell(env: MatrixEnv, cell: Cell, n: int, fault_seed: int = 1) -> CellResult:
    """Deploy n flows, update them all, destroy them all, under the cell's faults."""
    emu = env.emulator
    emu.clear_faults()
    emu.set_rate_limit(*DEFAULT_RATE)
    emu.reset_data()
    ids = emu.seed_ids
    prefix = f"matrix {cell.name}"
    driver = env.driver()
    result = CellResult(cell.name, n, latency_ms=sum(r.get("latency_ms", 0) for r in cell.rules))
    emu.set_faults(rules=[dict(r) for r in cell.rules], seed=fault_seed)
    emu.set_rate_limit(*cell.rate)
    started = time.monotonic()
    try:
        initial = {i: flow_inputs(ids, prefix, i) for i in range(n)}
        state: dict[int, Deployed] = _phase(emu, result, lambda i: driver.create(f"flow-{i}", initial[i]), range(n))
        result.created = len(state)
        audit = _audit(emu, prefix, state, initial)

        updated = {i: flow_inputs(ids, prefix, i, updated=True) for i in range(n)}

        def update(i: int) -> Deployed:
            diff = driver.diff(state[i], updated[i])
            if not diff.changes or diff.replaces:
                raise AssertionError(f"unexpected diff {diff}")
            return driver.update(state[i], updated[i])

        new_state = _phase(emu, result, update, sorted(state))
        result.updated = len(new_state)
        wanted = {i: (updated[i] if i in new_state else initial[i]) for i in state}
        state = {**state, **new_state}
        after_update = _audit(emu, prefix, state, wanted)
        for key, value in after_update.items():
            audit[key] = max(audit[key], value)

        gone = _phase(emu, result, lambda i: driver.delete(state[i]), sorted(state))
        result.deleted = len(gone)
        result.leftovers = len(_account(emu, prefix)) - (len(state) - len(gone))
    finally:
        result.seconds = time.monotonic() - started
        emu.clear_faults()
        emu.set_rate_limit(*DEFAULT_RATE)
    result.duplicates = audit["duplicates"]
    result.orphans = audit["orphans"]
    result.missing = audit["missing"]
    result.drifted = audit["drifted"]
    return result


def run_matrix(
    n: int, cells: Sequence[Cell] = CELLS, progress: Callable[[CellResult], None] | None = None
) -> list[CellResult]:
    results = []
    with matrix_env() as env:
        for cell in cells:
            result = run_cell(env, cell, n)
            results.append(result)
            if progress is not None:
                progress(result)
    return results


# ---- the companion resources: FlowClone, FlowRun, FlowConnectionReplacement ----------------------

FLOW_CLONE = "pulumi-python:dynamic/celigo:FlowClone"
FLOW_RUN = "pulumi-python:dynamic/celigo:FlowRun"
REPLACEMENT = "pulumi-python:dynamic/celigo:FlowConnectionReplacement"
#: Resources per cell for the companions in the docs run; half as many in the rate-limited cells
#: (see `companion_size`).
COMPANION_N = 30


@dataclass
class CompanionResult:
    """One cell of a companion resource: its operations, and the figures of its audit (each one 0
    when all is well), in the order of the report's columns."""

    resource: str
    cell: str
    n: int
    operations: int
    unit: str  # what API calls are counted per: "clone", "run", "replacement"
    succeeded: int = 0
    figures: dict[str, int] = field(default_factory=dict)
    api_calls: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    latency_ms: float = 0.0

    @property
    def calls_per_unit(self) -> float:
        return self.api_calls / self.n if self.n else 0.0

    @property
    def perfect(self) -> bool:
        return self.succeeded == self.operations and not any(self.figures.values())

    def faults_seen(self) -> str:
        return _faults_seen(self.outcomes, self.latency_ms)

    def worst(self, name: str, value: int) -> None:
        """Record a figure audited more than once (after create, after update): the worse value."""
        self.figures[name] = max(self.figures.get(name, 0), value)


def companion_size(cell: Cell, n: int) -> int:
    """Companion resources in a cell: half of n in the rate-limited cells, whose duration the limit
    sets (5 calls a second; a clone costs 11 calls without faults, nearly 20 with them)."""
    return max(1, n // 2) if cell.rate != DEFAULT_RATE else n


class _Api:
    """Unfaulted set-up straight through the API (before the cell's faults are switched on)."""

    def __init__(self, emu: EmulatorServer) -> None:
        self.base_url = emu.base_url
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {TOKEN}"

    def post(self, path: str, body: dict[str, Any]) -> str:
        response = self.session.post(f"{self.base_url}{path}", json=body, timeout=10)
        if response.status_code != 201:
            raise RuntimeError(f"set-up POST {path}: {response.status_code} {response.text[:300]}")
        return str(response.json()["_id"])

    def close(self) -> None:
        self.session.close()

    def flow(self, ids: dict[str, Any], name: str, export_id: str, import_id: str, **extra: Any) -> str:
        return self.post(
            "/flows",
            {
                "name": name,
                "_integrationId": ids["dev_integration"],
                "pageGenerators": [{"_exportId": export_id}],
                "pageProcessors": [{"type": "import", "_importId": import_id}],
                **extra,
            },
        )


def _fresh(emu: EmulatorServer) -> None:
    emu.clear_faults()
    emu.set_rate_limit(*DEFAULT_RATE)
    emu.reset_data()


@contextmanager
def _faults(emu: EmulatorServer, cell: Cell, result: CompanionResult, fault_seed: int) -> Iterator[None]:
    emu.set_faults(rules=[dict(r) for r in cell.rules], seed=fault_seed)
    emu.set_rate_limit(*cell.rate)
    started = time.monotonic()
    try:
        yield
    finally:
        result.seconds = time.monotonic() - started
        emu.clear_faults()
        emu.set_rate_limit(*DEFAULT_RATE)


def _latency(cell: Cell) -> float:
    return float(sum(r.get("latency_ms", 0) for r in cell.rules))


def _steps(doc: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The export and import ids of a flow of the simple shape the matrix makes (no routers)."""
    exports = [g["_exportId"] for g in doc.get("pageGenerators") or [] if g.get("_exportId")]
    exports += [p["_exportId"] for p in doc.get("pageProcessors") or [] if p.get("_exportId")]
    imports = [p["_importId"] for p in doc.get("pageProcessors") or [] if p.get("_importId")]
    return exports, imports


def clone_inputs(ids: dict[str, Any], source: str, prefix: str, i: int, renamed: bool = False) -> dict[str, Any]:
    """Clone i of a cell: source i promoted into the prod integration, on the prod connections."""
    return {
        "source_flow_id": source,
        "integration_id": ids["prod_integration"],
        "connection_map": {
            ids["dev_github_connection"]: ids["prod_github_connection"],
            ids["dev_slack_connection"]: ids["prod_slack_connection"],
        },
        "name": f"{prefix} {i}{' v2' if renamed else ''}",
        "schedule": "? 0 2 ? * *",
        "timezone": "America/Los_Angeles",
        "disabled": False,
    }


def run_clone_cell(env: MatrixEnv, cell: Cell, n: int, fault_seed: int = 1) -> CompanionResult:
    """Clone n source flows into prod (schedule and timezone set), rename each clone, destroy them all."""
    emu = env.emulator
    _fresh(emu)
    ids = emu.seed_ids
    prefix = f"clone {cell.name}"
    driver = ResourceDriver(env.plugin, FlowCloneProvider(), FLOW_CLONE)
    api = _Api(emu)
    sources = {
        i: api.flow(ids, f"source {cell.name} {i}", ids["github_events_export"], ids["slack_import"]) for i in range(n)
    }
    steps_before = {d["_id"] for c in ("exports", "imports") for d in emu.app.store.all(c)}
    prod = {ids["prod_github_connection"], ids["prod_slack_connection"]}
    api.close()
    result = CompanionResult("FlowClone", cell.name, n, 3 * n, "clone", latency_ms=_latency(cell))

    def audit(state: dict[int, Deployed], wanted: dict[int, dict[str, Any]]) -> None:
        by_source: dict[str, list[dict[str, Any]]] = {s: [] for s in sources.values()}
        for doc in emu.app.store.all("flows"):
            if doc.get("_sourceId") in by_source:
                by_source[doc["_sourceId"]].append(doc)
        account = {d["_id"]: d for docs in by_source.values() for d in docs}
        state_ids = {res.id for res in state.values()}
        drifted = 0
        for i, res in state.items():
            if res.id not in account:
                continue
            doc = account[res.id]
            exports, imports = _steps(doc)
            connections = {
                (emu.app.store.get(c, s) or {}).get("_connectionId")
                for c, some in (("exports", exports), ("imports", imports))
                for s in some
            }
            want = wanted[i]
            have = (doc.get("name"), doc.get("schedule"), doc.get("timezone"), bool(doc.get("disabled")))
            if have != (want["name"], want["schedule"], want["timezone"], False) or not connections <= prod:
                drifted += 1
        result.worst("duplicate clones", sum(max(0, len(docs) - 1) for docs in by_source.values()))
        result.worst("clones missing from state", len(set(account) - state_ids))
        result.worst("state's clones missing from the account", len(state_ids - set(account)))
        result.worst("drifted", drifted)

    with _faults(emu, cell, result, fault_seed):
        initial = {i: clone_inputs(ids, sources[i], prefix, i) for i in range(n)}
        state: dict[int, Deployed] = _phase(emu, result, lambda i: driver.create(f"clone-{i}", initial[i]), range(n))
        created = len(state)
        audit(state, initial)
        renamed = {i: clone_inputs(ids, sources[i], prefix, i, renamed=True) for i in range(n)}

        def rename(i: int) -> Deployed:
            diff = driver.diff(state[i], renamed[i])
            if not diff.changes or diff.replaces:
                raise AssertionError(f"unexpected diff {diff}")
            return driver.update(state[i], renamed[i])

        new_state = _phase(emu, result, rename, sorted(state))
        audit({**state, **new_state}, {i: renamed[i] if i in new_state else initial[i] for i in state})
        state = {**state, **new_state}
        gone = _phase(emu, result, lambda i: driver.delete(state[i]), sorted(state))
    result.succeeded = created + len(new_state) + len(gone)
    kept = {state[i].id for i in state if i not in gone}  # clones whose delete failed are not leftovers
    left = [d for d in emu.app.store.all("flows") if d.get("_sourceId") in set(sources.values())]
    result.figures["clones left after destroy"] = len([d for d in left if d["_id"] not in kept])
    kept_steps = {s for d in left if d["_id"] in kept for some in _steps(d) for s in some}
    orphans = {d["_id"] for c in ("exports", "imports") for d in emu.app.store.all(c)} - steps_before - kept_steps
    result.figures["orphaned exports/imports after destroy"] = len(orphans)
    return result


def run_run_cell(env: MatrixEnv, cell: Cell, n: int, fault_seed: int = 1) -> CompanionResult:
    """Run n enabled flows once each (wait=True), then destroy the runs (no API call)."""
    emu = env.emulator
    _fresh(emu)
    ids = emu.seed_ids
    driver = ResourceDriver(env.plugin, FlowRunProvider(), FLOW_RUN)
    api = _Api(emu)
    flows = {
        i: api.flow(ids, f"run {cell.name} {i}", ids["github_events_export"], ids["slack_import"], disabled=False)
        for i in range(n)
    }
    api.close()
    result = CompanionResult("FlowRun", cell.name, n, 2 * n, "run", latency_ms=_latency(cell))
    with _faults(emu, cell, result, fault_seed):
        runs: dict[int, Deployed] = _phase(
            emu, result, lambda i: driver.create(f"run-{i}", {"flow_id": flows[i], "wait": True}), range(n)
        )
        gone = _phase(emu, result, lambda i: driver.delete(runs[i]), sorted(runs))
    result.succeeded = len(runs) + len(gone)
    jobs = {i: emu.app.store.all("jobs", parent=flows[i]) for i in range(n)}
    result.figures["duplicate jobs"] = sum(max(0, len(js) - 1) for js in jobs.values())
    result.figures["runs without a job"] = sum(1 for js in jobs.values() if not js)
    result.figures["state's job not the flow's"] = sum(
        1 for i, res in runs.items() if res.id not in {j["_id"] for j in jobs[i]}
    )
    result.figures["runs not completed"] = sum(1 for res in runs.values() if res.outputs.get("status") != "completed")
    return result


def run_replacement_cell(env: MatrixEnv, cell: Cell, n: int, fault_seed: int = 1) -> CompanionResult:
    """Move n flows' Slack import from the dev to the prod connection, then destroy (restore) them all.

    Each flow has an export and an import of its own: a replacement rewrites the steps themselves,
    which are shared by every flow using them."""
    emu = env.emulator
    _fresh(emu)
    ids = emu.seed_ids
    dev_github, dev_slack, prod_slack = (
        ids[k] for k in ("dev_github_connection", "dev_slack_connection", "prod_slack_connection")
    )
    driver = ResourceDriver(env.plugin, FlowConnectionReplacementProvider(), REPLACEMENT)
    api = _Api(emu)
    steps: dict[int, tuple[str, str]] = {}
    flows: dict[int, str] = {}
    for i in range(n):
        export_id = api.post(
            "/exports",
            {
                "name": f"events {i}",
                "adaptorType": "HTTPExport",
                "_connectionId": dev_github,
                "http": {"relativeURI": "/repos/celigo/integrator/events", "method": "GET"},
            },
        )
        import_id = api.post(
            "/imports",
            {
                "name": f"to Slack {i}",
                "adaptorType": "HTTPImport",
                "_connectionId": dev_slack,
                "http": {"relativeURI": ["/chat.postMessage"], "method": ["POST"]},
            },
        )
        steps[i] = export_id, import_id
        flows[i] = api.flow(ids, f"swap {cell.name} {i}", export_id, import_id)
    api.close()
    result = CompanionResult("FlowConnectionReplacement", cell.name, n, 2 * n, "replacement", latency_ms=_latency(cell))

    def wrong(slack: str) -> int:
        """Steps not on the connection they should be on: the export always on GitHub (dev), the import on `slack`."""
        count = 0
        for export_id, import_id in steps.values():
            count += (emu.app.store.get("exports", export_id) or {}).get("_connectionId") != dev_github
            count += (emu.app.store.get("imports", import_id) or {}).get("_connectionId") != slack
        return count

    with _faults(emu, cell, result, fault_seed):
        inputs = {
            i: {"flow_id": flows[i], "connection_id": dev_slack, "new_connection_id": prod_slack} for i in range(n)
        }
        swaps: dict[int, Deployed] = _phase(emu, result, lambda i: driver.create(f"swap-{i}", inputs[i]), range(n))
        result.figures["steps on the wrong connection after create"] = wrong(prod_slack)
        result.figures["state not as the account"] = sum(
            1
            for i, res in swaps.items()
            if not res.outputs.get("in_effect")
            or res.outputs.get("replaced_import_ids") != [steps[i][1]]
            or res.outputs.get("replaced_export_ids")
        )
        gone = _phase(emu, result, lambda i: driver.delete(swaps[i]), sorted(swaps))
    result.succeeded = len(swaps) + len(gone)
    result.figures["steps on the wrong connection after destroy"] = wrong(dev_slack)
    return result


COMPANIONS: dict[str, Callable[[MatrixEnv, Cell, int], CompanionResult]] = {
    "FlowClone": run_clone_cell,
    "FlowRun": run_run_cell,
    "FlowConnectionReplacement": run_replacement_cell,
}


def run_companions(
    n: int,
    resources: Sequence[str] = tuple(COMPANIONS),
    cells: Sequence[Cell] = CELLS,
    progress: Callable[[CompanionResult], None] | None = None,
    env: MatrixEnv | None = None,
) -> list[CompanionResult]:
    """Every companion resource in `resources`, through every cell, with `companion_size(cell, n)`
    resources per cell."""
    if env is None:
        with matrix_env() as own:
            return run_companions(n, resources, cells, progress, own)
    results = []
    for resource in resources:
        for cell in cells:
            result = COMPANIONS[resource](env, cell, companion_size(cell, n))
            results.append(result)
            if progress is not None:
                progress(result)
    return results


# ---- the report ---------------------------------------------------------------------------------

COMMAND = "python -m tests.reliability.matrix --write docs/reliability.md"
#: Resources per cell in the test suite (tests/reliability/test_fault_matrix.py, test_companion_matrix.py).
TEST_N = 30
TEST_COMPANION_N = 8


def table(results: Sequence[CellResult]) -> str:
    head = (
        "| cell | operations succeeded | duplicates | orphans (account, not state) | missing (state, not account) "
        "| drifted | left after destroy | API calls per flow | faults the emulator injected | seconds |\n"
        "|---|---|---|---|---|---|---|---|---|---|\n"
    )
    rows = [
        f"| {r.cell} | {r.succeeded}/{r.operations} | {r.duplicates} | {r.orphans} | {r.missing} | {r.drifted} "
        f"| {r.leftovers} | {r.calls_per_flow:.2f} | {r.faults_seen()} | {r.seconds:.1f} |"
        for r in results
    ]
    return head + "\n".join(rows) + "\n"


def companion_table(results: Sequence[CompanionResult]) -> str:
    figures = list(results[0].figures)
    unit = results[0].unit
    head = (
        f"| cell | operations succeeded | {' | '.join(figures)} | API calls per {unit} "
        "| faults the emulator injected | seconds |\n" + "|---" * (len(figures) + 5) + "|\n"
    )
    rows = [
        f"| {r.cell} | {r.succeeded}/{r.operations} | {' | '.join(str(r.figures[f]) for f in figures)} "
        f"| {r.calls_per_unit:.2f} | {r.faults_seen()} | {r.seconds:.1f} |"
        for r in results
    ]
    return head + "\n".join(rows) + "\n"


def _errors(results: Sequence[CellResult | CompanionResult]) -> str:
    errors = [f"- {r.cell}: {e}" for r in results for e in r.errors[:5]]
    return "\n".join(["", "Errors (first 5 per cell):", "", *errors, ""]) if errors else ""


def _verdict(results: Sequence[CellResult | CompanionResult], goal: str) -> str:
    if all(r.perfect for r in results):
        return goal
    return "**Not every cell met the goal**: see the figures and the errors below."


#: Per companion: what a cell does, what its columns mean, and what makes it hold.
COMPANION_TEXT: dict[str, tuple[str, str, str, str]] = {
    "FlowClone": (
        """Each cell makes {n} source flows in the dev integration (straight through the API, before the
faults are switched on), then clones each one into the prod integration with a connection map (dev
GitHub and Slack connections to the prod ones) and a schedule and time zone, renames each clone
(update: 1 PATCH), and destroys them all. Without faults a clone costs 11 API calls: create =
`/descendants` of the source + 2 connection GETs (the map is verified before any write) + a listing
of the target integration's clones of the source + the clone POST + 1 PATCH (schedule, time zone,
enabled) + 1 GET; update = 1 PATCH; delete = DELETE of the flow, its import and its export.""",
        """- **duplicate clones**: clones of one source in the account beyond the first.
- **clones missing from state**: clones of the sources the account has and the state does not
  record (lost to Pulumi).
- **state's clones missing from the account**: the reverse.
- **drifted**: clones whose name, schedule, time zone, enabled flag or step connections (all must be
  the prod connections) differ from the program (after create and after the rename; the worse).
- **clones left after destroy**, **orphaned exports/imports after destroy**: clones of the sources,
  and exports and imports beyond the seed's and the sources' (the copies a clone makes), still in
  the account after every delete.""",
        "Every operation succeeded, with no duplicate clone, no clone lost or drifted and nothing left behind.",
        """What makes this hold (`provider/pulumi_celigo/providers/flow_clone.py`): the clone request
cannot carry a marker, so before the POST the create lists the target integration's clones of the
source (`_sourceId`); when the POST's outcome is unknown (503, dropped connection, lost response,
timeout) it lists them again and takes a new clone with the requested name as its own, and only
when there is none does it POST again (up to 5 attempts). After a *timeout* the server may still be
copying the flow, so it keeps looking for up to 10 minutes before cloning again. The PATCH, GETs and
DELETEs are idempotent and retried by the client; a DELETE retried after it was applied meets 404,
which is success. The clone's exports and imports are recorded in state (`export_ids`,
`import_ids`, from the clone's answer or, for a clone found by listing, from its `/descendants`),
so destroy removes them too. Limits: two programs cloning the same source into the same
integration under the same name at the same moment could take each other's clone; a clone that
lands more than 10 minutes after its POST timed out would be a second copy (no marker can tell
it apart).""",
    ),
    "FlowRun": (
        """Each cell makes {n} enabled flows (straight through the API, before the faults), then runs
each one once with `wait=True` (the create returns when the job is final), then destroys the runs
(no API call: a run cannot be undone). Without faults a run costs 4 API calls: GET
`/jobs?_flowId=...&type=flow&createdAt_gte=...` (the baseline), the run POST and 2 GETs of the job (the
emulator moves a job one step per read: running, then completed).""",
        """- **duplicate jobs**: jobs of one flow beyond the first (the flow was run more than once);
  counted from the emulator's store, since the API only shows a flow's newest job.
- **runs without a job**: flows that were never run.
- **state's job not the flow's**: runs whose state records a job id that is not a job of its flow.
- **runs not completed**: runs whose state does not say `completed`.""",
        "Every run succeeded, with exactly one job per run, the one the state records.",
        """What makes this hold (`provider/pulumi_celigo/providers/flow_run.py`): the run request cannot
carry a marker either, so the create lists the flow's recent runs (`GET /jobs?_flowId=...`) before the
POST. When the POST's outcome is unknown it lists them again: the first-created job not in the first
list is the one this run started, and is adopted (a scheduled run starting while it looks comes later
and is never taken); only when there is none is the POST tried again (`write_once`: 10 attempts, with
backoff). After a *timeout* the server may still be starting the run, so it keeps looking for as long as
the error's `settle` says before trying again (this matrix does not time out;
`tests/resources/test_flow_run_plugin.py` covers it). Polling the job is a GET, retried by the client.
Limit: a scheduled run created within the round trip before the POST, when the POST never landed, would
be taken for this one (the documented job shape does not mark scheduled runs).""",
    ),
    "FlowConnectionReplacement": (
        """Each cell makes {n} flows (straight through the API, before the faults), each with an export
(GitHub, dev) and an import (Slack, dev) of its own, since a replacement rewrites the steps
themselves and steps are shared by every flow using them. Each replacement moves its flow's Slack
step from the dev to the prod connection; destroy moves it back (`restore_on_delete` defaults to
true). Without faults a replacement costs 5 API calls: create = 2 connection GETs + `/descendants`
(checked before any write) + `PUT /flows/{{id}}/replaceConnection`; delete = the reverse PUT.""",
        """- **steps on the wrong connection after create**: the flows' exports not on the dev GitHub
  connection plus their imports not on the prod Slack connection, after every create.
- **state not as the account**: replacements whose state does not say `in_effect` with exactly the
  flow's import as the step moved.
- **steps on the wrong connection after destroy**: the same count, the imports now expected back on
  the dev Slack connection.""",
        "Every replacement and every restore succeeded, with every step on the connection it should use.",
        """What makes this hold (`provider/pulumi_celigo/providers/flow_connection_replacement.py`):
every write is `PUT /flows/{id}/replaceConnection`, which is idempotent (repeated after it was
applied, it finds no step on the old connection and changes nothing), so the client retries it like
any PUT: on 429, 502/503/504, dropped connections and lost responses. The create's outputs are
computed from the steps read before the PUT, not from its answer.""",
    ),
}


def _companion_section(resource: str, results: Sequence[CompanionResult], n: int) -> str:
    intro, columns, goal, holds = COMPANION_TEXT[resource]
    unit = results[0].unit
    return f"""## {resource}

{intro.format(n=n)} The two rate-limited cells make {n // 2}.

Columns (besides the cell, the operations that succeeded, the faults and the seconds):
{columns}
- **API calls per {unit}**: every request the emulator received during the cell's operations
  (retries, faulted requests and look-ups included; not the set-up), divided by the cell's count.

{companion_table(results)}
{_verdict(results, goal)}
{_errors(results)}
{holds}
"""


def render(
    results: Sequence[CellResult],
    n: int,
    companions: Sequence[CompanionResult] = (),
    companion_n: int = COMPANION_N,
) -> str:
    sections = []
    for resource in COMPANIONS:
        mine = [r for r in companions if r.resource == resource]
        if mine:
            sections.append(_companion_section(resource, mine, companion_n))
    flow_section = ""
    if results:
        flow_section = f"""## Flow

Each cell runs {n} flows: check + create each flow, then check + diff + update each one (even
flows: a patchable change, 1 PATCH; odd flows: a new lookup step, GET + PUT), then delete each one
(dependency check + DELETE).

Columns:
- **operations succeeded**: creates + updates + deletes that returned success, of 3 x {n}.
- **duplicates**: extra flows in the account for one resource (same create marker or same name).
- **orphans**: flows in the account that the state does not record (Pulumi lost them).
- **missing**: flows the state records that the account does not have.
- **drifted**: flows whose name, schedule, disabled flag or steps differ from what the state says.
- **left after destroy**: the cell's flows still in the account after every delete.
- **API calls per flow**: every request the emulator received during the cell (retries, faulted
  requests and the create marker look-ups included), divided by {n}. Without faults a flow costs
  1 POST + 1 PATCH (or GET + PUT) + 1 dependency check + 1 DELETE.

The account is audited from the emulator's store after the creates and after the updates (the
table shows the worse of the two), and after the destroy.

{table(results)}
{_verdict(results, "Every operation succeeded, with no duplicate, no orphan, no missing and no drifted flow.")}
{_errors(results)}
What makes this hold (see `provider/pulumi_celigo/client/_transport.py` and
`provider/pulumi_celigo/providers/flow.py`):
- GET, PUT, PATCH and DELETE are retried by urllib3 on 429 (honouring `Retry-After`), 502/503/504
  and dropped connections, with exponential backoff and jitter (10 retries). A PUT or PATCH applied
  twice is the same document; a DELETE retried after it was applied meets 404, which a delete
  treats as success.
- A POST is retried blindly only when it certainly was not applied (a refused connection, a 429).
  Otherwise (503, dropped connection, timeout) the create looks for the marker it wrote in
  `settings.pulumiCeligo.createToken` and takes the flow it finds; after a timeout it keeps looking
  for twice the read timeout, since the server may still be applying the POST. Only then does it
  POST again (up to 10 attempts, with backoff), and any second copy carrying its marker is deleted.
"""
    return f"""# Reliability under faults: Flow, FlowClone, FlowRun, FlowConnectionReplacement

Regenerate this page (about 7 minutes on 2 cores; the rate-limited cells dominate) with:

    {COMMAND}

(`scripts/reliability` does the same from a fresh checkout, creating `.venv` first.) The test suite
runs the same matrix with {TEST_N} flows per cell (`tests/reliability/test_fault_matrix.py`) and
{TEST_COMPANION_N} of each companion resource per cell (`tests/reliability/test_companion_matrix.py`;
half as many in the rate-limited cells).

Every cell drives the resources through the real plugin server (`python -m pulumi.dynamic`, driven
over gRPC as the Pulumi engine drives it, {PARALLEL} operations in flight) against the integrator.io
emulator with fault injection. The cells: no faults; 20% of requests answered 503; 10% of
connections dropped without an answer; 5% of writes applied, then the connection closed without an
answer (lost responses apply to POST, PUT, PATCH and DELETE only); a 429 storm (a rate limit of 20
requests of burst, refilled at 5 a second); 200 ms of latency on every request; and all of these at
once. Faults apply to every route and method of the API; rates are per request, so a retried
request rolls the dice again. The account is audited from the emulator's store, so the audit
neither spends rate-limit tokens nor meets faults.

{flow_section}
{chr(10).join(sections)}
## The other reliability suites

`tests/reliability/`, run by `scripts/test`: ambiguous writes (creates whose answer was lost,
dropped, refused with 503 or timed out while the server was still applying them; PUT, PATCH and
DELETE repeated after they were applied), secrets (the API token, from stack config or from
`CELIGO_API_TOKEN`, is in no state file, provider blob, output, log, exception or printed text;
template ZIPs carry no connection credentials), authentication (a wrong token is one request and
one error saying what to check; a read-only token's 403 names the operation), malformed input
(refused at check naming the field, with no API call; dangling ids refused at create with the API's
message in the program's names), and a hypothesis state machine mixing creates, updates, refreshes,
deletes and another client's edits and deletes under faults. `tests/resources/` covers each
companion's unanswered writes one at a time (a clone or run POST lost, dropped or timed out).
"""


RESOURCES = ("Flow", *COMPANIONS)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-n", type=int, default=FULL_N, help=f"flows per cell (default {FULL_N})")
    parser.add_argument(
        "--companion-n",
        type=int,
        default=COMPANION_N,
        help=f"clones, runs and replacements per cell, halved in the rate-limited cells (default {COMPANION_N})",
    )
    parser.add_argument("--cell", action="append", help="run only this cell (repeatable)")
    parser.add_argument("--resource", action="append", choices=RESOURCES, help="run only this resource (repeatable)")
    parser.add_argument("--write", type=Path, help="write the report (Markdown) to this file")
    args = parser.parse_args(argv)
    cells = [cell_named(c) for c in args.cell] if args.cell else list(CELLS)
    resources = args.resource or list(RESOURCES)

    def progress(r: CellResult) -> None:
        print(
            f"Flow, {r.cell}: {r.succeeded}/{r.operations} ok, dup {r.duplicates}, orphans {r.orphans}, "
            f"missing {r.missing}, drifted {r.drifted}, leftovers {r.leftovers}, "
            f"{r.calls_per_flow:.2f} calls/flow, {r.seconds:.1f}s",
            file=sys.stderr,
            flush=True,
        )

    def companion_progress(r: CompanionResult) -> None:
        figures = ", ".join(f"{k} {v}" for k, v in r.figures.items())
        print(
            f"{r.resource}, {r.cell}: {r.succeeded}/{r.operations} ok, {figures}, "
            f"{r.calls_per_unit:.2f} calls/{r.unit}, {r.seconds:.1f}s",
            file=sys.stderr,
            flush=True,
        )

    companions = [r for r in resources if r in COMPANIONS]
    with matrix_env() as env:
        results: list[CellResult] = []
        for cell in cells if "Flow" in resources else ():
            results.append(run_cell(env, cell, args.n))
            progress(results[-1])
        companion_results = run_companions(args.companion_n, companions, cells, companion_progress, env)
    report = render(results, args.n, companion_results, args.companion_n)
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(report, encoding="utf-8")
        print(f"wrote {args.write}", file=sys.stderr)
    else:
        print(report)
    perfect = all(r.perfect for r in results) and all(r.perfect for r in companion_results)
    return 0 if perfect else 1


if __name__ == "__main__":
    sys.exit(main())
