"""The client against the emulator over real HTTP: typed models, paging, errors, round trips."""

from __future__ import annotations

import io
import zipfile

import pytest
import requests
from pulumi_celigo.client import (
    BadRequestError,
    CeligoClient,
    ForbiddenError,
    NotFoundError,
    UnauthorizedError,
    ValidationError,
)
from pulumi_celigo.client._transport import Transport
from pulumi_celigo.emulator import EmulatorServer
from pulumi_celigo.models import CloneRequest, Flow, PageGenerator, PageProcessor, PatchOperation, RunRequest

from tests.conftest import READ_ONLY_TOKEN, TOKEN, make_client


def _flow(emulator: EmulatorServer, name: str = "Orders") -> Flow:
    ids = emulator.seed_ids
    return Flow(
        name=name,
        integration_id=ids["dev_integration"],
        page_generators=[PageGenerator(export_id=ids["github_events_export"])],
        page_processors=[PageProcessor(type="import", import_id=ids["slack_import"])],
    )


def test_create_get_returns_typed_flow(client: CeligoClient, emulator: EmulatorServer) -> None:
    created = client.flows.create(_flow(emulator))
    assert created.id and len(created.id) == 24
    assert created.integration_id == emulator.seed_ids["dev_integration"]
    assert created.disabled is False
    assert created.page_generators and created.page_generators[0].id  # assigned by the server
    assert client.flows.get(created.id) == created


