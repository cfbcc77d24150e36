"""Properties of every stage on generated text (hypothesis): nothing raises, every span lies in
the text, every figure is finite and non-negative, and the output follows the contract.

The stages are called directly, in the pipeline's order, on the pipeline's own parse, so that
arbitrary (often non-English) text reaches them past the language gate; a raise names the stage.
The full pipeline is checked too: no stage may record a "failed" warning.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crisislens.ingest.article import clean_text, scrub
from crisislens.schema import Document

CHECKER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "check_contract.py"
# A deeper hunt: CRISISLENS_PROPERTY_EXAMPLES=2000 pytest tests/test_properties.py
SETTINGS = settings(max_examples=int(os.environ.get("CRISISLENS_PROPERTY_EXAMPLES", "40")), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                           HealthCheck.function_scoped_fixture])
WORDS = ["Gunmen", "killed", "at", "least", "12", "people", "in", "Garissa", ",", "Kenya", "on", "Monday", ".",
         "police", "said", "\u201c", "\u201d", '"', "protesters", "marched", "Nairobi", "soldiers", "clashed",
         "with", "al-Shabaab", "fighters", "near", "Mogadishu", "wounded", "dozens", "two", "hundred", "were",
         "displaced", "by", "fighting", "last", "week", "31", "February", "2024", "1e400", "-5", "minus",
         "99999999999999999999", "0", "none", "thousands", "bomb", "exploded", "airstrike", "Goma", "rebels",
         "M23", "captured", "town", "according", "to", "UN", "the", "a", "\n\n", "(", ")", "'", "said:",
         "spokesman", "John", "Smith", "told", "Reuters", "yesterday", "tomorrow", "Friday", "March", "3rd",
         "between", "and", "or", "about", "some", "nearly", "more", "than", "%", "$", "1,000,000", "12-15"]
# Text that looks like news, with any Unicode (controls, marks, scripts, emoji) mixed in.
NEWSY = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), st.text(max_size=4)),
                 min_size=1, max_size=60).map(" ".join)
ANY_TEXT = st.text(max_size=300)
DATES = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)).map(str))


def _checker():
    if not CHECKER.is_file():
        pytest.fail(f"the evaluation kit is missing: expected {CHECKER}")
    spec = importlib.util.spec_from_file_location("check_contract", CHECKER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run_stages(pipeline, raw: str, published_at: str | None) -> Document:
    """What the pipeline does to a text, stage by stage, letting any exception out with the stage's name."""
    text = scrub(raw)
    doc = Document(id="prop", text=text, published_at=published_at)
    parsed = pipeline.nlp(clean_text(text))
    for stage in pipeline.stages:
        try:
            stage.process(doc, parsed, pipeline.resources)
        except Exception as exc:
            raise AssertionError(f"stage {stage.__name__} raised {type(exc).__name__}: {exc} on {text!r}") from exc
    return doc


def _spans(value, path="doc"):
    """(path, start, end) of every span anywhere in a contract dict."""
    if isinstance(value, dict):
        own = [(path, value["start"], value["end"])] if set(value) == {"start", "end"} else []
        return own + [s for k, v in value.items() for s in _spans(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [s for i, v in enumerate(value) for s in _spans(v, f"{path}[{i}]")]
    return []


def _figures(value, path="doc"):
    """(path, number) of every number in a contract dict that counts or measures something."""
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in ("start", "end", "lat", "lon")
                for s in _figures(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [s for i, v in enumerate(value) for s in _figures(v, f"{path}[{i}]")]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [(path, value)]
    return []


def _check(doc: Document, checker) -> None:
    data = doc.to_dict()
    json.dumps(data, allow_nan=False)
    n = len(doc.text)
    bad_spans = [s for s in _spans(data) if not 0 <= s[1] <= s[2] <= n]
    assert bad_spans == [], (doc.text, bad_spans)
    bad_figures = [f for f in _figures(data) if not (math.isfinite(f[1]) and f[1] >= 0)]
    assert bad_figures == [], (doc.text, bad_figures)
    problems: list[str] = []
    checker.check_doc(data, doc.text, problems)
    assert problems == [], (doc.text, problems)
    for event in doc.events:
        if event.date:
            date.fromisoformat(event.date)  # a real calendar date


@pytest.fixture(scope="module")
def checker():
    return _checker()


@SETTINGS
@given(text=ANY_TEXT, published_at=DATES)
def test_stages_never_raise_on_arbitrary_unicode(pipeline, checker, text, published_at):
    _check(_run_stages(pipeline, text, published_at), checker)


@SETTINGS
@given(text=NEWSY, published_at=DATES)
def test_stages_keep_their_contract_on_news_like_text(pipeline, checker, text, published_at):
    _check(_run_stages(pipeline, text, published_at), checker)


@SETTINGS
@given(text=NEWSY)
def test_the_pipeline_records_no_stage_failure(pipeline, checker, text):
    doc = pipeline.extract(text, published_at="2024-03-05", id="prop")
    assert [w for w in doc.warnings if "failed" in w] == [], text
    _check(doc, checker)
