"""How long `pulumi-celigo generate` takes on a large account, and how many API calls it makes.

    .venv/bin/python bench/generate.py              # 1,000 flows, 100 exports and imports, 10 connections
    .venv/bin/python bench/generate.py --flows 2500 # 3 pages of flows (the API's pages hold 1,000)

The emulator runs in its own process (loopback, no rate limit); the account is built through its API,
then the request log is cleared and `generate` runs in this process. Lists carry whole documents, so the
calls are one list per collection (all pages) plus one GET per script used (a list leaves `content` out).
The LAST line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import TOKEN, Emulator, say  # noqa: E402 - bench/ is not a package


def build(base_url: str, flows: int) -> str:
    """An integration of `flows` flows, each with an export and an import; every fifth import's hook
    uses one of 20 scripts. Returns the integration's id."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {TOKEN}"

    def post(collection: str, body: dict[str, object]) -> str:
        response = session.post(f"{base_url}/{collection}", json=body, timeout=30)
        response.raise_for_status()
        return str(response.json()["_id"])

    integration = post("integrations", {"name": "Bench", "flowGroupings": [{"name": "All"}]})
    connections = [
        post(
            "connections",
            {
                "name": f"API {i}",
                "type": "http",
                "http": {"baseURI": f"https://api{i}.example.com", "auth": {"type": "token", "token": {"token": "t"}}},
            },
        )
        for i in range(10)
    ]
    scripts = [
        post("scripts", {"name": f"Hooks {i}", "content": f"function preMap{i}(o) {{ return o.data }}\n"})
        for i in range(20)
    ]
    n_steps = max(1, flows // 10)
    exports = [
        post(
            "exports",
            {
                "name": f"Source {i}",
                "adaptorType": "HTTPExport",
                "_connectionId": connections[i % 10],
                "http": {"relativeURI": f"/items/{i}", "method": "GET"},
            },
        )
        for i in range(n_steps)
    ]
    imports = [
        post(
            "imports",
            {
                "name": f"Destination {i}",
                "adaptorType": "HTTPImport",
                "_connectionId": connections[i % 10],
                "http": {"relativeURI": [f"/items/{i}"], "method": ["POST"]},
                **({"hooks": {"preMap": {"function": "preMap", "_scriptId": scripts[i % 20]}}} if i % 5 == 0 else {}),
            },
        )
        for i in range(n_steps)
    ]
    for i in range(flows):
        post(
            "flows",
            {
                "name": f"Flow {i}",
                "_integrationId": integration,
                "schedule": "? 0 2 ? * *",
                "pageGenerators": [{"_exportId": exports[i % n_steps]}],
                "pageProcessors": [{"type": "import", "_importId": imports[i % n_steps]}],
            },
        )
    return integration


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--flows", type=int, default=1000)
    args = parser.parse_args()

    from pulumi_celigo.cli import main as cli
    from pulumi_celigo.emulator import admin_request

    emulator = Emulator(in_process=False, profile_out=None).start()
    try:
        say(f"building an account of {args.flows} flows...")
        integration = build(emulator.base_url, args.flows)
        admin_request(emulator.root, "POST", "/reset")
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            flags = ["--integration", integration, "--out", out, "--base-url", emulator.base_url, "--api-token", TOKEN]
            code = cli(["generate", *flags])
            seconds = time.perf_counter() - started
            lines = (Path(out) / "__main__.py").read_text().count("\n")
        assert code == 0, "generate failed"
        calls = emulator.counts()
    finally:
        emulator.stop()
    writes = {k: v for k, v in calls.items() if not k.startswith("GET ")}
    result = {
        "flows": args.flows,
        "seconds": round(seconds, 2),
        "api_calls": sum(calls.values()),
        "calls": calls,
        "writes": writes,
        "program_lines": lines,
    }
    say(f"generate: {args.flows} flows in {seconds:.2f} s, {sum(calls.values())} API calls, {len(writes)} writes")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
