"""The `get_flow_audit_log` function: who changed a flow, when, and what."""

from __future__ import annotations

from collections.abc import Generator, Sequence
from typing import Any

import pulumi

from . import _functions, outputs

__all__ = ["AwaitableGetFlowAuditLogResult", "GetFlowAuditLogResult", "get_flow_audit_log", "get_flow_audit_log_output"]


@pulumi.output_type
class GetFlowAuditLogResult:
    """A collection of values returned by get_flow_audit_log."""

    def __init__(
        self, *, id: str | None = None, entries: Sequence[outputs.GetFlowAuditLogEntryResult] | None = None
    ) -> None:
        pulumi.set(self, "id", id)
        pulumi.set(self, "entries", list(entries or []))

    @property
    @pulumi.getter
    def id(self) -> str:
        """The flow's id."""
        return pulumi.get(self, "id")

    @property
    @pulumi.getter
    def entries(self) -> Sequence[outputs.GetFlowAuditLogEntryResult]:
        """The flow's audit log, newest first (every page)."""
        return pulumi.get(self, "entries")


class AwaitableGetFlowAuditLogResult(GetFlowAuditLogResult):
    # pylint: disable=using-constant-test
    def __await__(self) -> Generator[Any, None, GetFlowAuditLogResult]:
        if False:
            yield self
        return GetFlowAuditLogResult(id=self.id, entries=self.entries)


def get_flow_audit_log(
    id: str | None = None, opts: pulumi.InvokeOptions | None = None
) -> AwaitableGetFlowAuditLogResult:
    """
    Read a flow's audit log: every event (`create`, `update`, `delete`), newest first, with who made it,
    from where (`api`, `ui`, ...) and the fields it changed. The log stays readable after the flow is
    deleted.

    :param str id: The id of the flow: 24 lowercase hexadecimal digits, as in the flow's URL in integrator.io's Flow
        builder. Anything else is refused before any request.
    :param pulumi.InvokeOptions opts: Accepted for compatibility with generated SDKs; not used.
    """
    if not id:
        raise TypeError("Missing required argument 'id'")
    with _functions.api_call(f"get_flow_audit_log(id={id!r})", "id", id) as client:
        entries = [entry.to_python() for entry in client.flows.audit(id)]
    result = _functions.typed(GetFlowAuditLogResult, {"id": id, "entries": entries})
    return AwaitableGetFlowAuditLogResult(id=result.id, entries=result.entries)


def get_flow_audit_log_output(
    id: pulumi.Input[str] | None = None,
    opts: pulumi.InvokeOptions | pulumi.InvokeOutputOptions | None = None,
) -> pulumi.Output[GetFlowAuditLogResult]:
    """
    Read a flow's audit log once its id is known.

    :param pulumi.Input[str] id: The id of the flow: 24 lowercase hexadecimal digits, as in the flow's URL in
        integrator.io's Flow builder.
    :param opts: `depends_on` is waited for; other options are not used.
    """
    return _functions.output_form(get_flow_audit_log, {"id": id}, opts)
