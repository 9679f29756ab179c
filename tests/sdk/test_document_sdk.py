"""`Integration`, `Script`, `Export`, `Import` and their `get_*` functions as a program sees them: one GET
each, the create marker never shown, nested values typed; the resources pass their identity (for the
create marker) and an export's `webhook` (it holds a token) is always a secret."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pulumi
import pulumi_celigo as celigo
import pytest
import requests
from pulumi.runtime.mocks import MockMonitor
from pulumi_celigo import outputs
from pulumi_celigo.emulator import EmulatorServer
from pulumi_celigo.errors import ResourceError
from pulumi_celigo.providers._markers import IDENTITY_INPUT
from pulumi_celigo.providers.script import MARKER_LINE

from tests.conftest import TOKEN

MARKER = {"pulumiCeligo": {"createToken": "0f" * 16}}
UNKNOWN_ID = "0123456789abcdef01234567"


class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict[Any, Any]]:
        return f"{args.name}-id", dict(args.inputs)

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[Any, Any], list[tuple[str, str]] | None]:
        raise AssertionError(f"unexpected invoke {args.token}")


@pytest.fixture
def api(emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[EmulatorServer]:
    for key in ("PULUMI_CONFIG", "CELIGO_REGION"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("CELIGO_API_TOKEN", TOKEN)
    monkeypatch.setenv("CELIGO_BASE_URL", emulator.base_url)
    pulumi.runtime.set_mocks(Mocks(), project="sdk", stack="test", preview=False)
    yield emulator


def post(emu: EmulatorServer, collection: str, body: dict[str, Any]) -> str:
    response = requests.post(
        f"{emu.base_url}/{collection}", json=body, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10
    )
    assert response.status_code == 201, response.text
    return str(response.json()["_id"])


def test_get_integration(api: EmulatorServer) -> None:
    integration_id = post(
        api, "integrations", {"name": "Shop", "flowGroupings": [{"name": "Orders"}], "settings": MARKER}
    )
    api.reset_request_counts()
    found = celigo.get_integration(id=integration_id)
    assert api.request_counts() == {"GET /v1/integrations/{id}": 1}
    assert (found.id, found.name, found.settings) == (integration_id, "Shop", None)  # the marker is not shown
    assert found.flow_groupings is not None and isinstance(found.flow_groupings[0], outputs.IntegrationFlowGrouping)
    assert found.flow_groupings[0].name == "Orders" and found.flow_groupings[0].id is not None


def test_get_script_shows_its_content_without_the_marker(api: EmulatorServer) -> None:
    script_id = post(api, "scripts", {"name": "Tidy", "content": f"function a() {{}}\n{MARKER_LINE}{'0f' * 16}\n"})
    found = celigo.get_script(id=script_id)
    assert (found.id, found.name, found.content) == (script_id, "Tidy", "function a() {}")


def test_get_export_types_its_nested_values(api: EmulatorServer) -> None:
    connection_id = api.seed_ids["dev_github_connection"]
    body = {
        "name": "Orders",
        "adaptorType": "HTTPExport",
        "_connectionId": connection_id,
        "http": {"relativeURI": "/orders", "method": "GET", "response": {"resourcePath": "orders"}},
        "settings": {**MARKER, "pageSize": 10},
    }
    found = celigo.get_export(id=post(api, "exports", body))
    assert (found.adaptor_type, found.connection_id, found.settings) == ("HTTPExport", connection_id, {"pageSize": 10})
    assert isinstance(found.http, outputs.ExportHttp) and isinstance(found.http.response, outputs.ExportHttpResponse)
    assert (found.http.relative_uri, found.http.response.resource_path) == ("/orders", "orders")


def test_get_import_types_its_mapping(api: EmulatorServer) -> None:
    body = {
        "name": "ERP orders",
        "_connectionId": api.seed_ids["dev_slack_connection"],
        "mapping": {"fields": [{"extract": "id", "generate": "externalId", "dataType": "string"}]},
    }
    found = celigo.get_import(id=post(api, "imports", body))
    assert isinstance(found.mapping, outputs.ImportMapping) and found.mapping.fields is not None
    assert (found.mapping.fields[0].generate, found.mapping.fields[0].data_type) == ("externalId", "string")


@pytest.mark.parametrize("kind", ["integration", "script", "export", "import"])
def test_a_missing_id_is_an_error_naming_it(api: EmulatorServer, kind: str) -> None:
    function = getattr(celigo, f"get_{kind}")
    with pytest.raises(ResourceError) as failure:
        function(id=UNKNOWN_ID)
    assert str(failure.value).startswith(
        f"get_{kind}(id='{UNKNOWN_ID}'): id '{UNKNOWN_ID}' names no {kind} this API token can see: check the id"
    )


def test_a_malformed_id_is_refused_before_any_request(api: EmulatorServer) -> None:
    api.reset_request_counts()
    with pytest.raises(ResourceError) as failure:
        celigo.get_export(id="../flows")
    assert "get_export(id='../flows'): id '../flows' is not an integrator.io id" in str(failure.value)
    assert api.request_counts() == {}


@pulumi.runtime.test
def test_output_forms_resolve_from_outputs(api: EmulatorServer) -> pulumi.Output[Any]:
    script_id = post(api, "scripts", {"name": "Tidy", "content": "function a() {}"})
    known_later: pulumi.Output[str] = pulumi.Output.from_input(script_id).apply(lambda v: v)

    def check(found: celigo.GetScriptResult) -> None:
        assert (found.id, found.content) == (script_id, "function a() {}")

    return celigo.get_script_output(id=known_later).apply(check)


# ---- the resources --------------------------------------------------------------------------------


class RecordingMonitor(MockMonitor):
    """Records the inputs and `additionalSecretOutputs` of every registration."""

    def __init__(self) -> None:
        super().__init__(Mocks())
        self.inputs: dict[str, list[str]] = {}
        self.secret_outputs: dict[str, list[str]] = {}

    def RegisterResource(self, request: Any) -> Any:
        self.inputs[request.name] = sorted(request.object.fields)
        self.secret_outputs[request.name] = list(request.additionalSecretOutputs)
        return super().RegisterResource(request)


@pytest.fixture
def monitor() -> Iterator[RecordingMonitor]:
    recording = RecordingMonitor()
    pulumi.runtime.set_mocks(recording.mocks, project="sdk", stack="test", preview=False, monitor=recording)
    yield recording


@pulumi.runtime.test
def test_resources_pass_their_identity_and_a_webhook_is_secret(monitor: RecordingMonitor) -> pulumi.Output[Any]:
    made = [
        celigo.Integration("shop", flow_groupings=[{"name": "Orders"}]),
        celigo.Script("tidy", content="function a() {}"),
        celigo.Export("incoming", adaptor_type="WebhookExport", webhook={"provider": "custom", "token": "plain"}),
        celigo.Import("erp", connection_id="64f1c2d3e4f5a6b7c8d9e0f1"),
    ]

    def check(_: Any) -> None:
        for name in ("shop", "tidy", "incoming", "erp"):
            assert IDENTITY_INPUT in monitor.inputs[name], name
            assert "name" in monitor.inputs[name], name  # defaults to the resource name
        assert monitor.secret_outputs["incoming"] == ["webhook"]
        assert monitor.secret_outputs["shop"] == monitor.secret_outputs["erp"] == []

    return pulumi.Output.all(*[r.id for r in made]).apply(check)
