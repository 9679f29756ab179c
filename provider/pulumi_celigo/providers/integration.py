"""The Integration provider: the container of flows, with its flow groupings and registered connections.

Calls: create = 1 POST, plus 1 list per plugin process (an integration an interrupted earlier create made, by
its marker in `settings`) (+ 1 `PUT /integrations/{id}/connections/register` with `connection_ids`); adopt = 1
GET (+ 1 PUT when it differs, + 1 register when a connection is not registered yet); read = 1 GET; update =
GET + PUT for the document, 1 register for new `connection_ids`, nothing else; delete = `/dependencies` +
DELETE (refused, naming them, while flows, exports, imports, connections or scripts belong to the
integration), or the DELETE alone with `allow_delete_with_dependents=True`.

* A PUT without `flowGroupings` erases every group, so the PUT always sends them: a program that does not
  set `flow_groupings` keeps the live groups (`KEEP_UNSET`), and groups it sets keep their server-assigned
  ids (matched by name, then in order), so flows in a renamed group stay in it.
* `connection_ids` are registered through their own endpoint, which only adds: removing an id from the
  list unregisters nothing (integrator.io has no call for it; deleting the connection does).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from pulumi.dynamic import CheckFailure

from ..client.resources import IntegrationsApi
from ..models import Integration
from ._document import DocumentProvider

__all__ = ["IntegrationInputs", "IntegrationProvider"]


class IntegrationInputs(Integration):
    """What a program may write: the integration's fields and the provider's options."""

    connection_ids: list[str] | None = None
    adopt_id: str | None = None
    allow_delete_with_dependents: bool | None = None


class IntegrationProvider(DocumentProvider):
    """Dynamic provider of `pulumi_celigo.Integration`. Its module path and name are a promise to existing stacks."""

    KIND = "integration"
    LABEL = "Integration"
    COLLECTION = "integrations"
    DOCUMENT = Integration
    INPUTS = IntegrationInputs
    MANAGED_FIELDS: ClassVar[tuple[str, ...]] = ("name", "description", "readme", "flow_groupings", "settings")
    KEEP_UNSET: ClassVar[frozenset[str]] = frozenset({"flow_groupings"})
    OUTPUT_ONLY: ClassVar[frozenset[str]] = DocumentProvider.OUTPUT_ONLY | {"sandbox", "registered_connection_ids"}

    def api(self) -> IntegrationsApi:
        return self.client.integrations  # typed: it also registers connections

    def input_failures(self, inputs: Any, pending: Mapping[str, Any]) -> list[CheckFailure]:
        integration: IntegrationInputs = inputs
        failures = super().input_failures(integration, pending)
        names = [g.name for g in integration.flow_groupings or []]
        for i, grouping in enumerate(integration.flow_groupings or []):
            if grouping.id is not None:
                failures.append(
                    CheckFailure("flow_groupings", f"flow_groupings[{i}].id: is set by integrator.io; remove it")
                )
            if grouping.name is None:
                failures.append(CheckFailure("flow_groupings", f"flow_groupings[{i}].name: is required"))
            elif names.index(grouping.name) != i:
                failures.append(
                    CheckFailure(
                        "flow_groupings",
                        f"flow_groupings[{i}].name: {grouping.name!r} is already the name of group "
                        f"{names.index(grouping.name)}; group names must differ",
                    )
                )
        ids = integration.connection_ids or []
        for i, connection_id in enumerate(ids):
            if ids.index(connection_id) != i:
                failures.append(CheckFailure("connection_ids", f"connection_ids[{i}]: {connection_id} is listed twice"))
        return failures

    def merge_for_put(self, current: Any, desired: Any) -> dict[str, Any]:
        """The shared merge, with each group keeping the `_id` it has (by name, then in order)."""
        body = super().merge_for_put(current, desired)
        have = [g for g in current.flow_groupings or [] if g.id]
        wanted = body.get("flowGroupings") or []
        by_name = {g.name: g.id for g in have}
        for group in wanted:
            if "_id" not in group and group.get("name") in by_name:
                group["_id"] = by_name[group["name"]]
        taken = {g.get("_id") for g in wanted}
        spare = [g.id for g in have if g.id not in taken]
        for group in wanted:
            if "_id" not in group and spare:
                group["_id"] = spare.pop(0)
        return body

    def after_write(self, doc: Any, desired: Any, previous: Mapping[str, Any]) -> Any:
        """Register the connections the integration does not have yet: one call, or none."""
        missing = [c for c in desired.connection_ids or [] if c not in (doc.registered_connection_ids or [])]
        return self.api().register_connections(doc.id, missing) if missing else doc
