"""Malformed Integration, Script, Export and Import programs are refused at check, naming the field (in the
program's names) and saying what to do, with no API call."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.output import Unknown
from pulumi_celigo.providers.export import ExportProvider
from pulumi_celigo.providers.import_ import ImportProvider
from pulumi_celigo.providers.integration import IntegrationProvider
from pulumi_celigo.providers.script import ScriptProvider

from tests.conftest import Live
from tests.resources.driver import ResourceDriver

ID = "64f1c2d3e4f5a6b7c8d9e0f1"  # well formed: check never asks the API whether it exists
PROVIDERS = {
    "Integration": IntegrationProvider,
    "Script": ScriptProvider,
    "Export": ExportProvider,
    "Import": ImportProvider,
}
VALID: dict[str, dict[str, Any]] = {
    "Integration": {"name": "Shop", "flow_groupings": [{"name": "Orders"}], "connection_ids": [ID]},
    "Script": {"name": "Tidy", "content": "function tidy(o) { return o }"},
    "Export": {
        "name": "Orders",
        "adaptor_type": "HTTPExport",
        "connection_id": ID,
        "http": {"relative_uri": "/orders", "method": "GET"},
    },
    "Import": {
        "name": "ERP orders",
        "adaptor_type": "HTTPImport",
        "connection_id": ID,
        "http": {"relative_uri": ["/orders"], "method": ["POST"]},
    },
}
WEBHOOK = {"name": "Incoming", "adaptor_type": "WebhookExport", "webhook": {"provider": "custom"}}
DROP = object()  # an override that removes the input

# (resource, id, overrides of the valid inputs, property, path: the reason starts with it, fragment of the reason)
CASES: list[tuple[str, str, dict[str, Any], str, str, str]] = [
    # ---- Integration
    ("Integration", "name-int", {"name": 42}, "name", "name", "Input should be a valid string"),
    ("Integration", "name-blank", {"name": "  "}, "name", "name", "must not be empty or blank"),
    ("Integration", "name-long", {"name": "x" * 300}, "name", "name", "is 300 characters long"),
    ("Integration", "groups-str", {"flow_groupings": "Orders"}, "flow_groupings", "flow_groupings", "valid list"),
    ("Integration", "group-unnamed", {"flow_groupings": [{}]}, "flow_groupings", "flow_groupings[0].name", "required"),
    (
        "Integration",
        "group-twice",
        {"flow_groupings": [{"name": "Orders"}, {"name": "Orders"}]},
        "flow_groupings",
        "flow_groupings[1].name",
        "'Orders' is already the name of group 0; group names must differ",
    ),
    (
        "Integration",
        "group-id",
        {"flow_groupings": [{"name": "Orders", "id": ID}]},
        "flow_groupings",
        "flow_groupings[0].id",
        "is set by integrator.io; remove it",
    ),
    (
        "Integration",
        "group-typo",
        {"flow_groupings": [{"nmae": "Orders"}]},
        "flow_groupings",
        "flow_groupings[0].nmae",
        "unknown property 'nmae'; did you mean 'name'?",
    ),
    (
        "Integration",
        "connection-not-id",
        {"connection_ids": ["crm"]},
        "connection_ids",
        "connection_ids[0]",
        "'crm' is not an integrator.io id",
    ),
    (
        "Integration",
        "connection-twice",
        {"connection_ids": [ID, ID]},
        "connection_ids",
        "connection_ids[1]",
        f"{ID} is listed twice",
    ),
    ("Integration", "sandbox", {"sandbox": True}, "sandbox", "sandbox", "is set by integrator.io"),
    (
        "Integration",
        "registered",
        {"registered_connection_ids": [ID]},
        "registered_connection_ids",
        "registered_connection_ids",
        "is set by integrator.io and cannot be written; remove it from the program",
    ),
    (
        "Integration",
        "camel-case",
        {"flowGroupings": []},
        "flowGroupings",
        "flowGroupings",
        "unknown property 'flowGroupings'; did you mean 'flow_groupings'?",
    ),
    ("Integration", "readme-int", {"readme": 5}, "readme", "readme", "Input should be a valid string"),
    # ---- Script
    ("Script", "no-content", {"content": DROP}, "content", "content", "is required: the script's JavaScript source"),
    ("Script", "content-int", {"content": 42}, "content", "content", "Input should be a valid string"),
    ("Script", "no-name", {"name": DROP}, "name", "name", "is required"),
    ("Script", "description-list", {"description": ["x"]}, "description", "description", "valid string"),
    ("Script", "created-at", {"created_at": "2026-01-01T00:00:00.000Z"}, "created_at", "created_at", "integrator.io"),
    ("Script", "id", {"id": ID}, "id", "id", "is set by integrator.io"),
    ("Script", "typo", {"contnet": "x"}, "contnet", "contnet", "did you mean 'content'?"),
    ("Script", "adopt-not-id", {"adopt_id": "tidy.js"}, "adopt_id", "adopt_id", "'tidy.js' is not an integrator.io id"),
    (
        "Script",
        "allow-delete-str",
        {"allow_delete_with_dependents": "yes"},
        "allow_delete_with_dependents",
        "allow_delete_with_dependents",
        "Input should be a valid boolean",
    ),
    ("Script", "last-modified", {"last_modified": "x"}, "last_modified", "last_modified", "is set by integrator.io"),
    # ---- Export
    (
        "Export",
        "adaptor-case",
        {"adaptor_type": "HttpExport"},
        "adaptor_type",
        "adaptor_type",
        "'HttpExport' is not a known value; did you mean 'HTTPExport'?",
    ),
    ("Export", "no-connection", {"connection_id": DROP}, "connection_id", "connection_id", "is required"),
    (
        "Export",
        "webhook-with-connection",
        {**WEBHOOK, "connection_id": ID, "http": DROP},
        "connection_id",
        "connection_id",
        "webhook and simple exports have no connection; remove connection_id",
    ),
    (
        "Export",
        "webhook-on-http",
        {"webhook": {"provider": "custom"}},
        "webhook",
        "webhook",
        'needs adaptor_type "WebhookExport"',
    ),
    (
        "Export",
        "http-on-webhook",
        {**WEBHOOK, "connection_id": DROP},
        "http",
        "http",
        "a webhook or simple export sends no request; remove http",
    ),
    (
        "Export",
        "method",
        {"http": {"relative_uri": "/orders", "method": "FETCH"}},
        "http",
        "http.method",
        "'FETCH' is not a known value",
    ),
    ("Export", "type", {"type": "deltaa"}, "type", "type", "did you mean 'delta'?"),
    ("Export", "delta-without-type", {"delta": {"date_field": "updatedAt"}}, "delta", "delta", 'needs type "delta"'),
    (
        "Export",
        "hook-no-function",
        {"hooks": {"pre_save_page": {"script_id": ID}}},
        "hooks",
        "hooks.pre_save_page",
        "needs both script_id (the script) and function (its name)",
    ),
    (
        "Export",
        "hook-script-not-id",
        {"hooks": {"pre_save_page": {"script_id": "tidy", "function": "tidy"}}},
        "hooks",
        "hooks.pre_save_page.script_id",
        "'tidy' is not an integrator.io id",
    ),
    (
        "Export",
        "relative-uri-spelling",
        {"http": {"relativeURI": "/orders"}},
        "http",
        "http.relativeURI",
        "did you mean 'relative_uri'?",
    ),
    ("Export", "lookup-str", {"is_lookup": "yes"}, "is_lookup", "is_lookup", "Input should be a valid boolean"),
    (
        "Export",
        "webhook-lookup",
        {**WEBHOOK, "connection_id": DROP, "http": DROP, "is_lookup": True},
        "is_lookup",
        "is_lookup",
        "a webhook or simple export cannot be a lookup",
    ),
    (
        "Export",
        "masked-token",
        {**WEBHOOK, "connection_id": DROP, "http": DROP, "webhook": {"provider": "custom", "token": "******"}},
        "webhook",
        "webhook.token",
        "is the mask integrator.io shows in place of a credential, not the token",
    ),
    ("Export", "paging-str", {"http": {"paging": "next"}}, "http", "http.paging", "valid dictionary"),
    # ---- Import
    ("Import", "no-connection", {"connection_id": DROP}, "connection_id", "connection_id", "is required"),
    (
        "Import",
        "adaptor-typo",
        {"adaptor_type": "HTTPImprot"},
        "adaptor_type",
        "adaptor_type",
        "did you mean 'HTTPImport'?",
    ),
    ("Import", "uri-not-list", {"http": {"relative_uri": "/orders"}}, "http", "http.relative_uri", "valid list"),
    (
        "Import",
        "method",
        {"http": {"relative_uri": ["/orders"], "method": ["FETCH"]}},
        "http",
        "http.method[0]",
        "'FETCH' is not a known value",
    ),
    (
        "Import",
        "parallel-lists",
        {"http": {"relative_uri": ["/orders", "/orders/{{id}}"], "method": ["POST"]}},
        "http",
        "http",
        "relative_uri, method and body are parallel lists (entry i of each is one request); relative_uri has 2, "
        "method has 1",
    ),
    (
        "Import",
        "field-no-generate",
        {"mapping": {"fields": [{"extract": "id"}]}},
        "mapping",
        "mapping.fields[0].generate",
        "is required",
    ),
    (
        "Import",
        "list-no-generate",
        {"mapping": {"lists": [{"fields": []}]}},
        "mapping",
        "mapping.lists[0].generate",
        "is required",
    ),
    (
        "Import",
        "list-field-no-generate",
        {"mapping": {"lists": [{"generate": "lines", "fields": [{"extract": "sku"}]}]}},
        "mapping",
        "mapping.lists[0].fields[0].generate",
        "is required",
    ),
    (
        "Import",
        "ignore-both",
        {"ignore_existing": True, "ignore_missing": True},
        "ignore_missing",
        "ignore_missing",
        "not both",
    ),
    (
        "Import",
        "hook-no-script",
        {"hooks": {"post_submit": {"function": "done"}}},
        "hooks",
        "hooks.post_submit",
        "needs both script_id",
    ),
    ("Import", "lookups-str", {"lookups": "skus"}, "lookups", "lookups", "valid list"),
    (
        "Import",
        "data-type-spelling",
        {"mapping": {"fields": [{"generate": "id", "dataType": "string"}]}},
        "mapping",
        "mapping.fields[0].dataType",
        "did you mean 'data_type'?",
    ),
    ("Import", "hook-spelling", {"hooks": {"preMap": {}}}, "hooks", "hooks.preMap", "did you mean 'pre_map'?"),
    (
        "Import",
        "integration-not-id",
        {"integration_id": "shop"},
        "integration_id",
        "integration_id",
        "'shop' is not an integrator.io id",
    ),
]


@pytest.mark.parametrize(
    ("resource", "overrides", "prop", "path", "fragment"),
    [c[:1] + c[2:] for c in CASES],
    ids=[f"{c[0]}-{c[1]}" for c in CASES],
)
def test_malformed_input_is_refused_at_check_naming_the_field_with_no_api_call(
    live: Live, resource: str, overrides: dict[str, Any], prop: str, path: str, fragment: str
) -> None:
    driver = ResourceDriver(live.plugin, PROVIDERS[resource](), f"pulumi-python:dynamic/celigo:{resource}")
    inputs = {**VALID[resource], **overrides}
    outcome = driver.check("it", {k: v for k, v in inputs.items() if v is not DROP})
    assert [p for p, _ in outcome.failures] == [prop], outcome.failures
    reason = outcome.failures[0][1]
    assert reason.startswith(f"{path}: "), reason
    assert fragment in reason, reason
    assert live.calls() == {}


@pytest.mark.parametrize("resource", list(VALID))
def test_the_valid_inputs_pass_with_no_api_call(live: Live, resource: str) -> None:
    driver = ResourceDriver(live.plugin, PROVIDERS[resource](), f"pulumi-python:dynamic/celigo:{resource}")
    assert driver.check("it", VALID[resource]).failures == []
    assert live.calls() == {}


UNKNOWN_DURING_PREVIEW: dict[str, dict[str, Any]] = {
    "Integration": {"connection_ids": [Unknown()]},
    "Script": {"content": Unknown()},
    "Export": {"connection_id": Unknown(), "hooks": {"pre_save_page": {"script_id": Unknown(), "function": "a"}}},
    "Import": {"connection_id": Unknown(), "integration_id": Unknown()},
}


@pytest.mark.parametrize("resource", list(VALID))
def test_values_not_known_during_preview_pass_check(live: Live, resource: str) -> None:
    """A new connection's or script's id is not known in a preview: it is neither missing nor malformed."""
    driver = ResourceDriver(live.plugin, PROVIDERS[resource](), f"pulumi-python:dynamic/celigo:{resource}")
    assert driver.check("it", {**VALID[resource], **UNKNOWN_DURING_PREVIEW[resource]}).failures == []
    assert live.calls() == {}


def test_there_are_at_least_ten_malformed_cases_per_resource() -> None:
    for resource in VALID:
        assert len([c for c in CASES if c[0] == resource]) >= 10, resource
    assert len({(c[0], c[1]) for c in CASES}) == len(CASES)
