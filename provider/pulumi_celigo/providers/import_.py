"""The Import provider: where a flow's records go (HTTP requests, files, ...), with its field mapping.

Calls: create = 1 POST, plus 1 list per plugin process (`GET /imports?include=settings`: an import an
interrupted earlier create made, by its marker in `settings`); adopt = 1 GET (+ 1 PUT when it differs); read =
1 GET; update = GET + PUT (PUT replaces the whole document: fields the program does not manage are kept);
delete = `/dependencies` + DELETE (refused, naming them, while flows use the import), or the DELETE alone with
`allow_delete_with_dependents=True`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from pulumi.dynamic import CheckFailure

from ..models import Import
from ..models.export import HTTP_METHODS
from ..models.import_ import IMPORT_ADAPTORS
from ._document import DocumentProvider, choice_failure

__all__ = ["ImportInputs", "ImportProvider"]


class ImportInputs(Import):
    """What a program may write: the import's fields and the provider's options."""

    adopt_id: str | None = None
    allow_delete_with_dependents: bool | None = None


class ImportProvider(DocumentProvider):
    """Dynamic provider of `pulumi_celigo.Import`. Its module path and name are a promise to existing stacks."""

    KIND = "import"
    LABEL = "Import"
    COLLECTION = "imports"
    DOCUMENT = Import
    INPUTS = ImportInputs
    MANAGED_FIELDS: ClassVar[tuple[str, ...]] = (
        "name",
        "description",
        "adaptor_type",
        "connection_id",
        "integration_id",
        "http",
        "mapping",
        "lookups",
        "hooks",
        "ignore_existing",
        "ignore_missing",
        "settings",
    )
    DEFAULTS: ClassVar[Mapping[str, Any]] = {"ignore_existing": False, "ignore_missing": False}

    def input_failures(self, inputs: Any, pending: Mapping[str, Any]) -> list[CheckFailure]:
        imp: ImportInputs = inputs
        failures = super().input_failures(imp, pending)
        failures += choice_failure("adaptor_type", "adaptor_type", imp.adaptor_type, IMPORT_ADAPTORS)
        if imp.connection_id is None and "connection_id" not in pending:
            failures.append(
                CheckFailure("connection_id", "connection_id: is required: the connection the import writes through")
            )
        if imp.ignore_existing and imp.ignore_missing:
            failures.append(
                CheckFailure(
                    "ignore_missing",
                    "ignore_missing: an import ignores existing records (create only) or missing ones (update only), "
                    "not both",
                )
            )
        if imp.http is not None:
            http = imp.http
            for i, method in enumerate(http.method or []):
                failures += choice_failure("http", f"http.method[{i}]", method, HTTP_METHODS)
            lengths = {
                name: len(value)
                for name, value in (("relative_uri", http.relative_uri), ("method", http.method), ("body", http.body))
                if value is not None
            }
            if len(set(lengths.values())) > 1:
                listed = ", ".join(f"{name} has {n}" for name, n in lengths.items())
                failures.append(
                    CheckFailure(
                        "http",
                        f"http: relative_uri, method and body are parallel lists (entry i of each is one request); "
                        f"{listed}",
                    )
                )
        if imp.mapping is not None:
            for i, field in enumerate(imp.mapping.fields or []):
                if field.generate is None:
                    failures.append(
                        CheckFailure("mapping", f"mapping.fields[{i}].generate: is required: the field to write")
                    )
            for i, lst in enumerate(imp.mapping.lists or []):
                if lst.generate is None:
                    failures.append(
                        CheckFailure("mapping", f"mapping.lists[{i}].generate: is required: the list to write")
                    )
                for j, field in enumerate(lst.fields or []):
                    if field.generate is None:
                        failures.append(
                            CheckFailure(
                                "mapping", f"mapping.lists[{i}].fields[{j}].generate: is required: the field to write"
                            )
                        )
        for name in ("pre_map", "post_map", "post_submit"):
            hook = getattr(imp.hooks, name) if imp.hooks else None
            if hook is not None and (hook.script_id is None or hook.function is None):
                failures.append(
                    CheckFailure("hooks", f"hooks.{name}: needs both script_id (the script) and function (its name)")
                )
        return failures
