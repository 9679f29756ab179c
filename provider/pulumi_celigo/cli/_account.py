"""Reading what `pulumi-celigo generate` turns into a program: the chosen integrations, their flows, and
every export, import, connection and script those use, with the project's client (all pages, retries).

Only GETs: one list per collection (lists carry whole documents), plus one `GET /scripts/{id}` per
script used (lists leave a script's `content` out). Nothing is ever written to the account.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..client import CeligoClient, NotFoundError
from ..models import ApiModel, Script

#: Collections in the order a program must define them: each only refers to those before it
#: (flows are ordered among themselves by the writer).
COLLECTIONS: tuple[str, ...] = ("scripts", "connections", "integrations", "exports", "imports", "flows")
#: Keys whose values are ids: snake_case (`connection_id`, `run_next_flow_ids`) or, inside free-form
#: values, the API's (`_scriptId`).
ID_KEY = re.compile(r"^(?:[a-z][a-z0-9_]*_ids?|_[a-z][A-Za-z0-9]*Ids?)$")

Progress = Callable[[str], None]
T = TypeVar("T", bound=ApiModel)
#: The keys that refer to scripts (hooks, routers): scripts are read one by one, only those used.
SCRIPT_KEYS = frozenset({"script_id", "_scriptId"})


def stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ids_in(value: Any) -> Iterator[tuple[str, str]]:
    """Every id a document refers to, at any depth, with its key: values of id keys."""
    if isinstance(value, dict):
        for key, item in value.items():
            if ID_KEY.match(key):
                yield from ((key, i) for i in (item if isinstance(item, list) else [item]) if isinstance(i, str))
            else:
                yield from ids_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from ids_in(item)


def _refs(docs: Iterable[ApiModel]) -> set[tuple[str, str]]:
    return {ref for doc in docs for ref in ids_in(doc.to_python())}


@dataclass
class Account:
    """The documents to generate, by collection, in the API's order; and names of everything seen, by id."""

    base_url: str
    docs: dict[str, list[Any]] = field(default_factory=dict)
    #: id -> (collection, name) of every document listed, and of the integrations' flow groupings.
    seen: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: Ids the documents refer to that the account does not have.
    missing: set[str] = field(default_factory=set)


class IntegrationNotFound(Exception):
    """An integration given with --integration is not in the account."""


def _listed(name: str, items: Iterable[T], progress: Progress) -> list[T]:
    docs: list[T] = []
    for doc in items:
        docs.append(doc)
        if len(docs) % 500 == 0:
            progress(f"  {name}: {len(docs)} read...")
    progress(f"  {name}: {len(docs)}")
    return docs


def read_account(
    client: CeligoClient,
    integration_ids: list[str],
    *,
    every_integration: bool,
    progress: Progress = stderr_progress,
) -> Account:
    """The chosen integrations (or every one, with standalone flows) and everything their flows use."""
    account = Account(base_url=client.config.base_url)
    progress(f"Reading {client.config.base_url} (GET requests only)")
    integrations = _listed("integrations", client.integrations.list(), progress)
    by_id = {i.id: i for i in integrations}
    unknown = [i for i in integration_ids if i not in by_id]
    if unknown:
        known = "; ".join(f'"{i.name}" ({i.id})' for i in integrations) or "none"
        raise IntegrationNotFound(
            f"integration {', '.join(unknown)} is not in the account at {client.config.base_url} "
            f"(GET /integrations lists: {known}). Pass an id from that list, or --all."
        )
    chosen = integrations if every_integration else [by_id[i] for i in dict.fromkeys(integration_ids)]
    if every_integration:
        flows = _listed("flows", client.flows.list(), progress)
    else:
        flows = [
            f for i in chosen for f in _listed(f"flows of {i.name}", client.flows.list(integration_id=i.id), progress)
        ]
    exports = _listed("exports", client.exports.list(), progress)
    imports = _listed("imports", client.imports.list(), progress)
    connections = _listed("connections", client.connections.list(), progress)
    listed: dict[str, list[Any]] = {
        "integrations": integrations,
        "flows": flows,
        "exports": exports,
        "imports": imports,
        "connections": connections,
    }
    for collection, docs in listed.items():
        for doc in docs:
            account.seen[doc.id] = (collection, doc.name or "")
    for integration in integrations:
        for grouping in integration.flow_groupings or []:
            if grouping.id:
                account.seen[grouping.id] = ("flow_groupings", grouping.name or "")

    # What the chosen integrations use, followed reference by reference (each collection once, in order).
    chosen_ids = {i.id for i in chosen}
    refs = _refs([*chosen, *flows])
    kept: dict[str, list[Any]] = {"integrations": list(chosen), "flows": list(flows)}
    for collection in ("exports", "imports"):
        wanted = {i for _, i in refs}
        kept[collection] = [d for d in listed[collection] if d.id in wanted or d.integration_id in chosen_ids]
    refs |= _refs(kept["exports"] + kept["imports"])
    wanted = {i for _, i in refs}
    kept["connections"] = [c for c in connections if c.id in wanted]
    scripts: list[Script] = []
    script_ids = sorted({i for key, i in refs if key in SCRIPT_KEYS})
    for index, script_id in enumerate(script_ids, 1):
        try:
            script = client.scripts.get(script_id)  # only the single GET has `content`
        except NotFoundError:
            account.missing.add(script_id)
            continue
        scripts.append(script)
        account.seen[script_id] = ("scripts", script.name or "")
        if index % 100 == 0:
            progress(f"  scripts: {index}/{len(script_ids)} read...")
    if script_ids:
        progress(f"  scripts: {len(scripts)}")
    kept["scripts"] = scripts
    account.docs = {c: kept[c] for c in COLLECTIONS}
    return account


__all__ = ["COLLECTIONS", "Account", "IntegrationNotFound", "ids_in", "read_account"]
