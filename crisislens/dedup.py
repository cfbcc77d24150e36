"""Reports of one event from many articles, merged into incidents.

Two reports are the same incident when they share an event type (the family), their dates
are within the window their precision allows (day ±1, week ±7, month ±31: the wider of the
two), their places are near (≤ 25 km when both are precise, the same admin1 when either is a
region centroid or has no coordinates), their actors are compatible, and they come from
different articles. Candidates come from blocking, never from all pairs: an integer key of
(family, date bucket, grid cell) or (family, country, admin1, date bucket), matched against
the neighbouring buckets and cells with a sorted index; incidents are the connected
components of the matching pairs (vectorised union-find). Fatalities follow UCDP: best is
the figure most sources report (or the median), low the minimum, high the maximum.
"""

from __future__ import annotations

import hashlib
from typing import Any

import numpy as np
import pandas as pd

WINDOW_DAYS = {1: 1, 2: 7, 3: 31}
MAX_KM = 25.0
CELL_LAT, CELL_LON = 0.25, 0.5  # ≥ 27 km per cell up to 60° latitude, so ±1 cell covers 25 km
REPORT_COLUMNS = ("id", "article_id", "source", "event_type", "sub_event_type", "event_date", "date_precision",
                  "country_code", "admin1", "location", "latitude", "longitude", "geo_precision",
                  "fatalities", "fatalities_low", "fatalities_high", "actor1", "inter1", "actor2", "inter2")
GENERIC_ACTOR = "unidentified"


