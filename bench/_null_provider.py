"""A dynamic provider that does nothing but answer, for bench/provider_cost.py: what any dynamic
provider pays for the gRPC round trip and the SDK's servicer, with outputs the size of a flow's."""

from __future__ import annotations

import time
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


class SleepingNullProvider(NullProvider):
    """The null provider of bench/engine.py: one emulated round trip (`latency_s`) per create, read and
    delete, nothing for a diff (as the celigo provider's no-op preview). Importable, so that it is
    pickled by reference, like pulumi_celigo's providers: the same small `__provider` blob."""

    def __init__(self, latency_s: float) -> None:
        super().__init__({"created_at": "2026-01-01T00:00:00.000Z", "last_modified": "2026-01-01T00:00:00.000Z"})
        self.latency_s = latency_s

    def create(self, props: dict[str, Any]) -> CreateResult:
        time.sleep(self.latency_s)
        return super().create(props)

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        time.sleep(self.latency_s)
        return super().read(id_, props)

    def delete(self, id_: str, props: dict[str, Any]) -> None:
        time.sleep(self.latency_s)
