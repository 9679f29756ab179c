"""What every pulumi_celigo dynamic provider shares.

* Pickled by reference and carrying no state: `__getstate__` drops the client, so the blob in
  Pulumi state holds neither a session nor a token, and each plugin process builds one client
  lazily from `configure()` (stack config, then CELIGO_* environment).
* Input checking: parse the program's inputs into the API models (strict types, snake_case names
  only, unknown keys refused with a suggestion), tolerating values not known during preview.
"""

from __future__ import annotations

import difflib
import os
import threading
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, TypeVar

import pydantic
from pulumi.dynamic import CheckFailure, CheckResult, ConfigureRequest, ResourceProvider
from pulumi.output import Unknown

from .. import validation
from ..client import SETTINGS, CeligoClient, ClientConfig, resolve_config
from ..errors import ResourceError
from ..models import ApiModel
from ._errors import ID_HINTS

ModelT = TypeVar("ModelT", bound=ApiModel)

#: Hidden output: the managed fields a document taken over with `adopt_id` keeps as it had them, because
#: the program does not set them (adoption never changes what the program does not say). Setting one
#: later makes it managed.
KEPT_OUTPUT = "__kept"


def is_unknown(value: Any) -> bool:
    """True if the value, or anything inside it, is not known yet (a preview of a new dependency)."""
    if isinstance(value, Unknown):
        return True
    if isinstance(value, Mapping):
        return any(is_unknown(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(is_unknown(v) for v in value)
    return False


def user_inputs(props: Mapping[str, Any]) -> dict[str, Any]:
    """The program's own inputs: without the engine's reserved `__` keys."""
    return {k: v for k, v in props.items() if not k.startswith("__")}


def is_get(props: Mapping[str, Any]) -> bool:
    """True when `read` serves `Resource.get(name, id)`: the engine then passes none of the program's
    inputs and no old outputs (a refresh passes the old outputs)."""
    return all(v is None for v in user_inputs(props).values())


def refuse_malformed_id(label: str, what: str, value: str, kind: str = "flow") -> None:
    """Raise, before any request, for an id that is not an ObjectId (`../connections/<id>` read a
    connection as a flow): the message names the value and where a person finds the right one."""
    if problem := validation.object_id_problem(value):
        hint = f" ({ID_HINTS[kind]})" if kind in ID_HINTS else ""
        raise ResourceError(f"{label}: read failed: the {what} {problem}; check the id{hint}")


def unplanned_replacement(label: str, changed: Iterable[str]) -> ResourceError:
    """The error of an update that would need a replacement. `diff` never asks for a replacement
    because of a value not known yet (the engine diffs a delete-first replacement's dependents with
    that value unknown, and a replacement would re-run or re-clone them for nothing), so an update may
    in principle meet such a change once the value is known: it must not apply it in place."""
    names = ", ".join(changed)
    return ResourceError(
        f"{label}: update refused, nothing was written: {names} changed, which needs a replacement, but the "
        "plan was made while the value was not known yet. Run `pulumi up` again: its preview shows the replacement."
    )


def field_path(loc: Iterable[str | int]) -> str:
    """('page_processors', 1, 'import_id') -> 'page_processors[1].import_id'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _unknown_keys(model: ApiModel, loc: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], str]]:
    """Keys the models do not know, at any depth, each with a suggested spelling."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    known = list(type(model).model_fields)
    for key in model.model_extra or {}:
        close = difflib.get_close_matches(_snake(key), known, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f"; known properties: {', '.join(known)}"
        found.append(((*loc, key), f"unknown property '{key}'{hint}"))
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            if isinstance(item, ApiModel):
                sub = (*loc, name, index) if isinstance(value, list) else (*loc, name)
                found.extend(_unknown_keys(item, sub))
    return found


def _snake(key: str) -> str:
    """`pageGenerators` / `_integrationId` -> `page_generators` / `integration_id`, for suggestions."""
    out = "".join(f"_{c.lower()}" if c.isupper() else c for c in key.lstrip("_"))
    return out.lstrip("_")


def parse_inputs(
    model: type[ModelT], props: Mapping[str, Any]
) -> tuple[ModelT | None, list[CheckFailure], dict[str, Any]]:
    """Validate the program's inputs into `model`.

    Returns the parsed model (None if invalid), the failures (each naming its field), and the
    top-level inputs that are not known yet: they are left out of validation and passed through.
    """
    inputs = user_inputs(props)
    pending = {k: v for k, v in inputs.items() if is_unknown(v)}
    known = {k: v for k, v in inputs.items() if k not in pending and v is not None}
    failures: list[CheckFailure] = []
    try:
        parsed = model.model_validate(known, strict=True, by_alias=False, by_name=True)
    except pydantic.ValidationError as exc:
        for error in exc.errors():
            path = field_path(error["loc"])
            failures.append(CheckFailure(str(error["loc"][0]) if error["loc"] else "", f"{path}: {error['msg']}"))
        return None, failures, pending
    for loc, message in _unknown_keys(parsed, ()):
        failures.append(CheckFailure(str(loc[0]), f"{field_path(loc)}: {message}"))
    return (None if failures else parsed), failures, pending


class CeligoProvider(ResourceProvider):
    """Base of the pulumi_celigo providers: configuration, a lazily built shared client, pickling."""

    # The blob holds no secret (see __getstate__), so state stays readable and diffs stay stable.
    serialize_as_secret_always = False

    #: The model a program's inputs are parsed into (strict types, snake_case names).
    INPUTS: ClassVar[type[ApiModel]]
    #: Inputs whose change forces a replacement (the API cannot change them in place).
    REPLACE_ON_CHANGES: ClassVar[frozenset[str]] = frozenset()

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._config: ClientConfig | None = None
        self._client: CeligoClient | None = None

    def __getstate__(self) -> dict[str, Any]:
        # Must be truthy, or pickle skips __setstate__. No client, no config, no token.
        return {"format": 1}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"

    def configure(self, req: ConfigureRequest) -> None:
        """Resolve and validate every `celigo:*` setting (stack config, then CELIGO_* environment).

        The plugin server calls this before the first operation on this provider, in preview too:
        a missing token, an unknown region or a malformed base URL fails `pulumi preview` here,
        with the ConfigurationError's message. No API call: the client is built on first use.
        """
        stack = {s.key: req.config.get(s.key) for s in SETTINGS if req.config.get(s.key) is not None}
        config = resolve_config(stack, os.environ)
        with self._lock:
            self._config = config
            self._client = None

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """Validate and normalise the program's inputs with no API call.

        Values not known yet (preview) pass through unchecked; every failure names its field.
        """
        parsed, failures, pending = parse_inputs(self.INPUTS, news)
        if parsed is None:
            return CheckResult(news, failures)
        failures.extend(self.input_failures(parsed, pending))
        if failures:
            return CheckResult(news, failures)
        inputs = parsed.to_python()
        inputs.update(pending)
        inputs.update({k: v for k, v in news.items() if k.startswith("__")})
        return CheckResult(inputs, [])

    def input_failures(self, inputs: Any, pending: Mapping[str, Any]) -> list[CheckFailure]:
        """Rules the input model's types cannot express. `pending` holds the inputs not known yet."""
        return []

    @property
    def client(self) -> CeligoClient:
        """The provider's client, built on first use; its token is checked once per process (`GET /tokenInfo`)."""
        with self._lock:
            if self._client is None:
                client = CeligoClient(self._config or resolve_config({}, os.environ))
                client.verify_token_once()
                self._client = client
            return self._client
