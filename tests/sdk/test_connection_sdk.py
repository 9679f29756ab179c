"""`pulumi_celigo.Connection` and `get_connection` as a program sees them: the credential-bearing outputs
are registered secret whatever the program passed, and the function shows credentials masked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pulumi
import pulumi_celigo as celigo
import pytest
from pulumi.runtime import rpc
from pulumi.runtime.mocks import MockMonitor
from pulumi_celigo import outputs
from pulumi_celigo.emulator import EmulatorServer
from pulumi_celigo.errors import ResourceError

from tests.conftest import TOKEN


class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict[Any, Any]]:
        return args.resource_id or f"{args.name}-id", dict(args.inputs)

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[Any, Any], list[tuple[str, str]] | None]:
        raise AssertionError(f"unexpected invoke {args.token}")


class SecretOutputsMonitor(MockMonitor):
    """Records the `additionalSecretOutputs` of every registration and read."""

    def __init__(self) -> None:
        super().__init__(Mocks())
        self.secret_outputs: dict[str, list[str]] = {}
        self.secret_inputs: dict[str, list[str]] = {}

    def RegisterResource(self, request: Any) -> Any:
        self.secret_outputs[request.name] = list(request.additionalSecretOutputs)
        fields = request.object.fields
        self.secret_inputs[request.name] = sorted(
            key for key in fields if rpc._special_sig_key in fields[key].struct_value.fields
        )
        return super().RegisterResource(request)

    def ReadResource(self, request: Any) -> Any:
        self.secret_outputs[request.name] = list(request.additionalSecretOutputs)
        return super().ReadResource(request)


@pytest.fixture
def monitor() -> Iterator[SecretOutputsMonitor]:
    recording = SecretOutputsMonitor()
    pulumi.runtime.set_mocks(recording.mocks, project="sdk", stack="test", preview=False, monitor=recording)
    yield recording


@pulumi.runtime.test
def test_credentials_are_always_registered_secret(monitor: SecretOutputsMonitor) -> pulumi.Output[Any]:
    conn = celigo.Connection(
        "crm",
        type="http",
        http={"base_uri": "https://crm.example.com", "auth": {"type": "token", "token": {"token": "plain-text"}}},
    )
    got = celigo.Connection.get("seen", "65a1c0de0001000000000001")

    def check(_: Any) -> None:
        assert monitor.secret_outputs["crm"] == ["http"]
        assert monitor.secret_inputs["crm"] == ["http"]  # passed as plain text, kept in state as a secret
        assert monitor.secret_outputs["seen"] == ["http"]

    return pulumi.Output.all(conn.id, got.id).apply(check)


@pytest.fixture
def api(emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[EmulatorServer]:
    for key in ("PULUMI_CONFIG", "CELIGO_REGION"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("CELIGO_API_TOKEN", TOKEN)
    monkeypatch.setenv("CELIGO_BASE_URL", emulator.base_url)
    pulumi.runtime.set_mocks(Mocks(), project="sdk", stack="test", preview=False)
    yield emulator


def test_get_connection_shows_every_credential_masked(api: EmulatorServer) -> None:
    github = api.seed_ids["dev_github_connection"]
    api.reset_request_counts()
    conn = celigo.get_connection(id=github)
    assert api.request_counts() == {"GET /v1/connections/{id}": 1}
    assert (conn.id, conn.name, conn.type, conn.offline) == (github, "GitHub (Dev)", "http", False)
    assert isinstance(conn.http, outputs.ConnectionHttp)
    assert conn.http.base_uri == "https://api.github.com"
    assert conn.http.auth is not None and conn.http.auth.token is not None
    assert (conn.http.auth.token.token, conn.http.auth.token.scheme) == ("******", "token")
    assert conn.http.encrypted == {"webhookSecret": "******"}
    assert "ghp_dev_0123456789abcdef" not in repr(conn.__dict__)


def test_get_connection_of_a_missing_id_names_it(api: EmulatorServer) -> None:
    with pytest.raises(ResourceError) as failure:
        celigo.get_connection(id="0123456789abcdef01234567")
    assert str(failure.value) == (
        "get_connection(id='0123456789abcdef01234567'): id '0123456789abcdef01234567' names no connection this API "
        "token can see: check the id (integrator.io > Resources > Connections > the connection's URL) and the "
        "token's scope"
    )
