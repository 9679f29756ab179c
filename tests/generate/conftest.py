"""An estate built by hand (through the emulator's API, as the UI would) for `pulumi-celigo generate`: the
seed page's two sample flows, a flow with a router and branches, a webhook export, an import with
mappings and lookups, a script hook, the seed's connections with credentials, and run-next links
between flows (one forward, and a cycle)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pulumi_celigo.cli import main
from pulumi_celigo.emulator import EmulatorServer

from tests.conftest import TOKEN, raw
from tests.e2e.conftest import engine, pulumi_bin  # the real engine's fixtures

__all__ = ["Estate", "engine", "generate", "pulumi_bin"]


def made(emu: EmulatorServer, collection: str, body: dict[str, Any]) -> str:
    response = raw(emu, "POST", f"/{collection}", body)
    assert response.status_code == 201, response.text
    return str(response.json()["_id"])


def linked(emu: EmulatorServer, flow_id: str, next_ids: list[str]) -> None:
    flow = raw(emu, "GET", f"/flows/{flow_id}").json()
    response = raw(emu, "PUT", f"/flows/{flow_id}", {**flow, "_runNextFlowIds": next_ids})
    assert response.status_code == 200, response.text


@dataclass
class Estate:
    emulator: EmulatorServer
    integration: str
    flows: dict[str, str]
    script: str
    webhook: str
    lookup_import: str


def build_estate(emu: EmulatorServer) -> Estate:
    ids = emu.seed_ids
    integration = ids["dev_integration"]
    script = made(
        emu,
        "scripts",
        {"name": "Order hooks", "content": "function preMap(options) {\n  return options.data;\n}\n"},
    )
    webhook = made(
        emu,
        "exports",
        {
            "name": "Shop order webhook",
            "adaptorType": "WebhookExport",
            "type": "webhook",
            "webhook": {"provider": "custom", "verify": "token", "path": "orders"},
            "_integrationId": integration,
        },
    )
    lookup_import = made(
        emu,
        "imports",
        {
            "name": "Orders to Slack",
            "adaptorType": "HTTPImport",
            "_connectionId": ids["dev_slack_connection"],
            "_integrationId": integration,
            "http": {"relativeURI": ["/chat.postMessage"], "method": ["POST"]},
            "mapping": {
                "fields": [
                    {"extract": "id", "generate": "orderId"},
                    {"extract": "status", "generate": "state", "lookupName": "statuses"},
                ],
                "lists": [{"generate": "lines", "fields": [{"extract": "sku", "generate": "item"}]}],
            },
            "lookups": [{"name": "statuses", "map": {"paid": "PAID", "open": "OPEN"}, "default": "UNKNOWN"}],
            "hooks": {"preMap": {"function": "preMap", "_scriptId": script}},
        },
    )
    grouping = ids["dev_flow_grouping"]
    flows: dict[str, str] = {}
    flows["github"] = made(
        emu,
        "flows",
        {
            "name": "Send GitHub Events to Slack",
            "_integrationId": integration,
            "_flowGroupingId": grouping,
            "schedule": "? 0 2 ? * *",
            "timezone": "Europe/Berlin",
            "pageGenerators": [{"_exportId": ids["github_events_export"]}],
            "pageProcessors": [{"type": "import", "_importId": ids["slack_import"]}],
        },
    )
    lookups = ids["usage_lookup_exports"]
    flows["usage"] = made(
        emu,
        "flows",
        {
            "name": "Update Usage Stats for all Trialers",
            "_integrationId": integration,
            "_flowGroupingId": ids["dev_reports_flow_grouping"],
            "pageGenerators": [{"_exportId": e} for e in ids["usage_pg_exports"]],
            "pageProcessors": [
                *(
                    {
                        "type": "export",
                        "_exportId": e,
                        "responseMapping": {"fields": [{"extract": "count", "generate": f}]},
                    }
                    for e, f in zip(lookups, ("numConnections", "lastSignIn"), strict=False)
                ),
                {"type": "import", "_importId": ids["usage_imports"][0]},
                {"type": "import", "_importId": ids["usage_imports"][1], "proceedOnFailure": True},
            ],
        },
    )
    flows["router"] = made(
        emu,
        "flows",
        {
            "name": "Route shop orders",
            "_integrationId": integration,
            "pageGenerators": [{"_exportId": webhook}],
            "routers": [
                {
                    "id": "r1",
                    "name": "By status",
                    "routeRecordsTo": "first_matching_branch",
                    "routeRecordsUsing": "input_filters",
                    "branches": [
                        {
                            "name": "Paid",
                            "inputFilter": {"type": "expression", "expression": {"rules": ["equals", "paid"]}},
                            "pageProcessors": [
                                {
                                    "type": "import",
                                    "_importId": lookup_import,
                                    "hooks": {"postResponseMap": {"function": "preMap", "_scriptId": script}},
                                }
                            ],
                        },
                        {"name": "Other", "pageProcessors": [{"type": "import", "_importId": ids["slack_import"]}]},
                    ],
                }
            ],
        },
    )
    # Run-next links: "Route shop orders" runs the GitHub flow (defined before it in name order: a
    # forward link), and the usage flow and a "Nightly cleanup" flow run each other (a cycle).
    flows["cleanup"] = made(
        emu,
        "flows",
        {
            "name": "Nightly cleanup",
            "_integrationId": integration,
            "disabled": True,
            "pageGenerators": [{"_exportId": ids["usage_pg_exports"][0]}],
            "pageProcessors": [{"type": "import", "_importId": ids["usage_imports"][1]}],
        },
    )
    linked(emu, flows["router"], [flows["github"]])
    linked(emu, flows["usage"], [flows["cleanup"]])
    linked(emu, flows["cleanup"], [flows["usage"]])
    return Estate(emu, integration, flows, script, webhook, lookup_import)


@pytest.fixture
def estate(emulator: EmulatorServer) -> Estate:
    return build_estate(emulator)


def generate(emu: EmulatorServer, out: Path, *args: str) -> dict[str, bytes]:
    """Run `pulumi-celigo generate` against the emulator into `out`; every file it wrote, by path."""
    code = main(["generate", *args, "--out", str(out), "--base-url", emu.base_url, "--api-token", TOKEN])
    assert code == 0
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture
def out_dir(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "generated"
