"""The functions (`get_flow`, `get_flows`, `get_flow_audit_log`, `get_flow_dependencies`,
`download_flow_template`) and their `_output` forms, against the emulator over HTTP.

Dynamic providers have no invokes: the functions run in the program's process and read
`pulumi_celigo.config` (stack config, then CELIGO_* environment), as these tests set it.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import threading
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pulumi
import pulumi_celigo as celigo
import pytest
import requests
from pulumi_celigo import _functions, outputs
from pulumi_celigo.emulator import EmulatorServer
from pulumi_celigo.errors import ResourceError
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from tests.conftest import TOKEN

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment


UNKNOWN_ID = "0123456789abcdef01234567"


class NoMocks(pulumi.runtime.Mocks):
    """Functions make no registration and no invoke: any call here would be a bug."""

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict[Any, Any]]:
        return f"{args.name}-id", dict(args.inputs)

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[Any, Any], list[tuple[str, str]] | None]:
        raise AssertionError(f"unexpected invoke {args.token}")


@pytest.fixture
def api(emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[EmulatorServer]:
    """The emulator, configured for the functions through the environment."""
    for key in ("PULUMI_CONFIG", "CELIGO_REGION"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("CELIGO_API_TOKEN", TOKEN)
    monkeypatch.setenv("CELIGO_BASE_URL", emulator.base_url)
    pulumi.runtime.set_mocks(NoMocks(), project="sdk", stack="test", preview=False)
    yield emulator


def raw(emu: EmulatorServer, method: str, path: str, body: Any = None) -> requests.Response:
    return requests.request(
        method, f"{emu.base_url}{path}", json=body, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10
    )


def new_flow(emu: EmulatorServer, name: str = "Orders sync", **fields: Any) -> str:
    ids = emu.seed_ids
    body = {
        "name": name,
        "_integrationId": ids["dev_integration"],
        "pageGenerators": [{"_exportId": ids["github_events_export"], "schedule": "? 0 3 ? * *"}],
        "pageProcessors": [
            {
                "type": "import",
                "_importId": ids["slack_import"],
                "responseMapping": {"fields": [{"extract": "id", "generate": "orderId"}]},
            }
        ],
        "schedule": "? 0 2 ? * *",
        "timezone": "America/Los_Angeles",
        **fields,
    }
    response = raw(emu, "POST", "/flows", body)
    assert response.status_code == 201, response.text
    return str(response.json()["_id"])


# ---- get_flow -----------------------------------------------------------------------------------


def test_get_flow_returns_the_flow_in_snake_case_with_typed_nested_outputs(api: EmulatorServer) -> None:
    flow_id = new_flow(api, settings={"team": "ops", "pulumiCeligo": {"createToken": "abc"}})
    api.reset_request_counts()
    flow = celigo.get_flow(id=flow_id)
    assert api.request_counts() == {"GET /v1/flows/{id}": 1}
    assert isinstance(flow, celigo.AwaitableGetFlowResult)
    assert (flow.id, flow.name, flow.disabled) == (flow_id, "Orders sync", False)
    assert (flow.schedule, flow.timezone) == ("? 0 2 ? * *", "America/Los_Angeles")
    assert flow.integration_id == api.seed_ids["dev_integration"]
    assert flow.page_generators and flow.page_processors
    generator = flow.page_generators[0]
    assert isinstance(generator, outputs.FlowPageGenerator)
    assert (generator.export_id, generator.schedule) == (api.seed_ids["github_events_export"], "? 0 3 ? * *")
    assert generator.id  # assigned by the server
    processor = flow.page_processors[0]
    assert isinstance(processor, outputs.FlowPageProcessor)
    assert processor.import_id == api.seed_ids["slack_import"]
    assert processor.response_mapping and processor.response_mapping.fields
    assert processor.response_mapping.fields[0].generate == "orderId"
    assert isinstance(flow.logging, outputs.FlowLogging)
    assert flow.settings == {"team": "ops"}  # pulumi_celigo's create marker is left out
    assert flow.created_at and flow.last_modified
    assert flow.routers is None and flow.description is None


def test_get_flow_is_awaitable(api: EmulatorServer) -> None:
    flow_id = new_flow(api)

    async def program() -> celigo.GetFlowResult:
        return await celigo.get_flow(id=flow_id)

    flow = asyncio.new_event_loop().run_until_complete(program())
    assert type(flow) is celigo.GetFlowResult
    assert flow.id == flow_id and flow.page_generators
    assert flow.page_generators[0].export_id == api.seed_ids["github_events_export"]


@pytest.mark.parametrize(
    ("call", "missing"),
    [
        (lambda: celigo.get_flow(id=""), "id"),
        (lambda: celigo.get_flow_audit_log(), "id"),
        (lambda: celigo.get_flow_dependencies(id=" "), "id"),
        (lambda: celigo.download_flow_template(id="  ", path="never-written.zip"), "id"),
        (lambda: celigo.download_flow_template(id=UNKNOWN_ID, path=" "), "path"),
    ],
    ids=["get_flow", "get_flow_audit_log", "get_flow_dependencies", "download_flow_template-id", "path"],
)
def test_a_missing_or_blank_required_argument_is_refused_before_any_request(
    api: EmulatorServer, call: Any, missing: str
) -> None:
    api.reset_request_counts()
    with pytest.raises(TypeError) as err:
        call()
    assert str(err.value) == f"Missing required argument '{missing}'"
    assert api.request_counts() == {}
    assert not Path("never-written.zip").exists()


def test_every_function_result_is_awaitable_and_gives_the_plain_result(api: EmulatorServer, tmp_path: Path) -> None:
    flow_id = new_flow(api)

    async def program() -> list[Any]:
        return [
            await celigo.get_flows(),
            await celigo.get_flow_audit_log(id=flow_id),
            await celigo.get_flow_dependencies(id=flow_id),
            await celigo.download_flow_template(id=flow_id, path=str(tmp_path / "t.zip")),
        ]

    flows, log, deps, template = asyncio.new_event_loop().run_until_complete(program())
    assert type(flows) is celigo.GetFlowsResult and flows.ids == [flow_id]
    assert type(flows.flows[0]) is celigo.GetFlowResult and flows.flows[0].id == flow_id
    assert type(log) is celigo.GetFlowAuditLogResult and [e.event for e in log.entries] == ["create"]
    assert type(deps) is celigo.GetFlowDependenciesResult and (deps.id, deps.flows, deps.dependents) == (
        flow_id,
        [],
        {},
    )
    assert type(template) is celigo.DownloadFlowTemplateResult
    assert template.size == (tmp_path / "t.zip").stat().st_size


def test_an_unknown_id_is_a_clear_error_without_the_token(api: EmulatorServer) -> None:
    with pytest.raises(ResourceError) as err:
        celigo.get_flow(id=UNKNOWN_ID)
    assert str(err.value) == (
        f"get_flow(id='{UNKNOWN_ID}'): id '{UNKNOWN_ID}' names no flow this API token can see: "
        "check the id (integrator.io > Flow builder > the flow's URL) and the token's scope"
    )
    with pytest.raises(TypeError, match="Missing required argument 'id'"):
        celigo.get_flow()


@pytest.mark.parametrize(
    "call",
    [
        lambda bad: celigo.get_flow(id=bad),
        lambda bad: celigo.get_flow_audit_log(id=bad),
        lambda bad: celigo.get_flow_dependencies(id=bad),
        lambda bad: celigo.download_flow_template(id=bad, path="never-written.zip"),
    ],
    ids=["get_flow", "get_flow_audit_log", "get_flow_dependencies", "download_flow_template"],
)
def test_an_id_that_is_not_an_object_id_is_refused_before_any_request(api: EmulatorServer, call: Any) -> None:
    """Regression: get_flow(id="../integrations/<id>") used to return the integration."""
    path_id = f"../integrations/{api.seed_ids['dev_integration']}"
    api.reset_request_counts()
    with pytest.raises(ResourceError) as err:
        call(path_id)
    assert f": id '{path_id}' is not an integrator.io id: an id is 24 lowercase hexadecimal digits, " in str(err.value)
    assert str(err.value).endswith("such as '64f1c2d3e4f5a6b7c8d9e0f1' (integrator.io > Flow builder > the flow's URL)")
    assert api.request_counts() == {}
    assert not Path("never-written.zip").exists()


def test_get_flows_checks_integration_id(api: EmulatorServer) -> None:
    with pytest.raises(ResourceError) as err:
        celigo.get_flows(integration_id="dev")
    assert str(err.value) == (
        "get_flows(integration_id='dev', name=None): integration_id 'dev' is not an integrator.io id: an id is "
        "24 lowercase hexadecimal digits, such as '64f1c2d3e4f5a6b7c8d9e0f1' "
        "(integrator.io > Integrations > the integration's URL)"
    )
    assert celigo.get_flows(integration_id=UNKNOWN_ID).ids == []  # a filter: no such integration, no flows


def test_no_token_is_a_clear_error(api: EmulatorServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CELIGO_API_TOKEN")
    with pytest.raises(ResourceError, match="No Celigo API token is configured"):
        celigo.get_flow(id=UNKNOWN_ID)


def test_a_wrong_token_is_a_clear_error(api: EmulatorServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CELIGO_API_TOKEN", "wrong-token-9d1e")
    with pytest.raises(ResourceError) as err:
        celigo.get_flows()
    assert "401" in str(err.value) and "wrong-token-9d1e" not in str(err.value)


def test_stack_config_wins_over_the_environment(api: EmulatorServer, monkeypatch: pytest.MonkeyPatch) -> None:
    flow_id = new_flow(api)
    monkeypatch.setenv("CELIGO_API_TOKEN", "wrong-token-9d1e")
    monkeypatch.setenv("CELIGO_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("PULUMI_CONFIG", json.dumps({"celigo:apiToken": TOKEN, "celigo:baseUrl": api.base_url}))
    assert celigo.get_flow(id=flow_id).id == flow_id


def test_results_and_reprs_never_hold_the_token(api: EmulatorServer, tmp_path: Path) -> None:
    flow_id = new_flow(api)
    results = [
        celigo.get_flow(id=flow_id),
        celigo.get_flows(),
        celigo.get_flow_audit_log(id=flow_id),
        celigo.get_flow_dependencies(id=flow_id),
        celigo.download_flow_template(id=flow_id, path=str(tmp_path / "t.zip")),
    ]
    for result in results:
        text = repr(result) + repr(vars(result)) + str(result)
        assert TOKEN not in text


# ---- get_flows ----------------------------------------------------------------------------------


def test_get_flows_lists_every_flow_filtered_by_integration_and_exact_name(api: EmulatorServer) -> None:
    dev = api.seed_ids["dev_integration"]
    prod = api.seed_ids["prod_integration"]
    a = new_flow(api, "Orders sync")
    b = new_flow(api, "Orders sync", _integrationId=prod)
    c = new_flow(api, "orders sync")
    standalone = raw(api, "POST", "/flows", {"name": "Standalone"}).json()["_id"]
    api.reset_request_counts()

    everything = celigo.get_flows()
    assert set(everything.ids) == {a, b, c, standalone}
    assert everything.names == [f.name for f in everything.flows]
    assert all(isinstance(f, celigo.GetFlowResult) for f in everything.flows)
    assert (everything.integration_id, everything.name) == (None, None)

    assert set(celigo.get_flows(integration_id=dev).ids) == {a, c}
    exact = celigo.get_flows(name="Orders sync")
    assert set(exact.ids) == {a, b} and exact.name == "Orders sync"  # case counts
    assert celigo.get_flows(integration_id=dev, name="Orders sync").ids == [a]
    assert celigo.get_flows(name="nothing like it").ids == []
    assert api.request_counts() == {"GET /v1/flows": 5}


def test_get_flows_types_each_flow_like_get_flow_and_hides_the_create_marker(api: EmulatorServer) -> None:
    flow_id = new_flow(api, settings={"team": "ops", "pulumiCeligo": {"createToken": "abc"}})
    (flow,) = celigo.get_flows(name="Orders sync").flows
    assert vars(flow) == vars(celigo.get_flow(id=flow_id))
    assert flow.settings == {"team": "ops"}
    assert flow.page_generators and isinstance(flow.page_generators[0], outputs.FlowPageGenerator)
    assert flow.page_processors and isinstance(flow.page_processors[0].response_mapping, outputs.FlowResponseMapping)
    assert isinstance(flow.logging, outputs.FlowLogging)


def test_get_flows_reads_every_flow_of_a_large_account(api: EmulatorServer) -> None:
    created = {raw(api, "POST", "/flows", {"name": f"Flow {i:03}"}).json()["_id"] for i in range(250)}
    found = celigo.get_flows()
    assert set(found.ids) == created and len(found.ids) == 250
    assert found.flows[0].created_at


def test_get_flows_of_an_empty_account_is_empty(api: EmulatorServer) -> None:
    assert celigo.get_flows().ids == []


# ---- get_flow_audit_log -------------------------------------------------------------------------


def test_get_flow_audit_log_is_newest_first_with_typed_entries(api: EmulatorServer) -> None:
    flow_id = new_flow(api)
    patch = [{"op": "replace", "path": "/name", "value": "Renamed"}]
    assert raw(api, "PATCH", f"/flows/{flow_id}", patch).status_code == 204
    api.reset_request_counts()
    log = celigo.get_flow_audit_log(id=flow_id)
    assert api.request_counts() == {"GET /v1/flows/{id}/audit": 1}
    assert log.id == flow_id
    assert [e.event for e in log.entries] == ["update", "create"]
    update, create = log.entries
    assert isinstance(update, outputs.GetFlowAuditLogEntryResult)
    assert (update.resource_type, update.resource_id, update.source) == ("flow", flow_id, "api")
    assert isinstance(update.by_user, outputs.GetFlowAuditLogEntryByUserResult) and update.by_user.email
    change = update.field_changes[0]
    assert isinstance(change, outputs.GetFlowAuditLogEntryFieldChangeResult)
    assert (change.field_path, change.old_value, change.new_value) == ("name", "Orders sync", "Renamed")
    assert create.field_changes == []
    with pytest.raises(ResourceError, match="get_flow_audit_log"):
        celigo.get_flow_audit_log(id=UNKNOWN_ID)


# ---- get_flow_dependencies ----------------------------------------------------------------------


def test_get_flow_dependencies_lists_the_flows_that_chain_to_it(api: EmulatorServer) -> None:
    target = new_flow(api, "Target")
    chained = raw(api, "POST", "/flows", {"name": "Runs target next", "_runNextFlowIds": [target]}).json()["_id"]
    api.reset_request_counts()
    deps = celigo.get_flow_dependencies(id=target)
    assert api.request_counts() == {"GET /v1/flows/{id}/dependencies": 1}
    assert deps.id == target
    assert [(d.id, d.name) for d in deps.flows] == [(chained, "Runs target next")]
    assert isinstance(deps.flows[0], outputs.GetFlowDependenciesDependentResult)
    assert list(deps.dependents) == ["flows"]
    assert [d.id for d in deps.dependents["flows"]] == [chained]

    alone = celigo.get_flow_dependencies(id=chained)
    assert (alone.flows, alone.dependents) == ([], {})
    with pytest.raises(ResourceError, match="get_flow_dependencies"):
        celigo.get_flow_dependencies(id=UNKNOWN_ID)


# ---- download_flow_template ---------------------------------------------------------------------


def test_download_flow_template_writes_the_zip_and_reports_its_size(api: EmulatorServer, tmp_path: Path) -> None:
    flow_id = new_flow(api)
    target = tmp_path / "build" / "templates" / "orders.zip"  # folders are created
    api.reset_request_counts()
    result = celigo.download_flow_template(id=flow_id, path=str(target))
    assert api.request_counts() == {"GET /v1/flows/{id}/template": 1}  # the signed URL is not the API
    content = target.read_bytes()
    assert (result.id, result.path, result.size) == (flow_id, str(target), len(content))
    assert result.size > 0 and result.sha256 == hashlib.sha256(content).hexdigest()
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert f"flows/{flow_id}.json" in names
        assert any(n.startswith("connections/") for n in names)
        assert json.loads(archive.read(f"flows/{flow_id}.json"))["_id"] == flow_id
    assert [p.name for p in target.parent.iterdir()] == ["orders.zip"]  # no temporary file left

    again = celigo.download_flow_template(id=flow_id, path=target)  # an existing file is replaced
    assert again.size == target.stat().st_size


def test_download_flow_template_errors_are_clear(api: EmulatorServer, tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match=f"id '{UNKNOWN_ID}' names no flow this API token can see"):
        celigo.download_flow_template(id=UNKNOWN_ID, path=str(tmp_path / "x.zip"))
    assert not (tmp_path / "x.zip").exists()
    flow_id = new_flow(api)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ResourceError, match="could not write the ZIP"):
        celigo.download_flow_template(id=flow_id, path=str(blocker / "x.zip"))
    with pytest.raises(TypeError, match="Missing required argument 'path'"):
        celigo.download_flow_template(id=flow_id)


class TemplateHost:
    """A stand-in API whose template's signed URL answers `body` (in 64 KiB chunks): what a broken
    CDN or proxy might send. Real HTTP; the emulator always answers a real ZIP."""

    def __init__(self) -> None:
        self.body = b""
        self.status = 200
        self.downloads = 0
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.base_url = f"http://127.0.0.1:{self.server.server_port}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def app(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        request = Request(environ)
        if request.path.endswith("/template"):
            signed = json.dumps({"signedURL": f"{self.base_url}/signed/template.zip"})
            return Response(signed, mimetype="application/json")(environ, start_response)
        self.downloads += 1
        chunks = (self.body[i : i + 65536] for i in range(0, len(self.body), 65536))
        return Response(chunks, status=self.status, mimetype="application/zip")(environ, start_response)


@pytest.fixture
def template_host(api: EmulatorServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[TemplateHost]:
    host = TemplateHost()
    monkeypatch.setenv("CELIGO_BASE_URL", host.base_url)
    yield host
    host.server.shutdown()


def test_download_flow_template_refuses_what_is_not_a_zip(template_host: TemplateHost, tmp_path: Path) -> None:
    """Regression: an HTML page from the signed URL was saved as the .zip."""
    target = tmp_path / "orders.zip"
    target.write_bytes(b"the previous template")
    template_host.body = b"<html><body>Sign in</body></html>"
    with pytest.raises(ResourceError) as err:
        celigo.download_flow_template(id=UNKNOWN_ID, path=target)
    assert str(err.value) == (
        f"download_flow_template(id='{UNKNOWN_ID}', path='{target}'): the template download did not return a ZIP "
        "archive; nothing was written. Try again; if it persists, check that the flow opens in integrator.io "
        "(it begins with b'<htm')"
    )
    # A body that begins like a ZIP but is not one is refused after the download.
    template_host.body = b"PK\x03\x04" + b"\x00" * 100
    with pytest.raises(ResourceError, match="did not return a ZIP archive; nothing was written"):
        celigo.download_flow_template(id=UNKNOWN_ID, path=target)
    template_host.body = b"PK"
    with pytest.raises(ResourceError, match=r"did not return a ZIP archive.*\(it is 2 bytes long\)"):
        celigo.download_flow_template(id=UNKNOWN_ID, path=target)
    assert template_host.downloads == 3
    assert target.read_bytes() == b"the previous template"  # the existing file is kept whole
    assert [p.name for p in tmp_path.iterdir()] == ["orders.zip"]  # no temporary file left


def test_an_expired_download_link_says_so(template_host: TemplateHost, tmp_path: Path) -> None:
    template_host.status = 404
    target = tmp_path / "orders.zip"
    with pytest.raises(ResourceError) as err:
        celigo.download_flow_template(id=UNKNOWN_ID, path=target)
    assert str(err.value) == (
        f"download_flow_template(id='{UNKNOWN_ID}', path='{target}'): read failed: "
        "the download link expired before it was used; try again"
    )
    assert list(tmp_path.iterdir()) == []


def test_download_flow_template_is_streamed_and_capped(
    template_host: TemplateHost, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("flows/big.json", bytes(range(256)) * 4096)  # 1 MiB, stored: 16+ chunks
    template_host.body = archive.getvalue()
    target = tmp_path / "big.zip"
    result = celigo.download_flow_template(id=UNKNOWN_ID, path=target)
    assert target.read_bytes() == template_host.body
    assert (result.size, result.sha256) == (len(template_host.body), hashlib.sha256(template_host.body).hexdigest())

    monkeypatch.setattr(_functions, "MAX_TEMPLATE_BYTES", 512 * 1024)
    target.unlink()
    with pytest.raises(ResourceError) as err:
        celigo.download_flow_template(id=UNKNOWN_ID, path=target)
    assert str(err.value) == (
        f"download_flow_template(id='{UNKNOWN_ID}', path='{target}'): the template is larger than 524,288 bytes, "
        "the most this function writes (MAX_TEMPLATE_BYTES); nothing was written. Download it in integrator.io instead"
    )
    assert list(tmp_path.iterdir()) == []


# ---- the _output forms ----------------------------------------------------------------------------


@pulumi.runtime.test
def test_output_forms_resolve_from_outputs(api: EmulatorServer, tmp_path: Path) -> pulumi.Output[Any]:
    flow_id = new_flow(api, "Orders sync")
    raw(api, "POST", "/flows", {"name": "Chained", "_runNextFlowIds": [flow_id]})
    known_later: pulumi.Output[str] = pulumi.Output.from_input(flow_id).apply(lambda v: v)
    path = str(tmp_path / "out.zip")

    forms = [
        celigo.get_flow_output(id=known_later),
        celigo.get_flows_output(
            integration_id=api.seed_ids["dev_integration"], name=pulumi.Output.from_input("Orders sync")
        ),
        celigo.get_flow_audit_log_output(id=known_later),
        celigo.get_flow_dependencies_output(id=known_later),
        celigo.download_flow_template_output(id=known_later, path=pulumi.Output.secret(path)),
    ]

    def check(results: list[Any]) -> None:
        flow, flows, log, deps, template = results
        assert isinstance(flow, celigo.GetFlowResult) and flow.id == flow_id
        assert isinstance(flows, celigo.GetFlowsResult) and flows.ids == [flow_id]
        assert isinstance(log, celigo.GetFlowAuditLogResult) and log.entries[0].event == "create"
        assert isinstance(deps, celigo.GetFlowDependenciesResult) and [d.name for d in deps.flows] == ["Chained"]
        assert isinstance(template, celigo.DownloadFlowTemplateResult) and Path(path).stat().st_size == template.size

    # Output.all would turn the results into dicts: resolve each, keeping its type.
    collected: list[Any] = [None] * len(forms)

    def keep(index: int) -> Any:
        def store(value: Any) -> Any:
            collected[index] = value
            return True

        return store

    done = pulumi.Output.all(*[form.apply(keep(i)) for i, form in enumerate(forms)])
    return done.apply(lambda _: check(collected))


def test_output_form_errors_reach_the_program(api: EmulatorServer) -> None:
    @pulumi.runtime.test
    def program() -> pulumi.Output[Any]:
        return celigo.get_flow_output(id=pulumi.Output.from_input(UNKNOWN_ID)).apply(lambda flow: flow.id)

    with pytest.raises(ResourceError, match=f"id '{UNKNOWN_ID}' names no flow this API token can see"):
        program()
