"""The fault matrix of the companion resources at test size: FlowClone, FlowRun and
FlowConnectionReplacement through the same cells as the Flow matrix. Every cell must reach the goal:
every operation succeeds, every figure of the audit is 0 (no duplicate clone or job, nothing lost,
drifted or left behind, every step on the connection it should use). The full run regenerates
docs/reliability.md: `python -m tests.reliability.matrix --write docs/reliability.md`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.reliability.matrix import (
    CELLS,
    COMPANIONS,
    DEFAULT_RATE,
    TEST_COMPANION_N,
    Cell,
    MatrixEnv,
    companion_size,
    matrix_env,
)

#: API calls per resource without faults: clone = descendants + 1 connection list + flow listing + POST +
#: PATCH + GET, rename = PATCH, delete = 3 DELETEs; run = job list + POST + 2 job GETs;
#: replacement = 2 connection GETs + descendants + PUT, restore = PUT.
CALLS_WITHOUT_FAULTS = {"FlowClone": 10, "FlowRun": 4, "FlowConnectionReplacement": 5}

CASES = [(resource, cell) for resource in COMPANIONS for cell in CELLS]


@pytest.fixture(scope="module")
def env() -> Iterator[MatrixEnv]:
    with matrix_env() as env:
        yield env


@pytest.mark.parametrize(("resource", "cell"), CASES, ids=[f"{r}-{c.name}" for r, c in CASES])
def test_every_operation_succeeds_with_no_duplicate_and_nothing_lost(env: MatrixEnv, resource: str, cell: Cell) -> None:
    n = companion_size(cell, TEST_COMPANION_N)  # half as many in the rate-limited cells
    result = COMPANIONS[resource](env, cell, n)
    assert result.errors == []
    assert result.succeeded == result.operations
    assert result.figures == dict.fromkeys(result.figures, 0)
    if not cell.rules and cell.rate == DEFAULT_RATE:
        assert result.api_calls == n * CALLS_WITHOUT_FAULTS[resource]
    if any(rule.get("fail_rate") for rule in cell.rules):
        assert result.outcomes["503"] > 0  # the faults really happened
    assert env.emulator.internal_errors == 0
