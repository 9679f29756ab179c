"""Dependencies point one way: resources -> providers -> client -> models (ARCHITECTURE.md).

An allowlist: each part of pulumi_celigo (a subpackage or a top-level module) names the parts it may
import. A new import across parts, or a new part, fails here until the table says it is intended.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "provider" / "pulumi_celigo"

#: The SDK's public modules (resources, functions, their types) and their private helpers.
RESOURCES = frozenset(
    {
        "connection",
        "export",
        "flow",
        "flow_clone",
        "flow_connection_replacement",
        "flow_run",
        "import_",
        "integration",
        "script",
    }
)
FUNCTIONS = frozenset(
    {
        "get_connection",
        "get_export",
        "get_flow",
        "get_flows",
        "get_flow_audit_log",
        "get_flow_dependencies",
        "get_import",
        "get_integration",
        "get_script",
        "download_flow_template",
    }
)
#: What the SDK's modules may use below them: never the emulator or the test harness.
BELOW_THE_SDK = frozenset({"providers", "client", "models", "config", "errors", "validation", "_version"})

#: For each part, the other parts of pulumi_celigo it may import.
ALLOWED: dict[str, frozenset[str]] = {
    # Foundations: import nothing of the package.
    "models": frozenset(),
    "validation": frozenset(),
    "errors": frozenset(),
    "_version": frozenset(),
    # Independent on purpose: the emulator catches the provider's mistakes instead of sharing them;
    # the harness drives the plugin over gRPC without the package's code.
    "emulator": frozenset(),
    "testing": frozenset({"_serialize"}),  # the SDK's provider serialisation, without its pickler leak
    # The only code speaking HTTP (the version goes into the User-Agent).
    "client": frozenset({"models", "_version"}),
    # Stack config and the environment, resolved by the client's rules.
    "config": frozenset({"client"}),
    # The dynamic providers: never the public modules they serve.
    "providers": frozenset({"client", "models", "errors", "validation"}),
    # The SDK surface.
    "outputs": frozenset(),
    "_utilities": frozenset({"_serialize", "errors", "validation"}),
    "_serialize": frozenset(),
    "_inputs": frozenset({"_utilities"}),
    "_functions": frozenset({"_utilities", "client", "config", "errors", "models", "providers"}),
    **{name: frozenset({"_inputs", "_utilities", "outputs", "providers"}) for name in RESOURCES},
    # Generated: the logic is in _functions; a result may hold another function's result.
    **{name: frozenset({"_functions", "outputs", "get_flow"}) for name in FUNCTIONS},
    "__init__": RESOURCES | FUNCTIONS | BELOW_THE_SDK | {"_inputs", "outputs", "_utilities", "_functions"},
    "__main__": frozenset(),
    # The `pulumi-celigo` console script: reads with the client, generates from the SDK's declarations.
    "cli": frozenset({"client", "models", "providers", "_version"}),
}


def imported_parts(module: Path) -> set[str]:
    """The first component under pulumi_celigo of every import in a module."""
    depth = len(module.relative_to(PACKAGE).parts) - 1  # how many levels below the package
    parts: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(), filename=str(module))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                if node.level <= depth:
                    continue  # inside its own part
                target = (node.module or "").split(".")[0]
                parts.update({target} if target else {a.name for a in node.names})
            elif (node.module or "").startswith("pulumi_celigo."):
                parts.add((node.module or "").split(".")[1])
        elif isinstance(node, ast.Import):
            parts.update(a.name.split(".")[1] for a in node.names if a.name.startswith("pulumi_celigo."))
    return parts


def part_of(module: Path) -> str:
    return module.relative_to(PACKAGE).parts[0].removesuffix(".py")


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_part_has_a_rule() -> None:
    unknown = sorted({part_of(m) for m in MODULES} - set(ALLOWED))
    assert not unknown, (
        f"pulumi_celigo parts with no import rule: {unknown}. Add each to ALLOWED in tests/test_architecture.py "
        "with the parts it may import (see ARCHITECTURE.md, 'Dependencies point one way')."
    )


@pytest.mark.parametrize("part", sorted(ALLOWED))
def test_each_part_imports_only_what_it_may(part: str) -> None:
    offences = []
    for module in MODULES:
        if part_of(module) != part:
            continue
        refused = sorted(imported_parts(module) - ALLOWED[part] - {part})
        if refused:
            offences.append(f"{module.relative_to(PACKAGE)} imports {', '.join(refused)}")
    allowed = ", ".join(sorted(ALLOWED[part])) or "nothing of pulumi_celigo"
    assert not offences, (
        f"{'; '.join(offences)}: {part} may import only {allowed}. Move the code to the layer that owns it, "
        "or, if the dependency is intended, widen ALLOWED in tests/test_architecture.py and say why."
    )


def test_the_checker_sees_relative_and_absolute_imports() -> None:
    assert "client" in imported_parts(PACKAGE / "providers" / "flow.py")
    assert "models" in imported_parts(PACKAGE / "client" / "flows.py")
    assert {"_functions", "outputs"} <= imported_parts(PACKAGE / "get_flow_audit_log.py")


def test_a_provider_importing_a_public_module_is_refused() -> None:
    """The denylist this replaces let providers/ import public modules (`from ..flow import Flow`)."""
    assert "flow" not in ALLOWED["providers"] and "get_flow" not in ALLOWED["providers"]
    assert "providers" not in ALLOWED["client"] and not ALLOWED["models"] and not ALLOWED["emulator"]
