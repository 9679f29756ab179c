"""Property: any valid flow round-trips create -> read -> diff with no changes, through the real
plugin server and the emulator."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pulumi_celigo.emulator.seed import DEMO_IDS
from pulumi_celigo.providers.flow import FlowProvider

from tests.conftest import Live
from tests.resources.driver import Deployed, ResourceDriver

SCHEDULES = ["? 0 2 ? * *", "? */5 * * * *", "? 5 0,6,12,18 ? * *", "? 30 9 ? * 1-5", "? 0 0 1 * ?"]
TIMEZONES = ["America/Los_Angeles", "Europe/Berlin", "UTC", "Asia/Kolkata", "Australia/Sydney"]

names = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FFF, exclude_categories=("Cs", "Cc")),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")
json_scalars = st.one_of(st.booleans(), st.text(max_size=10), st.integers(-1000, 1000))
mapping_fields = st.lists(
    st.fixed_dictionaries(
        {"extract": st.sampled_from(["id", "data", "total"]), "generate": st.text("abcxyz", min_size=1, max_size=8)}
    ),
    max_size=3,
)


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


@st.composite
def page_generator(draw: st.DrawFn) -> dict[str, Any]:
    pg: dict[str, Any] = {
        "export_id": draw(st.sampled_from([DEMO_IDS["github_events_export"], *DEMO_IDS["usage_pg_exports"]]))
    }
    if (schedule := draw(optional(st.sampled_from(SCHEDULES)))) is not None:
        pg["schedule"] = schedule
    if (skip := draw(optional(st.booleans()))) is not None:
        pg["skip_retries"] = skip
    return pg


@st.composite
def page_processor(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.booleans()):
        pp: dict[str, Any] = {"type": "export", "export_id": draw(st.sampled_from(DEMO_IDS["usage_lookup_exports"]))}
    else:
        pp = {
            "type": "import",
            "import_id": draw(st.sampled_from([DEMO_IDS["slack_import"], *DEMO_IDS["usage_imports"]])),
        }
    if (proceed := draw(optional(st.booleans()))) is not None:
        pp["proceed_on_failure"] = proceed
    fields = draw(optional(mapping_fields))
    if fields is not None:
        pp["response_mapping"] = {"fields": fields, "lists": []}
    return pp


@st.composite
def valid_flows(draw: st.DrawFn) -> dict[str, Any]:
    flow: dict[str, Any] = {"name": draw(names)}
    optional_fields: dict[str, st.SearchStrategy[Any]] = {
        "description": st.text(max_size=30),
        "disabled": st.booleans(),
        "schedule": st.sampled_from(SCHEDULES),
        "timezone": st.sampled_from(TIMEZONES),
        "integration_id": st.sampled_from([DEMO_IDS["dev_integration"], DEMO_IDS["prod_integration"]]),
        "run_page_generators_in_parallel": st.booleans(),
        "skip_retries": st.booleans(),
        "auto_resolve_matching_trace_keys": st.booleans(),
        "settings": st.dictionaries(st.text("abcdef", min_size=1, max_size=5), json_scalars, max_size=3),
        "page_generators": st.lists(page_generator(), min_size=1, max_size=2),
        "page_processors": st.lists(page_processor(), max_size=3),
    }
    for key, strategy in optional_fields.items():
        value = draw(optional(strategy))
        if value is not None:
            flow[key] = value
    return flow


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(program=valid_flows())
def test_valid_flows_round_trip_with_no_diff(live: Live, program: dict[str, Any]) -> None:
    flows = ResourceDriver(live.plugin, FlowProvider(), "pulumi-python:dynamic/celigo:Flow")
    res = flows.create("prop", program)
    try:
        assert flows.diff(res, program).changes is False
        id_, outs, inputs = flows.read(res)
        assert id_ == res.id and inputs is not None
        refreshed = Deployed(res.name, id_, inputs, outs)
        assert flows.diff(refreshed, program).changes is False
        assert flows.diff(refreshed, inputs).changes is False
    finally:
        flows.delete(res)
