"""Helpers of the SDK modules (not public API): argument dispatch and checks, props.

Dynamic resources need their inputs as a plain ``dict``. :func:`to_props` turns what a program
passes — input-type objects (``FlowPageGeneratorArgs``), ``ArgsDict`` dicts, or Outputs of either,
nested at any depth — into that dict, with the same snake_case keys whichever form was used.
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Awaitable, Mapping, Sequence
from typing import Any, TypeAlias, TypeVar, cast

import pulumi
from pulumi import _types

from . import _serialize
from .errors import ResourceError
from .validation import object_id_problem

ArgsT = TypeVar("ArgsT")

#: Where an input type holds other input types: field -> the nested type's shape (one object),
#: or a one-element list holding it (a list of such objects). Fields not listed are passed as given.
Shape: TypeAlias = Mapping[str, "Shape | Sequence[Shape]"]


def check_id(label: str, argument: str, value: Any, *, parts: int = 1, where: str = "") -> None:
    """Refuse, before any API call or engine request, a value of `argument` that is not an integrator.io
    id (or, with `parts`, that many ids joined by ':'). An Output is checked by the provider once known.

    `get_flow(id="../integrations/<id>")` would otherwise read another kind of document.
    """
    if _is_pending(value):
        return
    pieces = value.split(":") if isinstance(value, str) else [value]
    if len(pieces) == parts and all(isinstance(p, str) and object_id_problem(p) is None for p in pieces):
        return
    shape = "an integrator.io id" if parts == 1 else f"{parts} integrator.io ids joined by ':'"
    hint = f" ({where})" if where else ""
    raise ResourceError(
        f"{label}: {argument} {value!r} is not {shape}: an id is 24 lowercase hexadecimal digits, "
        f"such as '64f1c2d3e4f5a6b7c8d9e0f1'{hint}"
    )


def get_resource_args_opts(
    args_type: type[ArgsT], resource_name: str, *args: Any, **kwargs: Any
) -> tuple[ArgsT | None, pulumi.ResourceOptions | None]:
    """Which ``__init__`` overload was called: ``(name, args, opts)`` or ``(name, opts, **fields)``.

    Returns the args object (None for the keyword form) and the options. A keyword the resource does
    not take is a TypeError naming it, with the closest argument the resource does take.
    """
    resource = args_type.__name__.removesuffix("Args")
    accepted = [p for p in inspect.signature(args_type.__init__).parameters if p != "self"]
    for key in kwargs:
        if key not in accepted and key not in ("args", "opts"):
            close = difflib.get_close_matches(key, accepted, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"{resource} takes {', '.join(sorted(accepted))}"
            raise TypeError(f"{resource} {resource_name!r}: unknown argument {key!r}: {hint}")
    resource_args: ArgsT | None = None
    opts: pulumi.ResourceOptions | None = None
    if args and isinstance(args[0], args_type):
        resource_args, args = args[0], args[1:]
    if args and isinstance(args[0], pulumi.ResourceOptions):
        opts = args[0]
    if resource_args is None and isinstance(kwargs.get("args"), args_type):
        resource_args = kwargs["args"]
    if opts is None:
        opts = kwargs.get("opts")
    return resource_args, opts


def identity(type_token: str, resource_name: str, opts: pulumi.ResourceOptions) -> pulumi.Input[str]:
    """The resource's identity as its URN says it: ``project/stack/parent-urn/type/name`` (the hidden
    ``__identity`` input, from which a create's marker is derived).

    A plain string when the resource has no parent: an ``Output.concat`` would add ~16 Outputs per
    resource, each one awaited by the SDK's wait loop, whose cost grows with the Outputs pending. The
    bytes sent are the same either way (existing stacks see no diff).

    With a parent, its URN is used without a dependency on the parent: depending on a component
    resource means depending on each of its children, this resource included, a cycle the SDK refuses
    (the engine knows the parent anyway, and the child's registration awaits the parent's URN).
    """
    head = f"{pulumi.get_project()}/{pulumi.get_stack()}/"
    tail = f"/{type_token}/{resource_name}"
    if opts.parent is None:
        return head + tail
    urn = opts.parent.urn
    value = cast("Awaitable[str]", urn.future())  # a URN always gets a value
    return pulumi.Output.concat(head, pulumi.Output(set(), value, urn.is_known(), urn.is_secret()), tail)


def _is_pending(value: Any) -> bool:
    """An Output or awaitable: its value is only known later (and perhaps not during a preview)."""
    return isinstance(value, pulumi.Output) or inspect.isawaitable(value)


def to_props(value: Any, shape: Shape) -> Any:
    """An input-type object or its dict form as a plain dict with snake_case keys.

    ``None`` values are left out, as input types leave them out, so both forms send the same
    props. Nested objects named by ``shape`` are converted too; an Output in their place becomes
    an Output of the converted value (secretness and dependencies kept). Values of other types are
    returned unchanged: the provider's ``check`` reports them with the field's path.
    """
    if _is_pending(value):
        return pulumi.Output.from_input(value).apply(lambda resolved: to_props(resolved, shape))
    if _types.is_input_type(type(value)):
        items: Mapping[str, Any] = vars(value)
    elif isinstance(value, Mapping):
        items = value
    else:
        return value
    out: dict[str, Any] = {}
    for key, item in items.items():
        if item is None:
            continue
        nested = shape.get(key)
        if nested is None:
            out[key] = item
        elif isinstance(nested, Mapping):
            out[key] = to_props(item, nested)
        else:
            out[key] = _list_to_props(item, nested[0])
    return out


def _list_to_props(value: Any, shape: Shape) -> Any:
    if _is_pending(value):
        return pulumi.Output.from_input(value).apply(lambda resolved: _list_to_props(resolved, shape))
    if isinstance(value, (list, tuple)):
        return [to_props(item, shape) for item in value]
    return value


_BLOBS: dict[str, str] = {}


def _provider_blob(provider: pulumi.dynamic.ResourceProvider) -> str:
    # The providers of pulumi_celigo carry no state in their pickle (`__getstate__`): one blob per class.
    key = f"{type(provider).__module__}.{type(provider).__qualname__}"
    if key not in _BLOBS:
        _BLOBS[key] = _serialize.provider_blob(provider)
    return _BLOBS[key]


class DynamicResource(pulumi.dynamic.Resource):
    """`pulumi.dynamic.Resource` whose provider is serialised once per provider class per process.

    The SDK serialises the provider again for every resource (a dill pickling each time) and leaks a
    pickler frame per call (`_serialize`): a program with ~1,000 dynamic resources failed with
    RecursionError. The blob, the type token and the registration are otherwise exactly the SDK's.
    """

    def _register(
        self,
        provider: pulumi.dynamic.ResourceProvider,
        name: str,
        props: pulumi.Inputs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        """Register the resource. The generated classes call this from `_internal_init`, not `__init__`:
        the SDK records as a resource's source position the caller of the third `__init__` frame up
        from `Resource.__init__` (`CustomResource`, then the concrete class), so an `__init__` of ours in
        between made every resource's position a line of `pulumi_celigo` instead of the program's."""
        if "__provider" in props:
            raise ValueError("A dynamic resource must not define the __provider key")
        props = {**props, "__provider": _provider_blob(provider)}
        pulumi.CustomResource.__init__(self, f"pulumi-python:{self._resource_type_name}", name, props, opts)
        _untrack_outputs(self)

    # Constructing one directly works too; its frame is named `_register`, so it does not count either.
    __init__ = _register


def _untrack_outputs(resource: pulumi.Resource) -> None:
    """Take the resource's own Outputs (`urn`, `id`, one per property) out of the set the SDK's
    `wait_for_rpcs` waits on with `asyncio.wait(every pending Output, FIRST_COMPLETED)`: each wake-up
    costs O(all pending Outputs), quadratic in the resources of a program (a Flow has 33 Outputs).

    Nothing is lost: they are resolved by the registration RPC, which `wait_for_rpcs` awaits anyway
    (and whose failure it raises); an Output derived from them (`apply`, `all`) is tracked as before.
    The SDK does the same when an `apply` takes over (`Output._untrack`). Without that method (another
    SDK version) the Outputs stay tracked.
    """
    untrack = getattr(pulumi.Output, "_untrack", None)
    if untrack is None:
        return
    for value in vars(resource).values():
        if isinstance(value, pulumi.Output):
            untrack(value)
