"""Lists: skip/limit paging with RFC 5988 Link headers, 204 when empty, include/exclude projections."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi_celigo.emulator import EmulatorServer

from .support import IDS, Api, errors_of, fields_of


def follow(api: Api, path: str, **params: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """All pages of a list, and the next-links followed."""
    docs: list[dict[str, Any]] = []
    links: list[str] = []
    response = api.get(path, params=params)
    while True:
        assert response.status_code == 200, response.text
        docs += response.json()
        if "next" not in response.links:
            return docs, links
        links.append(response.links["next"]["url"])
        response = api.get(links[-1])


def test_paging_250_flows_by_100(api: Api) -> None:
    created = [api.create("flows", {"name": f"flow {n:03d}"})["_id"] for n in range(250)]
    docs, links = follow(api, "/flows", limit=100)
    assert [d["_id"] for d in docs] == created
    assert links == [
        f"{api.base_url}/flows?skip=100&limit=100",
        f"{api.base_url}/flows?skip=200&limit=100",
    ]
    last = api.get(links[-1])
    assert len(last.json()) == 50 and "Link" not in last.headers
    assert api.get("/flows", params={"skip": 250, "limit": 100}).status_code == 204
    assert api.get("/flows", params={"skip": 1000}).status_code == 204


def test_link_keeps_other_query_parameters(api: Api) -> None:
    for n in range(3):
        api.create("flows", {"name": f"f{n}", "_integrationId": IDS["dev_integration"]})
    response = api.get("/flows", params={"_integrationId": IDS["dev_integration"], "include": "disabled", "limit": 2})
    assert response.links["next"]["url"] == (
        f"{api.base_url}/flows?_integrationId={IDS['dev_integration']}&include=disabled&skip=2&limit=2"
    )
    rest = api.get(response.links["next"]["url"])
    assert rest.json() == [{"_id": rest.json()[0]["_id"], "name": "f2", "disabled": False}]


def test_exact_page_boundary_has_no_next_link(api: Api) -> None:
    for n in range(4):
        api.create("integrations", {"name": f"i{n}"})
    response = api.get("/integrations", params={"limit": 6})  # 2 seeded + 4
    assert len(response.json()) == 6
    assert "Link" not in response.headers


def test_default_limit_is_1000(api: Api, emulator: EmulatorServer) -> None:
    # Created in-process through the store for speed; the list is read over HTTP.
    store = emulator.app.store
    with store.transaction():
        for n in range(1001):
            store.insert("integrations", {"_id": f"{n + 1:024x}", "name": f"bulk {n}"})
    response = api.get("/integrations")
    assert len(response.json()) == 1000
    assert response.links["next"]["url"] == f"{api.base_url}/integrations?skip=1000&limit=1000"
    assert len(api.get(response.links["next"]["url"]).json()) == 3
    assert len(api.get("/integrations", params={"limit": 1000}).json()) == 1000


@pytest.mark.parametrize("collection", ["flows", "connections", "exports", "imports", "integrations"])
def test_empty_list_is_204_without_body(api: Api, emulator: EmulatorServer, collection: str) -> None:
    emulator.app.store.wipe()
    response = api.get(f"/{collection}")
    assert response.status_code == 204
    assert response.content == b""
    assert "Content-Type" not in response.headers


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 1001},
        {"limit": -1},
        {"limit": "ten"},
        {"limit": "1.5"},
        {"skip": -1},
        {"skip": "x"},
        {"limit": ""},
        {"limit": "\u0663"},  # ARABIC-INDIC DIGIT THREE: int() accepts it, the API does not
        {"skip": "\u00b2"},  # SUPERSCRIPT TWO: isdigit() but not int()
        {"limit": "\uff11\uff10"},  # FULLWIDTH 10
    ],
)
def test_bad_paging_values_are_400(api: Api, params: dict[str, Any]) -> None:
    response = api.get("/flows", params=params)
    assert response.status_code == 400
    (name,) = params
    assert fields_of(response) == {name: "invalid_query_params"}


def test_include_returns_id_name_and_the_fields(api: Api) -> None:
    response = api.get("/exports", params={"include": "isLookup,adaptorType, missingField", "limit": 4})
    assert response.status_code == 200
    assert response.json() == [
        {"_id": IDS["github_events_export"], "name": "GitHub events", "adaptorType": "HTTPExport"},
        {"_id": IDS["usage_pg_exports"][0], "name": "Trialers (trial)", "adaptorType": "HTTPExport"},
        {"_id": IDS["usage_pg_exports"][1], "name": "Trialers (expired trial)", "adaptorType": "HTTPExport"},
        {
            "_id": IDS["usage_lookup_exports"][0],
            "name": "Usage lookup: numConnections",
            "adaptorType": "HTTPExport",
            "isLookup": True,
        },
    ]
    assert api.get("/exports", params={"include": "", "limit": 1}).json() == [
        {"_id": IDS["github_events_export"], "name": "GitHub events"}
    ]


def test_exclude_drops_the_fields(api: Api) -> None:
    full = api.get("/connections").json()
    response = api.get("/connections", params={"exclude": "http,createdAt"})
    assert response.json() == [{k: v for k, v in doc.items() if k not in ("http", "createdAt")} for doc in full]


def test_include_and_exclude_together_is_400(api: Api, emulator: EmulatorServer) -> None:
    response = api.get("/flows", params={"include": "name", "exclude": "disabled"})
    assert response.status_code == 400
    assert [e["code"] for e in errors_of(response)] == ["invalid_query_params"]
