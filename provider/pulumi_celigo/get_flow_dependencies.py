"""The `get_flow_dependencies` function: what uses a flow (such as flows that run it next)."""

from __future__ import annotations

from collections.abc import Generator, Mapping, Sequence
from typing import Any

import pulumi

from . import _functions, outputs

__all__ = [
    "AwaitableGetFlowDependenciesResult",
    "GetFlowDependenciesResult",
    "get_flow_dependencies",
    "get_flow_dependencies_output",
]


@pulumi.output_type
class GetFlowDependenciesResult:
    """A collection of values returned by get_flow_dependencies."""

    def __init__(
        self,
        *,
        id: str | None = None,
        flows: Sequence[outputs.GetFlowDependenciesDependentResult] | None = None,
        dependents: Mapping[str, Sequence[outputs.GetFlowDependenciesDependentResult]] | None = None,
    ) -> None:
        pulumi.set(self, "id", id)
        pulumi.set(self, "flows", list(flows or []))
        pulumi.set(self, "dependents", dict(dependents or {}))

    @property
    @pulumi.getter
    def id(self) -> str:
        """The flow's id."""
        return pulumi.get(self, "id")

    @property
    @pulumi.getter
    def flows(self) -> Sequence[outputs.GetFlowDependenciesDependentResult]:
        """The flows that use this one (through `run_next_flow_ids` or a page generator's delta)."""
        return pulumi.get(self, "flows")

    @property
    @pulumi.getter
    def dependents(self) -> Mapping[str, Sequence[outputs.GetFlowDependenciesDependentResult]]:
        """Every dependent, keyed by plural resource type (`flows`, ...); empty when nothing uses the flow."""
        return pulumi.get(self, "dependents")


class AwaitableGetFlowDependenciesResult(GetFlowDependenciesResult):
    # pylint: disable=using-constant-test
    def __await__(self) -> Generator[Any, None, GetFlowDependenciesResult]:
        if False:
            yield self
        return GetFlowDependenciesResult(id=self.id, flows=self.flows, dependents=self.dependents)


def get_flow_dependencies(
    id: str | None = None, opts: pulumi.InvokeOptions | None = None
) -> AwaitableGetFlowDependenciesResult:
    """
    Read what uses a flow. integrator.io's UI (and `Flow`'s delete) refuses to delete a flow while
    anything does.

    :param str id: The id of the flow: 24 lowercase hexadecimal digits, as in the flow's URL in integrator.io's Flow
        builder. Anything else is refused before any request.
    :param pulumi.InvokeOptions opts: Accepted for compatibility with generated SDKs; not used.
    """
    if not id:
        raise TypeError("Missing required argument 'id'")
    with _functions.api_call(f"get_flow_dependencies(id={id!r})", "id", id) as client:
        found = client.flows.dependencies(id).all()
    dependents = {kind: [ref.to_python() for ref in refs] for kind, refs in found.items()}
    result = _functions.typed(
        GetFlowDependenciesResult, {"id": id, "flows": dependents.get("flows", []), "dependents": dependents}
    )
    return AwaitableGetFlowDependenciesResult(id=result.id, flows=result.flows, dependents=result.dependents)


def get_flow_dependencies_output(
    id: pulumi.Input[str] | None = None,
    opts: pulumi.InvokeOptions | pulumi.InvokeOutputOptions | None = None,
) -> pulumi.Output[GetFlowDependenciesResult]:
    """
    Read what uses a flow once its id is known.

    :param pulumi.Input[str] id: The id of the flow: 24 lowercase hexadecimal digits, as in the flow's URL in
        integrator.io's Flow builder.
    :param opts: `depends_on` is waited for; other options are not used.
    """
    return _functions.output_form(get_flow_dependencies, {"id": id}, opts)
