"""The API token appears nowhere in the client's objects, errors and logs, and connection credentials
are not in a flow's template ZIP. (State files and CLI output, on the real engine: tests/e2e/test_secrets.py.)"""

from __future__ import annotations

import io
import json
import logging
import zipfile
from typing import Any

import pulumi_celigo as celigo
import pytest
from pulumi_celigo.client import CeligoClient
from pulumi_celigo.emulator import EmulatorServer

from tests.conftest import TOKEN, make_client


def test_client_objects_errors_and_logs_never_show_the_token(
    emulator: EmulatorServer, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)  # urllib3's and the client's debug logs included
    with make_client(emulator) as client:
        texts: list[Any] = [repr(client), repr(client.config), repr(client.transport), str(client.config)]
        for failing in (
            lambda: client.flows.get("0123456789abcdef01234567"),
            lambda: client.flows.create(celigo.models.Flow(name="x", integration_id="0123456789abcdef01234567")),
        ):
            with pytest.raises(Exception) as err:
                failing()
            texts += [str(err.value), repr(err.value)]
        emulator.set_faults(rules=[{"method": "POST", "route": "*", "lost_response_rate": 1.0}])
        with pytest.raises(Exception) as err:
            client.flows.create(celigo.models.Flow(name="y"))
        texts += [str(err.value), repr(err.value)]
    printed = capfd.readouterr()
    for text in [*texts, caplog.text, printed.out, printed.err]:
        assert TOKEN not in str(text)


def test_the_template_zip_has_no_connection_credentials(client: CeligoClient, emulator: EmulatorServer) -> None:
    ids = emulator.seed_ids
    flow = client.flows.create(
        celigo.models.Flow.model_validate(
            {
                "name": "With credentials behind it",
                "_integrationId": ids["dev_integration"],
                "pageGenerators": [{"_exportId": ids["github_events_export"]}],
                "pageProcessors": [{"type": "import", "_importId": ids["slack_import"]}],
            }
        )
    )
    assert flow.id
    link = client.flows.template_link(flow.id)
    assert TOKEN not in link.signed_url
    archive = zipfile.ZipFile(io.BytesIO(client.flows.download_template(flow.id)))
    names = archive.namelist()
    connections = [n for n in names if n.startswith("connections/")]
    assert sorted(connections) == sorted(
        f"connections/{ids[k]}.json" for k in ("dev_github_connection", "dev_slack_connection")
    )
    everything = b"".join(archive.read(n) for n in names).decode()
    for secret in ("ghp_dev_0123456789abcdef", "xoxb-dev-0123456789", "-webhook", TOKEN, "******"):
        assert secret not in everything
    github = json.loads(archive.read(f"connections/{ids['dev_github_connection']}.json"))
    # What is not a credential survives: the connection stays recognisable and reusable.
    assert github["http"]["baseURI"] == "https://api.github.com"
    assert github["http"]["auth"]["token"] == {"location": "header", "headerName": "Authorization", "scheme": "token"}
    assert "encrypted" not in github["http"]
    assert f"flows/{flow.id}.json" in names
