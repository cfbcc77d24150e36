"""The gazetteer: a read-only SQLite index of GeoNames places, opened lazily, queried by name.

The default index is built once from installed packages (see `build.py`) into the user's cache
folder and reused; a SQLite file stays on disk, so each worker process holds only the pages it
reads, not the 235,000 towns.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from crisislens.geo.build import SCHEMA_VERSION, build_default, key_hash
from crisislens.geo.normalize import fold, skeleton

log = logging.getLogger(__name__)

DEFAULT_NAME = f"gazetteer-v{SCHEMA_VERSION}.sqlite"
_MAX_CANDIDATES = 60


class GazetteerMissing(RuntimeError):
    """The gazetteer file named in the settings does not exist or is not an index."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """One GeoNames entry a name may refer to."""

    id: int
    geonameid: int | None
    name: str
    kind: str  # country | admin1 | admin2 | town
    feature: str
    cc: str
    admin1_code: str
    admin1: str | None
    admin2: str | None
    lat: float
    lon: float
    population: int
    match: str  # "name" (its main name), "alternate", "variant" (transliteration)


def default_path() -> Path:
    """Where the default index lives: $XDG_CACHE_HOME/crisislens or ~/.cache/crisislens."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "crisislens" / DEFAULT_NAME


class Gazetteer:
    """Candidate lookup over one index file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        try:
            meta = dict(self._con.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            raise GazetteerMissing(f"{path} is not a crisislens gazetteer: {exc}") from exc
        self.source = meta.get("source", "")
        self._admin1 = {(cc, code): (name, pid) for cc, code, name, pid in
                        self._con.execute("SELECT cc, code, name, id FROM admin1")}
        self._countries = {row[5]: self._candidate(row, "name") for row in self._con.execute(
            "SELECT * FROM places WHERE kind = 'country'")}
        self._cache: dict[tuple[str, bool], tuple[Candidate, ...]] = {}
        self._hashes = self._key_hashes()

    def _key_hashes(self) -> dict:
        """The sorted hashes of all name keys and skeletons (absent from indexes built by older code)."""
        import numpy as np

        try:
            rows = self._con.execute("SELECT field, data FROM keyhash").fetchall()
        except sqlite3.DatabaseError:
            return {}
        return {column: np.frombuffer(data, dtype=np.uint32) for column, data in rows}

    def _may_hold(self, column: str, key: str) -> bool:
        """False when no name (or skeleton) of the index hashes like `key`: no query needed."""
        hashes = self._hashes.get(column)
        if hashes is None:
            return True
        value = hashes.dtype.type(key_hash(key))  # same dtype: a Python int would upcast (copy) the array
        i = int(hashes.searchsorted(value))
        return i < len(hashes) and hashes[i] == value

    @classmethod
    def open(cls, path: Path | None = None) -> Gazetteer:
        """The index at `path`, or the default one (built on first use, about 20 s, then cached)."""
        started = time.perf_counter()
        if path is not None:
            path = Path(path).expanduser()
            if not path.is_file():
                raise GazetteerMissing(
                    f"no gazetteer at {path}; build one with `crisislens gazetteer build DUMP... --output {path}`")
        else:
            path = default_path()
            if not path.is_file():
                log.warning("building the gazetteer index at %s (once; about 20 s)", path)
                build_default(path)
                for stale in path.parent.glob("gazetteer-v*.sqlite"):
                    version = stale.stem.removeprefix("gazetteer-v")
                    if version.isdigit() and SCHEMA_VERSION.isdigit() and int(version) < int(SCHEMA_VERSION):
                        # an older format's index is never read again; a newer one belongs to a newer
                        # install sharing the cache folder (a process started before an upgrade)
                        stale.unlink(missing_ok=True)
        gazetteer = cls(path)
        log.info("gazetteer %s ready in %.2f s", path, time.perf_counter() - started)
        return gazetteer

    def _candidate(self, row: tuple, match: str) -> Candidate:
        pid, gid, name, kind, feature, cc, a1, a2, lat, lon, pop = row[:11]
        region = self._admin1.get((cc, a1)) if a1 else None
        return Candidate(pid, gid, name, kind, feature, cc, a1 or "", region[0] if region else None, a2,
                         lat, lon, pop or 0, match)

    def lookup(self, name: str, variants: bool = True) -> tuple[Candidate, ...]:
        """Every place `name` may refer to: exact (folded) names first, then transliteration variants
        unless a place has it as its main name."""
        key = fold(name)
        if not key:
            return ()
        cached = self._cache.get((key, variants))  # an exact-only answer must not hide the variants
        if cached is not None:
            return cached
        exact = self._cache.get((key, False))  # the recogniser asked first: one query per name, not two
        if exact is None and not self._may_hold("key", key):
            exact = ()
            self._remember((key, False), exact)
        if exact is None:
            rows = self._con.execute(
                "SELECT p.*, n.main FROM names n JOIN places p ON p.id = n.id WHERE n.key = ? "
                "ORDER BY n.main DESC, p.population DESC, p.id LIMIT ?", (key, _MAX_CANDIDATES)).fetchall()
            seen: set[int] = set()
            exact = tuple(c for c in (self._candidate(r, "name" if r[11] else "alternate") for r in rows)
                          if not (c.id in seen or seen.add(c.id)))
            self._remember((key, False), exact)
        out = exact
        if variants and not any(c.match == "name" for c in exact):
            # "Mirsharai" is an alternate name of a town in Iran and a spelling of Bangladesh's Mirsarai:
            # names known only as alternates keep their transliteration variants as rivals
            ids = {c.id for c in exact}
            extra = [c for c in self._variants(key) if c.id not in ids and not (c.id in ids or ids.add(c.id))]
            out = exact + tuple(extra)
        if variants:
            self._remember((key, True), out)
        return out

    def _remember(self, key: tuple[str, bool], value: tuple[Candidate, ...]) -> None:
        """A bounded name cache on the instance: the same names recur across a batch of articles."""
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[key] = value

    def _variants(self, key: str) -> list[Candidate]:
        skel = skeleton(key)
        if len(skel) < 3 or len(key) < 4 or not self._may_hold("skel", skel):
            return []
        # compared without spaces: "Suborno Char" is a spelling of "Subarnachar"
        bare, joined = skeleton_free(key).replace(" ", ""), key.replace(" ", "")
        # "Elwak" / "El Wak", "Babadogo" / "Baba Dogo": the same letters spaced differently are a spelling,
        # as good as an alternate name, not a transliteration guess. Names are compared before any place
        # is read: a short skeleton is shared by thousands of names.
        spelled: dict[int, str] = {}
        for name_key, pid in self._con.execute("SELECT key, id FROM names WHERE skel = ?", (skel,)):
            if name_key.replace(" ", "") == joined:
                spelled[pid] = "alternate"
            elif pid not in spelled and fuzz.ratio(bare, skeleton_free(name_key).replace(" ", "")) >= 80:
                spelled[pid] = "variant"
        if not spelled:
            return []
        ids = sorted(spelled)[:5_000]  # within SQLite's limit on bound parameters
        rows = self._con.execute(
            f"SELECT * FROM places WHERE id IN ({','.join('?' * len(ids))}) ORDER BY population DESC, id LIMIT ?",
            (*ids, _MAX_CANDIDATES)).fetchall()
        found = [self._candidate(r, spelled[r[0]]) for r in rows]
        return sorted(found, key=lambda c: c.match != "alternate")  # a place's spelling match before its variants

    def count(self) -> int:
        """How many places the index holds."""
        return self._con.execute("SELECT count(*) FROM places").fetchone()[0]

    def country(self, cc: str) -> Candidate | None:
        """The country entry (centroid) for an ISO2 code."""
        return self._countries.get(cc)

    def admin1(self, cc: str, code: str) -> Candidate | None:
        """The first-level region entry (centroid) for a country and admin1 code."""
        found = self._admin1.get((cc, code))
        if not found:
            return None
        row = self._con.execute("SELECT * FROM places WHERE id = ?", (found[1],)).fetchone()
        return self._candidate(row, "name") if row else None

    def admin1_name(self, cc: str, code: str) -> str | None:
        found = self._admin1.get((cc, code))
        return found[0] if found else None


def skeleton_free(key: str) -> str:
    """A folded name without a leading Arabic article, for comparing variants."""
    for article in ("al ", "el ", "as ", "ad ", "ar ", "an ", "at ", "az ", "ash "):
        if key.startswith(article):
            return key[len(article):]
    return key
