"""The output follows ../shared/CONTRACT.md, as checked by the evaluators' own checker.

`crisislens extract` runs once per input (the sample corpus, and a fixed sample of each
development file, read in place from ../shared/eval/data and never copied into the repo),
then `check_contract.py INPUT OUTPUT` must report 0 problems. The checker reads only
id/text/published_at, so the gold annotations are stripped from its input.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from crisislens.ingest import read_inputs

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
CHECKER = EVAL / "check_contract.py"
CLI = Path(sys.executable).with_name("crisislens")
CORPUS = ROOT / "examples" / "articles"
SEED = 20240601
# Rows sampled from each file: whole news articles are ten times longer than event notes.
DEV_FILES = {"acled_notes.dev.jsonl": 300, "wikievents.dev.jsonl": 300, "cameo_petrarch_unit.dev.jsonl": 300,
             "news_stream.dev.jsonl": 150}


def _require_eval() -> None:
    """The evaluation kit is part of the development setup: without it this test fails, never skips."""
    if not CHECKER.is_file():
        pytest.fail(f"the evaluation kit is missing: expected {CHECKER} (../shared/eval beside the repo); "
                    "the contract cannot be checked without it")


def _sample(path: Path, size: int) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if len(rows) > size:
        rows = random.Random(SEED).sample(rows, size)
    return [{"id": r["id"], "text": r["text"], "published_at": r.get("published_at")} for r in rows]


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _extract(source: Path, output: Path) -> None:
    done = subprocess.run([str(CLI), "extract", str(source), "--output", str(output)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]


def _check(checked_input: Path, output: Path) -> None:
    done = subprocess.run([sys.executable, str(CHECKER), str(checked_input), str(output)],
                          capture_output=True, text=True, timeout=300)
    last = (done.stdout.strip().splitlines() or [""])[-1]
    assert re.fullmatch(r"contract: 0 problems in \d+ documents", last), done.stdout[-3000:] + done.stderr[-2000:]
    assert done.returncode == 0


@pytest.mark.parametrize("name", DEV_FILES)
def test_development_sample_follows_the_contract(name, tmp_path):
    _require_eval()
    source = EVAL / "data" / name
    if not source.is_file():
        pytest.fail(f"development file missing: {source}")
    checked_input = _write_jsonl(tmp_path / f"in-{name}", _sample(source, DEV_FILES[name]))
    output = tmp_path / f"out-{name}"
    _extract(checked_input, output)
    _check(checked_input, output)


def test_sample_corpus_follows_the_contract(tmp_path):
    """The folder is read by the CLI itself; the checker gets the same texts the readers produce."""
    _require_eval()
    rows = [{"id": a.id, "text": a.text, "published_at": a.published_at} for a in read_inputs(str(CORPUS))]
    assert len(rows) >= 18
    checked_input = _write_jsonl(tmp_path / "corpus-in.jsonl", rows)
    output = tmp_path / "corpus-out.jsonl"
    _extract(CORPUS, output)
    _check(checked_input, output)
