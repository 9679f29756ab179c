"""Malformed Connection inputs are refused at check, with zero API calls and a message naming the field."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pulumi_celigo.providers.connection import ConnectionProvider

from tests.conftest import Live
from tests.resources.driver import ResourceDriver
from tests.resources.test_connection_plugin import CONNECTION, crm


@pytest.fixture
def connections(live: Live) -> ResourceDriver:
    return ResourceDriver(live.plugin, ConnectionProvider(), CONNECTION)


def _set(inputs: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    out = copy.deepcopy(inputs)
    *parents, last = path.split(".")
    target = out
    for key in parents:
        target = target[key]
    if value is _DROP:
        target.pop(last)
    else:
        target[last] = value
    return out


_DROP = object()

CASES: list[tuple[str, Any, str, str]] = [
    ("name", _DROP, "name", "name: is required"),
    ("type", _DROP, "type", "type: is required"),
    ("name", "   ", "name", "name: must not be empty or blank"),
    ("type", "ftp", "type", "type: 'ftp' is not supported: this provider manages connections of type 'http'"),
    ("offline", "yes", "offline", "offline: Input should be a valid boolean"),
    ("http", _DROP, "http", "http: is required for a connection of type 'http' (base_uri, auth, ...)"),
    ("http.base_uri", _DROP, "http", "http.base_uri: is required"),
    (
        "http.base_uri",
        "crm.example.com/api",
        "http",
        "http.base_uri: 'crm.example.com/api' is not an absolute http(s) URL",
    ),
    (
        "http.baseURI",
        "https://x.example.com",
        "http",
        "http.baseURI: unknown property 'baseURI'; did you mean 'base_uri'?",
    ),
    ("http.media_type", "yaml", "http", "http.media_type: 'yaml' is not a known value"),
    ("http.headers", [{"value": "2"}], "http", "http.headers[0].name: is required"),
    ("http.ping.method", "FETCH", "http", "http.ping.method: 'FETCH' is not a known value"),
    ("http.ping.relative_uri", "https://crm.example.com/me", "http", "http.ping.relative_uri: is relative to base_uri"),
    ("http.auth.type", "oauth2", "http", "http.auth.type: 'oauth2' is not a known value"),
    ("http.auth.type", "basic", "http", "http.auth.token: is given but http.auth.type is 'basic': remove one of them"),
    (
        "http.auth.token.location",
        "query",
        "http",
        "http.auth.token.location: 'query' is not a known value",
    ),
    ("http.auth.token.token", "******", "http", "http.auth.token.token: is the mask integrator.io shows"),
    ("http.auth.token.token", "", "http", "http.auth.token.token: is empty: give the credential, or leave it out"),
    ("http.auth.token.token", 12345, "http", "http.auth.token.token: Input should be a valid string"),
    ("http.encrypted", {"apiKey": "******"}, "http", "http.encrypted.apiKey: is the mask integrator.io shows"),
    ("http.auth.token.headerName", "X-Key", "http", "unknown property 'headerName'; did you mean 'header_name'?"),
    ("settings", {"a": 1}, "settings", "settings: unknown property 'settings'"),
    ("adopt_id", "not-an-id", "adopt_id", "adopt_id: 'not-an-id' is not an integrator.io id"),
]


@pytest.mark.parametrize(("path", "value", "prop", "fragment"), CASES, ids=[f"{c[0]}={c[1]!r}" for c in CASES])
def test_a_malformed_connection_is_refused_at_check_naming_the_field(
    live: Live, connections: ResourceDriver, path: str, value: Any, prop: str, fragment: str
) -> None:
    outcome = connections.check("crm", _set(crm(), path, value))
    assert [p for p, _ in outcome.failures] == [prop]
    assert fragment in outcome.failures[0][1]
    assert live.calls() == {}


def test_a_masked_credential_in_a_failure_never_shows_the_secret(live: Live, connections: ResourceDriver) -> None:
    outcome = connections.check("crm", _set(crm(), "http.auth.type", "basic"))
    assert "crm-secret-7d3a9f01" not in repr(outcome.failures)
    assert live.calls() == {}
