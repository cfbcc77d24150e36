"""Hostile input beyond tests/test_bad_input.py: ten-megabyte articles, HTML nested thousands deep,
absurd numbers, odd scripts and invisible characters. Each gets a document, in order, with an
`error` where nothing sensible can come out; the batch goes on, exits 0, shows no traceback,
and runs in bounded time and memory (generous bounds that catch a runaway, not benchmarks).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from crisislens.api import ApiConfig, create_app
from crisislens.ingest import read_inputs
from crisislens.store import Store

CLI = Path(sys.executable).with_name("crisislens")
TEN_MB = 10 * 1024 * 1024
GOOD = "Gunmen killed four villagers in an attack near Garissa, Kenya, on Monday, police said."
ABSURD = {
    "exp": "Officials said 1e400 people were killed in an attack near Garissa, Kenya, on Monday.",
    "twenty": "Police said 99999999999999999999 people were displaced by fighting near Mogadishu on Tuesday.",
    "huge": "Gunmen killed 340282366920938463463374607431768211456 villagers near Maiduguri, Nigeria, on Friday.",
    "commas": "At least 1,000,000,000,000,000,000,000 people were killed in Kabul on Friday, police said.",
    "negative": "The army said -5 soldiers were killed and minus 12 were wounded in clashes in Goma on Sunday.",
    "nan": "About NaN people and Infinity soldiers were killed in Aleppo on Monday, a monitor said.",
    "float": "Rebels killed 12.5e308 fighters and 0.0000001 civilians in Juba on Monday, the army said.",
    "feb31": "Soldiers killed three rebels near Beni, Congo, on 31 February, the army said on 30 February 2024.",
    "years": "Troops killed two gunmen in Tillaberi in the year 99999 and on 0000-00-00, officials said.",
}
SCRIPTS = {
    "hindi": "पुलिस ने कहा कि सोमवार को गांव पर हमले में बंदूकधारियों ने चार ग्रामीणों की हत्या कर दी।",
    "amharic": "ታጣቂዎች ሰኞ ዕለት በአንድ መንደር ላይ በደረሰ ጥቃት አራት የመንደሩ ነዋሪዎችን ገድለዋል ሲል ፖሊስ ተናግሯል።",
    "thai": "ตำรวจกล่าวว่ามือปืนสังหารชาวบ้านสี่คนในการโจมตีหมู่บ้านเมื่อวันจันทร์",
    "emoji": "🔥💥🚨 " * 40,
}
# Invisible and direction-changing characters inside an otherwise readable English article.
INVISIBLE = ("Gunmen\u200b killed four\u200d villagers in an \u202eattack\u202c near Garissa,\u2066 Kenya,\u2069 "
             "on Monday,\ufeff police said.\u00ad")


def _line(**record) -> bytes:
    return json.dumps(record).encode() + b"\n"


def _nested_html(depth: int) -> str:
    para = "<p>" + GOOD + " Residents said the town was calm again by the evening.</p>"
    return "<html><head><title>Deep</title></head><body>" + "<div>" * depth + para * 3 + "</div>" * depth + \
        "</body></html>"


# (file name, bytes, [(expected id, must carry an error)])
FILES: list[tuple[str, bytes, list[tuple[str, bool]]]] = [
    ("a.jsonl", b"".join([
        _line(id="good", text=GOOD, published_at="2024-03-05"),
        _line(id="ten-mb", text="Word " * (TEN_MB // 5)),
        *[_line(id=key, text=text, published_at="2024-03-05") for key, text in ABSURD.items()],
        _line(id="nul-only", text="\x00" * 500),
        _line(id="controls-only", text="".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r") * 10),
        _line(id="dict-text", text={"body": GOOD}),
        _line(id="bool-text", text=True),
        _line(id="bad-published", text=GOOD, published_at="9999-99-99T99:99"),
        _line(id="huge-id" * 2000, text=GOOD, published_at="2024-03-05"),
        *[_line(id=key, text=text, published_at="2024-03-05") for key, text in SCRIPTS.items()],
        _line(id="invisible", text=INVISIBLE, published_at="2024-03-05"),
    ]), [("good", False), ("ten-mb", True), *[(k, False) for k in ABSURD], ("nul-only", True),
         ("controls-only", True), ("dict-text", True), ("bool-text", True), ("bad-published", False),
         ("huge-id" * 2000, False), *[(k, True) for k in SCRIPTS], ("invisible", False)]),
    ("b_ten_mb.txt", b"Title: Long\n\n" + b"Word " * (TEN_MB // 5), [("b_ten_mb.txt", True)]),
    ("c_ten_mb.html", b"<html><body>" + b"<p>Word word word.</p>" * (TEN_MB // 22) + b"</body></html>",
     [("c_ten_mb.html", True)]),
    ("d_nested.html", _nested_html(5000).encode(), [("d_nested.html", None)]),
    ("e_nested_deeper.html", _nested_html(100_000).encode(), [("e_nested_deeper.html", None)]),
    ("f_random_bytes.jsonl", bytes((i * 7919) % 256 for i in range(50_000)), None),
    ("g_empty.txt", b"", [("g_empty.txt", True)]),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    for name, data, _ in FILES:
        (root / name).write_bytes(data)
    return root


def _expected(folder: Path) -> list[tuple[str, bool | None]]:
    out = []
    for name, _, expected in FILES:
        if expected is None:  # whatever the reader makes of the bytes, one entry per article it reads
            expected = [(a.id, True) for a in read_inputs(str(folder / name))]
        out.extend(expected)
    return out


MEASURE = """
import resource, subprocess, sys, time, json
started = time.monotonic()
done = subprocess.run(sys.argv[1:], capture_output=True)
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
sys.stderr.buffer.write(done.stderr)
sys.stdout.buffer.write(done.stdout)
sys.stderr.write("\\nMEASURED " + json.dumps({"rc": done.returncode, "seconds": time.monotonic() - started,
                                               "peak_mb": peak_kb / 1024}) + "\\n")
