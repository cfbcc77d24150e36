"""A small bounded cache of read results, hung on a Store (never module state).

The dashboard asks for the same charts again and again (every visitor's first view is the
unfiltered /api/stats, a scan of every event); the answer only changes when events are written.
The store clears the cache on its own writes; `ttl` bounds how stale an answer can be when some
other process may write (PostgreSQL, a writable DuckDB file). A read-only DuckDB file cannot
change while it is open, so its answers are kept until evicted.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class ResultCache:
    """Least-recently-used answers keyed by their query's arguments, at most `size` of them."""

    def __init__(self, size: int = 256, ttl: float | None = None) -> None:
        self.size, self.ttl = size, ttl
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._generation = 0  # bumped by clear(): an answer computed before a write is not kept
        self.hits = self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        now = time.monotonic()
        with self._lock:
            found = self._items.get(key)
            if found is not None and (self.ttl is None or now - found[0] < self.ttl):
                self._items.move_to_end(key)
                self.hits += 1
                return found[1]
            self.misses += 1
            generation = self._generation
        value = compute()
        with self._lock:
            if generation == self._generation:
                self._items[key] = (now, value)
                self._items.move_to_end(key)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._generation += 1
