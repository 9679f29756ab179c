"""The provider's own cost per operation: what a create or a refresh of a flow costs beyond

* a null dynamic provider whose operations return outputs of the same size, through the same plugin
  server (the gRPC round trip and the SDK's servicer: what any dynamic provider pays), and
* the same HTTP requests sent bare (`requests`, one keep-alive session per thread),

with 4 operations in flight, as the engine sends them. `provider_ms_per_op` = provider - null - bare,
per operation, so what is left is our own Python: models, diff, validation, the client.

    .venv/bin/python bench/provider_cost.py --n 500

The LAST line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _null_provider import NullProvider  # noqa: E402 - bench/ is not a package
from pulumi.runtime.proto import provider_pb2  # noqa: E402
from pulumi_celigo.testing import PluginServer, provider_blob, urn  # noqa: E402
from pulumi_celigo.testing.plugin import from_struct, to_struct  # noqa: E402
from run import (  # noqa: E402
    FLOW,
    REPO,
    TOKEN,
    Bench,
    Emulator,
    Res,
    flow_inputs,
    run_parallel,
    say,
)

#: Runs of each leg; the median is kept (the machine is shared: medians are steadier than means).
ROUNDS = 3


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def measure(n: int) -> dict[str, Any]:
    emulator = Emulator(in_process=False, profile_out=None).start()
    env = {"PYTHONPATH": os.pathsep.join([str(HERE), str(REPO)]), "CELIGO_API_TOKEN": "", "CELIGO_BASE_URL": ""}
    try:
        with PluginServer(project="bench", cwd=REPO, env=env) as plugin:
            # The emulator is unlimited here: so is the client's pacing (its own cost is in the figure).
            config = {"celigo:apiToken": TOKEN, "celigo:baseUrl": emulator.base_url}
            config.update({"celigo:rateLimitBurst": "1000000", "celigo:rateLimitPerSecond": "1000000"})
            plugin.configure(config, secret_keys=["celigo:apiToken"])
            bench = Bench(plugin, emulator)
            # The one token check of the process, before anything is timed.
            check = provider_pb2.ReadRequest(
                id="0" * 24, urn=urn(FLOW, "t", "bench", "perf"), properties=to_struct(bench.props({"name": "t"}))
            )
            bench.call("Read", check)
            return _measure(bench, emulator, n)
    finally:
        emulator.stop()


def _round(bench: Bench, emulator: Emulator, n: int, tag: str) -> tuple[dict[str, dict[str, float]], float]:
    """One round: the wall time of each leg of create and read, and the API calls per create."""
    ids = emulator.seed_ids
    out: dict[str, dict[str, float]] = {"create": {}, "read": {}}
    resources = [Res(f"{tag}-{i}", urn(FLOW, f"{tag}-{i}", "bench", "perf"), {}) for i in range(n)]
    # As the generated resource class sends them: with the identity that makes creates idempotent.
    desired = [
        {**flow_inputs(ids, i, tag), "__identity": f"bench/perf//celigo:Flow/{r.name}"} for i, r in enumerate(resources)
    ]
    _timed, checked = bench.check_all(resources, desired)

    # create: the provider, then the null provider with the same inputs returning outputs of the same
    # size, then the same requests bare (as the emulator's log shows the provider sent them).
    emulator.reset_counts()
    creates = [
        provider_pb2.CreateRequest(urn=r.urn, properties=to_struct(c)) for r, c in zip(resources, checked, strict=True)
    ]
    timed, responses = run_parallel([partial(bench.call, "Create", q) for q in creates])
    calls = emulator.counts()
    outputs = [from_struct(r.properties) for r in responses]
    flow_ids = [str(r.id) for r in responses]
    out["create"]["provider"] = timed.wall_s

    null_blob = provider_blob(NullProvider({k: v for k, v in outputs[0].items() if k not in checked[0]}))
    null_creates = [
        provider_pb2.CreateRequest(urn=r.urn, properties=to_struct({**c, "__provider": null_blob}))
        for r, c in zip(resources, checked, strict=True)
    ]
    timed, _ = run_parallel([partial(bench.call, "Create", q) for q in null_creates])
    out["create"]["null"] = timed.wall_s

    document = {k: v for k, v in bench.bare("GET", f"/flows/{flow_ids[0]}").items() if not k.startswith(("_id", "c"))}
    lists = calls.get("GET /v1/flows", 0) // n  # the marker lookup, per create
    bare_ids: list[str] = []

    def bare_create(i: int) -> None:
        for _ in range(lists):
            bench.bare("GET", f"/flows?_integrationId={ids['dev_integration']}&include=settings")
        bare_ids.append(bench.bare("POST", "/flows", {**document, "name": f"bare {tag} {i}"})["_id"])

    timed, _ = run_parallel([partial(bare_create, i) for i in range(n)])
    out["create"]["bare"] = timed.wall_s

    # read (refresh): one GET each.
    reads = [
        provider_pb2.ReadRequest(id=i, urn=r.urn, properties=to_struct(o))
        for i, r, o in zip(flow_ids, resources, outputs, strict=True)
    ]
    timed, _ = run_parallel([partial(bench.call, "Read", q) for q in reads])
    out["read"]["provider"] = timed.wall_s
    null_reads = [
        provider_pb2.ReadRequest(id=i, urn=r.urn, properties=to_struct({**o, "__provider": null_blob}))
        for i, r, o in zip(flow_ids, resources, outputs, strict=True)
    ]
    timed, _ = run_parallel([partial(bench.call, "Read", q) for q in null_reads])
    out["read"]["null"] = timed.wall_s
    timed, _ = run_parallel([partial(bench.bare, "GET", f"/flows/{i}") for i in flow_ids])
    out["read"]["bare"] = timed.wall_s

    run_parallel([partial(bench.bare, "DELETE", f"/flows/{i}") for i in [*flow_ids, *bare_ids]])
    return out, sum(calls.values()) / n


def _measure(bench: Bench, emulator: Emulator, n: int) -> dict[str, Any]:
    rounds = []
    for index in range(ROUNDS):
        legs, calls_per_create = _round(bench, emulator, n, f"cost{index}")
        rounds.append(legs)
        say(f"round {index + 1}/{ROUNDS}: {json.dumps(legs)}")
    per_op = {
        op: {leg: round(1e3 * _median([r[op][leg] for r in rounds]) / n, 3) for leg in rounds[0][op]}
        for op in rounds[0]
    }
    return {
        "n": n,
        "in_flight": 4,
        "ms_per_op": per_op,
        "api_calls_per_create": round(calls_per_create, 3),
        "provider_ms_per_op": {op: round(v["provider"] - v["null"] - v["bare"], 3) for op, v in per_op.items()},
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=500)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.n), separators=(",", ":")), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
