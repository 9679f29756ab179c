"""The two sample flows of Celigo's flows page round-trip exactly through the emulator.

The documents are transcribed from the page; its masked ids (``598••••d32``) are replaced by the
demo seed's ids. A GET must return exactly what was sent plus ``_id``, ``createdAt``,
``lastModified`` and ``logging``.
"""

from __future__ import annotations

import json
from typing import Any

from .support import IDS, Api

SAMPLE_1 = """
{ "_id":"55e••••••••••••••••••367", "lastModified":"2017-06-19T21:27:09.945Z",
  "name":"Send GitHub Events to Slack", "disabled":false, "timezone":"America/Los_Angeles",
  "_exportId":"55e••••••••••••••••••366", "_importId":"55e••••••••••••••••••d14",
  "_integrationId":"58f••••••••••••••••••1bc", "skipRetries":false, "createdAt":"2017-06-19T21:27:09.900Z" }
"""

SAMPLE_2 = """
{ "_id":"598••••••••••••••••••d9a", "lastModified":"2017-08-19T17:04:54.005Z",
  "name":"Update Usage Stats for all Trialers", "disabled":false, "schedule":"? 0 2 ? * *",
  "timezone":"America/Los_Angeles", "_integrationId":"593••••••••••••••••••74e", "skipRetries":false,
  "pageProcessors":[
    { "type":"export", "_exportId":"598••••••••••••••••••428",
      "responseMapping":{ "lists":[], "fields":[ { "extract":"data", "generate":"numConnections" } ] } },
    { "type":"export", "_exportId":"598••••••••••••••••••d32",
      "responseMapping":{ "lists":[], "fields":[ { "extract":"data", "generate":"dlSuccessAndErrors" } ] } },
    { "type":"export", "_exportId":"598••••••••••••••••••6c6",
      "responseMapping":{ "lists":[], "fields":[ { "extract":"data", "generate":"lastSignIn" } ] } },
    { "type":"export", "_exportId":"598••••••••••••••••••638",
      "responseMapping":{ "lists":[], "fields":[ { "extract":"data", "generate":"numDataLoaders" } ] } },
    { "type":"export", "_exportId":"598e0c",
      "responseMapping":{ "lists":[], "fields":[ { "extract":"data", "generate":"numFlows" } ] } },
    { "type":"export", "_exportId":"598••••••••••••••••••54b",
      "responseMapping":{ "lists":[], "fields":[ { "extract":"data", "generate":"numPasswordChanges" } ] } },
    { "type":"export", "_exportId":"598••••••••••••••••••e22",
      "responseMapping":{ "lists":[], "fields":[ { "extract":"data", "generate":"numPasswordResets" } ] } },
    { "type":"export", "_exportId":"598e29",
      "responseMapping":{ "lists":[], "fields":[ { "extract":"data", "generate":"numSignIns" } ] } },
    { "type":"export", "_exportId":"598e37",
      "responseMapping":{ "lists":[], "fields":[ { "extract":"data", "generate":"successAndErrors" } ] } },
    { "type":"import", "_importId":"598••••••••••••••••••615", "proceedOnFailure":true,
      "responseMapping":{ "lists":[], "fields":[] } },
    { "type":"import", "_importId":"598••••••••••••••••••9f9", "responseMapping":{ "lists":[], "fields":[] } }
  ],
  "pageGenerators":[
    { "_exportId":"598••••••••••••••••••286", "_id":"599••••••••••••••••••b36" },
    { "_exportId":"598••••••••••••••••••6dd", "_id":"599••••••••••••••••••b35" }
  ],
  "createdAt":"2017-08-01T20:43:42.156Z" }
"""

SERVER_FIELDS = ("_id", "createdAt", "lastModified")


def as_client_sends(sample: str, ids: dict[str, str]) -> dict[str, Any]:
    """The sample without server fields, masked ids swapped for real ones."""
    text = sample
    for masked, real in ids.items():
        text = text.replace(f'"{masked}"', f'"{real}"')
    doc: dict[str, Any] = json.loads(text)
    assert "•" not in json.dumps(doc, ensure_ascii=False), "an id was left masked"
    return {k: v for k, v in doc.items() if k not in SERVER_FIELDS}


