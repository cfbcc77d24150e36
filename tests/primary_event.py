"""The event a sentence is coded as: its highest-confidence ACLED event, as the scorers pick it."""

PUBLISHED = "2023-05-04"


def primary_and_doc(pipeline, text, published_at=PUBLISHED):
    doc = pipeline.extract(text, published_at=published_at)
    acled = [e for e in doc.events if e.kind == "acled"]
    assert acled, f"no event found in: {text}"
    return max(acled, key=lambda e: e.confidence), doc


def primary(pipeline, text, published_at=PUBLISHED):
    return primary_and_doc(pipeline, text, published_at)[0]


def toll(pipeline, text, published_at="2024-03-02"):
    """The fatalities the scorers read: those of the highest-confidence event (0 when unset)."""
    doc = pipeline.extract(text, published_at=published_at)
    assert doc.events, text
    return max(doc.events, key=lambda e: e.confidence).fatalities or 0
