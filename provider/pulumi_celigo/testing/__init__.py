"""Test and deploy Pulumi programs with dynamic resources without the Pulumi CLI.

The Pulumi CLI serves ``pulumi.dynamic.Resource`` subclasses through a plugin that runs
``python -u -m pulumi.dynamic`` and talks gRPC to it. This package runs that very server
and plays the engine's part, so providers and whole programs can be tested against the
integrator.io emulator (or anything else) in plain pytest:

* :class:`PluginServer` — start the plugin server and call ``Configure``/``Check``/``Diff``/
  ``Create``/``Read``/``Update``/``Delete`` with plain dicts (:mod:`.plugin`).
* :class:`LocalEngine` — run a program like ``pulumi preview/up/refresh/destroy`` with a
  local state file (:mod:`.engine`), reporting per-resource operations, the diff's changed
  keys, stack outputs and a Pulumi-style summary.
* :class:`PluginMocks` — ``pulumi.runtime.Mocks`` that forward dynamic resources to a plugin
  server, for ``@pulumi.runtime.test`` style tests (:mod:`.mocks`).

Example::

    from pulumi_celigo.testing import LocalEngine

    engine = LocalEngine("programs/quickstart", stack="dev",
                         config={"celigo:baseUrl": url},
                         secret_config={"celigo:apiToken": "t0k"})
    result = engine.up()
    assert result.ops() == {"orders": "create"}
    assert engine.up().summary() == "1 unchanged"
    engine.destroy()

Everything the plugin server prints is kept (:meth:`PluginServer.output`,
:meth:`LocalEngine.plugin_output`) so tests can check that no secret leaks into logs.
"""

from ._values import is_secret, is_unknown, secret, unknown, unwrap_secrets
from .engine import LocalEngine, Program, run_program
from .mocks import PluginMocks, StepFailed
from .plugin import (
    PROVIDER_KEY,
    CheckOutcome,
    DiffOutcome,
    PluginError,
    PluginServer,
    PluginStartupError,
    provider_blob,
    urn,
    user_message,
)
from .results import DeploymentError, OperationResult, ResourceChange
from .state import ResourceState, StackState

__all__ = [
    "PROVIDER_KEY",
    "CheckOutcome",
    "DeploymentError",
    "DiffOutcome",
    "LocalEngine",
    "OperationResult",
    "PluginError",
    "PluginMocks",
    "PluginServer",
    "PluginStartupError",
    "Program",
    "ResourceChange",
    "ResourceState",
    "StackState",
    "StepFailed",
    "is_secret",
    "is_unknown",
    "provider_blob",
    "run_program",
    "secret",
    "unknown",
    "unwrap_secrets",
    "urn",
    "user_message",
]
