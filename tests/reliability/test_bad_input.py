"""Malformed programs are refused at check, naming the field (in the program's names) and making
no API call; references only the API can judge (well-formed ids of nothing) are refused at create
with the API's own message, naming the field in the program's names, and leave nothing behind.
Valid unicode names are accepted; control characters are not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pulumi_celigo.testing import PluginError

from tests.conftest import Live
from tests.reliability.conftest import flows_named, orders_flow
from tests.resources.driver import ResourceDriver

Change = Callable[[dict[str, Any], dict[str, Any]], object]
NOWHERE = "0123456789abcdef01234567"  # well formed, names nothing


def put(path: str, value: Any) -> Change:
    """Set `value` at a dotted path of the inputs (`page_processors.0.import_id`); `...` deletes it."""

    def change(inputs: dict[str, Any], _ids: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = inputs
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        key: Any = int(last) if isinstance(target, list) else last
        if value is ...:
            del target[key]
        else:
            target[key] = value

    return change


def with_router(page_processor: dict[str, Any], **branch_extra: Any) -> Change:
    def change(inputs: dict[str, Any], _ids: dict[str, Any]) -> None:
        del inputs["page_processors"]
        inputs["routers"] = [
            {"id": "r1", "branches": [{"name": "all", "page_processors": [page_processor], **branch_extra}]}
        ]

    return change


# (id, change, property, path: the reason starts with it, fragment of the reason)
CHECK_CASES: list[tuple[str, Change, str, str, str]] = [
    # wrong types
    ("name-int", put("name", 42), "name", "name", "Input should be a valid string"),
    ("name-list", put("name", ["a"]), "name", "name", "Input should be a valid string"),
    ("disabled-str", put("disabled", "no"), "disabled", "disabled", "Input should be a valid boolean"),
    ("disabled-int", put("disabled", 1), "disabled", "disabled", "Input should be a valid boolean"),
    ("schedule-int", put("schedule", 5), "schedule", "schedule", "Input should be a valid string"),
    ("timezone-list", put("timezone", ["UTC"]), "timezone", "timezone", "Input should be a valid string"),
    ("pgs-str", put("page_generators", "abc"), "page_generators", "page_generators", "Input should be a valid list"),
    (
        "pgs-object",
        put("page_generators", {"export_id": NOWHERE}),
        "page_generators",
        "page_generators",
        "Input should be a valid list",
    ),
    (
        "pp-not-object",
        put("page_processors", ["import"]),
        "page_processors",
        "page_processors[0]",
        "Input should be a valid dictionary",
    ),
    (
        "next-ids-str",
        put("run_next_flow_ids", NOWHERE),
        "run_next_flow_ids",
        "run_next_flow_ids",
        "Input should be a valid list",
    ),
    ("settings-str", put("settings", "x"), "settings", "settings", "Input should be a valid dictionary"),
    ("aliases-str", put("aliases", "x"), "aliases", "aliases", "Input should be a valid list"),
    ("skip-retries-str", put("skip_retries", "true"), "skip_retries", "skip_retries", "valid boolean"),
    (
        "parallel-str",
        put("run_page_generators_in_parallel", "yes"),
        "run_page_generators_in_parallel",
        "run_page_generators_in_parallel",
        "valid boolean",
    ),
    (
        "pp-proceed-str",
        put("page_processors.0.proceed_on_failure", "yes"),
        "page_processors",
        "page_processors[0].proceed_on_failure",
        "valid boolean",
    ),
    (
        "mapping-fields-object",
        put("page_processors.0.response_mapping.fields", {"extract": "a"}),
        "page_processors",
        "page_processors[0].response_mapping.fields",
        "valid list",
    ),
    (
        "mapping-extract-int",
        put("page_processors.0.response_mapping.fields.0.extract", 5),
        "page_processors",
        "page_processors[0].response_mapping.fields[0].extract",
        "valid string",
    ),
    (
        "pg-skip-retries-str",
        put("page_generators.0.skip_retries", "no"),
        "page_generators",
        "page_generators[0].skip_retries",
        "valid boolean",
    ),
    # schedules
    ("cron-5-fields", put("schedule", "0 2 * * *"), "schedule", "schedule", "write 6 fields whose first is '?'"),
    ("cron-bad-minute", put("schedule", "? 99 2 ? * *"), "schedule", "schedule", "not a valid cron expression"),
    ("cron-empty", put("schedule", ""), "schedule", "schedule", "write 6 fields whose first is '?'"),
    ("cron-7-fields", put("schedule", "? * * * * * *"), "schedule", "schedule", "write 6 fields"),
    (
        "pg-cron-words",
        put("page_generators.0.schedule", "every day"),
        "page_generators",
        "page_generators[0].schedule",
        "write 6 fields",
    ),
    # timezones
    ("tz-unknown", put("timezone", "Mars/Olympus"), "timezone", "timezone", "is not an IANA timezone name"),
    ("tz-empty", put("timezone", ""), "timezone", "timezone", "is not an IANA timezone name"),
    ("tz-wrong-case", put("timezone", "america/los_angeles"), "timezone", "timezone", "not an IANA timezone"),
    ("tz-offset", put("timezone", "UTC+2"), "timezone", "timezone", "not an IANA timezone"),
    # malformed ids
    (
        "integration-id-word",
        put("integration_id", "not-an-id"),
        "integration_id",
        "integration_id",
        "not an integrator.io id",
    ),
    (
        "integration-id-upper",
        put("integration_id", "0123456789ABCDEF01234567"),
        "integration_id",
        "integration_id",
        "lowercase",
    ),
    ("integration-id-short", put("integration_id", NOWHERE[:23]), "integration_id", "integration_id", "24 lowercase"),
    (
        "pg-export-id",
        put("page_generators.0.export_id", "xyz"),
        "page_generators",
        "page_generators[0].export_id",
        "'xyz' is not an integrator.io id",
    ),
    (
        "pp-import-id",
        put("page_processors.0.import_id", "123"),
        "page_processors",
        "page_processors[0].import_id",
        "'123' is not an integrator.io id",
    ),
    (
        "next-id",
        put("run_next_flow_ids", ["bad"]),
        "run_next_flow_ids",
        "run_next_flow_ids[0]",
        "not an integrator.io id",
    ),
    ("grouping-id", put("flow_grouping_id", "g1"), "flow_grouping_id", "flow_grouping_id", "not an integrator.io id"),
    ("adopt-id", put("adopt_id", "flow-42"), "adopt_id", "adopt_id", "not an integrator.io id"),
    (
        "keep-delta-id",
        put("page_generators.0.keep_delta_behind_flow_id", "x" * 24),
        "page_generators",
        "page_generators[0].keep_delta_behind_flow_id",
        "not an integrator.io id",
    ),
    # names
    ("name-empty", put("name", ""), "name", "name", "must not be empty or blank"),
    ("name-blank", put("name", "   "), "name", "name", "must not be empty or blank"),
    ("name-256", put("name", "x" * 256), "name", "name", "is 256 characters long; integrator.io names are at most 255"),
    ("name-newline", put("name", "line\nbreak"), "name", "name", "must not contain control characters"),
    ("name-tab", put("name", "tab\there"), "name", "name", "must not contain control characters"),
    ("name-nul", put("name", "nul\x00"), "name", "name", "must not contain control characters"),
    ("name-del", put("name", "del\x7f"), "name", "name", "must not contain control characters"),
    ("name-c1", put("name", "next line\x85"), "name", "name", "must not contain control characters"),
    ("name-missing", put("name", ...), "name", "name", "is required"),
    # shapes and rules
    (
        "routers-and-pps",
        lambda i, ids: i.update(routers=[{"id": "r1", "branches": [{"name": "all"}]}]),
        "routers",
        "routers",
        "a flow has either page_processors or routers, not both",
    ),
    (
        "import-with-export-id",
        lambda i, ids: i.update(page_processors=[{"type": "import", "export_id": NOWHERE}]),
        "page_processors",
        "page_processors[0]",
        'a page processor of type "import" takes import_id and no export_id',
    ),
    (
        "pp-type-unknown",
        put("page_processors.0.type", "lookup"),
        "page_processors",
        "page_processors[0].type",
        "Input should be 'export' or 'import'",
    ),
    (
        "pp-type-missing",
        put("page_processors.0.type", ...),
        "page_processors",
        "page_processors[0].type",
        "is required",
    ),
    (
        "export-without-id",
        lambda i, ids: i.update(page_processors=[{"type": "export"}]),
        "page_processors",
        "page_processors[0]",
        'a page processor of type "export" takes export_id',
    ),
    ("pg-empty", put("page_generators", [{}]), "page_generators", "page_generators[0].export_id", "is required"),
    (
        "unknown-camel-case",
        lambda i, ids: i.update(pageGenerators=i.pop("page_generators")),
        "pageGenerators",
        "pageGenerators",
        "unknown property 'pageGenerators'; did you mean 'page_generators'?",
    ),
    (
        "unknown-typo",
        lambda i, ids: i.update(shedule=i.pop("schedule")),
        "shedule",
        "shedule",
        "unknown property 'shedule'; did you mean 'schedule'?",
    ),
    (
        "unknown-nested",
        lambda i, ids: i["page_processors"][0].update(importId=i["page_processors"][0].pop("import_id")),
        "page_processors",
        "page_processors[0].importId",
        "unknown property 'importId'; did you mean 'import_id'?",
    ),
    (
        "unknown-in-router-branch",
        with_router({"type": "import", "import_id": NOWHERE, "retries": 3}),
        "routers",
        "routers[0].branches[0].page_processors[0].retries",
        "unknown property 'retries'",
    ),
    (
        "router-pp-without-id",
        with_router({"type": "import"}),
        "routers",
        "routers[0].branches[0].page_processors[0]",
        'a page processor of type "import" takes import_id',
    ),
    (
        "router-branches-object",
        lambda i, ids: (i.pop("page_processors"), i.update(routers=[{"branches": {"name": "x"}}])),
        "routers",
        "routers[0].branches",
        "valid list",
    ),
    (
        "server-owned",
        put("created_at", "2020-01-01T00:00:00.000Z"),
        "created_at",
        "created_at",
        "is set by integrator.io",
    ),
    ("server-owned-logging", put("logging", {}), "logging", "logging", "is set by integrator.io"),
    (
        "grouping-without-integration",
        lambda i, ids: (i.pop("integration_id"), i.update(flow_grouping_id=ids["dev_flow_grouping"])),
        "flow_grouping_id",
        "flow_grouping_id",
        "needs integration_id",
    ),
]


@pytest.mark.parametrize(
    ("change", "prop", "path", "fragment"), [c[1:] for c in CHECK_CASES], ids=[c[0] for c in CHECK_CASES]
)
def test_malformed_input_is_refused_at_check_naming_the_field_with_no_api_call(
    live: Live, flows: ResourceDriver, change: Change, prop: str, path: str, fragment: str
) -> None:
    inputs = orders_flow(live.ids)
    change(inputs, live.ids)
    outcome = flows.check("orders", inputs)
    assert [p for p, _ in outcome.failures] == [prop], outcome.failures
    reason = outcome.failures[0][1]
    assert reason.startswith(f"{path}: "), reason
    assert fragment in reason, reason
    assert live.calls() == {}


def test_there_are_at_least_forty_malformed_cases() -> None:
    assert len(CHECK_CASES) + len(CREATE_CASES) >= 40
    assert len({c[0] for c in CHECK_CASES}) == len(CHECK_CASES)


# ---- references only the API can judge --------------------------------------------------------

# (id, change, the field in the program's names that the API's 422 must name)
CREATE_CASES: list[tuple[str, Change, str]] = [
    ("integration", put("integration_id", NOWHERE), "integration_id"),
    ("pg-export", put("page_generators.0.export_id", NOWHERE), "page_generators[0].export_id"),
    ("pp-import", put("page_processors.0.import_id", NOWHERE), "page_processors[0].import_id"),
    (
        "pp-lookup-export",
        lambda i, ids: i["page_processors"].insert(0, {"type": "export", "export_id": NOWHERE}),
        "page_processors[0].export_id",
    ),
    ("next-flow", put("run_next_flow_ids", [NOWHERE]), "run_next_flow_ids[0]"),
    (
        "grouping-of-other-integration",
        lambda i, ids: i.update(flow_grouping_id=ids["prod_flow_grouping"]),
        "flow_grouping_id",
    ),
    (
        "keep-delta-flow",
        put("page_generators.0.keep_delta_behind_flow_id", NOWHERE),
        "page_generators[0].keep_delta_behind_flow_id",
    ),
    (
        "router-branch-import",
        with_router({"type": "import", "import_id": NOWHERE}),
        "routers[0].branches[0].page_processors[0].import_id",
    ),
]


@pytest.mark.parametrize(("change", "field"), [c[1:] for c in CREATE_CASES], ids=[c[0] for c in CREATE_CASES])
def test_a_dangling_reference_is_refused_at_create_in_the_programs_names(
    live: Live, flows: ResourceDriver, change: Change, field: str
) -> None:
    inputs = orders_flow(live.ids, name=f"Dangling {field}")
    change(inputs, live.ids)
    assert flows.check("orders", inputs).failures == []  # well formed: only the API can tell
    assert live.calls() == {}
    with pytest.raises(PluginError) as err:
        flows.create("orders", inputs)
    message = err.value.message
    head = f'pulumi_celigo.errors.ResourceError: Flow "Dangling {field}": create failed: the API answered HTTP 422: '
    assert message.startswith(head + f"{field}: "), message
    assert message.endswith("(invalid_ref)"), message
    # Refused once, not retried. The provider checks its token once per process (GET /tokenInfo):
    # whichever test creates first pays for it.
    calls = live.calls()
    assert calls.pop("GET /v1/tokenInfo", 1) == 1
    assert calls == {"POST /v1/flows": 1}
    assert flows_named(live.emulator.base_url, f"Dangling {field}") == []


# ---- names that must be accepted ----------------------------------------------------------------

UNICODE_NAMES = [
    "Überweisungen → Slack",
    "注文の同期",
    "Синхронизация заказов",
    "مزامنة الطلبات",
    "Orders 🚀 sync",
    "\u03a9\u2248\u00e7 \u2013 \u201cquoted\u201d \u2018names\u2019",  # typographic dashes and quotes
    "e\u0301 combining accent",
    "x" * 255,
]


@pytest.mark.parametrize("name", UNICODE_NAMES, ids=range(len(UNICODE_NAMES)))
def test_valid_unicode_names_are_accepted_and_round_trip(live: Live, flows: ResourceDriver, name: str) -> None:
    inputs = orders_flow(live.ids, name=name)
    res = flows.create("orders", inputs)
    assert res.outputs["name"] == name
    assert [f["_id"] for f in flows_named(live.emulator.base_url, name)] == [res.id]
    assert flows.diff(res, inputs).changes is False
    _, outs, _ = flows.read(res)
    assert outs["name"] == name
    flows.delete(res)
