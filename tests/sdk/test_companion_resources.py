"""`FlowClone` and `FlowConnectionReplacement` as a program sees them, under `pulumi.runtime.set_mocks`."""

from __future__ import annotations

import base64
from typing import Any

import pulumi
import pulumi_celigo as celigo
import pytest
from pulumi.runtime.mocks import MockResourceArgs

SOURCE, TARGET, OLD, NEW = (f"64f1c2d3e4f5a6b7c8d9e0f{i}" for i in range(4))


class Recording(pulumi.runtime.Mocks):
    def __init__(self) -> None:
        self.resources: dict[str, MockResourceArgs] = {}

    def new_resource(self, args: MockResourceArgs) -> tuple[str | None, dict[Any, Any]]:
        self.resources[args.name] = args
        return f"{args.name}-id", dict(args.inputs)

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[Any, Any], list[tuple[str, str]] | None]:
        return {}, None


@pytest.fixture
def mocks() -> Recording:
    recording = Recording()
    pulumi.runtime.set_mocks(recording, project="sdk", stack="test", preview=False)
    return recording


def props(args: MockResourceArgs) -> dict[str, Any]:
    return {k: v for k, v in args.inputs.items() if k != "__provider"}


@pulumi.runtime.test
def test_flow_clone_sends_snake_case_props_by_reference(mocks: Recording) -> pulumi.Output[Any]:
    first = celigo.FlowClone(
        "prod",
        source_flow_id=SOURCE,
        integration_id=TARGET,
        connection_map={OLD: NEW},
        schedule="? 0 2 ? * *",
        timezone="UTC",
    )
    second = celigo.FlowClone(
        "prod-args",
        celigo.FlowCloneArgs(
            source_flow_id=SOURCE,
            integration_id=TARGET,
            connection_map={OLD: NEW},
            schedule="? 0 2 ? * *",
            timezone="UTC",
        ),
    )

    def check(_: Any) -> None:
        keyword, typed = mocks.resources["prod"], mocks.resources["prod-args"]
        assert keyword.typ == typed.typ == "pulumi-python:dynamic/celigo:FlowClone"
        expected = {
            "source_flow_id": SOURCE,
            "integration_id": TARGET,
            "connection_map": {OLD: NEW},
            "schedule": "? 0 2 ? * *",
            "timezone": "UTC",
        }
        assert {k: v for k, v in props(keyword).items() if k != "name"} == expected
        assert props(keyword)["name"] == "prod"
        assert {k: v for k, v in props(typed).items() if k != "name"} == expected
        blob = base64.b64decode(keyword.inputs["__provider"])
        assert len(blob) < 200 and b"pulumi_celigo.providers.flow_clone" in blob

    return pulumi.Output.all(first.id, second.id).apply(check)


@pulumi.runtime.test
def test_connection_replacement_sends_its_inputs(mocks: Recording) -> pulumi.Output[Any]:
    swap = celigo.FlowConnectionReplacement("swap", flow_id=SOURCE, connection_id=OLD, new_connection_id=NEW)

    def check(_: Any) -> None:
        args = mocks.resources["swap"]
        assert args.typ == "pulumi-python:dynamic/celigo:FlowConnectionReplacement"
        assert props(args) == {"flow_id": SOURCE, "connection_id": OLD, "new_connection_id": NEW}
        blob = base64.b64decode(args.inputs["__provider"])
        assert len(blob) < 200 and b"pulumi_celigo.providers.flow_connection_replacement" in blob

    return swap.id.apply(check)


def test_missing_required_arguments_are_type_errors(mocks: Recording) -> None:
    with pytest.raises(TypeError, match="Missing required property 'source_flow_id'"):
        celigo.FlowClone("x", integration_id=TARGET, connection_map={})
    with pytest.raises(TypeError, match="Missing required property 'integration_id'"):
        celigo.FlowClone("x", source_flow_id=SOURCE, connection_map={})
    with pytest.raises(TypeError, match="Missing required property 'new_connection_id'"):
        celigo.FlowConnectionReplacement("y", flow_id=SOURCE, connection_id=OLD)
