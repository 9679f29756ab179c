"""Faults on every write and read of the document resources (Integration, Script, Export, Import), through
the real plugin server: a POST whose answer is lost, dropped or refused with a 503 leaves exactly one
document; a 503 or a dropped connection on any other call is retried by the transport and the operation
succeeds, its effect applied once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from pulumi.dynamic import ResourceProvider
from pulumi_celigo.providers.export import ExportProvider
from pulumi_celigo.providers.import_ import ImportProvider
from pulumi_celigo.providers.integration import IntegrationProvider
from pulumi_celigo.providers.script import ScriptProvider

from tests.conftest import Live, listed, raw
from tests.reliability.conftest import first_only
from tests.resources.driver import ResourceDriver


@dataclass(frozen=True)
class Kind:
    provider: Callable[[], ResourceProvider]
    type_name: str
    collection: str
    #: The program's inputs, given the seed's ids and a name.
    inputs: Callable[[dict[str, Any], str], dict[str, Any]]

    def driver(self, live: Live) -> ResourceDriver:
        return ResourceDriver(live.plugin, self.provider(), f"pulumi-python:dynamic/celigo:{self.type_name}")

    def named(self, live: Live, name: str) -> list[str]:
        return [doc["_id"] for doc in listed(live, self.collection) if doc["name"] == name]


KINDS = {
    "integration": Kind(
        IntegrationProvider,
        "Integration",
        "integrations",
        lambda ids, name: {"name": name, "flow_groupings": [{"name": "Orders"}]},
    ),
    "script": Kind(ScriptProvider, "Script", "scripts", lambda ids, name: {"name": name, "content": "function a() {}"}),
    "export": Kind(
        ExportProvider,
        "Export",
        "exports",
        lambda ids, name: {
            "name": name,
            "adaptor_type": "HTTPExport",
            "connection_id": ids["dev_github_connection"],
            "http": {"relative_uri": "/orders", "method": "GET"},
        },
    ),
    "import": Kind(
        ImportProvider,
        "Import",
        "imports",
        lambda ids, name: {
            "name": name,
            "adaptor_type": "HTTPImport",
            "connection_id": ids["dev_slack_connection"],
            "mapping": {"fields": [{"extract": "id", "generate": "externalId"}]},
        },
    ),
}


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize(
    ("fault", "outcome"),
    [("lost_response_rate", "lost_response"), ("drop_rate", "dropped"), ("fail_rate", "503")],
    ids=["committed-then-dropped", "dropped-before-applied", "503"],
)
def test_an_unanswered_create_yields_exactly_one_document(live: Live, kind: str, fault: str, outcome: str) -> None:
    spec = KINDS[kind]
    route = f"/v1/{spec.collection}"
    rules, seed = first_only("POST", route, fault)
    live.emulator.set_faults(rules=rules, seed=seed)
    name = f"Exactly once ({fault})"
    res = spec.driver(live).create("it", spec.inputs(live.ids, name))
    live.emulator.clear_faults()
    assert spec.named(live, name) == [res.id]
    expected = {outcome: 1} if outcome == "lost_response" else {outcome: 1, "201": 1}
    assert live.emulator.request_outcomes()[f"POST {route}"] == expected
    assert spec.driver(live).diff(res, spec.inputs(live.ids, name)).changes is False


OPERATIONS = {
    # operation: (the method and route the fault meets, relative to the collection)
    "read": ("GET", "/{id}"),
    "update": ("PUT", "/{id}"),
    "update's read": ("GET", "/{id}"),
    "delete": ("DELETE", "/{id}"),
    "delete's dependency check": ("GET", "/{id}/dependencies"),
}


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("operation", list(OPERATIONS))
@pytest.mark.parametrize(("fault", "outcome"), [("fail_rate", "503"), ("drop_rate", "dropped")], ids=["503", "dropped"])
def test_every_other_call_survives_a_503_and_a_dropped_connection(
    live: Live, kind: str, operation: str, fault: str, outcome: str
) -> None:
    spec = KINDS[kind]
    driver = spec.driver(live)
    res = driver.create("it", spec.inputs(live.ids, "Before"))
    method, suffix = OPERATIONS[operation]
    route = f"/v1/{spec.collection}{suffix}"
    rules, seed = first_only(method, route, fault)
    live.emulator.set_faults(rules=rules, seed=seed)
    live.emulator.reset_request_counts()
    if operation == "read":
        id_, outs, _ = driver.read(res)
        assert (id_, outs["name"]) == (res.id, "Before")
    elif operation.startswith("update"):
        assert driver.update(res, spec.inputs(live.ids, "After")).outputs["name"] == "After"
    else:
        driver.delete(res)
    outcomes = live.emulator.request_outcomes()
    live.emulator.clear_faults()
    success = "204" if method == "DELETE" else "200"
    assert outcomes[f"{method} {route}"] == {outcome: 1, success: 1}
    server = raw(live, "GET", f"/{spec.collection}/{res.id}")
    if operation.startswith("delete"):
        assert server.status_code == 404
    else:
        assert server.json()["name"] == ("Before" if operation == "read" else "After")


@pytest.mark.parametrize(("fault", "outcome"), [("fail_rate", "503"), ("drop_rate", "dropped")], ids=["503", "dropped"])
def test_registering_connections_survives_a_503_and_a_dropped_connection(live: Live, fault: str, outcome: str) -> None:
    driver = KINDS["integration"].driver(live)
    route = "/v1/integrations/{id}/connections/register"
    rules, seed = first_only("PUT", route, fault)
    live.emulator.set_faults(rules=rules, seed=seed)
    github = live.ids["dev_github_connection"]
    res = driver.create("it", {"name": "Shop", "connection_ids": [github]})
    outcomes = live.emulator.request_outcomes()
    live.emulator.clear_faults()
    assert outcomes[f"PUT {route}"] == {outcome: 1, "200": 1}
    assert raw(live, "GET", f"/integrations/{res.id}").json()["_registeredConnectionIds"] == [github]
