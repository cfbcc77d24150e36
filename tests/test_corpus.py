"""End to end on the sample corpus (examples/articles): what a first-time user sees with `make run`."""

from __future__ import annotations

from pathlib import Path

import pytest

from crisislens.ingest import read_inputs
from crisislens.schema import Document

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "articles"
NOT_CONFLICT = ("football_gor_mahia_report.txt", "business_cement_shares_hammered.txt")
VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")
ARTICLES = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))
CONFLICT = [name for name in ARTICLES if name not in NOT_CONFLICT]
SAME_BOMBING = ("somalia_mogadishu_suicide_bombing.txt", "somalia_mogadishu_bombing_observer.html")


@pytest.fixture(scope="module")
def docs(pipeline) -> dict[str, Document]:
    return {doc.id: doc for doc in pipeline.run(read_inputs(str(CORPUS)))}


def test_corpus_has_what_the_demo_needs():
    assert len(ARTICLES) >= 20
    assert sum(name.endswith(".html") for name in ARTICLES) >= 3
    assert all(name in ARTICLES for name in NOT_CONFLICT + SAME_BOMBING)


@pytest.mark.parametrize("name", ARTICLES)
def test_every_article_is_read_without_error(docs, name):
    doc = docs[name]
    assert doc.error is None
    assert doc.published_at is not None, "every sample article carries its publication date"
    assert not [w for w in doc.warnings if "failed" in w], doc.warnings


@pytest.mark.parametrize("name", CONFLICT)
def test_conflict_article_yields_an_event_with_evidence_in_the_text(docs, name):
    doc = docs[name]
    assert doc.events, f"no event found in {name}"
    for event in doc.events:
        assert event.evidence
        assert all(0 <= span.start < span.end <= len(doc.text) for span in event.evidence)


@pytest.mark.parametrize("name", NOT_CONFLICT)
def test_non_conflict_article_yields_no_violent_event(docs, name):
    violent = [(e.event_type, doc_text(docs[name], e)) for e in docs[name].events if e.event_type in VIOLENT]
    assert violent == []


def test_both_reports_of_the_mogadishu_bombing_find_it_on_the_same_day(docs):
    """Two outlets, two tolls (11 and 12), one incident: the ground the store's de-duplication stands on."""
    found = [{(e.sub_event_type, e.date) for e in docs[name].events} for name in SAME_BOMBING]
    assert all(("Suicide bomb", "2024-10-03") in events for events in found), found


def doc_text(doc: Document, event) -> str:
    """The first evidence sentence, to show in a failure message."""
    span = event.evidence[0] if event.evidence else None
    return doc.text[span.start:span.end] if span else ""
