"""Every flow endpoint of the reference (section 4), typed."""

from __future__ import annotations

import builtins
from collections.abc import Generator, Iterable, Iterator
from typing import Any

from ..models import (
    AuditEntry,
    CloneManifest,
    CloneRequest,
    Dependencies,
    Export,
    Flow,
    Import,
    PatchOperation,
    RunRequest,
    TemplateLink,
)
from ._transport import Transport, id_path, items


def _path(flow_id: str, suffix: str = "") -> str:
    return id_path("/flows", flow_id, suffix)


class FlowsApi:
    """`/flows` and its sub-resources."""

    def __init__(self, transport: Transport) -> None:
        self._t = transport

    def list(
        self,
        *,
        integration_id: str | None = None,
        include: Iterable[str] | None = None,
        exclude: Iterable[str] | None = None,
        page_size: int | None = None,
    ) -> Iterator[Flow]:
        """Every flow (all pages), optionally of one integration, optionally projected."""
        params: dict[str, Any] = {}
        if integration_id:
            params["_integrationId"] = integration_id
        if include:
            params["include"] = ",".join(include)
        if exclude:
            params["exclude"] = ",".join(exclude)
        if page_size:
            params["limit"] = page_size
        yield from self._t.paginate("/flows", Flow.from_api, params)

    def get(self, flow_id: str) -> Flow:
        return self._t.call("GET", _path(flow_id), Flow.from_api)

    def create(self, flow: Flow) -> Flow:
        """One POST. Raises `OutcomeUnknownError` if no answer came back (never retried blindly)."""
        return self._t.call("POST", "/flows", Flow.from_api, json=flow.to_api())

    def replace(self, flow_id: str, flow: Flow) -> Flow:
        """PUT the whole document: fields it omits are erased, so send what a GET returned, changed."""
        return self._t.call("PUT", _path(flow_id), Flow.from_api, json=flow.to_api())

    def patch(self, flow_id: str, operations: Iterable[PatchOperation]) -> None:
        path = _path(flow_id)
        body = [op.to_api() for op in operations]
        if body:
            self._t.request("PATCH", path, json=body)

    def delete(self, flow_id: str) -> None:
        self._t.request("DELETE", _path(flow_id))

    def clone(self, flow_id: str, request: CloneRequest) -> CloneManifest:
        """Clone into another integration. Allowed minutes, as the real service can take them."""
        return self._t.call(
            "POST",
            _path(flow_id, "/clone"),
            lambda body: CloneManifest.model_validate({"entries": items(body)}),
            json=request.to_api(),
            read_timeout=self._t.clone_read_timeout,
        )

    def run(self, flow_id: str, request: RunRequest | None = None) -> str:
        """Start a run; returns the job id."""
        return self._t.call(
            "POST", _path(flow_id, "/run"), lambda body: str(body["_jobId"]), json=(request.to_api() if request else {})
        )

    def replace_connection(self, flow_id: str, old_connection_id: str, new_connection_id: str) -> None:
        self._t.request(
            "PUT",
            _path(flow_id, "/replaceConnection"),
            json={"_connectionId": old_connection_id, "_newConnectionId": new_connection_id},
        )

    def update_flow_grouping(self, flow_ids: Iterable[str], flow_grouping_id: str | None) -> None:
        """Move flows into one of their integration's flow groupings (`None`: out of any grouping)."""
        self._t.request(
            "PUT",
            "/flows/updateFlowGrouping",
            json={"_flowIds": list(flow_ids), "_flowGroupingId": flow_grouping_id},
        )

    def audit(self, flow_id: str) -> Iterator[AuditEntry]:
        """The flow's audit log, newest first, all pages."""
        yield from self._t.paginate(_path(flow_id, "/audit"), AuditEntry.from_api)

    def template_link(self, flow_id: str) -> TemplateLink:
        return self._t.call("GET", _path(flow_id, "/template"), TemplateLink.from_api)

    def download_template(self, flow_id: str) -> bytes:
        """The flow's template ZIP, fetched from the signed URL (which needs no token)."""
        return b"".join(self.stream_template(flow_id))

    def stream_template(self, flow_id: str) -> Generator[bytes, None, None]:
        """The flow's template ZIP in chunks, as the signed URL sends it (nothing is checked or held)."""
        link = self.template_link(flow_id)
        yield from self._t.stream(link.signed_url)

    def dependencies(self, flow_id: str) -> Dependencies:
        return self._t.call("GET", _path(flow_id, "/dependencies"), lambda body: Dependencies.from_api(body or {}))

    def descendants(self, flow_id: str) -> tuple[builtins.list[Export], builtins.list[Import]]:
        """The exports and imports the flow's steps use."""

        def parse(body: Any) -> tuple[builtins.list[Export], builtins.list[Import]]:
            body = body or {}
            exports = [Export.from_api(e) for e in items(body.get("exports"))]
            imports = [Import.from_api(i) for i in items(body.get("imports"))]
            return exports, imports

        return self._t.call("GET", _path(flow_id, "/descendants"), parse)