def round_trip(api: Api, body: dict[str, Any]) -> dict[str, Any]:
    created = api.create("flows", body)
    fetched = api.get(f"/flows/{created['_id']}").json()
    assert fetched == created
    return fetched


def test_sample_1_legacy_single_step_flow(api: Api) -> None:
    body = as_client_sends(
        SAMPLE_1,
        {
            "55e••••••••••••••••••367": "ignored",
            "55e••••••••••••••••••366": IDS["github_events_export"],
            "55e••••••••••••••••••d14": IDS["slack_import"],
            "58f••••••••••••••••••1bc": IDS["dev_integration"],
        },
    )
    fetched = round_trip(api, body)
    assert set(fetched) - set(body) == {"_id", "createdAt", "lastModified", "logging"}
    assert {k: v for k, v in fetched.items() if k in body} == body
    assert fetched["logging"] == {}


def test_sample_2_two_generators_eleven_processors(api: Api) -> None:
    lookups = IDS["usage_lookup_exports"]
    masked_lookups = ["428", "d32", "6c6", "638", "0c", "54b", "e22", "29", "37"]
    ids = {
        "598••••••••••••••••••d9a": "ignored",
        "593••••••••••••••••••74e": IDS["dev_integration"],
        "598••••••••••••••••••615": IDS["usage_imports"][0],
        "598••••••••••••••••••9f9": IDS["usage_imports"][1],
        "598••••••••••••••••••286": IDS["usage_pg_exports"][0],
        "598••••••••••••••••••6dd": IDS["usage_pg_exports"][1],
        # The page generators' own ids, as a client that read them back would send them.
        "599••••••••••••••••••b36": "599a1b2c3d4e5f6a7b8c9b36",
        "599••••••••••••••••••b35": "599a1b2c3d4e5f6a7b8c9b35",
    }
    for suffix, real in zip(masked_lookups, lookups, strict=True):
        ids[f"598••••••••••••••••••{suffix}" if len(suffix) == 3 else f"598e{suffix}"] = real
    body = as_client_sends(SAMPLE_2, ids)
    assert len(body["pageProcessors"]) == 11 and len(body["pageGenerators"]) == 2

    fetched = round_trip(api, body)
    assert set(fetched) - set(body) == {"_id", "createdAt", "lastModified", "logging"}
    assert {k: v for k, v in fetched.items() if k in body} == body
    assert fetched["pageGenerators"] == [
        {"_exportId": IDS["usage_pg_exports"][0], "_id": "599a1b2c3d4e5f6a7b8c9b36"},
        {"_exportId": IDS["usage_pg_exports"][1], "_id": "599a1b2c3d4e5f6a7b8c9b35"},
    ]
    # A PUT of what was read changes nothing either.
    replaced = api.put(f"/flows/{fetched['_id']}", json=fetched).json()
    assert {k: v for k, v in replaced.items() if k != "lastModified"} == {
        k: v for k, v in fetched.items() if k != "lastModified"
    }
    assert api.get(f"/flows/{fetched['_id']}/audit").json()[0]["event"] == "create"


def test_sample_2_without_generator_ids_gets_server_ids(api: Api) -> None:
    body = {
        "name": "Update Usage Stats for all Trialers",
        "pageGenerators": [{"_exportId": e} for e in IDS["usage_pg_exports"]],
        "pageProcessors": [{"type": "export", "_exportId": e} for e in IDS["usage_lookup_exports"]]
        + [{"type": "import", "_importId": i} for i in IDS["usage_imports"]],
    }
    fetched = round_trip(api, body)
    generator_ids = [g["_id"] for g in fetched["pageGenerators"]]
    assert len(set(generator_ids)) == 2
    assert all(p["responseMapping"] == {"fields": [], "lists": []} for p in fetched["pageProcessors"])
