"""A property, on the real engine: for random small accounts (connections with credentials, exports,
imports, a script hook, flows with schedules and run-next links that may form cycles, names that
collide once slugified), generate -> `pulumi up` makes zero writes, and the preview after it is empty.

Each example is a fresh emulator and a fresh stack; the engine makes an example cost seconds, so the
example count is small (the fixed estate of test_generate_engine.py covers routers, webhooks, lookups)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pulumi_celigo.emulator import EmulatorServer, running_emulator

from tests.conftest import TOKEN, raw
from tests.e2e.engine import Engine, account, writes
from tests.generate.conftest import generate, made

NAMES = st.sampled_from(["Orders", "orders", "Ördérs!", "Sync 2", "2 sync", "a/b"])
SCHEDULES = st.sampled_from([None, "? 0 2 ? * *", "? */15 * ? * *"])


@st.composite
def accounts(draw: st.DrawFn) -> dict[str, Any]:
    connections = draw(st.lists(NAMES, min_size=1, max_size=3))
    n_exports = draw(st.integers(1, 3))
    n_imports = draw(st.integers(1, 3))
    flows = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "name": NAMES,
                    "schedule": SCHEDULES,
                    "disabled": st.booleans(),
                    "export": st.integers(0, n_exports - 1),
                    "imports": st.lists(st.integers(0, n_imports - 1), min_size=1, max_size=2),
                }
            ),
            min_size=1,
            max_size=4,
        )
    )
    links = draw(st.lists(st.tuples(st.integers(0, len(flows) - 1), st.integers(0, len(flows) - 1)), max_size=4))
    return {
        "connections": connections,
        "exports": [(draw(NAMES), draw(st.integers(0, len(connections) - 1))) for _ in range(n_exports)],
        "imports": [(draw(NAMES), draw(st.integers(0, len(connections) - 1))) for _ in range(n_imports)],
        "hooked": draw(st.booleans()),
        "flows": flows,
        "links": [(a, b) for a, b in links if a != b],
    }


def build(emu: EmulatorServer, spec: dict[str, Any]) -> str:
    integration = made(emu, "integrations", {"name": "Random", "flowGroupings": [{"name": "Main"}]})
    connections = [
        made(
            emu,
            "connections",
            {
                "name": name,
                "type": "http",
                "http": {
                    "baseURI": f"https://api{i}.example.com",
                    "auth": {"type": "basic", "basic": {"username": f"user{i}", "password": f"secret-{i}"}},
                },
            },
        )
        for i, name in enumerate(spec["connections"])
    ]
    script = made(emu, "scripts", {"name": "Hooks", "content": "function preMap(o) { return o.data }\n"})
    exports = [
        made(
            emu,
            "exports",
            {
                "name": name,
                "adaptorType": "HTTPExport",
                "_connectionId": connections[c],
                "http": {"relativeURI": f"/items/{i}", "method": "GET"},
            },
        )
        for i, (name, c) in enumerate(spec["exports"])
    ]
    imports = [
        made(
            emu,
            "imports",
            {
                "name": name,
                "adaptorType": "HTTPImport",
                "_connectionId": connections[c],
                "http": {"relativeURI": [f"/items/{i}"], "method": ["POST"]},
                **({"hooks": {"preMap": {"function": "preMap", "_scriptId": script}}} if spec["hooked"] else {}),
            },
        )
        for i, (name, c) in enumerate(spec["imports"])
    ]
    flows = [
        made(
            emu,
            "flows",
            {
                "name": flow["name"],
                "_integrationId": integration,
                "disabled": flow["disabled"],
                **({"schedule": flow["schedule"]} if flow["schedule"] else {}),
                "pageGenerators": [{"_exportId": exports[flow["export"]]}],
                "pageProcessors": [{"type": "import", "_importId": imports[i]} for i in flow["imports"]],
            },
        )
        for flow in spec["flows"]
    ]
    for a in sorted({a for a, _ in spec["links"]}):
        body = raw(emu, "GET", f"/flows/{flows[a]}").json()
        body["_runNextFlowIds"] = sorted({flows[b] for x, b in spec["links"] if x == a})
        assert raw(emu, "PUT", f"/flows/{flows[a]}", body).status_code == 200
    return integration


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=accounts())
def test_random_accounts_are_adopted_with_zero_writes_and_an_empty_preview(
    pulumi_bin: Path, spec: dict[str, Any]
) -> None:
    with tempfile.TemporaryDirectory() as tmp, running_emulator(token=TOKEN, seed="empty") as emu:
        integration = build(emu, spec)
        before = account(emu)
        generate(emu, Path(tmp) / "gen", "--integration", integration)
        engine = Engine(bin=pulumi_bin, root=Path(tmp), emulator=emu)
        stack = engine.stack(engine.program("adopted", source=Path(tmp) / "gen"))
        emu.reset_request_counts()
        stack.auto.up()
        assert writes(emu.request_counts()) == {}
        assert account(emu) == before
        stack.auto.preview(expect_no_changes=True)
