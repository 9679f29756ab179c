"""`pulumi_celigo.FlowRun` as a program sees it, under `pulumi.runtime.set_mocks`."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_celigo as celigo
import pytest
from pulumi.runtime.mocks import MockResourceArgs
from pulumi_celigo.providers.flow_run import FlowRunProvider

TYPE_TOKEN = "pulumi-python:dynamic/celigo:FlowRun"
FLOW = "64f1c2d3e4f5a6b7c8d9e0f1"
JOB = "64f1c2d3e4f5a6b7c8d9e0aa"


class Recording(pulumi.runtime.Mocks):
    def __init__(self) -> None:
        self.resources: dict[str, MockResourceArgs] = {}

    def new_resource(self, args: MockResourceArgs) -> tuple[str | None, dict[Any, Any]]:
        self.resources[args.name] = args
        if args.resource_id:
            return args.resource_id, {"flow_id": FLOW, "job_id": args.resource_id, "status": "completed"}
        outs = {k: v for k, v in args.inputs.items() if not k.startswith("__")}
        return JOB, {**outs, "job_id": JOB, "status": "completed", "num_success": 10, "num_error": 0}

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[Any, Any], list[tuple[str, str]] | None]:
        return {}, None


@pytest.fixture
def mocks() -> Recording:
    recording = Recording()
    pulumi.runtime.set_mocks(recording, project="sdk", stack="test", preview=False)
    return recording


@pulumi.runtime.test
def test_registers_the_inputs_with_the_provider_by_reference(mocks: Recording) -> pulumi.Output[Any]:
    run = celigo.FlowRun("backfill", flow_id=FLOW, triggers=["v1"], start_date="2024-01-01T00:00:00.000Z", timeout=30)

    def check(values: list[Any]) -> None:
        args = mocks.resources["backfill"]
        assert args.typ == TYPE_TOKEN
        props = {k: v for k, v in args.inputs.items() if k != "__provider"}
        assert props == {"flow_id": FLOW, "triggers": ["v1"], "start_date": "2024-01-01T00:00:00.000Z", "timeout": 30}
        job_id, status, num_success = values
        assert (job_id, status, num_success) == (JOB, "completed", 10)

    return pulumi.Output.all(run.job_id, run.status, run.num_success).apply(check)


@pulumi.runtime.test
def test_args_form_is_the_same_as_keywords(mocks: Recording) -> pulumi.Output[Any]:
    first = celigo.FlowRun("a", celigo.FlowRunArgs(flow_id=FLOW, export_ids=[FLOW], wait=False))
    second = celigo.FlowRun("b", flow_id=FLOW, export_ids=[FLOW], wait=False)

    def check(_: Any) -> None:
        a, b = ({k: v for k, v in mocks.resources[n].inputs.items() if k != "__provider"} for n in ("a", "b"))
        assert a == b == {"flow_id": FLOW, "export_ids": [FLOW], "wait": False}

    return pulumi.Output.all(first.id, second.id).apply(check)


def test_flow_id_is_required_and_import_is_refused(mocks: Recording) -> None:
    with pytest.raises(TypeError, match="Missing required property 'flow_id'"):
        celigo.FlowRun("run")
    with pytest.raises(TypeError, match=r"FlowRun\.get"):
        celigo.FlowRun("run", flow_id=FLOW, opts=pulumi.ResourceOptions(import_=JOB))


@pulumi.runtime.test
def test_get_reads_an_existing_job(mocks: Recording) -> pulumi.Output[Any]:
    run = celigo.FlowRun.get("old", JOB)
    return pulumi.Output.all(run.flow_id, run.status).apply(lambda v: _assert(v == [FLOW, "completed"]))


def test_the_provider_declares_what_replaces() -> None:
    assert {"flow_id", "triggers", "export_ids", "start_date", "end_date"} == FlowRunProvider.REPLACE_ON_CHANGES


def _assert(condition: bool) -> None:
    assert condition


@pulumi.runtime.test
def test_counts_are_integers_although_the_engine_sends_floats(mocks: Recording) -> pulumi.Output[Any]:
    """The engine's protobuf Struct carries every number as a float; the getters' `int` annotations
    make Pulumi cast them back (`rpc.translate_output_properties`). Pinned: an annotation changed to
    `float` or `Any` would hand programs `10.0`."""
    mocks.new_resource = lambda args: (JOB, {"flow_id": FLOW, "num_success": 10.0, "num_error": 0.0, "num_ignore": 2.0})  # type: ignore[method-assign]
    run = celigo.FlowRun("counted", flow_id=FLOW)

    def check(values: list[Any]) -> None:
        assert values == [10, 0, 2]
        assert [type(v) for v in values] == [int, int, int]

    return pulumi.Output.all(run.num_success, run.num_error, run.num_ignore).apply(check)
