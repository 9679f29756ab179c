"""Helpers shared by the reliability suites (the emulator and plugin fixtures are in tests/conftest.py)."""

from __future__ import annotations

import random
from typing import Any

import pytest
from pulumi_celigo.providers.flow import FlowProvider

from tests.conftest import Live, raw
from tests.resources.driver import ResourceDriver

FLOW = "pulumi-python:dynamic/celigo:Flow"


@pytest.fixture
def flows(live: Live) -> ResourceDriver:
    return ResourceDriver(live.plugin, FlowProvider(), FLOW)


def orders_flow(ids: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    inputs: dict[str, Any] = {
        "name": "Orders sync",
        "integration_id": ids["dev_integration"],
        "page_generators": [{"export_id": ids["github_events_export"]}],
        "page_processors": [
            {
                "type": "import",
                "import_id": ids["slack_import"],
                "response_mapping": {"fields": [{"extract": "id", "generate": "orderId"}]},
            }
        ],
        "schedule": "? 0 2 ? * *",
        "timezone": "America/Los_Angeles",
    }
    inputs.update(overrides)
    return inputs


def first_only(method: str, route: str, fault: str) -> tuple[list[dict[str, Any]], int]:
    """Fault rules and a seed such that the first matching request meets `fault` and the next does not.

    The emulator rolls one number per request for a rule with one rate, from `random.Random(seed)`.
    """
    for seed in range(1000):
        rolls = random.Random(seed)
        if rolls.random() < 0.5 <= rolls.random():
            return [{"method": method, "route": route, fault: 0.5}], seed
    raise AssertionError("no seed found")  # pragma: no cover


def flows_named(base_url: str, name: str) -> list[dict[str, Any]]:
    listing = raw(base_url, "GET", "/flows")
    return [f for f in (listing.json() if listing.status_code == 200 else []) if f["name"] == name]
