"""Readers: JSON Lines, .txt with and without a header, .html pages, folders, and stdin/stdout."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from crisislens.ingest import read_inputs, read_jsonl_lines

DATA = Path(__file__).parent / "data" / "readers"
CLI = Path(sys.executable).with_name("crisislens")


def _read(path: Path) -> list:
    return list(read_inputs(str(path)))


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- JSON Lines ---------------------------------------------------------------------------

def test_jsonl_record_keeps_the_contract_fields():
    line = json.dumps({"id": "KE-1", "text": "Police dispersed a march in Kisumu.",
                       "published_at": "2024-03-02", "title": "March dispersed",
                       "url": "https://example.org/a", "source": "Lake Region Times"})
    [article] = read_jsonl_lines([line])
    assert (article.id, article.text, article.published_at) == ("KE-1", "Police dispersed a march in Kisumu.", "2024-03-02")
    assert (article.title, article.url, article.source) == ("March dispersed", "https://example.org/a", "Lake Region Times")
    assert article.error is None


def test_jsonl_unknown_fields_are_ignored():
    line = json.dumps({"id": "x", "text": "Troops arrived in Kismayo on Monday.", "published_at": None,
                       "gold": {"event_type": "Battles"}, "lang": "en", "tags": [1, 2]})
    [article] = read_jsonl_lines([line])
    assert article.error is None and not article.warnings
    assert article.text == "Troops arrived in Kismayo on Monday."


@pytest.mark.parametrize("published_at, expected", [
    ("2024-03-02", "2024-03-02"),
    ("2024-03-02T23:10:00Z", "2024-03-02"),
    ("2024-03-02T08:00:00+03:00", "2024-03-02"),
    (None, None),
])
def test_jsonl_published_at_forms(published_at, expected):
    [article] = read_jsonl_lines([json.dumps({"id": "d", "text": "Some text here.", "published_at": published_at})])
    assert article.published_at == expected
    assert not article.warnings


def test_jsonl_numeric_id_becomes_a_string():
    [article] = read_jsonl_lines([json.dumps({"id": 4217, "text": "A short report."})])
    assert article.id == "4217"


def test_jsonl_blank_lines_are_skipped_and_order_kept():
    lines = [json.dumps({"id": "1", "text": "one"}), "", "   ", json.dumps({"id": "2", "text": "two"})]
    assert [a.id for a in read_jsonl_lines(lines)] == ["1", "2"]


def test_jsonl_file_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_text(json.dumps({"id": "b", "text": "Rain fell in Mombasa."}) + "\n", encoding="utf-8-sig")
    [article] = _read(path)
    assert (article.id, article.error) == ("b", None)


# --- .txt ---------------------------------------------------------------------------------

def test_txt_header_gives_metadata_and_body(tmp_path):
    path = _write(tmp_path / "lamu.txt", "Title: Bus ambushed near Lamu\nSource: Coastal Wire\n"
                  "Published: 2024-06-12\nURL: https://example.org/lamu\nAuthor: Staff\n\n"
                  "Gunmen ambushed a bus near Lamu on Tuesday.\n")
    [article] = _read(path)
    assert article.id == "lamu.txt"
    assert article.text == "Gunmen ambushed a bus near Lamu on Tuesday.\n"
    assert (article.title, article.source, article.published_at) == ("Bus ambushed near Lamu", "Coastal Wire", "2024-06-12")
    assert (article.url, article.author) == ("https://example.org/lamu", "Staff")


def test_txt_without_header_is_all_body(tmp_path):
    body = "Gunmen ambushed a bus near Lamu on Tuesday.\n\nPolice said two people were hurt.\n"
    [article] = _read(_write(tmp_path / "plain.txt", body))
    assert article.text == body
    assert article.published_at is None and article.title is None


def test_txt_first_line_with_a_colon_is_not_mistaken_for_a_header(tmp_path):
    body = "BREAKING: gunmen ambushed a bus near Lamu on Tuesday.\n\nPolice said two people were hurt.\n"
    [article] = _read(_write(tmp_path / "breaking.txt", body))
    assert article.text == body and article.title is None


def test_txt_header_with_windows_line_ends(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Title: Road closed\r\nPublished: 2024-01-05\r\n\r\nThe road to Moyale was closed.\r\n")
    [article] = _read(path)
    assert (article.title, article.published_at) == ("Road closed", "2024-01-05")
    assert article.text.startswith("The road to Moyale")


def test_txt_bad_header_date_is_a_warning_not_an_error(tmp_path):
    path = _write(tmp_path / "d.txt", "Title: A\nPublished: last Tuesday\n\nTroops returned to Baidoa.\n")
    [article] = _read(path)
    assert article.error is None and article.published_at is None
    assert any("published_at" in w for w in article.warnings)


# --- .html --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def page():
    [article] = _read(DATA / "mixed" / "c_page.html")
    return article


def test_html_metadata(page):
    assert page.id == "c_page.html"
    assert page.title == "Flooding cuts main road to Garissa"
    assert page.published_at == "2024-05-02"
    assert page.source == "Rift Valley Courier"
    assert page.author == "Wanjiru Kamau"


def test_html_main_text_without_boilerplate(page):
    assert "Floodwaters from the Tana River cut the main road between Garissa and Madogo" in page.text
    assert "the Kenya Red Cross said" in page.text
    assert "Subscribe to the Courier" not in page.text
    assert "Reproduction without permission" not in page.text


def test_html_without_article_text_gets_an_error(tmp_path):
    [article] = _read(_write(tmp_path / "empty.html", "<html><head><title>x</title></head><body></body></html>"))
    assert article.error


# --- folders ------------------------------------------------------------------------------

def test_folder_reads_articles_in_file_name_order():
    ids = [a.id for a in _read(DATA / "mixed")]
    assert ids == ["a_note.txt", "b_report.txt", "c_page.html", "z-1", "z-2"]


def test_folder_skips_hidden_and_unknown_files():
    ids = {a.id for a in _read(DATA / "mixed")}
    assert ".hidden.txt" not in ids and "README.md" not in ids


def test_folder_articles_keep_their_own_metadata():
    by_id = {a.id: a for a in _read(DATA / "mixed")}
    assert by_id["b_report.txt"].published_at == "2024-02-10"
    assert by_id["c_page.html"].source == "Rift Valley Courier"
    assert by_id["z-2"].published_at == "2024-06-17"
    assert all(a.error is None for a in by_id.values())


def test_missing_path_raises_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        _read(tmp_path / "nowhere.jsonl")


# --- stdin ----------------------------------------------------------------------------------

def test_stdin_is_read_as_json_lines(monkeypatch):
    lines = json.dumps({"id": "s1", "text": "Rain in Wajir."}) + "\n" + json.dumps({"id": "s2", "text": "Sun in Lodwar."}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode()), encoding="utf-8"))
    assert [a.id for a in read_inputs("-")] == ["s1", "s2"]


def test_cli_reads_stdin_and_writes_stdout():
    """`crisislens extract - --output -`: one document per line, same ids, same order."""
    rows = [
        {"id": "one", "text": "Police arrested 12 protesters in Nairobi on Monday.", "published_at": "2024-03-05"},
        {"id": "two", "text": "", "published_at": "2024-03-05"},
        {"id": "three", "text": "Gunmen killed three villagers near Garissa on Sunday.", "published_at": "2024-03-05"},
    ]
    stdin = "".join(json.dumps(r) + "\n" for r in rows).encode()
    # A line with bytes that are not UTF-8 costs a character, not the batch.
    stdin += b'{"id": "four", "text": "Gunmen \xff\xfe killed two traders in Mandera on Friday."}\n'
    done = subprocess.run([str(CLI), "extract", "-", "--output", "-"], input=stdin,
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert b"Traceback" not in done.stderr
    docs = [json.loads(line) for line in done.stdout.decode().splitlines() if line.strip()]
    assert [d["id"] for d in docs] == ["one", "two", "three", "four"]
    assert [bool(d.get("error")) for d in docs] == [False, True, False, False]
    assert all(isinstance(d["events"], list) for d in docs)
