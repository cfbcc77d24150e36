"""`crisislens ingest` killed with SIGKILL mid-run loses nothing and duplicates nothing on rerun.

Each article is committed in its own transaction, and an article is identified by its text,
so a rerun skips what was committed and redoes what was not. Checked on a DuckDB file and on
a PostgreSQL server, against a clean run of the same folder.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pg_server import fresh_database

from crisislens.store import Store

CLI = Path(sys.executable).with_name("crisislens")
PLACES = ["Garissa", "Mandera", "Wajir", "Lamu", "Kisumu", "Nakuru", "Eldoret", "Mombasa", "Marsabit", "Isiolo"]
ACTS = ["Gunmen killed {n} villagers in an attack near {place}, Kenya, on {day}, police said.",
        "About {n}00 traders protested against new taxes in {place}, Kenya, on {day}, witnesses said.",
        "Soldiers clashed with bandits near {place}, Kenya, on {day}, leaving {n} people dead, officials said."]
DAYS = ["Monday", "Tuesday", "Wednesday"]
KILL_AFTER = 4  # committed articles before the kill


def _write_articles(folder: Path, n: int = 30) -> None:
    for i in range(n):
        text = ACTS[i % 3].format(n=i + 2, place=PLACES[i % 10], day=DAYS[(i // 10) % 3])
        (folder / f"article_{i:02d}.txt").write_text(f"Title: Report {i}\nPublished: 2024-05-{1 + i % 28:02d}\n\n{text}\n")


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("crash-articles")
    _write_articles(folder)
    return folder



def _ingest(folder: Path, db: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), "ingest", str(folder), "--db", db, "--batch-size", "1"],
                          capture_output=True, text=True, timeout=600)


def _ingest_and_kill(folder: Path, db: str) -> int:
    """Start an ingest, SIGKILL it once KILL_AFTER articles are committed; the number seen committed."""
    proc = subprocess.Popen([str(CLI), "--verbose", "ingest", str(folder), "--db", db, "--batch-size", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace")
    committed, tail = 0, []
    timer = threading.Timer(300, proc.kill)  # never hang the suite
    timer.start()
    try:
        for line in proc.stderr:
            tail = (tail + [line])[-20:]
            if line.startswith("INFO crisislens.store: article ") and line.rstrip().endswith(" inserted"):
                committed += 1
                if committed >= KILL_AFTER:
                    os.kill(proc.pid, signal.SIGKILL)
                    break
    finally:
        timer.cancel()
        proc.wait(timeout=30)
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, "".join(tail)
    return committed


def _contents(db: str) -> dict:
    with Store.open(db, read_only=True) as store:
        q = store.db.query
        return {
            "articles": sorted(r[0] for r in q("SELECT content_hash FROM articles")),
            "events": sorted(q("SELECT a.content_hash, e.idx, e.event_type, e.sub_event_type, e.event_date,"
                               " e.fatalities FROM events e JOIN articles a ON a.id = e.article_id")),
            "quantities": q("SELECT COUNT(*) FROM quantities")[0][0],
            "incident_reports": q("SELECT COUNT(*) FROM incident_reports")[0][0],
        }


@pytest.fixture(scope="module")
def clean(articles, tmp_path_factory) -> dict:
    db = str(tmp_path_factory.mktemp("clean") / "clean.duckdb")
    done = _ingest(articles, db)
    assert done.returncode == 0, done.stderr
    return _contents(db)


@pytest.mark.parametrize("backend", ["duckdb", "postgres"])
def test_a_killed_ingest_resumes_without_loss_or_duplicates(backend, articles, clean, tmp_path, request):
    db = str(tmp_path / "crash.duckdb") if backend == "duckdb" else fresh_database(request.getfixturevalue("pg_url"))
    committed = _ingest_and_kill(articles, db)
    partial = _contents(db)
    assert committed <= len(partial["articles"]) < len(clean["articles"])  # killed part-way, commits kept
    rerun = _ingest(articles, db)
    assert rerun.returncode == 0 and "Traceback" not in rerun.stderr, rerun.stderr
    assert f"{len(partial['articles'])} already stored" in rerun.stderr
    assert _contents(db) == clean
    assert len(set(clean["articles"])) == len(clean["articles"]) == 30


def test_killing_during_the_first_commits_leaves_a_readable_database(articles, tmp_path):
    """Killed as early as possible (right after the first commit): the file opens and the rerun completes."""
    db = str(tmp_path / "early.duckdb")
    proc = subprocess.Popen([str(CLI), "--verbose", "ingest", str(articles), "--db", db, "--batch-size", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace")
    for line in proc.stderr:
        if line.startswith("INFO crisislens.store: article "):
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=30)
    proc.stderr.close()
    time.sleep(0.1)
    assert _ingest(articles, db).returncode == 0
    assert len(_contents(db)["articles"]) == 30
