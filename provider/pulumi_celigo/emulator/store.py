"""Document storage for the emulator: one SQLite database, JSON documents per collection.

``:memory:`` by default; a file path (``--data``) keeps the state across restarts. Every
document is stored exactly as the backend hands it over (unknown client fields included).
``seq`` records creation order, which is the order of every list. ``parent`` is the one
indexed foreign key a collection needs for its lists (a flow's integration, an audit entry's
resource, a job's flow); ``refs`` records which document references which, so "is this in
use?" questions need no scan.

One re-entrant lock guards the connection: the app holds it, through :meth:`transaction`,
around all the store work of a request, so each request is atomic and isolated.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

Doc = dict[str, Any]
_OPERATORS = frozenset({"=", ">=", "<="})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    collection TEXT NOT NULL,
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    parent TEXT,
    body TEXT NOT NULL,
    PRIMARY KEY (collection, id)
);
CREATE INDEX IF NOT EXISTS documents_by_seq ON documents (collection, seq);
CREATE INDEX IF NOT EXISTS documents_by_parent ON documents (collection, parent, seq);
CREATE TABLE IF NOT EXISTS refs (
    src_collection TEXT NOT NULL,
    src_id TEXT NOT NULL,
    dst_collection TEXT NOT NULL,
    dst_id TEXT NOT NULL,
    PRIMARY KEY (src_collection, src_id, dst_collection, dst_id)
);
CREATE INDEX IF NOT EXISTS refs_by_dst ON refs (dst_collection, dst_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class Store:
    """JSON documents in SQLite, safe to share between threads."""

    def __init__(self, path: str | None = None) -> None:
        self.path = path or ":memory:"
        self.lock = threading.RLock()
        self._depth = 0
        self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        if self.path != ":memory:":
            # WAL + NORMAL: durable across a clean stop or a crash of the process, and fast.
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(_SCHEMA)
        row = self._conn.execute("SELECT COALESCE(MAX(seq), 0) FROM documents").fetchone()
        self._seq = int(row[0])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the lock and run the block in one SQLite transaction (rolled back on error)."""
        with self.lock:
            outermost = self._depth == 0
            if outermost:
                self._conn.execute("BEGIN")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                if outermost:
                    self._conn.execute("ROLLBACK")
                    # The in-memory counter may have moved inside the rolled-back block.
                    row = self._conn.execute("SELECT COALESCE(MAX(seq), 0) FROM documents").fetchone()
                    self._seq = int(row[0])
                raise
            self._depth -= 1
            if outermost:
                self._conn.execute("COMMIT")

    # -- documents -------------------------------------------------------------------------

    def get(self, collection: str, doc_id: str) -> Doc | None:
        with self.lock:
            row = self._conn.execute(
                "SELECT body FROM documents WHERE collection = ? AND id = ?", (collection, doc_id)
            ).fetchone()
        return None if row is None else _load(row[0])

    def exists(self, collection: str, doc_id: str) -> bool:
        with self.lock:
            row = self._conn.execute(
                "SELECT 1 FROM documents WHERE collection = ? AND id = ?", (collection, doc_id)
            ).fetchone()
        return row is not None

    def insert(self, collection: str, doc: Doc, parent: str | None = None) -> None:
        with self.transaction():
            self._seq += 1
            self._conn.execute(
                "INSERT INTO documents (collection, id, seq, parent, body) VALUES (?, ?, ?, ?, ?)",
                (collection, doc["_id"], self._seq, parent, _dump(doc)),
            )

    def update(self, collection: str, doc: Doc, parent: str | None = None) -> None:
        """Replace a stored document, keeping its place in the creation order."""
        with self.transaction():
            cursor = self._conn.execute(
                "UPDATE documents SET parent = ?, body = ? WHERE collection = ? AND id = ?",
                (parent, _dump(doc), collection, doc["_id"]),
            )
            if cursor.rowcount != 1:
                raise KeyError(f"{collection}/{doc['_id']}")

    def delete(self, collection: str, doc_id: str) -> None:
        with self.transaction():
            self._conn.execute("DELETE FROM documents WHERE collection = ? AND id = ?", (collection, doc_id))
            self._conn.execute("DELETE FROM refs WHERE src_collection = ? AND src_id = ?", (collection, doc_id))

    def page(
        self,
        collection: str,
        *,
        parent: str | None = None,
        where: Sequence[tuple[str, str, Any]] = (),
        skip: int = 0,
        limit: int | None = None,
        newest_first: bool = False,
    ) -> tuple[list[Doc], bool]:
        """Documents in creation order (or reversed), and whether more follow this page.

        ``where`` holds ``(top-level field, operator, value)`` conditions on the JSON body, the
        operator one of ``=``, ``>=``, ``<=``: list filters, applied before paging.
        """
        sql = "SELECT body FROM documents WHERE collection = ?"
        params: list[Any] = [collection]
        if parent is not None:
            sql += " AND parent = ?"
            params.append(parent)
        for field, operator, value in where:
            if operator not in _OPERATORS or '"' in field:
                raise ValueError(f"bad condition {field!r} {operator!r}")
            sql += f" AND json_extract(body, ?) {operator} ?"
            params += [f'$."{field}"', value]
        sql += " ORDER BY seq DESC" if newest_first else " ORDER BY seq"
        # One row more than asked tells whether a next page exists.
        sql += " LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit + 1, skip]
        with self.lock:
            rows = self._conn.execute(sql, params).fetchall()
        docs = [_load(row[0]) for row in rows]
        if limit is not None and len(docs) > limit:
            return docs[:limit], True
        return docs, False

    def all(self, collection: str, parent: str | None = None) -> list[Doc]:
        return self.page(collection, parent=parent)[0]

    def count(self, collection: str, parent: str | None = None) -> int:
        sql = "SELECT COUNT(*) FROM documents WHERE collection = ?"
        params: list[Any] = [collection]
        if parent is not None:
            sql += " AND parent = ?"
            params.append(parent)
        with self.lock:
            return int(self._conn.execute(sql, params).fetchone()[0])

    # -- references ------------------------------------------------------------------------

    def set_refs(self, src_collection: str, src_id: str, refs: Iterable[tuple[str, str]]) -> None:
        """Record the (collection, id) pairs a document references, replacing earlier ones."""
        with self.transaction():
            self._conn.execute("DELETE FROM refs WHERE src_collection = ? AND src_id = ?", (src_collection, src_id))
            self._conn.executemany(
                "INSERT OR IGNORE INTO refs (src_collection, src_id, dst_collection, dst_id) VALUES (?, ?, ?, ?)",
                [(src_collection, src_id, dst_collection, dst_id) for dst_collection, dst_id in refs],
            )

    def referrers(self, dst_collection: str, dst_id: str, src_collection: str | None = None) -> list[str]:
        """Ids of the documents (of ``src_collection``) referencing a document, oldest first."""
        sql = (
            "SELECT r.src_id FROM refs r JOIN documents d ON d.collection = r.src_collection "
            "AND d.id = r.src_id WHERE r.dst_collection = ? AND r.dst_id = ?"
        )
        params: list[Any] = [dst_collection, dst_id]
        if src_collection is not None:
            sql += " AND r.src_collection = ?"
            params.append(src_collection)
        sql += " ORDER BY d.seq"
        with self.lock:
            return [row[0] for row in self._conn.execute(sql, params).fetchall()]

    # -- metadata --------------------------------------------------------------------------

    def meta_get(self, key: str) -> Any:
        with self.lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else json.loads(row[0])

    def meta_set(self, key: str, value: Any) -> None:
        """Store a JSON value; None deletes the key."""
        with self.transaction():
            if value is None:
                self._conn.execute("DELETE FROM meta WHERE key = ?", (key,))
            else:
                self._conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, json.dumps(value)))

    def wipe(self) -> None:
        """Delete every document, reference and metadata entry."""
        with self.transaction():
            for table in ("documents", "refs", "meta"):
                self._conn.execute(f"DELETE FROM {table}")  # fixed table names, no user input

    def close(self) -> None:
        with self.lock:
            self._conn.close()


def _dump(doc: Doc) -> str:
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def _load(text: str) -> Doc:
    value = json.loads(text)
    assert isinstance(value, dict)
    return value
