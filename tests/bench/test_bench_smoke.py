"""`bench/run.py` in its smallest mode: the API call counts per operation are exact (times are not asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_bench_smallest_mode_reports_the_minimal_api_calls() -> None:
    cmd = [sys.executable, str(REPO / "bench" / "run.py"), "--n", "5", "--skip-rate-limit", "--skip-emulator-bench"]
    cmd += ["--latency-ms", "0", "--skip-engine", "--skip-provider-cost"]
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])  # the LAST line is the JSON summary

    assert result["calls_per_create"] == 1
    assert result["calls_per_noop_preview"] == 0
    assert result["calls_per_refresh"] == 1
    assert result["calls_per_update_patchable"] == 1
    assert result["calls_per_update_not_patchable"] == 2
    assert result["calls_per_delete"] == 2  # /dependencies check, then DELETE (ARCHITECTURE.md decision)
    assert result["calls_per_delete_allow_dependents"] == 1
    assert result["operation_errors"] == 0
    assert result["emulator_internal_errors"] == 0

    calls = result["per_n"][0]["calls"]
    assert calls["check"] == 0
    assert calls["create_detail"] == {"POST /v1/flows": 5}
    assert calls["update_patchable_detail"] == {"PATCH /v1/flows/{id}": 5}
    assert calls["update_not_patchable_detail"] == {"GET /v1/flows/{id}": 5, "PUT /v1/flows/{id}": 5}
    assert calls["delete_detail"] == {"GET /v1/flows/{id}/dependencies": 2, "DELETE /v1/flows/{id}": 2}
    assert calls["delete_allow_dependents_detail"] == {"DELETE /v1/flows/{id}": 3}
    assert result["per_n"][0]["noop_preview_diffs_reported"] == 0
    for key in ("overhead_ratio", "rate_limit_utilisation", "plugin_server_peak_rss_mib"):
        assert key in result


def test_engine_bench_smallest_mode_counts_one_list_per_deployment() -> None:
    """bench/engine.py on the real CLI: N creates cost N POSTs, one list of the integration, one token check."""
    cmd = [sys.executable, str(REPO / "bench" / "engine.py"), "--n", "5", "--latency-ms", "0", "--full"]
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["api_calls"] == {
        "up": {"GET /v1/tokenInfo": 1, "GET /v1/flows": 1, "POST /v1/flows": 5},
        "preview": {},
        "refresh": {"GET /v1/tokenInfo": 1, "GET /v1/flows/{id}": 5},
        "destroy": {"GET /v1/tokenInfo": 1, "GET /v1/flows/{id}/dependencies": 5, "DELETE /v1/flows/{id}": 5},
    }
    assert set(result["ratio"]) == {"up", "preview", "refresh", "destroy"}
    assert result["plugin_server_peak_rss_mib"] > 0