class _Index:
    """A sorted integer key column: `join` finds every (i, j) with left[i] == keys[j], no Python loop."""

    def __init__(self, keys: np.ndarray) -> None:
        self.order = np.argsort(keys, kind="stable")
        self.keys = keys[self.order]

    def join(self, left: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return _join_sorted(left, self.keys, self.order)


def _join_sorted(left: np.ndarray, keys: np.ndarray, order: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lo = np.searchsorted(keys, left, "left")
    counts = np.searchsorted(keys, left, "right") - lo
    total = int(counts.sum())
    if not total:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    li = np.repeat(np.arange(len(left)), counts)
    starts = np.repeat(lo - np.cumsum(counts) + counts, counts)
    return li, order[starts + np.arange(total)]


def _haversine_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi, dlmb = p2 - p1, np.radians(lon2 - lon1)
    h = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


def _codes(series: pd.Series) -> np.ndarray:
    """Integer codes for a column's values; -1 for missing."""
    return pd.factorize(series.astype("object").where(series.notna(), None))[0].astype(np.int64)


def _block_join(left: np.ndarray, lkey: np.ndarray, right: np.ndarray, rkey: np.ndarray,
                offsets: list[int]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Row pairs whose keys differ by one of `offsets`; the left keys are sorted once so that
    every lookup walks the index in order."""
    if not len(left) or not len(right):
        return []
    index = _Index(rkey)
    order = np.argsort(lkey, kind="stable")
    lsorted, lrows = lkey[order], left[order]
    found = []
    for offset in offsets:
        li, ri = index.join(lsorted + offset)
        found.append((lrows[li], right[ri]))
    return found


def _offsets(strides: tuple[int, ...], half: bool) -> list[int]:
    """Key offsets of the neighbouring blocks (each dimension -1, 0, +1); half of them when the
    two sides are the same rows, since a pair found from one side need not be found from the other."""
    steps = [()]
    for _ in strides:
        steps = [s + (d,) for s in steps for d in (-1, 0, 1)]
    if half:
        steps = [s for s in steps if s >= (0,) * len(strides)]
    return [sum(d * stride for d, stride in zip(s, strides, strict=True)) for s in steps]


def candidate_pairs(r: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(i, j) row pairs that share a block or a neighbouring one; i < j, unique."""
    day = pd.to_datetime(r["event_date"], errors="coerce").to_numpy("datetime64[D]").astype("int64")
    has_date = r["event_date"].notna().to_numpy()
    window = r["date_precision"].fillna(1).astype(int).map(WINDOW_DAYS).fillna(1).to_numpy(np.int64)
    family = _codes(r["event_type"])
    lat, lon = r["latitude"].to_numpy(float), r["longitude"].to_numpy(float)
    precise = ~np.isnan(lat) & ~np.isnan(lon) & (r["geo_precision"].fillna(1).to_numpy(float) < 3)
    admin = _codes(r["country_code"].fillna("") + "\x1f" + r["admin1"].fillna(""))
    admin[r["admin1"].isna().to_numpy() | r["country_code"].isna().to_numpy()] = -1
    cy = np.where(precise, np.floor((np.nan_to_num(lat) + 90) / CELL_LAT), 0).astype(np.int64) + 1
    cx = np.where(precise, np.floor((np.nan_to_num(lon) + 180) / CELL_LON), 0).astype(np.int64) + 1
    ny, nx = int(cy.max(initial=0)) + 3, int(cx.max(initial=0)) + 3
    na = int(admin.max(initial=0)) + 3
    found: list[tuple[np.ndarray, np.ndarray]] = []
    for width in sorted(set(WINDOW_DAYS.values())):
        bucket = np.where(has_date, day // width, 0)
        bucket = bucket - bucket.min(initial=0) + 1
        nb = int(bucket.max(initial=0)) + 3
        usable = has_date & (family >= 0) & (window <= width)
        widest = usable & (window == width)  # a pair belongs to the pass of its wider window
        if not widest.any():
            continue
        # precise points: (family, bucket, cell y, cell x) against neighbouring buckets and cells
        xy_key = ((family * nb + bucket) * ny + cy) * nx + cx
        left, right = np.flatnonzero(widest & precise), np.flatnonzero(usable & precise)
        same = len(left) == len(right)
        found += _block_join(left, xy_key[left], right, xy_key[right], _offsets((ny * nx, nx, 1), same))
        # a region or no point: (family, admin1, bucket), each imprecise row against every row
        admin_key = (family * na + admin) * nb + bucket
        known = usable & (admin >= 0)
        left, right = np.flatnonzero(widest & known & ~precise), np.flatnonzero(known)
        found += _block_join(left, admin_key[left], right, admin_key[right], [-1, 0, 1])
        left, right = np.flatnonzero(widest & known), np.flatnonzero(known & ~precise)
        found += _block_join(left, admin_key[left], right, admin_key[right], [-1, 0, 1])
    if not found:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    i = np.concatenate([a for a, _ in found])
    j = np.concatenate([b for _, b in found])
    i, j = np.minimum(i, j), np.maximum(i, j)
    keep = i != j
    n = np.int64(len(r))
    pairs = np.unique(i[keep] * n + j[keep])
    return pairs // n, pairs % n


def _actors_compatible(r: pd.DataFrame, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    names = pd.concat([r["actor1"], r["actor2"]]).astype("object")
    codes = pd.factorize(names.str.casefold().where(names.notna(), None))[0]
    n = len(r)
    name1, name2 = codes[:n], codes[n:]
    generic = names.fillna("").str.casefold().str.startswith(GENERIC_ACTOR).to_numpy()
    gen1, gen2 = generic[:n], generic[n:]
    inter1 = r["inter1"].fillna(-1).to_numpy(np.int64)
    inter2 = r["inter2"].fillna(-1).to_numpy(np.int64)

    def same(na, ia, ga, a, nb, ib, gb, b):
        missing = (na[a] < 0) | (nb[b] < 0)
        return missing | (na[a] == nb[b]) | ((ia[a] == ib[b]) & (ia[a] >= 0)) | ga[a] | gb[b]

    straight = same(name1, inter1, gen1, i, name1, inter1, gen1, j) & same(name2, inter2, gen2, i, name2, inter2, gen2, j)
    crossed = same(name1, inter1, gen1, i, name2, inter2, gen2, j) & same(name2, inter2, gen2, i, name1, inter1, gen1, j)
    return straight | crossed


def matching_pairs(r: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs that pass every test: date window, distance or admin1, actors, articles."""
    i, j = candidate_pairs(r)
    if not len(i):
        return i, j
    day = pd.to_datetime(r["event_date"], errors="coerce").to_numpy("datetime64[D]").astype("int64")
    window = r["date_precision"].fillna(1).astype(int).map(WINDOW_DAYS).fillna(1).to_numpy(np.int64)
    lat, lon = r["latitude"].to_numpy(float), r["longitude"].to_numpy(float)
    precise = ~np.isnan(lat) & ~np.isnan(lon) & (r["geo_precision"].fillna(1).to_numpy(float) < 3)
    country = r["country_code"].fillna("").to_numpy(object)
    admin1 = r["admin1"].fillna("").to_numpy(object)
    article = r["article_id"].to_numpy(object)
    ok = (r["event_type"].to_numpy(object)[i] == r["event_type"].to_numpy(object)[j])
    ok &= np.abs(day[i] - day[j]) <= np.maximum(window[i], window[j])
    ok &= article[i] != article[j]
    both = precise[i] & precise[j]
    near = np.zeros(len(i), bool)
    near[both] = _haversine_km(lat[i[both]], lon[i[both]], lat[j[both]], lon[j[both]]) <= MAX_KM
    same_admin = (admin1[i] != "") & (admin1[i] == admin1[j]) & (country[i] == country[j])
    ok &= np.where(both, near, same_admin)
    i, j = i[ok], j[ok]
    keep = _actors_compatible(r, i, j)
    return i[keep], j[keep]


def components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Connected components as labels (each row's smallest connected row), by min-label propagation."""
    labels = np.arange(n, dtype=np.int64)
    if not len(i):
        return labels
    while True:
        low = np.minimum(labels[i], labels[j])
        before = labels.copy()
        np.minimum.at(labels, i, low)
        np.minimum.at(labels, j, low)
        while True:  # pointer jumping: follow labels to their roots
            jumped = labels[labels]
            if np.array_equal(jumped, labels):
                break
            labels = jumped
        if np.array_equal(before, labels):
            return labels


def cluster(reports: pd.DataFrame) -> np.ndarray:
    """An incident label for every report row."""
    r = reports.reset_index(drop=True)
    i, j = matching_pairs(r)
    return components(len(r), i, j)


def _mode(frame: pd.DataFrame, column: str) -> pd.Series:
    sub = frame[["label", column]].dropna()
    counts = sub.groupby(["label", column], sort=False).size().reset_index(name="n")
    counts = counts.sort_values(["label", "n", column], ascending=[True, False, True])
    return counts.drop_duplicates("label").set_index("label")[column]


def incidents(reports: pd.DataFrame, labels: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(incidents table, incident_reports table) from labelled reports."""
    r = reports.reset_index(drop=True).copy()
    r["label"] = labels
    r["who"] = r["source"].fillna(r["article_id"])
    ids = r.groupby("label")["id"].min().map(lambda x: "i" + hashlib.sha1(str(x).encode()).hexdigest()[:15])
    g = r.groupby("label")
    best_place = r.sort_values(["label", "geo_precision"], na_position="last").drop_duplicates("label")
    best_place = best_place.set_index("label")
    fat = r[["label", "fatalities"]].dropna()
    median = fat.groupby("label")["fatalities"].median(numeric_only=True).apply(np.floor)
    counted = fat.groupby(["label", "fatalities"]).size().reset_index(name="n")
    counted = counted.sort_values(["label", "n", "fatalities"], ascending=[True, False, True]).drop_duplicates("label")
    most = counted[counted["n"] >= 2].set_index("label")["fatalities"]
    best = median.copy()
    best.loc[most.index] = most
    low = r["fatalities_low"].fillna(r["fatalities"]).groupby(r["label"]).min()
    high = r["fatalities_high"].fillna(r["fatalities"]).groupby(r["label"]).max()
    out = pd.DataFrame({
        "id": ids,
        "event_type": _mode(r, "event_type"),
        "sub_event_type": _mode(r, "sub_event_type"),
        "date_start": g["event_date"].min(),
        "date_end": g["event_date"].max(),
        "country_code": _mode(r, "country_code"),
        "admin1": _mode(r, "admin1"),
        "location": best_place["location"],
        "latitude": best_place["latitude"],
        "longitude": best_place["longitude"],
        "n_reports": g.size(),
        "n_sources": g["who"].nunique(),
        "fatalities_best": best,
        "fatalities_low": low,
        "fatalities_high": high,
        "actor1": _mode(r, "actor1"),
        "actor2": _mode(r, "actor2"),
    }, index=ids.index)
    for column in ("fatalities_best", "fatalities_low", "fatalities_high", "n_reports", "n_sources"):
        out[column] = out[column].astype("Int64")
    links = pd.DataFrame({"event_id": r["id"], "incident_id": r["label"].map(ids)})
    return out.reset_index(drop=True), links


def load_reports(store: Any) -> pd.DataFrame:
    names, rows = store.db.columns(
        "SELECT e.id, e.article_id, a.source, e.event_type, e.sub_event_type, e.event_date, e.date_precision,"
        " e.country_code, e.admin1, e.location, e.latitude, e.longitude, e.geo_precision, e.fatalities,"
        " e.fatalities_low, e.fatalities_high, e.actor1, e.inter1, e.actor2, e.inter2"
        " FROM events e JOIN articles a ON a.id = e.article_id ORDER BY e.id")
    frame = pd.DataFrame.from_records(rows, columns=names)
    for column in ("latitude", "longitude", "geo_precision", "fatalities", "fatalities_low", "fatalities_high",
                   "inter1", "inter2", "date_precision"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    return frame


def rebuild(store: Any) -> int:
    """Recluster all stored events and replace the incident tables in one transaction."""
    reports = load_reports(store)
    table, links = incidents(reports, cluster(reports)) if len(reports) else (None, None)
    with store.db.transaction():
        store.db.execute("DELETE FROM incident_reports")
        store.db.execute("DELETE FROM incidents")
        if table is not None:
            table = table.astype(object).where(table.notna(), None)
            store.db.insert_frame("incidents", table)
            store.db.insert_frame("incident_reports", links)
    return 0 if table is None else len(table)
