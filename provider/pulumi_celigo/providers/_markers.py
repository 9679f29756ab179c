"""Which documents carry which create marker, as one plugin process knows them.

A create first looks for a document carrying its marker (one an interrupted earlier `pulumi up` made),
which costs a list call. Paid per create, that doubles the round trips of a deployment of N new
resources. Paid once per scope (an integration's flows, or a whole collection) per plugin process, it
is amortised to nothing: the first create in a scope lists it and keeps the markers it saw; the later
ones only look in that index, and each create adds what it made.

This is safe because a marker belongs to one resource of one stack (its identity, chained through its
history), and only that stack's deployment, which holds the stack's lock, creates documents carrying it:
a document an earlier, killed deployment made exists before this process lists the scope, and this
process's own creates are added as they are made. When a create's answer is lost, the reconciliation
does not use the index: it lists afresh (`write_once`'s `find`), since the document may still appear.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Hashable, Iterable

#: Hidden input every generated resource class passes: the resource's identity (project, stack, parent,
#: type, name), the content of its URN, which the dynamic provider server does not forward to `create`.
IDENTITY_INPUT = "__identity"
#: Hidden input `check` derives from the identity: the marker a create leaves on what it makes.
TOKEN_INPUT = "__create_token"


def create_token(identity: str, previous: str | None) -> str:
    """The marker a create leaves on what it makes (`settings.pulumiCeligo.createToken` for most kinds).

    A first create (no previous state) derives it from the resource's identity alone, so a create
    interrupted before Pulumi recorded it, run again, finds what it made. Every later `check` chains it
    from the previous token, so a replacement's create (the old object still carries its own marker) can
    never take the old object.
    """
    return hashlib.sha256(f"{identity}\n{previous or ''}".encode()).hexdigest()[:32]


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