def test_unknown_fields_survive_get_modify_put(client: CeligoClient, emulator: EmulatorServer) -> None:
    created = client.flows.create(_flow(emulator))
    assert created.id
    # Another client writes fields our models do not know, at the top and inside a step.
    raw = requests.get(f"{emulator.base_url}/flows/{created.id}", headers={"Authorization": f"Bearer {TOKEN}"}).json()
    raw["someFutureField"] = {"nested": [1, 2, 3]}
    raw["pageGenerators"][0]["futureStepOption"] = "keep me"
    put = requests.put(
        f"{emulator.base_url}/flows/{created.id}", json=raw, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert put.status_code == 200, put.text

    flow = client.flows.get(created.id)
    flow.name = "Renamed"
    client.flows.replace(created.id, flow)

    after = requests.get(f"{emulator.base_url}/flows/{created.id}", headers={"Authorization": f"Bearer {TOKEN}"})
    body = after.json()
    assert body["name"] == "Renamed"
    assert body["someFutureField"] == {"nested": [1, 2, 3]}
    assert body["pageGenerators"][0]["futureStepOption"] == "keep me"


def test_patch_then_get(client: CeligoClient, emulator: EmulatorServer) -> None:
    created = client.flows.create(_flow(emulator))
    assert created.id
    client.flows.patch(
        created.id, [PatchOperation(path="/name", value="Patched"), PatchOperation(path="/disabled", value=True)]
    )
    got = client.flows.get(created.id)
    assert (got.name, got.disabled) == ("Patched", True)


def test_paging_follows_link_headers(client: CeligoClient, emulator: EmulatorServer) -> None:
    for i in range(250):
        client.flows.create(Flow(name=f"flow {i:03}"))
    emulator.reset_request_counts()
    names = [f.name for f in client.flows.list(page_size=100)]
    assert names == [f"flow {i:03}" for i in range(250)]
    assert emulator.request_counts()["GET /v1/flows"] == 3


def test_empty_list_is_204_and_reads_as_empty(client: CeligoClient) -> None:
    assert list(client.flows.list()) == []


def test_list_filters_by_integration_and_projects(client: CeligoClient, emulator: EmulatorServer) -> None:
    client.flows.create(_flow(emulator, "in dev"))
    client.flows.create(Flow(name="standalone"))
    found = list(client.flows.list(integration_id=emulator.seed_ids["dev_integration"], include=["disabled"]))
    assert [(f.name, f.disabled, f.page_generators) for f in found] == [("in dev", False, None)]


def test_next_link_on_another_host_is_rebased() -> None:
    from pulumi_celigo.client import ClientConfig
    from pydantic import SecretStr

    transport = Transport(ClientConfig(api_token=SecretStr("t"), base_url="http://127.0.0.1:8765/v1"))
    assert (
        transport.rebase("https://api.integrator.io/v1/flows?skip=1000&limit=1000")
        == "http://127.0.0.1:8765/v1/flows?skip=1000&limit=1000"
    )
    transport.close()


def test_errors_are_typed_and_carry_the_api_details(client: CeligoClient, emulator: EmulatorServer) -> None:
    with pytest.raises(NotFoundError) as missing:
        client.flows.get("0123456789abcdef01234567")
    assert missing.value.status == 404
    assert "GET /flows/0123456789abcdef01234567 failed with HTTP 404" in str(missing.value)

    bad = _flow(emulator)
    bad.page_processors = [PageProcessor(type="import", import_id="0123456789abcdef01234567")]
    with pytest.raises(ValidationError) as invalid:
        client.flows.create(bad)
    assert invalid.value.codes == ("invalid_ref",)
    assert invalid.value.fields == ("pageProcessors[0]._importId",)
    assert "POST /flows failed with HTTP 422: invalid_ref field 'pageProcessors[0]._importId'" in str(invalid.value)


def test_clone_with_incomplete_map_is_a_bad_request(client: CeligoClient, emulator: EmulatorServer) -> None:
    created = client.flows.create(_flow(emulator))
    assert created.id
    with pytest.raises(BadRequestError) as err:
        client.flows.clone(created.id, CloneRequest(integration_id=emulator.seed_ids["prod_integration"]))
    assert err.value.codes == ("invalid_connectionMap",)


def test_clone_run_audit_template_dependencies(client: CeligoClient, emulator: EmulatorServer) -> None:
    ids = emulator.seed_ids
    created = client.flows.create(_flow(emulator))
    assert created.id
    manifest = client.flows.clone(
        created.id,
        CloneRequest(
            integration_id=ids["prod_integration"],
            connection_map={
                ids["dev_github_connection"]: ids["prod_github_connection"],
                ids["dev_slack_connection"]: ids["prod_slack_connection"],
            },
            name="Orders (prod)",
        ),
    )
    clone = client.flows.get(manifest.flow_id)
    assert (clone.name, clone.source_id, len(manifest.ids_of("Export")), len(manifest.ids_of("Import"))) == (
        "Orders (prod)",
        created.id,
        1,
        1,
    )

    client.flows.patch(created.id, [PatchOperation(path="/name", value="Orders v2")])
    events = [e.event for e in client.flows.audit(created.id)]
    assert events == ["update", "create"]

    job_id = client.flows.run(created.id, RunRequest())
    statuses = [client.jobs.get(job_id).status for _ in range(3)]
    assert statuses[-1] == "completed"

    archive = zipfile.ZipFile(io.BytesIO(client.flows.download_template(created.id)))
    assert any(name.endswith(".json") for name in archive.namelist())

    assert client.flows.dependencies(created.id).all() == {}
    other = client.flows.create(Flow(name="after", run_next_flow_ids=[created.id]))
    assert [d.id for d in client.flows.dependencies(created.id).all()["flows"]] == [other.id]


def test_wrong_token_is_unauthorized_once(emulator: EmulatorServer) -> None:
    emulator.reset_request_counts()
    with make_client(emulator, token="wrong") as api, pytest.raises(UnauthorizedError) as err:
        api.token_info()
    assert "Bearer Authentication Failed" in str(err.value)
    assert "celigo:apiToken" in str(err.value)
    assert emulator.request_counts() == {"GET /v1/tokenInfo": 1}  # no retry storm


def test_read_only_token_gets_a_clear_403(emulator: EmulatorServer) -> None:
    with make_client(emulator, token=READ_ONLY_TOKEN) as api:
        assert list(api.flows.list()) == []
        with pytest.raises(ForbiddenError) as err:
            api.flows.create(Flow(name="x"))
    assert err.value.codes == ("access_restricted",)
    assert "POST /flows failed with HTTP 403" in str(err.value)
