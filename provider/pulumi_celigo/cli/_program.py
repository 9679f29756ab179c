"""Writing the Pulumi project `pulumi-celigo generate` makes of an `Account`: `Pulumi.yaml`, `__main__.py`,
`requirements.txt`, `README.md` (and `scripts/*.js`, a `Pulumi.<stack>.yaml` when asked).

* Which kinds become resources, and with which arguments, comes from the SDK's declarations
  (`providers.schema.RESOURCES`): a resource's arguments are its declared inputs that are fields of its
  document. A kind with no resource yet is listed in the README, its objects with their ids.
* Every resource adopts its object (`adopt_id`, the one place its id is written), so the first `pulumi up`
  writes nothing. Objects refer to each other through Python variables (`connection_id=github_connection.id`).
  An id the program must name without a resource (an object of a kind not generated, a flow group, a
  run-next link that closes a cycle) is a named constant at the top: each id is written exactly once.
* Names: the object's name, slugified; equal slugs of one kind are numbered in the order of their ids,
  so the same account always gives the same names and the same bytes.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._version import __version__
from ..models import MASK, ApiModel
from ..models.flow_document import hide_marker
from ..providers._document import DocumentProvider
from ..providers.schema import NESTED, RESOURCES, Resource
from ._account import COLLECTIONS, ID_KEY, Account, ids_in

#: Collection -> the resource class that manages its documents, and the word for one of them.
CLASS_OF: dict[str, str] = {
    "scripts": "Script",
    "connections": "Connection",
    "integrations": "Integration",
    "exports": "Export",
    "imports": "Import",
    "flows": "Flow",
}
WORD_OF: dict[str, str] = {
    "scripts": "script",
    "connections": "connection",
    "integrations": "integration",
    "exports": "export",
    "imports": "import",
    "flows": "flow",
    "flow_groupings": "flow group",
}
#: Arguments whose value is another field of the document: (resource, argument) -> that field.
ARGUMENT_FROM: dict[tuple[str, str], str] = {("Integration", "connection_ids"): "registered_connection_ids"}
#: Nested fields integrator.io assigns (`page_generators[].id`): never written, so never generated.
NESTED_OUTPUT_ONLY: dict[type[ApiModel], frozenset[str]] = {
    n.model: frozenset(p.name for p in n.props if p.output_only) for n in NESTED
}


class Code(str):
    """Python source to emit as is (a reference), not as a string literal."""


def declared(collection: str) -> Resource | None:
    """The SDK's resource for a collection, if there is one."""
    return next((r for r in RESOURCES if r.name == CLASS_OF.get(collection) and r.document is not None), None)


def arguments(resource: Resource) -> dict[str, str]:
    """The resource's arguments that hold a field of its document, in the declaration's order: argument ->
    the document's field."""
    assert resource.document is not None
    fields = resource.document.model_fields
    named = {p.name: ARGUMENT_FROM.get((resource.name, p.name), p.name) for p in resource.props if not p.output_only}
    return {arg: field for arg, field in named.items() if field in fields}


