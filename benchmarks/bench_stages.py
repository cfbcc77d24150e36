"""Where extraction CPU goes: each parse component and each stage, in ms per document.

    python benchmarks/bench_stages.py [--notes 1000] [--warm 50]

CPU time (`time.process_time`) of this process, so other work on the machine hardly moves it.
The parse is timed component by component on the same texts; the stages run in pipeline
order on the parses, each timed over all documents; then the per-document work the Pipeline
does outside the stages (language guess, Document, clean_text) and to_dict + json.dumps.
`--warm` documents go through the whole pipeline first, so one-time loads (lexicons,
gazetteer, dateparser's first call) are mostly out of the figures.
"""

from __future__ import annotations

import argparse
import json
import time

from _machine import describe_machine
from bench_extract import articles_of, load_texts

from crisislens.ingest.article import clean_text
from crisislens.language import guess_language
from crisislens.nlp import remember_text
from crisislens.pipeline import Pipeline
from crisislens.schema import Document


def stage_costs(pipeline: Pipeline, rows: list[dict]) -> dict:
    nlp = pipeline.nlp
    n = len(rows)
    ms = {}
    started = time.process_time()
    texts = [clean_text(r["text"]) for r in rows]
    docs = [Document(id=r["id"], text=r["text"], published_at=r["published_at"]) for r in rows]
    for doc in docs:
        doc.language = guess_language(doc.text)
    ms["pipeline: Document, language, clean_text"] = time.process_time() - started
    started = time.process_time()
    parses = [nlp.make_doc(t) for t in texts]
    ms["parse: tokenizer"] = time.process_time() - started
    for name, component in nlp.pipeline:
        started = time.process_time()
        parses = list(component.pipe(parses, batch_size=pipeline.settings.batch_size))
        ms[f"parse: {name}"] = time.process_time() - started
    started = time.process_time()
    for parsed, text in zip(parses, texts, strict=True):
        remember_text(parsed, text)  # as the Pipeline does
    ms["pipeline: Document, language, clean_text"] += time.process_time() - started
    errors: dict[str, int] = {}
    for stage in pipeline.stages:
        name = stage.__name__.rsplit(".", 1)[-1]
        started = time.process_time()
        for doc, parsed in zip(docs, parses, strict=True):
            try:
                stage.process(doc, parsed, pipeline.resources)
            except Exception:  # as the Pipeline does: one stage's bug must not stop the run
                errors[name] = errors.get(name, 0) + 1
        ms[f"stage: {name}"] = time.process_time() - started
    started = time.process_time()
    for doc in docs:
        json.dumps(doc.to_dict(), ensure_ascii=False)
    ms["output: to_dict + json.dumps"] = time.process_time() - started
    table = {key: round(1000 * value / n, 3) for key, value in ms.items()}
    parse = sum(v for k, v in table.items() if k.startswith("parse:"))
    rest = sum(v for k, v in table.items() if not k.startswith("parse:"))
    return {"documents": n, "ms_per_doc": table, "parse_ms": round(parse, 3), "everything_else_ms": round(rest, 3),
            "parse_share": round(parse / (parse + rest), 3), "stage_errors": errors}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notes", type=int, default=1000)
    ap.add_argument("--warm", type=int, default=50)
    args = ap.parse_args()
    print(json.dumps({"machine": describe_machine()}), flush=True)
    pipeline = Pipeline()
    notes = load_texts("acled_notes.dev.jsonl", args.notes)
    articles = load_texts("wikievents.dev.jsonl", 0)
    list(pipeline.run(articles_of(notes[:args.warm] + articles[:2])))
    for corpus, rows in (("acled_notes", notes), ("wikievents", articles)):
        print(json.dumps({"bench": "stage_costs", "corpus": corpus, **stage_costs(pipeline, rows)}), flush=True)


if __name__ == "__main__":
    main()
