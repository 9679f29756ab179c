"""Dependencies point one way: resources -> providers -> client -> models (ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "provider" / "pulumi_celigo"

#: For each layer, the top-level parts of pulumi_celigo it must never import.
FORBIDDEN: dict[str, set[str]] = {
    "models": {"client", "providers", "flow", "emulator", "testing", "config"},
    "client": {"providers", "flow", "emulator", "testing", "config"},
    "providers": {"emulator", "testing", "flow", "config"},
}


def imported_parts(module: Path) -> set[str]:
    """The first component under pulumi_celigo of every import in a module."""
    depth = len(module.relative_to(PACKAGE).parts) - 1  # how many levels below the package
    parts: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(), filename=str(module))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                if node.level <= depth:
                    continue  # inside its own layer
                target = (node.module or "").split(".")[0]
                parts.update({target} if target else {a.name for a in node.names})
            elif (node.module or "").startswith("pulumi_celigo."):
                parts.add((node.module or "").split(".")[1])
        elif isinstance(node, ast.Import):
            parts.update(a.name.split(".")[1] for a in node.names if a.name.startswith("pulumi_celigo."))
    return parts


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_downwards(layer: str) -> None:
    offenders = {
        f"{module.relative_to(PACKAGE)}: {sorted(imported_parts(module) & FORBIDDEN[layer])}"
        for module in (PACKAGE / layer).rglob("*.py")
        if imported_parts(module) & FORBIDDEN[layer]
    }
    assert offenders == set()


def test_the_checker_sees_relative_imports() -> None:
    assert "client" in imported_parts(PACKAGE / "providers" / "flow.py")
    assert "models" in imported_parts(PACKAGE / "client" / "flows.py")
