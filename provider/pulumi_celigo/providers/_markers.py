"""Which documents carry which create marker, as one plugin process knows them.

A create first looks for a document carrying its marker (one an interrupted earlier `pulumi up` made),
which costs a list call. Paid per create, that doubles the round trips of a deployment of N new
resources. Paid once per scope (an integration's flows, or a whole collection) per plugin process, it
is amortised to nothing: the first create in a scope lists it and keeps the markers it saw; the later
ones only look in that index, and each create adds what it made.

This is safe because a marker belongs to one resource of one stack (its identity, and for a replacement
the object it replaces: `Generations`), and only that stack's deployment, which holds the stack's lock,
creates documents carrying it: a document an earlier, killed deployment made exists before this
process lists the scope, and this process's own creates are added as they are made. When a create's
answer is lost, the reconciliation does not use the index: it lists afresh (`write_once`'s `find`),
since the document may still appear.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

from pulumi.dynamic import CheckResult

from ._base import CeligoProvider

#: Hidden input every generated resource class passes: the resource's identity (project, stack, parent,
#: type, name), the content of its URN, which the dynamic provider server does not forward to `create`.
IDENTITY_INPUT = "__identity"
#: Hidden input `check` derives from the identity: the marker a create leaves on what it makes.
TOKEN_INPUT = "__create_token"


def create_token(identity: str, previous: str | None) -> str:
    """The marker a create leaves on what it makes (`settings.pulumiCeligo.createToken` for most kinds).

    A first create derives it from the resource's identity alone (`previous` None), so a create
    interrupted before Pulumi recorded it, run again, finds what it made. A replacement derives it from
    the identity and the id of the object it replaces (`Generations`), so it never takes that object.
    """
    return hashlib.sha256(f"{identity}\n{previous or ''}".encode()).hexdigest()[:32]


class Generations:
    """Which marker each create uses, and what one plugin process learns about replacements.

    The token a resource's inputs carry is the marker of the object it manages, and it never changes
    while the resource is in the state: a `check` with old inputs returns their token, so a no-op
    preview or `up` sees identical inputs (the engine rewrites its checkpoint, the whole state, for every
    resource whose inputs change: at 1,000 resources that is quadratic).

    A replacement must not take the object it replaces. The engine re-checks a replaced resource
    without its old inputs, so `check` alone cannot tell it from a first create; `diff`, which runs
    first in the same process and knows the old id, notes it: the re-check then gives the replacement
    the token of (identity, old id), the same in a later run if this one is interrupted.

    `pulumi up --replace` (and replacements the engine decides without asking `diff`: `replaceWith`,
    `deletedWith`, a provider change) call only `check` without old inputs and `create`: nothing tells
    them from a first create run again after an interrupted one. The create then takes the object
    carrying its marker (for a resource first created by this stack, the object being replaced), and
    the engine's later delete of that same id, in the same process, is skipped (`was_taken`): the
    object is kept, given the program's values, never deleted under the new resource. (A resource
    refreshed since its create has no token: such a replacement makes a new object.)
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._replacing: dict[str, str] = {}
        self._taken: set[str] = set()

    def token(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> str | None:
        """The create token `check` puts in the inputs (None: the resource has none, e.g. a state
        written before tokens were kept, or a caller that passes no identity)."""
        identity = news.get(IDENTITY_INPUT)
        if not isinstance(identity, str):
            return None
        if olds:  # in the state: its token stays as it is (none after a refresh, which reads the inputs)
            previous = olds.get(TOKEN_INPUT)
            return previous if isinstance(previous, str) else None
        with self._lock:
            replacing = self._replacing.get(identity)
        return replacing or create_token(identity, None)

    def replacing(self, old_id: str, news: Mapping[str, Any]) -> None:
        """`diff` decided to replace the object `old_id`: the re-check gives the new one its own token."""
        identity = news.get(IDENTITY_INPUT)
        if isinstance(identity, str) and old_id:
            with self._lock:
                self._replacing[identity] = create_token(identity, f"replaces {old_id}")

    def took(self, doc_id: str) -> None:
        """A create took an existing object carrying its marker."""
        with self._lock:
            self._taken.add(doc_id)

    def was_taken(self, doc_id: str) -> bool:
        """Whether a create in this process took `doc_id`: deleting it would delete the new resource."""
        with self._lock:
            return doc_id in self._taken


#: (document id, the create marker it carries or None) for every document of a scope.
Listing = Callable[[], Iterable[tuple[str, str | None]]]


class MarkerIndex:
    """Create markers by scope, each scope listed once (thread-safe: the plugin server has 4 workers)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loading: dict[Hashable, threading.Lock] = {}
        self._scopes: dict[Hashable, dict[str, list[str]]] = {}

    def find(self, scope: Hashable, token: str, listing: Listing) -> list[str]:
        """Ids of the documents of `scope` carrying `token`, oldest first; `listing` runs only the first
        time a scope is asked for (concurrent first askers wait for the one listing)."""
        with self._lock:
            loading = self._loading.setdefault(scope, threading.Lock())
        with loading:
            with self._lock:
                index = self._scopes.get(scope)
            if index is None:
                index = {}
                for doc_id, marker in listing():
                    if marker:
                        index.setdefault(marker, []).append(doc_id)
                with self._lock:
                    self._scopes[scope] = index
        with self._lock:
            return list(index.get(token, []))

    def add(self, scope: Hashable, token: str, doc_id: str) -> None:
        """Record a document this process made (in a scope already listed; otherwise its listing will see it)."""
        with self._lock:
            index = self._scopes.get(scope)
            if index is not None and doc_id not in index.setdefault(token, []):
                index[token].append(doc_id)

    def discard(self, scope: Hashable, token: str, doc_id: str) -> None:
        """Forget a document found gone (deleted since its scope was listed)."""
        with self._lock:
            ids = self._scopes.get(scope, {}).get(token)
            if ids and doc_id in ids:
                ids.remove(doc_id)


class MarkingProvider(CeligoProvider):
    """Base of the providers whose creates leave a marker (Flow and the document kinds): the marker
    index and the generations of one plugin process, and the create token `check` adds. Each subclass
    notes its replacements in `diff` (`generations.replacing`), records what a create takes
    (`generations.took`) and skips the delete of a taken object (`generations.was_taken`)."""

    def __init__(self) -> None:
        super().__init__()
        #: The create markers of each scope, listed once per plugin process.
        self.markers = MarkerIndex()
        #: Which create token each check gives, and the replacements of this process.
        self.generations = Generations()

    def check(self, olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        """The shared check, plus the create token (`Generations`)."""
        result = super().check(olds, news)
        if not result.failures and (token := self.generations.token(olds, news)):
            result.inputs[TOKEN_INPUT] = token
        return result
