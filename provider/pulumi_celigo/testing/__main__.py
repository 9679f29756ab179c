"""``python -m pulumi_celigo.testing``: preview/up/refresh/destroy a program without the Pulumi CLI.

Example (the second ``up`` finds the first one's state and reports ``unchanged``)::

    python -m pulumi_celigo.testing up programs/quickstart --state .demo/dev.json \\
        -c celigo:baseUrl=http://127.0.0.1:8080 -s celigo:apiToken=t0k

Secrets in the state file are encrypted with ``PULUMI_CONFIG_PASSPHRASE`` (empty if unset).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .engine import LocalEngine
from .results import DeploymentError, OperationResult


def _pairs(values: Sequence[str], flag: str) -> dict[str, str]:
    pairs = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise SystemExit(f"{flag} expects KEY=VALUE, got {item!r}")
        pairs[key] = value
    return pairs


def main(argv: Sequence[str] | None = None) -> int:
    """Run one operation; print the report; exit 1 on failure."""
    parser = argparse.ArgumentParser(prog="python -m pulumi_celigo.testing", description=__doc__.splitlines()[0])
    parser.add_argument("operation", choices=["preview", "up", "refresh", "destroy"])
    parser.add_argument("program", help="project directory (with __main__.py) or .py file")
    parser.add_argument("--stack", default="dev")
    parser.add_argument("--project", default=None, help="default: Pulumi.yaml's name")
    parser.add_argument("--state", default=None, help="state file (default: in memory, for previews)")
    parser.add_argument("-c", "--config", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("-s", "--secret", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--skip-preview", action="store_true", help="up without a preview first")
    args = parser.parse_args(argv)

    engine = LocalEngine(
        args.program,
        project=args.project,
        stack=args.stack,
        state_path=args.state,
        config=_pairs(args.config, "--config"),
        secret_config=_pairs(args.secret, "--secret"),
    )
    try:
        result: OperationResult
        if args.operation == "preview":
            result = engine.preview()
        elif args.operation == "up":
            result = engine.up(skip_preview=args.skip_preview)
        elif args.operation == "refresh":
            result = engine.refresh()
        else:
            result = engine.destroy()
    except DeploymentError as exc:
        sys.stdout.write(engine.plugin_output())
        print(f"error: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(engine.plugin_output())
    print(result.report())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
