"""Configuration is validated when the plugin server configures a provider, so `pulumi preview` fails on
a missing token, a bad region or base URL before anything is created; the token itself is checked
once per plugin process (`GET /tokenInfo`), on the first operation that calls the API.

Through the real plugin server (`python -m pulumi.dynamic`) over gRPC, as the engine drives it: its
Configure RPC only stores the config; the provider's `configure` runs on the first Check (preview
included), and an exception there fails that Check with the exception's message."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pulumi_celigo.emulator import EmulatorServer
from pulumi_celigo.providers.flow import FlowProvider
from pulumi_celigo.providers.flow_connection_replacement import FlowConnectionReplacementProvider
from pulumi_celigo.testing import PluginError, PluginServer

from tests.conftest import REPO, TOKEN
from tests.reliability.conftest import FLOW, orders_flow
from tests.resources.driver import ResourceDriver

REPLACEMENT = "pulumi-python:dynamic/celigo:FlowConnectionReplacement"
WRONG_TOKEN = "wrong-token-5a1e9d3c"


def plugin_with(config: dict[str, str], **env: str) -> PluginServer:
    environment = {"PYTHONPATH": str(REPO), "CELIGO_API_TOKEN": "", "CELIGO_BASE_URL": "", **env}
    plugin = PluginServer(project="celigo-tests", cwd=REPO, env=environment).start()
    plugin.configure(config, secret_keys=["celigo:apiToken"])
    return plugin


@pytest.fixture
def emulator_counts(shared_emulator: EmulatorServer) -> Iterator[EmulatorServer]:
    shared_emulator.reset_data()
    shared_emulator.clear_faults()
    shared_emulator.reset_request_counts()
    yield shared_emulator


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            {},
            "No Celigo API token is configured. Set it in the stack (pulumi config set --secret celigo:apiToken "
            "<token>) or in the environment (export CELIGO_API_TOKEN=<token>).",
        ),
        (
            {"celigo:apiToken": TOKEN, "celigo:region": "ap"},
            "Invalid celigo:region (celigo:region / CELIGO_REGION): 'ap'; expected one of eu, us.",
        ),
        (
            {"celigo:apiToken": TOKEN, "celigo:baseUrl": "api.integrator.io/v1"},
            "celigo:baseUrl / CELIGO_BASE_URL must be an http(s) URL such as 'https://api.integrator.io/v1', got "
            "'api.integrator.io/v1'",
        ),
        (
            {"celigo:apiToken": TOKEN, "celigo:readTimeout": "a minute"},
            "Invalid celigo:readTimeout (celigo:readTimeout / CELIGO_READ_TIMEOUT): 'a minute'; expected seconds > 0.",
        ),
    ],
)
def test_a_bad_configuration_fails_the_first_check_of_a_preview(
    emulator_counts: EmulatorServer, config: dict[str, str], message: str
) -> None:
    with plugin_with(config) as plugin:
        flows = ResourceDriver(plugin, FlowProvider(), FLOW)
        with pytest.raises(PluginError) as err:
            flows.check("orders", orders_flow(emulator_counts.seed_ids))
    assert err.value.message == f"pulumi_celigo.client._errors.ConfigurationError: {message}"
    assert emulator_counts.request_counts() == {}


def test_the_token_is_checked_once_per_process_and_a_no_op_preview_calls_nothing(
    emulator_counts: EmulatorServer,
) -> None:
    ids = emulator_counts.seed_ids
    with plugin_with({"celigo:apiToken": TOKEN, "celigo:baseUrl": emulator_counts.base_url}) as plugin:
        flows = ResourceDriver(plugin, FlowProvider(), FLOW)
        first = flows.create("orders", orders_flow(ids))
        assert emulator_counts.request_counts() == {"GET /v1/tokenInfo": 1, "POST /v1/flows": 1}

        emulator_counts.reset_request_counts()
        flows.create("billing", orders_flow(ids, name="Billing"))
        assert flows.diff(first, orders_flow(ids)).changes is False  # the no-op preview of `orders`
        assert emulator_counts.request_counts() == {"POST /v1/flows": 1}

        # Another provider of the same process shares the check: its first API call is not a tokenInfo.
        emulator_counts.reset_request_counts()
        replacements = ResourceDriver(plugin, FlowConnectionReplacementProvider(), REPLACEMENT)
        inputs: dict[str, Any] = {
            "flow_id": first.id,
            "connection_id": ids["dev_github_connection"],
            "new_connection_id": ids["prod_github_connection"],
        }
        replacements.create("swap", inputs)
        assert "GET /v1/tokenInfo" not in emulator_counts.request_counts()
        assert emulator_counts.request_counts()["GET /v1/connections/{id}"] == 2


def test_a_wrong_token_fails_at_the_first_api_call_with_one_request(emulator_counts: EmulatorServer) -> None:
    with plugin_with({"celigo:apiToken": WRONG_TOKEN, "celigo:baseUrl": emulator_counts.base_url}) as plugin:
        flows = ResourceDriver(plugin, FlowProvider(), FLOW)
        checked = flows.checked("orders", orders_flow(emulator_counts.seed_ids))  # preview: no call, no error
        assert emulator_counts.request_counts() == {}
        with pytest.raises(PluginError) as err:
            plugin.create(flows.urn("orders"), checked)
    assert "GET /tokenInfo failed with HTTP 401: Bearer Authentication Failed. Check the API token" in err.value.message
    assert WRONG_TOKEN not in err.value.details
    assert emulator_counts.request_counts() == {"GET /v1/tokenInfo": 1}


def test_a_base_url_without_v1_fails_at_the_token_check_asking_about_v1(emulator_counts: EmulatorServer) -> None:
    root = emulator_counts.base_url.removesuffix("/v1")
    with plugin_with({"celigo:apiToken": TOKEN, "celigo:baseUrl": root}) as plugin:
        flows = ResourceDriver(plugin, FlowProvider(), FLOW)
        with pytest.raises(PluginError) as err:
            flows.create("orders", orders_flow(emulator_counts.seed_ids))
    assert err.value.message == (
        f'pulumi_celigo.errors.ResourceError: Flow "Orders sync": create failed: celigo:baseUrl / CELIGO_BASE_URL '
        f"{root} is not the integrator.io API: GET /tokenInfo answered HTTP 404. The base URL {root} has no /v1 in "
        f"its path: did you forget `/v1`? (celigo:baseUrl / CELIGO_BASE_URL, e.g. {root}/v1)"
    )
    assert emulator_counts.request_counts() == {}  # the emulator logs /v1 routes only: nothing reached the API
