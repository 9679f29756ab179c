"""The `pulumi-celigo` console script.

    pulumi-celigo generate --integration ID [--integration ID ...] [--all] --out DIR [--stack NAME] [--protect]

`generate` reads an account (GET requests only) and writes a Pulumi project that adopts what it read:
see `_account` (what is read) and `_program` (what is written). Settings resolve as the provider's do
(`client.resolve_config`): a flag takes the place of the stack config (`--base-url` is `celigo:baseUrl`),
then the `CELIGO_*` environment, then the defaults.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..client import CeligoClient, CeligoError, resolve_config
from ._account import IntegrationNotFound, read_account
from ._program import build, slug, write

#: Flags that stand for a stack config key, as the provider reads it.
SETTING_FLAGS = {"api_token": "celigo:apiToken", "base_url": "celigo:baseUrl", "region": "celigo:region"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pulumi-celigo", description="Tools for pulumi_celigo.")
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser(
        "generate",
        help="write a Pulumi program that adopts existing integrations (reads the account, writes nothing to it)",
        description=(
            "Write a Pulumi project that takes over existing integrator.io integrations: their flows, exports, "
            "imports, scripts and connections (without credentials). The account is only read. Credentials: "
            "CELIGO_API_TOKEN, CELIGO_BASE_URL or CELIGO_REGION, or the flags below, as the provider reads them."
        ),
    )
    gen.add_argument("--integration", action="append", default=[], metavar="ID", help="an integration's id (repeat)")
    gen.add_argument("--all", action="store_true", help="every integration of the account, and standalone flows")
    gen.add_argument("--out", required=True, type=Path, metavar="DIR", help="the project's folder (created)")
    gen.add_argument("--stack", metavar="NAME", help="also write Pulumi.NAME.yaml with the base URL")
    gen.add_argument("--protect", action="store_true", help="generate protect=True on every resource")
    gen.add_argument("--base-url", help="the API's base URL (else CELIGO_BASE_URL, else the region's)")
    gen.add_argument("--region", help="us or eu (else CELIGO_REGION)")
    gen.add_argument("--api-token", help="the API token (prefer CELIGO_API_TOKEN: flags show in `ps`)")
    return parser


def generate(args: argparse.Namespace) -> int:
    if not args.integration and not args.all:
        print("pulumi-celigo generate: give --integration ID (repeatable) or --all", file=sys.stderr)
        return 2
    flags = {key: getattr(args, name) for name, key in SETTING_FLAGS.items() if getattr(args, name)}
    try:
        config = resolve_config(flags)
        with CeligoClient(config) as client:
            client.verify_token_once()
            account = read_account(client, args.integration, every_integration=args.all)
    except (CeligoError, IntegrationNotFound) as exc:
        print(f"pulumi-celigo generate: {exc}", file=sys.stderr)
        return 1
    names = [i.name or i.id for i in account.docs["integrations"]]
    project = "celigo-account" if args.all else slug("-".join(names), "celigo")
    program = build(account, protect=args.protect, stack=args.stack, project=project)
    formatted = write(program, args.out)
    print(
        f"Wrote {args.out}: {program.resources} resources, {program.not_generated} objects not generated "
        "(see its README.md)." + ("" if formatted else " ruff is not installed: __main__.py is not formatted."),
        file=sys.stderr,
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return generate(args)


__all__ = ["main"]
