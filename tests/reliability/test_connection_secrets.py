"""Connections under faults and with secrets: a lost create answer makes no duplicate, 503s and dropped
connections on every method end in success, and no credential reaches the plugin server's output,
the errors, or an answer of `Connection.get`."""

from __future__ import annotations

import pytest
from pulumi_celigo.providers.connection import ConnectionProvider
from pulumi_celigo.testing import PluginError

from tests.conftest import Live, listed, new_plugin_server, raw
from tests.reliability.conftest import first_only
from tests.resources.driver import ResourceDriver
from tests.resources.test_connection_plugin import CONNECTION, IDENTITY, SECRET, crm, seeded_github, stored


@pytest.fixture
def connections(live: Live) -> ResourceDriver:
    return ResourceDriver(live.plugin, ConnectionProvider(), CONNECTION)


def named(live: Live, name: str) -> list[str]:
    return [c["_id"] for c in listed(live, "connections") if c["name"] == name]


@pytest.mark.parametrize("fault", ["lost_response_rate", "drop_rate", "fail_rate"])
def test_an_unanswered_create_yields_exactly_one_connection(
    live: Live, connections: ResourceDriver, fault: str
) -> None:
    rules, seed = first_only("POST", "/v1/connections", fault)
    live.emulator.set_faults(rules=rules, seed=seed)
    res = connections.create("crm", {**crm(), "__identity": IDENTITY})
    live.emulator.clear_faults()
    assert named(live, "CRM") == [res.id]
    assert stored(live, res.id)["http"]["auth"]["token"]["token"] == SECRET
    assert connections.diff(res, {**crm(), "__identity": IDENTITY}).changes is False


def test_a_create_interrupted_before_pulumi_recorded_it_is_taken_over(live: Live, connections: ResourceDriver) -> None:
    first = connections.create("crm", {**crm(), "__identity": IDENTITY})
    with new_plugin_server(live.emulator) as next_up:  # the next `up`: a plugin process of its own
        live.emulator.reset_request_counts()
        # The state never got `first`.
        again = ResourceDriver(next_up, ConnectionProvider(), CONNECTION).create(
            "crm", {**crm(), "__identity": IDENTITY}
        )
    calls = live.calls()
    assert again.id == first.id and named(live, "CRM") == [first.id]
    # The marker found; the secret cannot be compared, so the program's is written again.
    assert calls == {"GET /v1/connections": 1, "GET /v1/connections/{id}": 1, "PUT /v1/connections/{id}": 1}


@pytest.mark.parametrize("fault", ["fail_rate", "drop_rate"])
@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_a_503_or_dropped_connection_on_each_method_ends_in_success(
    live: Live, connections: ResourceDriver, method: str, fault: str
) -> None:
    res = connections.create("crm", crm())
    rules, seed = first_only(method, "/v1/connections/*", fault)
    live.emulator.set_faults(rules=rules, seed=seed)
    if method == "DELETE":
        connections.delete(res)
        live.emulator.clear_faults()
        assert raw(live, "GET", f"/connections/{res.id}").status_code == 404
        return
    res = connections.update(res, crm(token="rotated-under-faults", name="CRM 2"))
    live.emulator.clear_faults()
    doc = stored(live, res.id)
    assert (doc["name"], doc["http"]["auth"]["token"]["token"]) == ("CRM 2", "rotated-under-faults")


def test_no_credential_reaches_the_plugin_output_errors_or_get(live: Live, connections: ResourceDriver) -> None:
    secrets = [SECRET, "rotated-secret-5510", "ghp_dev_0123456789abcdef", "ghp_dev_0123456789abcdef-webhook"]
    texts: list[str] = []
    res = connections.create("crm", crm())
    res = connections.update(res, crm(token="rotated-secret-5510"))
    texts.append(repr(connections.get(res.id)))
    texts.append(repr(connections.get(live.ids["dev_github_connection"])))
    github = connections.create("github", seeded_github(live))
    for failing in (
        lambda: connections.update(github, seeded_github(live, name="renamed")),  # would erase: refused
        lambda: connections.delete(github),  # in use: refused
    ):
        with pytest.raises(PluginError) as failure:
            failing()
        texts += [str(failure.value), failure.value.traceback]
    texts.append(live.plugin.output())
    for text in texts:
        for secret in secrets:
            assert secret not in text
    # The state's digest is the only trace of the secret, and it is not the secret.
    assert all(secret not in repr({k: v for k, v in res.outputs.items() if k != "http"}) for secret in secrets)
