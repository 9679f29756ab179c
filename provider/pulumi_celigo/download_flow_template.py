"""The `download_flow_template` function: save a flow's template ZIP (flow, exports, imports, connections)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import zipfile
from collections.abc import Generator
from pathlib import Path
from typing import Any, BinaryIO

import pulumi

from . import _functions
from .errors import ResourceError

MiB = 1 << 20
#: The largest template written: a flow's template is a few KiB to a few MiB; this bounds the disk
#: used when the download goes wrong.
MAX_TEMPLATE_BYTES = 256 * MiB
#: The first bytes of every ZIP archive (a local file header).
ZIP_MAGIC = b"PK\x03\x04"
NOT_A_ZIP = (
    "the template download did not return a ZIP archive; nothing was written. Try again; if it persists, "
    "check that the flow opens in integrator.io"
)

__all__ = [
    "AwaitableDownloadFlowTemplateResult",
    "DownloadFlowTemplateResult",
    "download_flow_template",
    "download_flow_template_output",
]


@pulumi.output_type
class DownloadFlowTemplateResult:
    """A collection of values returned by download_flow_template."""

    def __init__(
        self, *, id: str | None = None, path: str | None = None, size: int | None = None, sha256: str | None = None
    ) -> None:
        pulumi.set(self, "id", id)
        pulumi.set(self, "path", path)
        pulumi.set(self, "size", size)
        pulumi.set(self, "sha256", sha256)

    @property
    @pulumi.getter
    def id(self) -> str:
        """The flow's id."""
        return pulumi.get(self, "id")

    @property
    @pulumi.getter
    def path(self) -> str:
        """Where the ZIP was written, as given."""
        return pulumi.get(self, "path")

    @property
    @pulumi.getter
    def size(self) -> int:
        """The ZIP's size in bytes."""
        return pulumi.get(self, "size")

    @property
    @pulumi.getter
    def sha256(self) -> str:
        """The ZIP's SHA-256 digest (hexadecimal): it changes when the template does."""
        return pulumi.get(self, "sha256")


class AwaitableDownloadFlowTemplateResult(DownloadFlowTemplateResult):
    # pylint: disable=using-constant-test
    def __await__(self) -> Generator[Any, None, DownloadFlowTemplateResult]:
        if False:
            yield self
        return DownloadFlowTemplateResult(id=self.id, path=self.path, size=self.size, sha256=self.sha256)


def download_flow_template(
    id: str | None = None, path: str | os.PathLike[str] | None = None, opts: pulumi.InvokeOptions | None = None
) -> AwaitableDownloadFlowTemplateResult:
    """
    Download a flow's template, a ZIP of the flow and the exports, imports and connections it uses
    (connections without their credentials), and write it to `path` (its folder is created if need be;
    an existing file is replaced whole). Two calls: the template's signed URL, then the ZIP.

    ## Example Usage

    ```python
    import pulumi_celigo as celigo

    template = celigo.download_flow_template(id=flow_id, path="build/orders-sync.zip")
    pulumi.export("templateSha256", template.sha256)
    ```

    :param str id: The id of the flow: 24 lowercase hexadecimal digits, as in the flow's URL in integrator.io's Flow
        builder. Anything else is refused before any request.
    :param str path: Where to write the ZIP.
    :param pulumi.InvokeOptions opts: Accepted for compatibility with generated SDKs; not used.
    """
    if not id:
        raise TypeError("Missing required argument 'id'")
    if path is None or not str(path).strip():
        raise TypeError("Missing required argument 'path'")
    label = f"download_flow_template(id={id!r}, path={str(path)!r})"
    target = Path(path)
    with _functions.api_call(label, "id", id) as client:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # Written beside the target, then renamed: a reader never sees half a ZIP, and a failed
            # download leaves nothing behind.
            fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        except OSError as exc:
            raise ResourceError(f"{label}: could not write the ZIP: {exc.strerror or exc}") from None
        try:
            with os.fdopen(fd, "wb") as out:
                size, sha256 = _save(label, client.flows.stream_template(id), out)
            if not zipfile.is_zipfile(temporary):
                raise ResourceError(f"{label}: {NOT_A_ZIP}")
            os.replace(temporary, target)
        except OSError as exc:
            raise ResourceError(f"{label}: could not write the ZIP: {exc.strerror or exc}") from None
        finally:
            Path(temporary).unlink(missing_ok=True)
    return AwaitableDownloadFlowTemplateResult(id=id, path=str(path), size=size, sha256=sha256)


def _save(label: str, chunks: Generator[bytes, None, None], out: BinaryIO) -> tuple[int, str]:
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


def download_flow_template_output(
    id: pulumi.Input[str] | None = None,
    path: pulumi.Input[str] | None = None,
    opts: pulumi.InvokeOptions | pulumi.InvokeOutputOptions | None = None,
) -> pulumi.Output[DownloadFlowTemplateResult]:
    """
    Download a flow's template ZIP to `path` once the arguments are known.

    :param pulumi.Input[str] id: The id of the flow: 24 lowercase hexadecimal digits, as in the flow's URL in
        integrator.io's Flow builder.
    :param pulumi.Input[str] path: Where to write the ZIP.
    :param opts: `depends_on` is waited for; other options are not used.
    """
    return _functions.output_form(download_flow_template, {"id": id, "path": path}, opts)
