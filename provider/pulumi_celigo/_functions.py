"""The logic of the SDK's functions (`get_flow`, ...; not public API).

The public modules (`get_flow.py`, ...) are generated from `providers/schema.py` `FUNCTIONS`: each
checks its required arguments, calls the helper of the same name here, which returns the result's
values as a snake_case dict, and types them with `typed`; its `_output` form is `output_form`.

Dynamic providers have no invokes, so the functions are plain Python run in the program's process:
they build a client from `pulumi_celigo.config` (stack config, then the environment) for each call
and turn the API's errors into `ResourceError`s for people. The token is held by the client (a
`SecretStr`) and appears in no result, error or repr.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import zipfile
from collections.abc import Callable, Generator, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

import pulumi
from pulumi.runtime import rpc

from . import _utilities, config
from .client import CeligoClient, resolve_config
from .errors import ResourceError
from .models.flow_document import public_outputs
from .providers._document import DocumentProvider
from .providers._errors import ID_HINTS, translate
from .providers.connection import public_outputs as connection_outputs
from .providers.export import ExportProvider
from .providers.import_ import ImportProvider
from .providers.integration import IntegrationProvider
from .providers.script import ScriptProvider

T = TypeVar("T")

MiB = 1 << 20
#: The largest template `download_flow_template` writes: a flow's template is a few KiB to a few
#: MiB; this bounds the disk used when the download goes wrong.
MAX_TEMPLATE_BYTES = 256 * MiB
#: The first bytes of every ZIP archive (a local file header).
ZIP_MAGIC = b"PK\x03\x04"
NOT_A_ZIP = (
    "the template download did not return a ZIP archive; nothing was written. Try again; if it persists, "
    "check that the flow opens in integrator.io"
)


def new_client() -> CeligoClient:
    """A client configured like the resources' provider: `celigo:*` stack config, then CELIGO_* variables."""
    return CeligoClient(resolve_config(config.stack_config(), os.environ))


@contextmanager
def api_call(label: str, argument: str, id: str | None, kind: str | None = None) -> Iterator[CeligoClient]:
    """A client for one function call that reads the `kind` of document (by default the flow, or the
    integration for `integration_id`) whose `id` is given as `argument`.

    The id is checked before any request (`_utilities.check_id`); API and configuration errors raised
    inside become `ResourceError`s naming the call (`providers._errors.translate`).
    """
    kind = kind or ("integration" if argument == "integration_id" else "flow")
    if id is not None:
        _utilities.check_id(label, argument, id, where=ID_HINTS[kind])
    with translate(label, "read", what=argument, id=id, kind=kind), new_client() as client:
        yield client


def require(**args: Any) -> None:
    """Refuse a call without a required argument (None, or blank once made a string)."""
    for name, value in args.items():
        if value is None or not str(value).strip():
            raise TypeError(f"Missing required argument '{name}'")


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


# ---- the functions' logic: the arguments in, the result's snake_case values out ------------------


def get_flow(id: str) -> dict[str, Any]:
    with api_call(f"get_flow(id={id!r})", "id", id) as client:
        return public_outputs(client.flows.get(id))


def get_connection(id: str) -> dict[str, Any]:
    with api_call(f"get_connection(id={id!r})", "id", id, kind="connection") as client:
        return connection_outputs(client.connections.get(id))


def _get_document(provider: DocumentProvider, id: str) -> dict[str, Any]:
    """One GET of an integrator.io document, shown as its resource's outputs (no create marker)."""
    with api_call(f"get_{provider.KIND}(id={id!r})", "id", id, kind=provider.KIND) as client:
        doc = provider.api_of(client).get(id)
    return provider.outputs(doc, {})


def get_integration(id: str) -> dict[str, Any]:
    return _get_document(IntegrationProvider(), id)


def get_script(id: str) -> dict[str, Any]:
    return _get_document(ScriptProvider(), id)


def get_export(id: str) -> dict[str, Any]:
    return _get_document(ExportProvider(), id)


def get_import(id: str) -> dict[str, Any]:
    return _get_document(ImportProvider(), id)


def get_flows(integration_id: str | None, name: str | None) -> dict[str, Any]:
    label = f"get_flows(integration_id={integration_id!r}, name={name!r})"
    with api_call(label, "integration_id", integration_id) as client:
        flows = [f for f in client.flows.list(integration_id=integration_id) if name is None or f.name == name]
    return {
        "integration_id": integration_id,
        "name": name,
        "ids": [f.id for f in flows if f.id],
        "names": [f.name or "" for f in flows if f.id],
        "flows": [public_outputs(flow) for flow in flows],
    }


def get_flow_audit_log(id: str) -> dict[str, Any]:
    with api_call(f"get_flow_audit_log(id={id!r})", "id", id) as client:
        return {"id": id, "entries": [entry.to_python() for entry in client.flows.audit(id)]}


def get_flow_dependencies(id: str) -> dict[str, Any]:
    with api_call(f"get_flow_dependencies(id={id!r})", "id", id) as client:
        found = client.flows.dependencies(id).all()
    dependents = {kind: [ref.to_python() for ref in refs] for kind, refs in found.items()}
    return {"id": id, "flows": dependents.get("flows", []), "dependents": dependents}


def download_flow_template(id: str, path: str | os.PathLike[str]) -> dict[str, Any]:
    label = f"download_flow_template(id={id!r}, path={str(path)!r})"
    target = Path(path)
    with api_call(label, "id", id) as client:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # Written beside the target, then renamed: a reader never sees half a ZIP, and a failed
            # download leaves nothing behind.
            fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        except OSError as exc:
            raise ResourceError(f"{label}: could not write the ZIP: {exc.strerror or exc}") from None
        try:
            with os.fdopen(fd, "wb") as out:
                size, sha256 = _save_template(label, client.flows.stream_template(id), out)
            if not zipfile.is_zipfile(temporary):
                raise ResourceError(f"{label}: {NOT_A_ZIP}")
            os.replace(temporary, target)
        except OSError as exc:
            raise ResourceError(f"{label}: could not write the ZIP: {exc.strerror or exc}") from None
        finally:
            Path(temporary).unlink(missing_ok=True)
    return {"id": id, "path": str(path), "size": size, "sha256": sha256}


def _save_template(label: str, chunks: Generator[bytes, None, None], out: BinaryIO) -> tuple[int, str]:
    """Write the chunks, refusing early what is not a ZIP or is larger than MAX_TEMPLATE_BYTES.

    Returns the size and the SHA-256 digest. The chunks (and the HTTP response) are closed either way.
    """
    digest = hashlib.sha256()
    size = 0
    head = b""
    with contextlib.closing(chunks):
        for chunk in chunks:
            if len(head) < len(ZIP_MAGIC):
                head += chunk[: len(ZIP_MAGIC) - len(head)]
                if not ZIP_MAGIC.startswith(head):
                    raise ResourceError(f"{label}: {NOT_A_ZIP} (it begins with {head!r})")
            size += len(chunk)
            if size > MAX_TEMPLATE_BYTES:
                raise ResourceError(
                    f"{label}: the template is larger than {MAX_TEMPLATE_BYTES:,} bytes, the most this function "
                    "writes (MAX_TEMPLATE_BYTES); nothing was written. Download it in integrator.io instead"
                )
            digest.update(chunk)
            out.write(chunk)
    if head != ZIP_MAGIC:
        raise ResourceError(f"{label}: {NOT_A_ZIP} (it is {size} bytes long)")
    return size, digest.hexdigest()