def slug(name: str, fallback: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or fallback


def unique(wanted: Iterable[tuple[str, str]]) -> dict[str, str]:
    """key -> name, the names made unique by numbering repeats (`-2`, `-3`) in the order given."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for key, base in wanted:
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name)
        names[key] = name
    return names


@dataclass
class Unmanaged:
    """What a generated object holds that its resource does not manage, by kind of reason."""

    fields: list[str] = field(default_factory=list)
    credentials: list[str] = field(default_factory=list)


def plain(value: Any, path: str, out: Unmanaged) -> Any:
    """A document value as a program writes it: snake_case dicts, without what the program cannot
    write (nested fields integrator.io sets, unknown keys, masked credentials), which go to `out`."""
    if isinstance(value, ApiModel):
        skip = NESTED_OUTPUT_ONLY.get(type(value), frozenset())
        result = {}
        for name in type(value).model_fields:
            item = getattr(value, name)
            if item is not None and name not in skip:
                converted = plain(item, f"{path}.{name}", out)
                if converted is not None:
                    result[name] = converted
        out.fields += [f"{path}.{key}" for key in sorted(value.model_extra or {})]
        return result or None
    if isinstance(value, list):
        return [plain(item, f"{path}[{i}]", out) for i, item in enumerate(value)] or None
    if isinstance(value, dict):
        converted_dict = {k: plain(v, f"{path}.{k}", out) for k, v in value.items()}
        return {k: v for k, v in converted_dict.items() if v is not None} or None
    if value == MASK:
        out.credentials.append(path)
        return None
    return value


def literal(value: Any) -> str:
    """Python source for a plain value (`Code` as is)."""
    if isinstance(value, Code):
        return str(value)
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    return repr(value)


def with_refs(value: Any, refer: Mapping[str, str]) -> Any:
    """`value` with every id under an id key replaced by the code that names it."""
    if isinstance(value, dict):
        return {
            k: (
                [Code(refer[i]) if isinstance(i, str) and i in refer else i for i in v]
                if isinstance(v, list) and ID_KEY.match(k)
                else Code(refer[v])
                if isinstance(v, str) and ID_KEY.match(k) and v in refer
                else with_refs(v, refer)
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [with_refs(v, refer) for v in value]
    return value


@dataclass
class Generated:
    """One object that becomes a resource."""

    collection: str
    doc: Any
    resource: Resource
    name: str
    var: str
    args: dict[str, Any]
    unmanaged: Unmanaged


def _generated(collection: str, doc: Any, resource: Resource, name: str) -> Generated:
    provider = resource.provider()
    if isinstance(provider, DocumentProvider):
        doc = provider.without_marker(doc)
    elif getattr(doc, "settings", None) is not None:
        doc = doc.model_copy(update={"settings": hide_marker(doc.settings)})
    out = Unmanaged()
    names = arguments(resource)
    args = {}
    for arg, source in names.items():
        value = getattr(doc, source)
        converted = None if value is None else plain(value, arg, out)
        if converted is not None:
            args[arg] = converted
    read_only = {p.name for p in resource.props if p.output_only} - set(names.values())
    out.fields[:0] = [k for k in doc.to_python() if k not in names.values() and k not in read_only and k != "id"]
    word = WORD_OF[collection]
    var = name.replace("-", "_")
    var = f"{var}_{word}" if not var[0].isdigit() else f"{word}_{var}"
    return Generated(collection, doc, resource, name, var, args, out)


def _flow_order(flows: list[Generated]) -> tuple[list[Generated], set[str]]:
    """Flows in the given order, moved down after the flows they refer to (run-next links, delta
    dependencies); where references form a cycle, the ids that close it (to name by constants)."""
    ids = {f.doc.id for f in flows}
    needs = {f.doc.id: {i for _, i in ids_in(f.args) if i in ids and i != f.doc.id} for f in flows}
    done: set[str] = set()
    ordered: list[Generated] = []
    back: set[str] = set()
    remaining = list(flows)
    while remaining:
        ready = next((f for f in remaining if needs[f.doc.id] <= done), None)
        if ready is None:  # a cycle: the first flow left goes now; what it needs later is named by id
            ready = remaining[0]
            back |= needs[ready.doc.id] - done
        ordered.append(ready)
        done.add(ready.doc.id)
        remaining.remove(ready)
    return ordered, back


def _constant(base: str, word: str) -> str:
    name = re.sub(r"[^A-Z0-9]+", "_", f"{base}_{word}_id".upper()).strip("_")
    return name if not name[0].isdigit() else f"ID_{name}"


@dataclass
class Program:
    """The project's files, by relative path."""

    files: dict[str, str]
    resources: int
    not_generated: int


def build(account: Account, *, protect: bool, stack: str | None, project: str) -> Program:
    """Every file of the project (unformatted Python: `write` formats it)."""
    generated: list[Generated] = []
    skipped: dict[str, list[Any]] = {}
    for collection in COLLECTIONS:
        docs = sorted(account.docs.get(collection, []), key=lambda d: (d.name or "", d.id))
        resource = declared(collection)
        if resource is None:
            skipped[collection] = docs
            continue
        by_id = sorted(docs, key=lambda d: d.id)
        names = unique((d.id, slug(d.name or "", WORD_OF[collection])) for d in by_id)
        generated += [_generated(collection, d, resource, names[d.id]) for d in docs]
    flows, back = _flow_order([g for g in generated if g.collection == "flows"])
    generated = [g for g in generated if g.collection != "flows"] + flows

    # Ids named by a constant: back-edges of run-next cycles, and every id no resource defines.
    defined = {g.doc.id: g for g in generated}
    referenced = sorted({i for g in generated for _, i in ids_in(g.args)})
    constant_ids = [i for i in referenced if i not in defined or i in back]
    constant_names = unique(
        (i, _constant(*_described(account, i))) for i in sorted(constant_ids, key=lambda i: (_described(account, i), i))
    )
    refer = {i: f"{g.var}.id" for i, g in defined.items()}
    refer.update(constant_names)

    lines: list[str] = []
    for collection in COLLECTIONS:
        group = [g for g in generated if g.collection == collection]
        if not group:
            continue
        lines.append(f"\n# {CLASS_OF[collection]}s\n")
        for g in group:
            lines.append(_resource_code(g, refer, constant_names, protect))
    main = _header(account, constant_names, scripts=any(g.collection == "scripts" for g in generated)) + "\n".join(
        lines
    )
    files = {
        "Pulumi.yaml": _pulumi_yaml(project),
        "requirements.txt": f"pulumi>=3.216,<4\npulumi-celigo>={__version__}\n",
        "__main__.py": main,
    }
    for g in generated:
        if g.collection == "scripts" and isinstance(g.args.get("content"), str):
            files[f"scripts/{g.name}.js"] = g.args["content"]
    if stack:
        files[f"Pulumi.{stack}.yaml"] = f"config:\n  celigo:baseUrl: {json.dumps(account.base_url)}\n"
    files["README.md"] = _readme(account, generated, skipped, constant_names, back, protect, stack, project)
    return Program(files, len(generated), sum(len(d) for d in skipped.values()))


def _described(account: Account, doc_id: str) -> tuple[str, str]:
    """(name, word) of an id for a constant's name: what the account calls it, or the id."""
    collection, name = account.seen.get(doc_id, ("", ""))
    word = WORD_OF.get(collection, "object")
    return (slug(name, doc_id) if name else doc_id), word


def _resource_code(g: Generated, refer: Mapping[str, str], constants: Mapping[str, str], protect: bool) -> str:
    adopt = constants.get(g.doc.id) or json.dumps(g.doc.id)
    args = [json.dumps(g.name), f"adopt_id={adopt}"]
    for arg, value in g.args.items():
        if g.collection == "scripts" and arg == "content":
            args.append(f"content=script_source({json.dumps(g.name + '.js')})")
        else:
            args.append(f"{arg}={literal(with_refs({arg: value}, refer)[arg])}")
    if protect:
        args.append("opts=pulumi.ResourceOptions(protect=True)")
    return f"{g.var} = celigo.{g.resource.name}(" + ", ".join(args) + ",)"


def _header(account: Account, constants: Mapping[str, str], *, scripts: bool) -> str:
    text = [
        '"""Generated by `pulumi-celigo generate` from ' + account.base_url + ".",
        "",
        "Every resource takes over an existing object (`adopt_id`): the first `pulumi up` writes nothing.",
        "`pulumi destroy` would delete every object this program manages: see README.md.",
        '"""',
        "",
    ]
    if scripts:
        text += ["from pathlib import Path", ""]
    text += ["import pulumi", "import pulumi_celigo as celigo", ""]
    if scripts:
        text += [
            "",
            "def script_source(file: str) -> str:",
            '    """A script\'s JavaScript, byte for byte, from scripts/."""',
            '    return (Path(__file__).parent / "scripts" / file).read_bytes().decode("utf-8")',
            "",
        ]
    if constants:
        text += ["", "# Ids of objects this program refers to but does not manage (see README.md)"]
        for doc_id, name in sorted(constants.items(), key=lambda item: item[1]):
            collection, label = account.seen.get(doc_id, ("", ""))
            what = f'{WORD_OF.get(collection, "object")} "{label}"' if collection else "not found in the account"
            text.append(f"{name} = {json.dumps(doc_id)}  # {what}")
    return "\n".join(text) + "\n"


def _pulumi_yaml(project: str) -> str:
    return (
        f"name: {project}\n"
        "description: integrator.io objects adopted by pulumi-celigo generate\n"
        "runtime:\n"
        "  name: python\n"
        "  options:\n"
        "    toolchain: pip\n"
        "    virtualenv: venv\n"
    )


def _readme(
    account: Account,
    generated: list[Generated],
    skipped: Mapping[str, list[Any]],
    constants: Mapping[str, str],
    back: set[str],
    protect: bool,
    stack: str | None,
    project: str,
) -> str:
    stack_name = stack or "dev"
    counts = ", ".join(
        f"{sum(1 for g in generated if g.collection == c)} {CLASS_OF[c].lower()}s"
        for c in COLLECTIONS
        if any(g.collection == c for g in generated)
    )
    out = [
        f"# {project}",
        "",
        f"Generated by `pulumi-celigo generate` from `{account.base_url}`: {counts or 'no resources'}.",
        "Each resource takes over its existing object with `adopt_id`: the first `pulumi up` only reads the",
        "account and writes nothing; from then on the program is the source of truth for what it sets.",
        "",
        "> **Warning: `pulumi destroy` deletes every object this program manages** (in integrator.io, for",
        "> good), although the program did not create them. To stop managing them without deleting them,",
        "> run `pulumi state delete <urn>` (or `pulumi stack rm --force`) instead."
        + (
            " Every resource is generated with `protect=True`: `pulumi destroy` refuses until you remove it."
            if protect
            else " Generate with `--protect` to add `protect=True` to every resource."
        ),
        "",
        "## Deploy",
        "",
        "```bash",
        "python -m venv venv && venv/bin/pip install -r requirements.txt",
        f"pulumi stack init {stack_name}",
        f"pulumi config set celigo:baseUrl {account.base_url}",
        "pulumi config set --secret celigo:apiToken <token>",
        "pulumi up          # adopts every object: no write to the account",
        "pulumi preview     # no changes, until you edit the program",
        "```",
        "",
        "## Credentials",
        "",
        "Connections are generated without their credentials (integrator.io shows them as `******`). The",
        "provider never writes or erases a credential the program does not give, so the stored ones stay as",
        "they are. To start managing one, put it in the stack as a secret and give it in the program, e.g.:",
        "",
        "```bash",
        "pulumi config set --secret shopApiToken <the token>",
        "```",
        "",
        "```python",
        'http={..., "auth": {..., "token": {..., "token": pulumi.Config().require_secret("shopApiToken")}}}',
        "```",
        "",
        "The next `pulumi up` then writes that connection once (a credential cannot be compared with the",
        "stored one).",
        "",
    ]
    if constants:
        out += [
            "## Ids written as constants",
            "",
            "Each object's id appears once in `__main__.py`: as the `adopt_id` of its resource, or as one of these",
            "constants at the top, for objects the program refers to without managing them:",
            "",
        ]
        for doc_id, name in sorted(constants.items(), key=lambda item: item[1]):
            collection, label = account.seen.get(doc_id, ("", ""))
            if doc_id in back:
                why = (
                    f'flow "{label}": a run-next link to it closes a cycle of flows, and Pulumi outputs cannot '
                    "be cyclic, so that link names the flow by its id (the flow's resource adopts it by the same "
                    "constant); the other links are variables, in dependency order"
                )
            elif collection in skipped:
                why = f'{WORD_OF[collection]} "{label}": not generated (see below)'
            elif collection == "flow_groupings":
                why = f'flow group "{label}" of its integration (groups are part of the integration, not managed here)'
            elif collection:
                why = f'{WORD_OF[collection]} "{label}": outside the integrations generated'
            else:
                why = "not found in the account (a dangling reference, kept as it is)"
            out.append(f"- `{name}` = `{doc_id}`: {why}.")
        out.append("")
    out += ["## Not generated", ""]
    if skipped and any(skipped.values()):
        out += [
            "Kinds of objects pulumi_celigo has no resource for yet: they are left as they are and the program",
            "refers to them by id.",
            "",
        ]
        for collection, docs in skipped.items():
            for doc in docs:
                out.append(f'- {CLASS_OF[collection]} "{doc.name}" (`{doc.id}`)')
        out.append("")
    if account.missing:
        listed = ", ".join(f"`{i}`" for i in sorted(account.missing))
        out += [f"Referred to but not found in the account (404), so kept as ids: {listed}.", ""]
    if not any(skipped.values()) and not account.missing:
        out += ["Nothing: every object the generated integrations use is a resource of this program.", ""]
    out += [
        "## Fields not managed",
        "",
        "Every field of every generated object is an argument of its resource, except these, which the",
        "program leaves as they are in integrator.io (no write ever changes them unless you add them):",
        "",
    ]
    read_only: dict[str, list[str]] = {}
    for g in generated:
        managed = arguments(g.resource).values()
        read_only.setdefault(
            g.resource.name, [p.name for p in g.resource.props if p.output_only and p.name not in managed]
        )
    for name, fields in read_only.items():
        out.append(f"- every {name}: {', '.join(f'`{f}`' for f in fields)} (set by integrator.io or read-only here)")
    for g in generated:
        top = [f for f in g.unmanaged.fields if not re.search(r"[.\[]", f)]
        nested = [f for f in g.unmanaged.fields if f not in top]
        if top:
            listed = ", ".join(f"`{f}`" for f in top)
            out.append(f'- {g.resource.name} "{g.doc.name}" (`{g.name}`): {listed} (not an argument of the resource)')
        if nested:
            listed = ", ".join(f"`{f}`" for f in nested)
            out.append(
                f'- {g.resource.name} "{g.doc.name}" (`{g.name}`): {listed} (unknown to the resource: kept while the '
                "program leaves the field that holds it unchanged; a change to that field writes it without them)"
            )
        if g.unmanaged.credentials:
            listed = ", ".join(f"`{f}`" for f in g.unmanaged.credentials)
            out.append(f'- {g.resource.name} "{g.doc.name}" (`{g.name}`): {listed} (credentials: kept as stored)')
    out.append("")
    return "\n".join(out)


def ruff_command() -> list[str] | None:
    """How to run ruff here, if it is installed."""
    if importlib.util.find_spec("ruff") is not None:
        return [sys.executable, "-m", "ruff"]
    found = shutil.which("ruff")
    return [found] if found else None


def write(program: Program, out: Path) -> bool:
    """Write the files into `out` (created if need be; files of the same names replaced) and format the
    Python with ruff; False when ruff is not installed (the code is valid, but not formatted)."""
    for relative, text in program.files.items():
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
    ruff = ruff_command()
    if ruff is None:
        return False
    subprocess.run(
        [*ruff, "format", "--isolated", "--line-length", "120", "--quiet", str(out / "__main__.py")],
        check=True,
    )
    return True
