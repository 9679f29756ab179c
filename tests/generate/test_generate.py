"""`pulumi-celigo generate` against the emulator, without the engine: what it reads (GETs only, one list
per collection), what it writes (each id once, variables for references, names, formatting, README)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pulumi_celigo.cli import main
from pulumi_celigo.emulator import EmulatorServer

from tests.conftest import TOKEN, raw
from tests.generate.conftest import Estate, generate, made

ID = re.compile(r"\b[0-9a-f]{24}\b")


def test_reads_with_gets_only_one_list_per_collection(
    estate: Estate, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    estate.emulator.reset_request_counts()
    generate(estate.emulator, out_dir, "--integration", estate.integration)
    assert capsys.readouterr().err.splitlines() == [
        f"Reading {estate.emulator.base_url} (GET requests only)",
        "  integrations: 2",
        "  flows of Dev: 4",
        "  exports: 13",
        "  imports: 4",
        "  connections: 6",
        "  scripts: 1",
        f"Wrote {out_dir}: 19 resources, 0 objects not generated (see its README.md).",
    ]
    assert estate.emulator.request_counts() == {
        "GET /v1/tokenInfo": 1,
        "GET /v1/integrations": 1,
        "GET /v1/flows": 1,
        "GET /v1/exports": 1,
        "GET /v1/imports": 1,
        "GET /v1/connections": 1,
        "GET /v1/scripts/{id}": 1,  # the one script a hook uses: only the single GET has its content
    }


def test_two_runs_are_byte_identical(estate: Estate, tmp_path: Path) -> None:
    first = generate(estate.emulator, tmp_path / "a", "--integration", estate.integration, "--stack", "prod")
    second = generate(estate.emulator, tmp_path / "b", "--integration", estate.integration, "--stack", "prod")
    assert first == second
    assert set(first) >= {"Pulumi.prod.yaml", "Pulumi.yaml", "README.md", "__main__.py", "requirements.txt"}
    assert first["Pulumi.prod.yaml"].decode() == f'config:\n  celigo:baseUrl: "{estate.emulator.base_url}"\n'


def test_each_id_appears_once_and_references_are_variables(estate: Estate, out_dir: Path) -> None:
    main_py = generate(estate.emulator, out_dir, "--integration", estate.integration)["__main__.py"].decode()
    ids = ID.findall(main_py)
    assert sorted(ids) == sorted(set(ids))
    for flow_id in estate.flows.values():
        assert flow_id in ids
    # A forward link is a variable: "Route shop orders" runs the GitHub flow, defined before it.
    assert main_py.index("send_github_events_to_slack_flow = celigo.Flow(") < main_py.index(
        "route_shop_orders_flow = celigo.Flow("
    )
    assert "run_next_flow_ids=[send_github_events_to_slack_flow.id]" in main_py
    # The usage and cleanup flows run each other: one link of the cycle is a variable, the other a
    # constant that is also the adopted flow's adopt_id.
    assert "run_next_flow_ids=[nightly_cleanup_flow.id]" in main_py
    assert "run_next_flow_ids=[UPDATE_USAGE_STATS_FOR_ALL_TRIALERS_FLOW_ID]" in main_py
    assert "adopt_id=UPDATE_USAGE_STATS_FOR_ALL_TRIALERS_FLOW_ID," in main_py
    assert f'UPDATE_USAGE_STATS_FOR_ALL_TRIALERS_FLOW_ID = "{estate.flows["usage"]}"' in main_py


def test_connections_are_generated_without_credentials(estate: Estate, out_dir: Path) -> None:
    files = generate(estate.emulator, out_dir, "--integration", estate.integration)
    main_py, readme = files["__main__.py"].decode(), files["README.md"].decode()
    assert "******" not in main_py
    for secret in ("ghp_dev_0123456789abcdef", "xoxb-dev-0123456789", "ioapi-dev-0123456789abcdef"):
        assert secret not in main_py and secret not in readme  # nor their `-webhook` encrypted values
    assert (
        '- Connection "GitHub (Dev)" (`github-dev`): `http.auth.token.token`, `http.encrypted.webhookSecret` '
        "(credentials: kept as stored)"
    ) in readme
    assert "pulumi config set --secret" in readme
    assert "**Warning: `pulumi destroy` deletes every object this program manages**" in readme


def test_output_is_formatted_and_passes_ruff(estate: Estate, out_dir: Path) -> None:
    generate(estate.emulator, out_dir, "--integration", estate.integration, "--protect")
    ruff = [sys.executable, "-m", "ruff"]
    target = str(out_dir / "__main__.py")
    for args in (["format", "--isolated", "--line-length", "120", "--check"], ["check", "--isolated"]):
        done = subprocess.run([*ruff, *args, target], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
    compile((out_dir / "__main__.py").read_text(), target, "exec")


def test_protect_adds_protect_to_every_resource(estate: Estate, out_dir: Path) -> None:
    main_py = generate(estate.emulator, out_dir, "--integration", estate.integration, "--protect")["__main__.py"]
    text = main_py.decode()
    # 1 script, 3 connections, 1 integration, 6 exports, 4 imports, 4 flows
    assert text.count("= celigo.") == text.count("opts=pulumi.ResourceOptions(protect=True)") == 19


def test_names_are_slugs_numbered_by_id_order(emulator: EmulatorServer, out_dir: Path) -> None:
    integration = emulator.seed_ids["dev_integration"]
    export = emulator.seed_ids["github_events_export"]
    flows = sorted(
        made(
            emulator, "flows", {"name": name, "_integrationId": integration, "pageGenerators": [{"_exportId": export}]}
        )
        for name in ("Orders: sync!", "orders sync", "Ördérs  sync")
    )
    main_py = generate(emulator, out_dir, "--integration", integration)["__main__.py"].decode()
    for index, flow_id in enumerate(flows):
        name = "orders-sync" + ("" if index == 0 else f"-{index + 1}")
        assert f'"{name}",\n    adopt_id="{flow_id}",' in main_py


def test_an_unknown_integration_is_refused_naming_it(
    emulator: EmulatorServer, out_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = "0123456789abcdef01234567"
    code = main(
        [
            "generate",
            "--integration",
            missing,
            "--out",
            str(out_dir),
            "--base-url",
            emulator.base_url,
            "--api-token",
            TOKEN,
        ]
    )
    assert code == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"pulumi-celigo generate: integration {missing} is not in the account at {emulator.base_url} "
        f'(GET /integrations lists: "Dev" ({emulator.seed_ids["dev_integration"]}); '
        f'"Prod" ({emulator.seed_ids["prod_integration"]})). Pass an id from that list, or --all.'
    )
    assert not out_dir.exists()


def test_settings_resolve_as_the_provider_does(
    emulator: EmulatorServer, out_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CELIGO_API_TOKEN", TOKEN)
    monkeypatch.setenv("CELIGO_BASE_URL", "http://127.0.0.1:9/v1")  # the flag wins, as stack config does
    args = ["generate", "--all", "--out", str(out_dir), "--base-url", emulator.base_url]
    assert main(args) == 0
    monkeypatch.delenv("CELIGO_API_TOKEN")
    assert main(args) == 1
    assert "No Celigo API token is configured" in capsys.readouterr().err


def test_every_object_is_adopted_and_a_dangling_reference_is_listed(estate: Estate, out_dir: Path) -> None:
    emu = estate.emulator
    gone = "0badc0de0badc0de0badc0de"  # flows' script references are not checked: one can dangle
    flow = raw(emu, "GET", f"/flows/{estate.flows['github']}").json()
    flow["pageProcessors"][0]["hooks"] = {"postResponseMap": {"function": "after", "_scriptId": gone}}
    assert raw(emu, "PUT", f"/flows/{estate.flows['github']}", flow).status_code == 200
    files = generate(emu, out_dir, "--integration", estate.integration)
    main_py, readme = files["__main__.py"].decode(), files["README.md"].decode()
    for doc_id in (estate.webhook, estate.lookup_import, estate.script, estate.integration, *estate.flows.values()):
        assert f'adopt_id="{doc_id}"' in main_py or f'"{doc_id}"  # flow' in main_py
    assert f'ID_0BADC0DE0BADC0DE0BADC0DE_OBJECT_ID = "{gone}"  # not found in the account' in main_py
    assert '"script_id": ID_0BADC0DE0BADC0DE0BADC0DE_OBJECT_ID' in main_py
    assert f"Referred to but not found in the account (404), so kept as ids: `{gone}`." in readme


def test_the_console_script_is_installed() -> None:
    done = subprocess.run(
        [str(Path(sys.executable).parent / "pulumi-celigo"), "generate", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "--integration ID" in done.stdout and "--protect" in done.stdout


def test_fields_the_resource_does_not_know_are_listed_not_dropped(estate: Estate, out_dir: Path) -> None:
    emu = estate.emulator
    flow = raw(emu, "GET", f"/flows/{estate.flows['github']}").json()
    flow["pageGenerators"][0]["uiLabel"] = "Events"
    flow["customTop"] = 1
    assert raw(emu, "PUT", f"/flows/{estate.flows['github']}", flow).status_code == 200
    files = generate(emu, out_dir, "--integration", estate.integration)
    assert "uiLabel" not in files["__main__.py"].decode() and "customTop" not in files["__main__.py"].decode()
    lines = [line for line in files["README.md"].decode().splitlines() if "Send GitHub Events to Slack" in line]
    assert lines == [
        '- Flow "Send GitHub Events to Slack" (`send-github-events-to-slack`): `customTop` (not an argument of the '
        "resource)",
        '- Flow "Send GitHub Events to Slack" (`send-github-events-to-slack`): `page_generators[0].uiLabel` (unknown '
        "to the resource: kept while the program leaves the field that holds it unchanged; a change to that field "
        "writes it without them)",
    ]
