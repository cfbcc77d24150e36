"""Two databases behind one small interface: DuckDB (a local file) and PostgreSQL (a server).

Every statement is written once with `?` placeholders and parameters passed separately;
the PostgreSQL backend only rewrites the placeholder to psycopg's `%s`. No user value is
ever formatted into SQL text.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

_QMARK = re.compile(r"\?")


class Backend(Protocol):
    """What the store needs from a database connection."""

    name: str

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]: ...

    def columns(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple]]: ...

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    def transaction(self) -> Any: ...

    def close(self) -> None: ...


class DuckDBBackend:
    """A DuckDB file (or `:memory:`). Writes and transactions go through one connection behind a
    lock; reads from other threads each use their own cursor (a connection to the same database),
    so concurrent API requests run their queries in parallel instead of queueing on the lock."""

    name = "duckdb"

    def __init__(self, path: str, read_only: bool = False, threads: int | None = None) -> None:
        import duckdb

        # threads=1 for a server: each of many small queries then runs on its request's own thread,
        # without handing its work to DuckDB's pool and back (a third less CPU per API query).
        config = {"threads": int(threads)} if threads else {}
        self._con = duckdb.connect(path, read_only=read_only, config=config)
        self.read_only = read_only
        self._lock = threading.RLock()
        self._depth = 0
        self._owner: int | None = None  # the thread inside a transaction, which reads its own writes
        # Reads at once: more than the cores only makes every query slower (each one already runs on
        # DuckDB's own threads), and under overload the extra ones thrash instead of waiting their turn.
        self._readers = threading.BoundedSemaphore(max(2, os.cpu_count() or 2))
        self._pool_lock = threading.Lock()
        self._factory = self._con.cursor()  # makes the readers' cursors, never the writers' connection
        self._idle: list[Any] = []
        self._cursors: list[Any] = []

    @contextmanager
    def _reader(self) -> Iterator[Any]:
        """A cursor of its own for one read, taken from a pool (at most as many reads run at once);
        the thread inside a transaction reads through that transaction instead."""
        if self._owner == threading.get_ident():
            with self._lock:
                yield self._con
            return
        with self._readers:
            with self._pool_lock:
                if self._idle:
                    cursor = self._idle.pop()
                else:
                    cursor = self._factory.cursor()
                    self._cursors.append(cursor)
            try:
                yield cursor
            finally:
                with self._pool_lock:
                    self._idle.append(cursor)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._reader() as con:
            return con.execute(sql, list(params)).fetchall()

    def columns(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple]]:
        with self._reader() as con:
            result = con.execute(sql, list(params))
            return [d[0] for d in result.description], result.fetchall()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self._lock:
            self._con.execute(sql, list(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self._lock:
                self._con.executemany(sql, [list(r) for r in rows])

    def insert_frame(self, table: str, frame: Any) -> None:
        """Bulk insert a pandas DataFrame whose columns match the table's (fast path)."""
        with self._lock:
            self._con.register("_frame", frame)
            try:
                cols = ", ".join(frame.columns)
                self._con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _frame")
            finally:
                self._con.unregister("_frame")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._con.execute("BEGIN TRANSACTION")
            self._depth, self._owner = 1, threading.get_ident()
            try:
                yield
            except BaseException:
                self._con.execute("ROLLBACK")
                raise
            else:
                self._con.execute("COMMIT")
            finally:
                self._depth, self._owner = 0, None

    def close(self) -> None:
        with self._lock, self._pool_lock:
            for cursor in [*self._cursors, self._factory]:
                cursor.close()
            self._cursors.clear()
            self._idle.clear()
            self._con.close()


class PostgresBackend:
    """A PostgreSQL server through psycopg 3; autocommit outside explicit transactions."""

    name = "postgres"

    def __init__(self, url: str) -> None:
        import psycopg

        self._con = psycopg.connect(url, autocommit=True)
        self._lock = threading.RLock()

    @staticmethod
    def _sql(sql: str) -> str:
        return _QMARK.sub("%s", sql)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._lock, self._con.cursor() as cur:
            cur.execute(self._sql(sql), list(params))
            return cur.fetchall()

    def columns(self, sql: str, params: Sequence[Any] = ()) -> tuple[list[str], list[tuple]]:
        with self._lock, self._con.cursor() as cur:
            cur.execute(self._sql(sql), list(params))
            return [d.name for d in cur.description], cur.fetchall()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self._lock, self._con.cursor() as cur:
            cur.execute(self._sql(sql), list(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self._lock, self._con.cursor() as cur:
                cur.executemany(self._sql(sql), [list(r) for r in rows])

    def insert_frame(self, table: str, frame: Any) -> None:
        """Bulk insert a pandas DataFrame with COPY (fast path for incidents)."""
        cols = ", ".join(frame.columns)
        with self._lock, self._con.cursor() as cur, cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
            for row in frame.itertuples(index=False, name=None):
                copy.write_row([_plain(v) for v in row])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock, self._con.transaction():
            yield

    def close(self) -> None:
        with self._lock:
            self._con.close()


def _plain(value: Any) -> Any:
    """numpy scalars and NaN as plain Python values for COPY."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def connect(target: str, read_only: bool = False, threads: int | None = None) -> DuckDBBackend | PostgresBackend:
    """A backend for a `postgresql://` URL or a DuckDB path (read-only: other processes may read it
    too); `threads` bounds DuckDB's threads per query (None: one per core)."""
    if target.startswith(("postgresql://", "postgres://")):
        return PostgresBackend(target)
    return DuckDBBackend(target, read_only=read_only, threads=threads)
