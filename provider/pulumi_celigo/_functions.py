"""Helpers of the SDK's functions (`get_flow`, ...; not public API).

Dynamic providers have no invokes, so the functions are plain Python run in the program's process:
they build a client from `pulumi_celigo.config` (stack config, then the environment) for each call,
turn the API's errors into `ResourceError`s for people, and give each function its `_output` form.
The token is held by the client (a `SecretStr`) and appears in no result, error or repr.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

import pulumi
from pulumi.runtime import rpc

from . import _utilities, config
from .client import CeligoClient, resolve_config
from .providers._errors import ID_HINTS, translate

T = TypeVar("T")


def new_client() -> CeligoClient:
    """A client configured like the resources' provider: `celigo:*` stack config, then CELIGO_* variables."""
    return CeligoClient(resolve_config(config.stack_config(), os.environ))


@contextmanager
def api_call(label: str, argument: str, id: str | None) -> Iterator[CeligoClient]:
    """A client for one function call that reads the flow (or integration) `id` given as `argument`.

    The id is checked before any request (`_utilities.check_id`); API and configuration errors raised
    inside become `ResourceError`s naming the call (`providers._errors.translate`).
    """
    kind = "integration" if argument == "integration_id" else "flow"
    if id is not None:
        _utilities.check_id(label, argument, id, where=ID_HINTS[kind])
    with translate(label, "read", what=argument, id=id, kind=kind), new_client() as client:
        yield client


def typed(cls: type[T], values: Mapping[str, Any]) -> T:
    """An output-type object (nested output types too) from a snake_case dict; unknown keys are dropped."""
    return rpc.translate_output_properties(dict(values), lambda key: key, cls, transform_using_type_metadata=True)


def output_form(
    function: Callable[..., T],
    args: Mapping[str, Any],
    opts: pulumi.InvokeOptions | pulumi.InvokeOutputOptions | None = None,
) -> pulumi.Output[T]:
    """The `get_x_output` form: resolve the Inputs (and `depends_on`), then call the plain function."""
    resolved: pulumi.Output[Any] = pulumi.Output.from_input(dict(args))
    depends_on = getattr(opts, "depends_on", None) if opts is not None else None
    if depends_on:
        resources = depends_on if isinstance(depends_on, (list, tuple)) else [depends_on]
        waits = [r.urn for r in resources if isinstance(r, pulumi.Resource)]
        resolved = pulumi.Output.all(resolved, *waits).apply(lambda values: values[0])
    return resolved.apply(lambda values: function(**values))
