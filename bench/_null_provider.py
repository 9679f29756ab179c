"""A dynamic provider that does nothing but answer, for bench/provider_cost.py: what any dynamic
provider pays for the gRPC round trip and the SDK's servicer, with outputs the size of a flow's."""

from __future__ import annotations

from typing import Any

from pulumi.dynamic import CreateResult, DiffResult, ReadResult, ResourceProvider


class NullProvider(ResourceProvider):
    def __init__(self, extra_outputs: dict[str, Any]) -> None:
        # The output fields a flow has beyond its inputs (ids, timestamps), so outputs match in size.
        self.extra_outputs = extra_outputs

    def create(self, props: dict[str, Any]) -> CreateResult:
        return CreateResult("0" * 24, {**props, **self.extra_outputs})

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        return ReadResult(id_, props)

    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        return DiffResult(changes=False)
