"""quotes stage (placeholder until written)."""

from crisislens.schema import Document


def process(doc: Document, parsed, resources) -> Document:
    return doc
