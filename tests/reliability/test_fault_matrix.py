"""The fault matrix at test size: every cell must reach the goal (every operation succeeds, no
duplicate, no orphan, no missing or drifted flow, nothing left after destroy). The full run
(N=100 per cell) regenerates docs/reliability.md: `python -m tests.reliability.matrix --write docs/reliability.md`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.reliability.matrix import CELLS, Cell, MatrixEnv, matrix_env, run_cell

#: Flows per cell in the test run (the docs run uses 100).
N = 30


@pytest.fixture(scope="module")
def env() -> Iterator[MatrixEnv]:
    with matrix_env() as env:
        yield env


@pytest.mark.parametrize("cell", CELLS, ids=[c.name for c in CELLS])
def test_every_operation_succeeds_with_no_duplicate_and_nothing_lost(env: MatrixEnv, cell: Cell) -> None:
    result = run_cell(env, cell, N)
    assert result.errors == []
    assert (result.created, result.updated, result.deleted) == (N, N, N)
    assert (result.duplicates, result.orphans, result.missing, result.drifted, result.leftovers) == (0, 0, 0, 0, 0)
    if cell.rules or cell.rate != (1000.0, 300.0):
        # The faults really happened.
        assert sum(result.outcomes[k] for k in ("503", "dropped", "lost_response", "429")) > 0 or cell.name.startswith(
            "latency"
        )
    else:
        # Without faults a flow costs exactly: POST; PATCH or GET + PUT; dependency check + DELETE.
        assert result.api_calls == N * 4 + N // 2
    assert env.emulator.internal_errors == 0
