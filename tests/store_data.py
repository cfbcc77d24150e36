"""Documents for the store, dedup, export, API and dashboard tests, built without extraction.

The articles in tests/data/dedup/ are ours; events.json codes their events by hand, with each
field's span found in the text, so these tests do not depend on extraction quality.
"""

from __future__ import annotations

import json
from pathlib import Path

from crisislens.ingest.readers import read_txt
from crisislens.schema import Actor, Document, Event, Place, Quantity, Quote, Span, Speaker, Statement

DEDUP = Path(__file__).parent / "data" / "dedup"


def span_of(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase))


def _actor(text: str, spec: list | None) -> Actor | None:
    if not spec:
        return None
    name, inter, mention = spec
    kinds = {2: "rebel_group", 3: "political_militia", 6: "protesters", 7: "civilians", 1: "state_forces"}
    return Actor(name=name, type=kinds[inter], inter=inter, country="KEN", mentions=[span_of(text, mention)])


def coded_document(name: str) -> Document:
    """The article `name` with its hand-coded events, as the pipeline would hand it to the store."""
    article = read_txt(DEDUP / name)
    text = article.text
    doc = Document(id=name, text=text, published_at=article.published_at, title=article.title,
                   url=article.url, source=article.source, country="KE")
    for spec in json.loads((DEDUP / "events.json").read_text())[name]:
        loc = spec["location"]
        place = Place(name=loc["name"], country_code="KE", admin1=loc["admin1"], lat=loc["lat"], lon=loc["lon"],
                      precision=loc["precision"], mentions=[span_of(text, loc["mention"])])
        evidence = span_of(text, spec["evidence"])
        counts = []
        if spec["fatalities"] is not None:
            figure = str(spec["fatalities"])
            counts.append(Quantity(value=spec["fatalities"], category="killed", span=span_of(text, figure), text=figure))
        doc.events.append(Event(
            event_type=spec["event_type"], sub_event_type=spec["sub_event_type"], evidence=[evidence],
            actor1=_actor(text, spec["actor1"]), actor2=_actor(text, spec["actor2"]), location=place,
            date=spec["date"], date_precision=spec["date_precision"], fatalities=spec["fatalities"],
            fatalities_low=spec.get("fatalities_low"), counts=counts, confidence=0.9,
            statements=[Statement(speaker=Speaker(organization=st["organization"]), stance=st["stance"],
                                  text=st["words"], span=span_of(text, st["words"]), fatalities=st["fatalities"])
                        for st in spec.get("statements", [])]))
        doc.places.append(place)
        doc.quantities.extend(counts)
    if '"' in text:
        start = text.index('"')
        end = text.index('"', start + 1) + 1
        doc.quotes.append(Quote(text=text[start:end], span=Span(start, end),
                                speaker=Speaker(name="Halima Noor", role="trader", span=span_of(text, "Halima Noor"))))
    return doc


def coded_documents() -> list[Document]:
    return [coded_document(p.name) for p in sorted(DEDUP.glob("*.txt"))]
