"""Authentication failures: a wrong token gives one clear error (no retry storm) naming what to
check; a read-only token gives a clear 403 naming the operation; a missing token says how to set one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pulumi_celigo.emulator import EmulatorServer
from pulumi_celigo.providers.flow import FlowProvider
from pulumi_celigo.testing import PluginError, PluginServer

from tests.conftest import READ_ONLY_TOKEN, REPO, Live
from tests.reliability.conftest import FLOW, orders_flow
from tests.resources.driver import ResourceDriver

WRONG_TOKEN = "wrong-token-0c7d1e5f"


def plugin_with(emulator: EmulatorServer, token: str | None) -> PluginServer:
    env = {"PYTHONPATH": str(REPO), "CELIGO_API_TOKEN": "", "CELIGO_BASE_URL": ""}
    plugin = PluginServer(project="celigo-tests", cwd=REPO, env=env).start()
    config = {"celigo:baseUrl": emulator.base_url}
    if token is not None:
        config["celigo:apiToken"] = token
    plugin.configure(config, secret_keys=["celigo:apiToken"])
    return plugin


@pytest.fixture(scope="module")
def wrong(shared_emulator: EmulatorServer) -> Iterator[ResourceDriver]:
    with plugin_with(shared_emulator, WRONG_TOKEN) as plugin:
        yield ResourceDriver(plugin, FlowProvider(), FLOW)


@pytest.fixture(scope="module")
def read_only(shared_emulator: EmulatorServer) -> Iterator[ResourceDriver]:
    with plugin_with(shared_emulator, READ_ONLY_TOKEN) as plugin:
        yield ResourceDriver(plugin, FlowProvider(), FLOW)


@pytest.fixture(scope="module")
def no_token(shared_emulator: EmulatorServer) -> Iterator[ResourceDriver]:
    with plugin_with(shared_emulator, None) as plugin:
        yield ResourceDriver(plugin, FlowProvider(), FLOW)


WRONG_TOKEN_HINT = (
    "Check the API token (pulumi config set --secret celigo:apiToken ..., or CELIGO_API_TOKEN) "
    "and that it belongs to the configured region (celigo:region us|eu). `pulumi refresh` and `pulumi destroy` use "
    "the config saved at the last `pulumi up`: after rotating the token, run them with --run-program (or run "
    "`pulumi up` first)."
)


def test_a_wrong_token_fails_a_create_once_with_one_request(live: Live, wrong: ResourceDriver) -> None:
    with pytest.raises(PluginError) as err:
        wrong.create("orders", orders_flow(live.ids))
    assert err.value.message == (
        'pulumi_celigo.errors.ResourceError: Flow "Orders sync": create failed: '
        f"GET /tokenInfo failed with HTTP 401: Bearer Authentication Failed. {WRONG_TOKEN_HINT}"
    )
    assert WRONG_TOKEN not in err.value.details
    assert live.calls() == {"GET /v1/tokenInfo": 1}  # the token check (once per process) fails: nothing written


def test_a_wrong_token_fails_read_update_and_delete_once_each(
    live: Live, flows: ResourceDriver, wrong: ResourceDriver
) -> None:
    res = flows.create("orders", orders_flow(live.ids))
    live.emulator.reset_request_counts()
    expected = {  # a failed token check is not remembered: each operation makes it, and only it
        "read": ("GET /v1/tokenInfo", lambda: wrong.read(res)),
        "update": ("GET /v1/tokenInfo", lambda: wrong.update(res, orders_flow(live.ids, name="Renamed"))),
        "delete": ("GET /v1/tokenInfo", lambda: wrong.delete(res)),
    }
    for operation, (route, call) in expected.items():
        live.emulator.reset_request_counts()
        with pytest.raises(PluginError) as err:
            call()
        label = "Renamed" if operation == "update" else "Orders sync"  # the new name, on update
        assert f'Flow "{label}": {operation} failed:' in err.value.message
        assert WRONG_TOKEN_HINT in err.value.message
        assert err.value.message.count("HTTP 401") == 1
        assert live.calls() == {route: 1}
    assert live.emulator.request_counts() == {"GET /v1/tokenInfo": 1}


def test_a_wrong_token_under_faults_is_still_one_error_not_a_storm(live: Live, wrong: ResourceDriver) -> None:
    # Seed 3 rolls 0.24 then 0.54: the token check meets a 503 (retried), then the 401, which ends the
    # create at once: nothing is written.
    live.emulator.set_faults(rules=[{"method": "*", "route": "*", "fail_rate": 0.3}], seed=3)
    with pytest.raises(PluginError) as err:
        wrong.create("orders", orders_flow(live.ids))
    live.emulator.clear_faults()
    assert err.value.message.startswith(
        'pulumi_celigo.errors.ResourceError: Flow "Orders sync": create failed: GET /tokenInfo failed with HTTP 401: '
        "Bearer Authentication Failed."
    )
    assert WRONG_TOKEN_HINT in err.value.message
    assert live.emulator.request_outcomes() == {"GET /v1/tokenInfo": {"503": 1, "401": 1}}


def test_a_read_only_token_gets_a_clear_403_naming_the_operation(
    live: Live, flows: ResourceDriver, read_only: ResourceDriver
) -> None:
    with pytest.raises(PluginError) as err:
        read_only.create("orders", orders_flow(live.ids))
    assert err.value.message == (
        'pulumi_celigo.errors.ResourceError: Flow "Orders sync": create failed: the API token may not create '
        "(POST /flows answered 403). Use a full-access token, or a custom token whose scope includes this flow "
        "and integration."
    )
    assert live.calls() == {"GET /v1/tokenInfo": 1, "POST /v1/flows": 1}  # the token check, once per process

    res = flows.create("orders", orders_flow(live.ids))
    _, outs, _ = read_only.read(res)  # reading is allowed
    assert outs["name"] == "Orders sync"
    for operation, call in (
        ("update", lambda: read_only.update(res, orders_flow(live.ids, name="Renamed"))),
        ("delete", lambda: read_only.delete(res)),
    ):
        with pytest.raises(PluginError) as err:
            call()
        label = "Renamed" if operation == "update" else "Orders sync"
        assert f'Flow "{label}": {operation} failed: the API token may not {operation} (' in err.value.message
        assert "answered 403" in err.value.message
    assert live.emulator.request_outcomes()["DELETE /v1/flows/{id}"] == {"403": 1}


def test_no_token_at_all_says_how_to_set_one_and_calls_nothing(live: Live, no_token: ResourceDriver) -> None:
    with pytest.raises(PluginError) as err:
        no_token.create("orders", orders_flow(live.ids))
    assert err.value.message == (
        "pulumi_celigo.client._errors.ConfigurationError: No Celigo API token is configured. "
        "Set it in the stack (pulumi config set --secret celigo:apiToken <token>) or in the environment "
        "(export CELIGO_API_TOKEN=<token>)."
    )
    assert live.calls() == {}
