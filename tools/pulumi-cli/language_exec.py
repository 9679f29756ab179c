"""Run one Pulumi Python program for `language_host.py` (the role of a release's
`pulumi-language-python-exec`).

Arguments: one JSON object with the run's settings (project, stack, organization, monitor and
engine addresses, parallelism, dry run, the program's path); the stack config comes in
`PULUMI_CONFIG` and its secret keys in `PULUMI_CONFIG_SECRET_KEYS`, as the SDK expects. The
program runs as `__main__` inside the SDK's `run_in_stack`, from its own directory.

As the release's executor does, the event loop's default executor (the SDK's blocking gRPC calls run
in it) gets 4 threads per unit of `parallel` instead of asyncio's min(32, CPUs + 4), and the asyncio
logger is silenced (futures left unobserved after a failed resource are expected).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import runpy
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pulumi
from pulumi.errors import RunError
from pulumi.runtime import reset_options, run_in_stack, set_all_config

BAIL_EXIT_CODE = 32


def _entry_file(program: Path) -> Path:
    return program / "__main__.py" if program.is_dir() else program


def main(raw_settings: str) -> int:
    settings: dict[str, Any] = json.loads(raw_settings)
    reset_options(
        project=settings["project"],
        stack=settings["stack"],
        organization=settings["organization"],
        monitor_address=settings["monitor_address"],
        engine_address=settings["engine_address"],
        parallel=settings["parallel"],
        preview=settings["dry_run"],
    )
    config = json.loads(os.environ.get("PULUMI_CONFIG") or "{}")
    secret_keys = json.loads(os.environ.get("PULUMI_CONFIG_SECRET_KEYS") or "[]")
    set_all_config(config, secret_keys or None)

    entry = _entry_file(Path(settings["program"]))
    sys.path.insert(0, str(entry.parent))

    def program() -> None:
        runpy.run_path(str(entry), run_name="__main__")

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    executor = ThreadPoolExecutor(max_workers=max(int(settings["parallel"] or 0), 1) * 4)
    loop.set_default_executor(executor)
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    try:
        loop.run_until_complete(run_in_stack(program))
    except RunError as exc:
        pulumi.log.error(str(exc))
        return BAIL_EXIT_CODE
    except Exception:  # the program's own error: report it to the engine, once
        pulumi.log.error(f"Program failed with an unhandled exception:\n{traceback.format_exc()}")
        return BAIL_EXIT_CODE
    finally:
        for task in asyncio.all_tasks(loop):
            task.cancel()
        executor.shutdown(wait=True)
        loop.close()
        sys.stdout.flush()
        sys.stderr.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
