"""Plays the engine's part for one dynamic resource type, call by call, over the real plugin server."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pulumi.dynamic import ResourceProvider
from pulumi_celigo.testing import CheckOutcome, DiffOutcome, PluginServer, provider_blob, urn


@dataclass
class Deployed:
    """One resource as Pulumi's state would hold it."""

    name: str
    id: str
    inputs: dict[str, Any]
    outputs: dict[str, Any] = field(default_factory=dict)


class CheckFailed(AssertionError):
    pass


class ResourceDriver:
    def __init__(self, plugin: PluginServer, provider: ResourceProvider, type_token: str) -> None:
        self.plugin = plugin
        self.blob = provider_blob(provider)
        self.type_token = type_token

    def urn(self, name: str) -> str:
        return urn(self.type_token, name, project="celigo-tests", stack="test")

    def props(self, inputs: dict[str, Any]) -> dict[str, Any]:
        return {"__provider": self.blob, **inputs}

    def check(self, name: str, inputs: dict[str, Any], olds: dict[str, Any] | None = None) -> CheckOutcome:
        return self.plugin.check(self.urn(name), olds or {}, self.props(inputs))

    def checked(self, name: str, inputs: dict[str, Any], olds: dict[str, Any] | None = None) -> dict[str, Any]:
        outcome = self.check(name, inputs, olds)
        if outcome.failures:
            raise CheckFailed(outcome.failures)
        return outcome.inputs

    def create(self, name: str, inputs: dict[str, Any]) -> Deployed:
        checked = self.checked(name, inputs)
        id_, outs = self.plugin.create(self.urn(name), checked)
        return Deployed(name, id_, checked, outs)

    def diff(self, res: Deployed, inputs: dict[str, Any]) -> DiffOutcome:
        checked = self.checked(res.name, inputs, res.inputs)
        return self.plugin.diff(res.id, self.urn(res.name), res.outputs, checked, old_inputs=res.inputs)

    def update(self, res: Deployed, inputs: dict[str, Any]) -> Deployed:
        checked = self.checked(res.name, inputs, res.inputs)
        outs = self.plugin.update(res.id, self.urn(res.name), res.outputs, checked, old_inputs=res.inputs)
        return Deployed(res.name, res.id, checked, outs)

    def read(self, res: Deployed) -> tuple[str, dict[str, Any], dict[str, Any] | None]:
        return self.plugin.read(res.id, self.urn(res.name), self.props(res.outputs), self.props(res.inputs))

    def get(self, id_: str, name: str = "got") -> tuple[str, dict[str, Any], dict[str, Any] | None]:
        """`Resource.get(name, id)`: the engine passes no program inputs and no old outputs."""
        return self.plugin.read(id_, self.urn(name), self.props({}), self.props({}))

    def delete(self, res: Deployed) -> None:
        self.plugin.delete(res.id, self.urn(res.name), self.props(res.outputs), old_inputs=res.inputs)
