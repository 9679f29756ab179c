"""The fault matrix: deploy, update and destroy N flows through the real plugin server while the
emulator injects one kind of fault (or all of them), then count what went wrong.

Used by `tests/reliability/test_fault_matrix.py` (small N) and by the command that regenerates
`docs/reliability.md` with the figures of a full run:

    python -m tests.reliability.matrix --write docs/reliability.md      # N=100 per cell (scripts/reliability)
    python -m tests.reliability.matrix -n 10 --cell "503s 20%"          # a quick look, printed

Per cell: the operations that succeeded (create, update, delete), duplicate flows in the account,
flows in the account that the state does not know ("orphans", i.e. lost to Pulumi), flows in the
state that the account does not have ("missing"), flows whose managed fields differ from the
state, leftovers after destroy, and API calls per flow (every request the emulator received,
retries and faulted ones included). The account is read from the emulator's store directly, so
the audit neither spends rate-limit tokens nor meets faults.
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

from pulumi_celigo.emulator import EmulatorServer, running_emulator
from pulumi_celigo.providers.flow import FlowProvider
from pulumi_celigo.testing import PluginServer

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
        keys = (("503", "503"), ("dropped", "dropped"), ("lost_response", "lost"), ("429", "429"))
        parts = [f"{label} {self.outcomes[key]}" for key, label in keys if self.outcomes[key]]
        if self.latency_ms:
            parts.append(f"+{self.latency_ms:g} ms on every request")
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
    emu: EmulatorServer, result: CellResult, work: Callable[[int], Any], indexes: Sequence[int]
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


# ---- the report ---------------------------------------------------------------------------------

COMMAND = "python -m tests.reliability.matrix --write docs/reliability.md"


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


def render(results: Sequence[CellResult], n: int) -> str:
    perfect = all(r.perfect for r in results)
    errors = [f"- {r.cell}: {e}" for r in results for e in r.errors[:5]]
    verdict = (
        "Every operation succeeded, with no duplicate, no orphan, no missing and no drifted flow."
        if perfect
        else "**Not every cell met the goal**: see the figures and the errors below."
    )
    return f"""# Reliability of the Flow resource under faults

Regenerate this page (about 4 minutes on 2 cores; the rate-limited cells dominate) with:

    {COMMAND}

(`scripts/reliability` does the same from a fresh checkout, creating `.venv` first.) The test suite
runs the same matrix with 30 flows per cell (`tests/reliability/test_fault_matrix.py`).

Each cell runs {n} flows through the real plugin server (`python -m pulumi.dynamic`, driven over
gRPC as the Pulumi engine drives it, {PARALLEL} operations in flight) against the integrator.io
emulator with fault injection: check + create each flow, then check + diff + update each one (even
flows: a patchable change, 1 PATCH; odd flows: a new lookup step, GET + PUT), then delete each one
(dependency check + DELETE). Faults apply to every route and method of the API; rates are per
request, so a retried request rolls the dice again. Lost responses apply to writes only: the
emulator applies the write, then closes the connection without answering.

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
{verdict}
{chr(10).join(["", "Errors (first 5 per cell):", "", *errors, ""]) if errors else ""}
The other reliability suites (`tests/reliability/`, run by `scripts/test`): ambiguous writes
(creates whose answer was lost, dropped, refused with 503 or timed out while the server was still
applying them; PUT, PATCH and DELETE repeated after they were applied), secrets (the API token, from
stack config or from `CELIGO_API_TOKEN`, is in no state file, provider blob, output, log, exception
or printed text; template ZIPs carry no connection credentials), authentication (a wrong token is
one request and one error saying what to check; a read-only token's 403 names the operation),
malformed input (refused at check naming the field, with no API call; dangling ids refused at
create with the API's message in the program's names), and a hypothesis state machine mixing
creates, updates, refreshes, deletes and another client's edits and deletes under faults.

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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-n", type=int, default=FULL_N, help=f"flows per cell (default {FULL_N})")
    parser.add_argument("--cell", action="append", help="run only this cell (repeatable)")
    parser.add_argument("--write", type=Path, help="write the report (Markdown) to this file")
    args = parser.parse_args(argv)
    cells = [cell_named(c) for c in args.cell] if args.cell else list(CELLS)

    def progress(r: CellResult) -> None:
        print(
            f"{r.cell}: {r.succeeded}/{r.operations} ok, dup {r.duplicates}, orphans {r.orphans}, "
            f"missing {r.missing}, drifted {r.drifted}, leftovers {r.leftovers}, "
            f"{r.calls_per_flow:.2f} calls/flow, {r.seconds:.1f}s",
            file=sys.stderr,
            flush=True,
        )

    results = run_matrix(args.n, cells, progress)
    report = render(results, args.n)
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(report, encoding="utf-8")
        print(f"wrote {args.write}", file=sys.stderr)
    else:
        print(report)
    return 0 if all(r.perfect for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