"""


@pytest.fixture(scope="module")
def extracted(folder):
    """`crisislens extract` over the folder, in a child whose peak memory and time are measured."""
    done = subprocess.run([sys.executable, "-c", MEASURE, str(CLI), "extract", str(folder), "--output", "-"],
                          capture_output=True, timeout=900)
    stderr = done.stderr.decode("utf-8", "replace")
    measured = json.loads(stderr.rsplit("MEASURED ", 1)[1])
    docs = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines() if line.strip()]
    return measured, stderr, docs


def test_batch_exits_zero_without_a_traceback(extracted):
    measured, stderr, _ = extracted
    assert measured["rc"] == 0, stderr[-3000:]
    assert "Traceback" not in stderr and not [x for x in stderr.splitlines() if x.startswith("ERROR")], stderr[-3000:]


def test_every_article_gets_a_document_in_order(extracted, folder):
    _, _, docs = extracted
    assert [d["id"] for d in docs] == [doc_id for doc_id, _ in _expected(folder)]


def test_errors_only_where_nothing_sensible_can_come_out(extracted, folder):
    _, _, docs = extracted
    wrong = [(d["id"][:40], d.get("error")) for d, (_, has_error) in zip(docs, _expected(folder), strict=True)
             if has_error is not None and bool(d.get("error")) != has_error]
    assert wrong == []


def test_no_stage_crashed(extracted):
    _, _, docs = extracted
    assert [(d["id"][:40], w) for d in docs for w in d.get("warnings", []) if "failed" in w] == []


def test_time_and_memory_stay_bounded(extracted):
    """Loose ceilings: the model and gazetteer take a few hundred MB; a runaway takes far more."""
    measured, _, _ = extracted
    assert measured["seconds"] < 300 and measured["peak_mb"] < 3000, measured


@pytest.fixture(scope="module")
def absurd_docs(pipeline):
    return {key: pipeline.extract(text, published_at="2024-03-05", id=key) for key, text in ABSURD.items()}


def _numbers(doc) -> list[float]:
    values = [v for q in doc.quantities for v in (q.value, q.low, q.high) if v is not None]
    for event in doc.events:
        values += [v for v in (event.fatalities, event.fatalities_low, event.fatalities_high) if v is not None]
        values += [v for q in event.counts for v in (q.value, q.low, q.high) if v is not None]
    return values


@pytest.mark.parametrize("key", ABSURD)
def test_absurd_numbers_stay_finite_and_non_negative(absurd_docs, key):
    doc = absurd_docs[key]
    assert all(math.isfinite(v) and v >= 0 for v in _numbers(doc)), _numbers(doc)
    json.dumps(doc.to_dict(), allow_nan=False)  # must not raise: the output is strict JSON


@pytest.mark.parametrize("key", ABSURD)
def test_absurd_numbers_do_not_crash_a_stage(absurd_docs, key):
    assert [w for w in absurd_docs[key].warnings if "failed" in w] == []


def test_absurd_counts_are_not_taken_as_fatalities(absurd_docs):
    assert all(v <= 10_000_000 for doc in absurd_docs.values() for v in _numbers(doc))


def test_absurd_documents_are_stored_and_served(absurd_docs, tmp_path):
    """Counts too large for the database's INTEGER and non-finite figures are stored as unknown;
    the API still answers strict JSON."""
    db = str(tmp_path / "absurd.duckdb")
    with Store.open(db) as store:
        for doc in absurd_docs.values():
            store.save(doc)
        store.rebuild_incidents()
        events = store.count("events")
    client = TestClient(create_app(ApiConfig(db=db)))
    response = client.get("/api/events", params={"limit": 1000})
    assert response.status_code == 200 and response.json()["total"] == events
    for item in response.json()["items"]:
        assert client.get(f"/api/events/{item['id']}").status_code == 200
    assert client.get("/api/stats").status_code == 200 and client.get("/api/incidents").status_code == 200


def test_ingest_goes_on_through_hostile_input(folder, tmp_path):
    db = tmp_path / "hostile.duckdb"
    done = subprocess.run([str(CLI), "ingest", str(folder), "--db", str(db)], capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-3000:]
    with Store.open(str(db), read_only=True) as store:
        stored = {row[0] for row in store.db.query("SELECT doc_id FROM articles")}
    assert {"good", "invisible", *ABSURD} <= stored
