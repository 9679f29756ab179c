"""The `get_flows` function: list the account's flows, optionally of one integration or by name."""

from __future__ import annotations

from collections.abc import Generator, Sequence
from typing import Any

import pulumi

from . import _functions
from .get_flow import GetFlowResult, flow_values

__all__ = ["AwaitableGetFlowsResult", "GetFlowsResult", "get_flows", "get_flows_output"]


@pulumi.output_type
class GetFlowsResult:
    """A collection of values returned by get_flows."""

    def __init__(
        self,
        *,
        integration_id: str | None = None,
        name: str | None = None,
        ids: Sequence[str] | None = None,
        names: Sequence[str] | None = None,
        flows: Sequence[GetFlowResult] | None = None,
    ) -> None:
        pulumi.set(self, "integration_id", integration_id)
        pulumi.set(self, "name", name)
        pulumi.set(self, "ids", list(ids or []))
        pulumi.set(self, "names", list(names or []))
        pulumi.set(self, "flows", list(flows or []))

    @property
    @pulumi.getter
    def integration_id(self) -> str | None:
        """The integration the flows were listed from, as given (None: every flow of the account)."""
        return pulumi.get(self, "integration_id")

    @property
    @pulumi.getter
    def name(self) -> str | None:
        """The name the flows were filtered by, as given (None: no filter)."""
        return pulumi.get(self, "name")

    @property
    @pulumi.getter
    def ids(self) -> Sequence[str]:
        """The ids of the flows found, in the API's order."""
        return pulumi.get(self, "ids")

    @property
    @pulumi.getter
    def names(self) -> Sequence[str]:
        """The names of the flows found, in the same order as `ids`."""
        return pulumi.get(self, "names")

    @property
    @pulumi.getter
    def flows(self) -> Sequence[GetFlowResult]:
        """The flows found, each with every field `get_flow` returns."""
        return pulumi.get(self, "flows")


class AwaitableGetFlowsResult(GetFlowsResult):
    # pylint: disable=using-constant-test
    def __await__(self) -> Generator[Any, None, GetFlowsResult]:
        if False:
            yield self
        return GetFlowsResult(
            integration_id=self.integration_id, name=self.name, ids=self.ids, names=self.names, flows=self.flows
        )


def get_flows(
    integration_id: str | None = None, name: str | None = None, opts: pulumi.InvokeOptions | None = None
) -> AwaitableGetFlowsResult:
    """
    List integrator.io flows: every page of `GET /flows`, optionally of one integration, optionally only
    those whose name is exactly `name` (compared in this process: the API has no name filter).

    ## Example Usage

    ```python
    import pulumi_celigo as celigo

    found = celigo.get_flows(integration_id=integration_id, name="Orders sync")
    pulumi.export("ordersSyncIds", found.ids)
    ```

    :param str integration_id: Only the flows of this integration: its id, 24 lowercase hexadecimal digits (in the
        integration's URL in integrator.io). An id that names no integration lists no flows.
    :param str name: Only the flows with exactly this name (case and spaces count).
    :param pulumi.InvokeOptions opts: Accepted for compatibility with generated SDKs; not used.
    """
    label = f"get_flows(integration_id={integration_id!r}, name={name!r})"
    with _functions.api_call(label, "integration_id", integration_id) as client:
        flows = [f for f in client.flows.list(integration_id=integration_id) if name is None or f.name == name]
    results = [_functions.typed(GetFlowResult, flow_values(flow)) for flow in flows]
    return AwaitableGetFlowsResult(
        integration_id=integration_id,
        name=name,
        ids=[f.id for f in flows if f.id],
        names=[f.name or "" for f in flows if f.id],
        flows=results,
    )


def get_flows_output(
    integration_id: pulumi.Input[str | None] = None,
    name: pulumi.Input[str | None] = None,
    opts: pulumi.InvokeOptions | pulumi.InvokeOutputOptions | None = None,
) -> pulumi.Output[GetFlowsResult]:
    """
    List integrator.io flows once the arguments are known (they may be other resources' outputs).

    :param pulumi.Input[str] integration_id: Only the flows of this integration (its id: 24 lowercase hexadecimal
        digits).
    :param pulumi.Input[str] name: Only the flows with exactly this name.
    :param opts: `depends_on` is waited for; other options are not used.
    """
    return _functions.output_form(get_flows, {"integration_id": integration_id, "name": name}, opts)
