"""Our resources keep their own Outputs out of the set the SDK's `wait_for_rpcs` waits on (each wake-up of its
`asyncio.wait` costs O(every pending Output)); Outputs derived from them stay in it, and still resolve."""

from __future__ import annotations

from typing import Any

import pulumi
import pulumi_celigo as celigo
from pulumi.runtime.settings import SETTINGS


class Mocks(pulumi.runtime.Mocks):
    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict[Any, Any]]:
        return f"{args.name}-id", {**args.inputs, "created_at": "2026-01-01T00:00:00.000Z"}

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[Any, Any], list[tuple[str, str]] | None]:
        raise AssertionError(f"unexpected invoke {args.token}")


def test_the_sdk_still_has_untrack() -> None:
    # Without it the Outputs stay tracked: correct, but a program of N resources costs O(N^2) again.
    assert callable(getattr(pulumi.Output, "_untrack", None))


@pulumi.runtime.test
def test_a_resource_s_own_outputs_are_not_waited_on_and_still_resolve() -> pulumi.Output[Any]:
    pulumi.runtime.set_mocks(Mocks(), project="sdk", stack="test", preview=False)
    flow = celigo.Flow("orders", integration_id="64f1c2d3e4f5a6b7c8d9e0f1", schedule="? 0 2 ? * *")
    own = [value for value in vars(flow).values() if isinstance(value, pulumi.Output)]
    assert len(own) > 30  # urn, id and one per property
    assert not any(output._data in SETTINGS.outputs for output in own)
    derived = pulumi.Output.all(flow.id, flow.name, flow.schedule, flow.created_at, flow.description)
    assert derived._data in SETTINGS.outputs

    def check(values: list[Any]) -> None:
        assert values == ["orders-id", "orders", "? 0 2 ? * *", "2026-01-01T00:00:00.000Z", None]

    return derived.apply(check)
