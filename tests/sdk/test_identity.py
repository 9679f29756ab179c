"""The hidden `__identity` input (a create marker's seed): `project/stack/parent-urn/type/name`, a plain string
for a resource without a parent (no Outputs to await) and the same bytes the earlier `Output.concat` sent; a
resource may have a component or a custom resource as its parent (no dependency cycle)."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_celigo as celigo
import pytest
from pulumi.runtime.mocks import MockMonitor
from pulumi_celigo import _utilities
from pulumi_celigo.providers._markers import IDENTITY_INPUT


class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict[Any, Any]]:
        return f"{args.name}-id", dict(args.inputs)

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[Any, Any], list[tuple[str, str]] | None]:
        raise AssertionError(f"unexpected invoke {args.token}")


class IdentityMonitor(MockMonitor):
    def __init__(self) -> None:
        super().__init__(Mocks())
        self.identities: dict[str, str] = {}

    def RegisterResource(self, request: Any) -> Any:
        if IDENTITY_INPUT in request.object.fields:
            self.identities[request.name] = request.object.fields[IDENTITY_INPUT].string_value
        return super().RegisterResource(request)


@pytest.fixture
def monitor() -> IdentityMonitor:
    recording = IdentityMonitor()
    pulumi.runtime.set_mocks(recording.mocks, project="sdk", stack="test", preview=False, monitor=recording)
    return recording


class Group(pulumi.ComponentResource):
    def __init__(self, name: str) -> None:
        super().__init__("test:index:Group", name)


@pulumi.runtime.test
def test_identity_without_and_with_a_parent(monitor: IdentityMonitor) -> pulumi.Output[Any]:
    assert _utilities.identity("celigo:Flow", "a", pulumi.ResourceOptions()) == "sdk/test//celigo:Flow/a"
    group = Group("group")
    made = [
        celigo.Flow("alone", integration_id="64f1c2d3e4f5a6b7c8d9e0f1"),
        celigo.Script("tidy", content="function a() {}"),
        celigo.Flow("child", integration_id="64f1c2d3e4f5a6b7c8d9e0f1", opts=pulumi.ResourceOptions(parent=group)),
        celigo.Integration("shop"),
    ]
    made.append(celigo.Script("hook", content="function b() {}", opts=pulumi.ResourceOptions(parent=made[-1])))
    # What `Output.concat(project, "/", stack, "/", parent, "/celigo:<Type>/", name)` sent before.
    before = pulumi.Output.concat("sdk", "/", "test", "/", group.urn, "/celigo:Flow/", "child")

    def check(args: list[Any]) -> None:
        assert monitor.identities["alone"] == "sdk/test//celigo:Flow/alone"
        assert monitor.identities["tidy"] == "sdk/test//celigo:Script/tidy"
        assert monitor.identities["child"] == args[0] and args[1] in args[0]
        assert monitor.identities["hook"] == f"sdk/test/{args[2]}/celigo:Script/hook"

    return pulumi.Output.all(before, group.urn, made[3].urn, *[r.id for r in made]).apply(check)
