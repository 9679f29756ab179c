"""The Export provider: where a flow's records come from (HTTP requests, webhooks, ...).

Calls: create = 1 POST, plus 1 list per plugin process (`GET /exports?include=settings`: an export an
interrupted earlier create made, by its marker in `settings`); adopt = 1 GET (+ 1 PUT when it differs); read =
1 GET; update = GET + PUT (PUT replaces the whole document: fields the program does not manage are kept);
delete = `/dependencies` + DELETE (refused, naming them, while flows use the export), or the DELETE alone with
`allow_delete_with_dependents=True`.

Webhook and simple exports (`adaptor_type` `WebhookExport`/`SimpleExport`, or `type` `webhook`/`simple`)
have no connection; every other export needs `connection_id`. A webhook's `token` is a credential: the
resource marks the `webhook` output secret, check refuses the mask `******` as a token, and no PUT writes a
masked token back (`DocumentProvider._converge`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from pulumi.dynamic import CheckFailure

from ..models import MASK, Export
from ..models.export import CONNECTIONLESS_ADAPTORS, CONNECTIONLESS_TYPES, EXPORT_ADAPTORS, EXPORT_TYPES, HTTP_METHODS
from ._document import DocumentProvider, choice_failure

__all__ = ["ExportInputs", "ExportProvider"]


class ExportInputs(Export):
    """What a program may write: the export's fields and the provider's options."""

    adopt_id: str | None = None
    allow_delete_with_dependents: bool | None = None


class ExportProvider(DocumentProvider):
    """Dynamic provider of `pulumi_celigo.Export`. Its module path and name are a promise to existing stacks."""

    KIND = "export"
    LABEL = "Export"
    COLLECTION = "exports"
    DOCUMENT = Export
    INPUTS = ExportInputs
    MANAGED_FIELDS: ClassVar[tuple[str, ...]] = (
        "name",
        "description",
        "adaptor_type",
        "connection_id",
        "integration_id",
        "type",
        "is_lookup",
        "http",
        "webhook",
        "hooks",
        "delta",
        "settings",
    )
    DEFAULTS: ClassVar[Mapping[str, Any]] = {"is_lookup": False}

    def input_failures(self, inputs: Any, pending: Mapping[str, Any]) -> list[CheckFailure]:
        export: ExportInputs = inputs
        failures = super().input_failures(export, pending)
        failures += choice_failure("adaptor_type", "adaptor_type", export.adaptor_type, EXPORT_ADAPTORS)
        failures += choice_failure("type", "type", export.type, EXPORT_TYPES)
        connectionless = export.adaptor_type in CONNECTIONLESS_ADAPTORS or export.type in CONNECTIONLESS_TYPES
        if connectionless and export.connection_id is not None:
            failures.append(
                CheckFailure(
                    "connection_id",
                    "connection_id: webhook and simple exports have no connection; remove connection_id",
                )
            )
        if not connectionless and export.connection_id is None and "connection_id" not in pending:
            failures.append(
                CheckFailure(
                    "connection_id",
                    "connection_id: is required: the connection the export reads through (only webhook and simple "
                    'exports have none: adaptor_type "WebhookExport" or "SimpleExport")',
                )
            )
        if export.webhook is not None and export.webhook.token == MASK:
            failures.append(
                CheckFailure(
                    "webhook",
                    "webhook.token: is the mask integrator.io shows in place of a credential, not the token: give "
                    "the real value (for example from `pulumi config set --secret`)",
                )
            )
        if export.webhook is not None and not connectionless:
            failures.append(CheckFailure("webhook", 'webhook: needs adaptor_type "WebhookExport" (or type "webhook")'))
        if export.http is not None:
            if connectionless:
                failures.append(CheckFailure("http", "http: a webhook or simple export sends no request; remove http"))
            if export.http.method is not None:
                failures += choice_failure("http", "http.method", export.http.method, HTTP_METHODS)
        if export.is_lookup and connectionless:
            failures.append(CheckFailure("is_lookup", "is_lookup: a webhook or simple export cannot be a lookup"))
        if export.delta is not None and export.type != "delta":
            failures.append(CheckFailure("delta", 'delta: needs type "delta"'))
        hook = export.hooks.pre_save_page if export.hooks else None
        if hook is not None and (hook.script_id is None or hook.function is None):
            failures.append(
                CheckFailure("hooks", "hooks.pre_save_page: needs both script_id (the script) and function (its name)")
            )
        return failures
