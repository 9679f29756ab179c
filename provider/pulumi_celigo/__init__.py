"""Pulumi resources for Celigo integrator.io flows, served by Pulumi's built-in dynamic provider.

No plugin to install: ``pip install pulumi-celigo``, then::

    import pulumi
    import pulumi_celigo as celigo

    orders = celigo.Flow("orders",
        integration_id="64f1c2d3e4f5a6b7c8d9e0f1",
        schedule="? 0 2 ? * *",
        page_generators=[{"export_id": "64f1c2d3e4f5a6b7c8d9e0a1"}],
        page_processors=[{"type": "import", "import_id": "64f1c2d3e4f5a6b7c8d9e0b2"}])
    pulumi.export("flow_id", orders.id)

Credentials: ``pulumi config set --secret celigo:apiToken <token>`` (or ``CELIGO_API_TOKEN``);
``celigo:region`` (``us`` or ``eu``) or ``celigo:baseUrl`` choose the API (see `config`).
"""

from . import config, outputs
from ._inputs import (
    FlowHookReferenceArgs,
    FlowHookReferenceArgsDict,
    FlowPageGeneratorArgs,
    FlowPageGeneratorArgsDict,
    FlowPageProcessorArgs,
    FlowPageProcessorArgsDict,
    FlowPageProcessorHooksArgs,
    FlowPageProcessorHooksArgsDict,
    FlowResponseMappingArgs,
    FlowResponseMappingArgsDict,
    FlowResponseMappingFieldArgs,
    FlowResponseMappingFieldArgsDict,
    FlowResponseMappingListArgs,
    FlowResponseMappingListArgsDict,
    FlowRouterArgs,
    FlowRouterArgsDict,
    FlowRouterBranchArgs,
    FlowRouterBranchArgsDict,
)
from ._version import __version__
from .flow import Flow, FlowArgs

__all__ = [
    "Flow",
    "FlowArgs",
    "FlowHookReferenceArgs",
    "FlowHookReferenceArgsDict",
    "FlowPageGeneratorArgs",
    "FlowPageGeneratorArgsDict",
    "FlowPageProcessorArgs",
    "FlowPageProcessorArgsDict",
    "FlowPageProcessorHooksArgs",
    "FlowPageProcessorHooksArgsDict",
    "FlowResponseMappingArgs",
    "FlowResponseMappingArgsDict",
    "FlowResponseMappingFieldArgs",
    "FlowResponseMappingFieldArgsDict",
    "FlowResponseMappingListArgs",
    "FlowResponseMappingListArgsDict",
    "FlowRouterArgs",
    "FlowRouterArgsDict",
    "FlowRouterBranchArgs",
    "FlowRouterBranchArgsDict",
    "__version__",
    "config",
    "outputs",
]
