"""Drive the SDK's dynamic-provider plugin server from tests, over its real gRPC interface.

The Pulumi engine serves ``pulumi.dynamic.Resource`` subclasses through a plugin that runs
``python -u -m pulumi.dynamic``. :class:`PluginServer` starts that very server and calls
``Configure``/``Check``/``Diff``/``Create``/``Read``/``Update``/``Delete`` with plain dicts, so a
provider's every call can be tested precisely (inputs, outputs, API calls per operation, errors,
four calls in flight as the engine makes them) against the integrator.io emulator.

Whole programs are tested on the real Pulumi engine instead (the CLI, through the Automation API:
see tests/e2e in the repository); this package does not imitate the engine.

Example::

    from pulumi_celigo.testing import PluginServer, provider_blob, urn

    with PluginServer(project="demo") as plugin:
        plugin.configure({"celigo:apiToken": "t0k", "celigo:baseUrl": url}, secret_keys=["celigo:apiToken"])
        ...

Everything the plugin server prints is kept (:meth:`PluginServer.output`) so tests can check that
no secret leaks into logs.
"""

from ._values import is_secret, is_unknown, secret, unknown, unwrap_secrets
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

__all__ = [
    "PROVIDER_KEY",
    "CheckOutcome",
    "DiffOutcome",
    "PluginError",
    "PluginServer",
    "PluginStartupError",
    "is_secret",
    "is_unknown",
    "provider_blob",
    "secret",
    "unknown",
    "unwrap_secrets",
    "urn",
    "user_message",
]
