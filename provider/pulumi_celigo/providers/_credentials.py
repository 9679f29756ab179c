"""Credentials the API never shows again: how a provider writes, compares and reports them.

integrator.io returns every credential masked (`MASK`) and its PUT replaces the whole document: a
masked value written back is stored as the mask, an omitted one is erased (reference 5.2). So:

* a change is detected on the program's side: `digest` (SHA-256 over a canonical JSON of the
  credential paths and values) stands for the credentials in a provider's canonical form, computed from
  the program's inputs and from the state's outputs (which keep the program's values as secrets);
* a write carries the program's own values (`overlay`), and `lost_by_put` names every credential
  the current document holds that a PUT would not carry with a real value: the provider refuses
  such a write rather than erase or mask a credential the program does not give;
* outputs and read inputs put the program's values back where the API shows the mask (`overlay`),
  so a refresh shows no diff; values the program never gave stay masked (`Resource.get` shows
  the mask for all of them).

A `Credentials` names where a document's credentials are, in the program's snake_case names (a path
to an object means every value under it). Documents are plain dicts in those names.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..models import MASK

Path = tuple[str, ...]


def _leaves(value: Any, path: Path) -> dict[Path, Any]:
    """Every non-null scalar (or list) at or under `path`, by its full path."""
    if isinstance(value, Mapping):
        found: dict[Path, Any] = {}
        for key, item in value.items():
            found.update(_leaves(item, (*path, str(key))))
        return found
    return {} if value is None else {path: value}


def _at(doc: Any, path: Path) -> Any:
    for key in path:
        doc = doc.get(key) if isinstance(doc, Mapping) else None
    return doc


def dotted(path: Path) -> str:
    return ".".join(path)


@dataclass(frozen=True)
class Credentials:
    """Where one kind of document keeps its credentials (`CONNECTION_CREDENTIALS`, ...)."""

    paths: tuple[Path, ...]

    def values(self, doc: Mapping[str, Any]) -> dict[Path, Any]:
        """The credential values `doc` holds (masks included), by full path."""
        found: dict[Path, Any] = {}
        for path in self.paths:
            found.update(_leaves(_at(doc, path), path))
        return found

    def given(self, doc: Mapping[str, Any]) -> dict[Path, Any]:
        """The real credential values `doc` holds: without masks."""
        return {path: value for path, value in self.values(doc).items() if value != MASK}

    def digest(self, doc: Mapping[str, Any]) -> str | None:
        """`sha256:<hex>` of the credentials `doc` gives (None when it gives none): equal digests, same secrets."""
        given = self.given(doc)
        if not given:
            return None
        canonical = json.dumps({dotted(p): v for p, v in given.items()}, sort_keys=True, separators=(",", ":"))
        return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()

    def without(self, doc: Mapping[str, Any]) -> dict[str, Any]:
        """A copy of `doc` without any credential value (objects left empty by that removed too)."""
        out = copy.deepcopy(dict(doc))
        for path in self.values(doc):
            _remove(out, path)
        return out

    def overlay(self, doc: Mapping[str, Any], source: Mapping[str, Any]) -> dict[str, Any]:
        """A copy of `doc` with every credential `source` gives set to `source`'s value (where the API
        shows the mask, and where the program gives one the document lacks)."""
        out = copy.deepcopy(dict(doc))
        for path, value in self.given(source).items():
            target = out
            for key in path[:-1]:
                nxt = target.get(key)
                if not isinstance(nxt, dict):
                    nxt = target[key] = {}
                target = nxt
            target[path[-1]] = copy.deepcopy(value)
        return out

    def masked(self, doc: Mapping[str, Any]) -> dict[str, Any]:
        """A copy of `doc` with every credential value replaced by the mask (what a `get` may show)."""
        out = copy.deepcopy(dict(doc))
        for path in self.values(doc):
            target = _at(out, path[:-1])
            target[path[-1]] = MASK
        return out

    def masks(self, doc: Mapping[str, Any]) -> list[str]:
        """The dotted paths where `doc` holds the mask instead of a credential."""
        return [dotted(path) for path, value in self.values(doc).items() if value == MASK]


def lost_by_put(current: Mapping[str, Any], body: Mapping[str, Any]) -> list[str]:
    """Dotted paths (any depth) that `current` (as the API shows it) holds masked, and that `body` does
    not carry with a real value: a PUT of `body` would erase or mask the credential stored there."""
    lost: list[str] = []
    for path, value in _leaves(current, ()).items():
        if value == MASK and _at(body, path) in (None, MASK):
            lost.append(dotted(path))
    return lost


def _remove(doc: dict[str, Any], path: Path) -> None:
    parents = [doc]
    for key in path[:-1]:
        nxt = parents[-1].get(key)
        if not isinstance(nxt, dict):
            return
        parents.append(nxt)
    parents[-1].pop(path[-1], None)
    for depth in range(len(path) - 1, 0, -1):  # prune the objects the removal emptied
        if parents[depth] == {}:
            parents[depth - 1].pop(path[depth - 1], None)
