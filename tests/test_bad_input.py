"""Bad input never stops a batch: every line gets a document, in order, with `error` when unusable.

The cases are read the way the CLI reads them (bytes of a JSON Lines file), run through
the session pipeline, and once through the `crisislens` command itself to check the exit
status and that nothing is dumped on stderr.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crisislens.ingest import read_inputs, read_jsonl_lines
from crisislens.schema import Document

CLI = Path(sys.executable).with_name("crisislens")
GOOD = ("Gunmen killed four villagers and abducted 12 others in an attack on a village near "
        "Garissa, Kenya, on Monday, police said.")
GOOD_LATER = ("Police fired tear gas to disperse about 200 traders protesting against new taxes in "
              "Mombasa on Tuesday, witnesses said.")
# Controls in the middle of words and sentences: offsets must still index the original text.
CONTROLS = ("Gunmen\x00 killed four\x07 villagers and abducted 12 others in an\x1b attack on a village "
            "near Garissa,\x0c Kenya, on\x7f Monday, police\x85 said.")
ARABIC = "قتل مسلحون أربعة قرويين في هجوم على قرية قرب غاريسا يوم الاثنين، حسبما قالت الشرطة."
CHINESE = "警方说，星期一，武装分子在加里萨附近的一个村庄袭击中打死四名村民，绑架了另外十二人。"
RUSSIAN = "Боевики убили четырёх жителей деревни недалеко от Гариссы в понедельник, сообщила полиция."
BIG = 3_000_000


def _line(**record) -> bytes:
    return json.dumps(record).encode() + b"\n"


# (label, bytes of one JSON Lines line, expected id, whether the document must carry an error)
CASES: list[tuple[str, bytes, str, bool]] = [
    ("good first", _line(id="good-1", text=GOOD, published_at="2024-03-05"), "good-1", False),
    ("empty text", _line(id="empty", text="", published_at="2024-03-05"), "empty", True),
    ("whitespace text", _line(id="blank", text=" \n\t  \n", published_at="2024-03-05"), "blank", True),
    ("not JSON", b"{this is not json\n", "line-4", True),
    ("JSON but not an object", b'["a", "list"]\n', "line-5", True),
    ("no id", _line(text=GOOD, published_at="2024-03-05"), "line-6", True),
    ("no text", _line(id="no-text", published_at="2024-03-05"), "no-text", True),
    ("number text", _line(id="num", text=42), "num", True),
    ("list text", _line(id="list", text=["Gunmen", "killed"]), "list", True),
    ("null text", _line(id="null", text=None), "null", True),
    ("impossible date", _line(id="feb31", text=GOOD, published_at="31 February 2024"), "feb31", False),
    ("vague date", _line(id="vague", text=GOOD, published_at="yesterday-ish"), "vague", False),
    ("date as number", _line(id="numdate", text=GOOD, published_at=20240305), "numdate", False),
    ("three megabytes", _line(id="huge", text=("Word " * (BIG // 5))), "huge", True),
    ("control characters", _line(id="controls", text=CONTROLS, published_at="2024-03-05"), "controls", False),
    ("lone surrogate", b'{"id": "surrogate", "text": "Gunmen killed four villagers \\ud800 near Garissa on Monday."}\n',
     "surrogate", False),
    ("invalid UTF-8", b'{"id": "bytes", "text": "Gunmen killed four \xff\xfe villagers near Garissa on Monday."}\n',
     "bytes", False),
    ("deep nesting", b"[" * 100_000 + b"]" * 100_000 + b"\n", "line-18", True),
    ("Arabic", _line(id="ar", text=ARABIC, published_at="2024-03-05"), "ar", True),
    ("Chinese", _line(id="zh", text=CHINESE, published_at="2024-03-05"), "zh", True),
    ("Russian", _line(id="ru", text=RUSSIAN, published_at="2024-03-05"), "ru", True),
    ("good last", _line(id="good-2", text=GOOD_LATER, published_at="2024-03-05"), "good-2", False),
]
BAD_TXT = (b"Title: Bad bytes\nPublished: 2024-03-05\n\n"
           + b"Gunmen killed four villagers \xc3\x28 near Garissa \x80\x81 on Monday, police said.\n")


@pytest.fixture(scope="module")
def bad_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    path = folder / "a_bad.jsonl"
    path.write_bytes(b"".join(line for _, line, _, _ in CASES))
    (folder / "b_bad_bytes.txt").write_bytes(BAD_TXT)
    (folder / "c_not_a_page.html").write_bytes(bytes(range(256)) * 20)
    return path


@pytest.fixture(scope="module")
def docs(pipeline, bad_file) -> list[Document]:
    return list(pipeline.run(read_inputs(str(bad_file))))


def _doc(docs: list[Document], doc_id: str) -> Document:
    [doc] = [d for d in docs if d.id == doc_id]
    return doc


def _spans(value) -> list[tuple[int, int]]:
    """Every {start, end} anywhere in a contract dict."""
    if isinstance(value, dict):
        own = [(value["start"], value["end"])] if set(value) == {"start", "end"} else []
        return own + [s for v in value.values() for s in _spans(v)]
    if isinstance(value, list):
        return [s for v in value for s in _spans(v)]
    return []


def test_every_line_gets_a_document_in_input_order(docs):
    assert [d.id for d in docs] == [doc_id for _, _, doc_id, _ in CASES]


@pytest.mark.parametrize("label, doc_id, has_error", [(c[0], c[2], c[3]) for c in CASES], ids=[c[0] for c in CASES])
def test_error_only_where_nothing_sensible_can_come_out(docs, label, doc_id, has_error):
    doc = _doc(docs, doc_id)
    assert bool(doc.error) == has_error, doc.error
    if doc.error:
        assert not (doc.events or doc.actors or doc.places or doc.quantities or doc.quotes)


@pytest.mark.parametrize("doc_id, words", [
    ("empty", "empty"), ("blank", "empty"), ("line-4", "JSON"), ("line-6", "id"), ("no-text", "text"),
    ("num", "string"), ("list", "string"), ("null", "string"), ("huge", "too long"),
])
def test_errors_say_what_was_wrong(docs, doc_id, words):
    assert words.lower() in (_doc(docs, doc_id).error or "").lower()


@pytest.mark.parametrize("doc_id", ["feb31", "vague", "numdate"])
def test_unreadable_published_at_is_dropped_with_a_warning(docs, doc_id):
    doc = _doc(docs, doc_id)
    assert doc.published_at is None
    assert any("published_at" in w for w in doc.warnings)


@pytest.mark.parametrize("doc_id", ["ar", "zh", "ru"])
def test_non_english_text_yields_no_events(docs, doc_id):
    doc = _doc(docs, doc_id)
    assert doc.language != "en" and doc.events == []


def test_no_stage_crashed_on_any_input(docs):
    assert not [w for d in docs for w in d.warnings if "failed" in w]


def test_good_documents_keep_their_results_among_bad_ones(pipeline, docs):
    for doc_id, text in (("good-1", GOOD), ("good-2", GOOD_LATER)):
        alone = pipeline.extract(text, published_at="2024-03-05", id=doc_id)
        assert _doc(docs, doc_id).to_dict() == alone.to_dict()


def test_control_characters_keep_offsets_into_the_original_text(pipeline, docs):
    doc = _doc(docs, "controls")
    spans = _spans(doc.to_dict())
    assert all(0 <= start <= end <= len(CONTROLS) for start, end in spans)
    # Each control is blanked one for one, so the same text with spaces gives the same spans.
    spaced = "".join(" " if (ord(c) < 32 and c not in "\t\n\r") or 0x7F <= ord(c) <= 0x9F else c for c in CONTROLS)
    assert spans == _spans(pipeline.extract(spaced, published_at="2024-03-05", id="controls").to_dict())


@pytest.mark.parametrize("doc_id", ["surrogate", "bytes"])
def test_undecodable_characters_cost_one_character_not_the_document(docs, doc_id):
    doc = _doc(docs, doc_id)
    assert doc.error is None
    assert "\ufffd" in doc.text and not any(0xD800 <= ord(c) <= 0xDFFF for c in doc.text)
    json.dumps(doc.to_dict(), ensure_ascii=False).encode("utf-8")  # must not raise


def test_invalid_utf8_in_a_txt_file(pipeline, bad_file):
    [article] = read_inputs(str(bad_file.with_name("b_bad_bytes.txt")))
    assert article.error is None and article.published_at == "2024-03-05"
    assert article.text.startswith("Gunmen killed four villagers \ufffd")
    [doc] = pipeline.run([article])
    assert doc.error is None


def test_limit_is_configurable_and_checked_before_parsing():
    text = "Gunmen attacked a village near Garissa. " * 100
    [article] = read_jsonl_lines([json.dumps({"id": "x", "text": text})], max_chars=1_000)
    assert "too long" in article.error


def test_three_megabyte_text_is_refused_quickly(pipeline):
    started = time.monotonic()
    doc = pipeline.extract("Word " * (BIG // 5), published_at="2024-03-05", id="huge")
    assert doc.error and "too long" in doc.error
    assert time.monotonic() - started < 10


def test_cli_goes_on_through_bad_input(bad_file):
    """The command itself: exit 0, one document per article in order, and no traceback."""
    done = subprocess.run([str(CLI), "extract", str(bad_file.parent), "--output", "-"],
                          capture_output=True, timeout=600)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, stderr
    assert "Traceback" not in stderr, stderr
    assert not [line for line in stderr.splitlines() if line.startswith("ERROR")], stderr
    docs = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines() if line.strip()]
    assert [d["id"] for d in docs] == [doc_id for _, _, doc_id, _ in CASES] + ["b_bad_bytes.txt", "c_not_a_page.html"]
    assert "error" not in docs[-2] and docs[-1]["error"]
