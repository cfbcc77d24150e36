"""The Pipeline keeps the string it parsed on the parse, so stages need not rebuild Doc.text."""

import pytest

from crisislens.nlp import remember_text, text_of


@pytest.mark.parametrize("text", ["Police said two people died in Garissa on Monday.",
                                  "Troops\x07 arrived;\tthe \x00 market  was closed.\n\nResidents fled.", ""])
def test_the_kept_text_is_the_parse_text(pipeline, text):
    parsed = pipeline.nlp(text)
    assert text_of(parsed) == parsed.text  # nothing kept: Doc.text
    remember_text(parsed, parsed.text)
    assert text_of(parsed) is not None and text_of(parsed) == parsed.text


def test_a_doc_without_kept_text_falls_back_to_doc_text(pipeline):
    parsed = pipeline.nlp("Rebels attacked a convoy near Beni.")
    parsed.user_data.clear()
    assert text_of(parsed) == "Rebels attacked a convoy near Beni."
