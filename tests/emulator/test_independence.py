"""The emulator is an independent oracle: it must not import the rest of pulumi_celigo."""

from __future__ import annotations

import ast
from pathlib import Path

import pulumi_celigo.emulator

PACKAGE = Path(pulumi_celigo.emulator.__file__).parent


def test_emulator_imports_nothing_from_the_provider() -> None:
    offenders: list[str] = []
    for module in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(module.read_text(), filename=str(module))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                target = node.module or ""
                if node.level > 1 or (
                    node.level == 0
                    and target.startswith("pulumi_celigo")
                    and not target.startswith("pulumi_celigo.emulator")
                ):
                    offenders.append(f"{module.name}:{node.lineno} from {'.' * node.level}{target}")
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("pulumi") and not alias.name.startswith("pulumi_celigo.emulator"):
                        offenders.append(f"{module.name}:{node.lineno} import {alias.name}")
    assert offenders == []
