"""Cheaper drop-ins for two Python-level spaCy components, with identical annotations.

A profile of en_core_web_sm on news text puts about a fifth of the parse in two components
that do little work per token but do it slowly: the attribute ruler (a Matcher over ~180
single- and two-token patterns, run on every token) and the rule lemmatizer (a Python loop
that builds a Token, a MorphAnalysis and a cache key per token). Both are pure functions of
a few token attributes, so here they are answered from tables keyed by those attributes,
built lazily from the component's own patterns and tables:

- the attribute ruler's `match` reads (TAG, LOWER, DEP, IS_SPACE) of each token as integers
  and looks up which patterns hold; the matches are then applied by spaCy's own
  `set_annotations`, in spaCy's order;
- the lemmatizer asks spaCy's own `rule_lemmatize` once per (ORTH, POS, MORPH) and writes
  the column of lemmas in one `Doc.from_array` call.

Anything these tables cannot express (another pattern key or operator, another lemmatizer
mode) leaves the component untouched. tests/test_nlp_speed.py checks equality with the
untouched components; benchmarks/bench_extract.py measures the gain.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # the token attributes the patterns may test
_TABLE_LIMIT = 200_000  # entries per look-up table; beyond it answers are computed, not kept


def speed_up(nlp: Language) -> list[str]:
    """Swap in the table-driven versions where they apply; returns the names of those swapped."""
    swapped = []
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        fast = FastRulerMatch.build(ruler)
        if fast is not None:
            ruler.match = fast  # AttributeRuler.__call__ calls self.match, then set_annotations
            swapped.append("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if getattr(lemmatizer, "mode", None) == "rule" and not getattr(lemmatizer, "overwrite", True) \
                and type(lemmatizer).__call__ is Lemmatizer.__call__:
            lemmatizer.__class__ = _table_class(type(lemmatizer))
            swapped.append("lemmatizer")
    return swapped


# --- attribute ruler ---------------------------------------------------------------------------

def _predicate(key: str, spec) -> Callable[[object], bool] | None:
    """One token test of a Matcher pattern, on the attribute's string (or bool) value."""
    if isinstance(spec, (str, bool)):
        return lambda value: value == spec
    if isinstance(spec, dict) and len(spec) == 1:
        (op, arg), = spec.items()
        if op == "IN" and isinstance(arg, list):
            allowed = frozenset(arg)
            return lambda value: value in allowed
        if op == "NOT_IN" and isinstance(arg, list):
            banned = frozenset(arg)
            return lambda value: value not in banned
        if op == "REGEX" and isinstance(arg, str) and key != "IS_SPACE":
            compiled = re.compile(arg)
            return lambda value: compiled.search(value) is not None
    return None


class FastRulerMatch:
    """AttributeRuler.match from look-up tables: same matches, same order."""

    def __init__(self, ruler, patterns: list[tuple[int, int, list[list[tuple[int, Callable]]]]]) -> None:
        self.strings = ruler.vocab.strings
        # (pattern number, attr_id, match_id, [[(key position, test), ...] per token])
        self.patterns = patterns
        self.single: dict[tuple, tuple] = {}  # token attributes → (attr_id, match_id) of 1-token patterns
        self.first: dict[tuple, tuple] = {}  # token attributes → multi-token patterns whose 1st token holds
        self.holds: dict[tuple[tuple, int, int], bool] = {}  # (attributes, pattern, position) → holds

    @classmethod
    def build(cls, ruler) -> FastRulerMatch | None:
        """None if any pattern uses something the tables do not model."""
        compiled = []
        for attr_id, pattern_list in enumerate(_ruler_patterns(ruler)):
            match_id = ruler.vocab.strings.add(str(attr_id))
            for pattern in pattern_list:
                tokens = []
                for token_spec in pattern:
                    tests = []
                    for key, spec in token_spec.items():
                        test = _predicate(key, spec) if key in _KEYS else None
                        if test is None:
                            return None
                        tests.append((_KEYS.index(key), test))
                    tokens.append(tests)
                if not tokens:
                    return None
                compiled.append((attr_id, match_id, tokens))
        return cls(ruler, compiled)

    def _values(self, row: tuple) -> tuple:
        strings = self.strings
        return (strings[row[0]], strings[row[1]], strings[row[2]], bool(row[3]))

    def _token_holds(self, values: tuple, tests) -> bool:
        return all(test(values[position]) for position, test in tests)

    def _tables_for(self, row: tuple) -> tuple[tuple, tuple]:
        single = self.single.get(row)
        if single is None:
            values = self._values(row)
            single = tuple((attr_id, match_id) for attr_id, match_id, tokens in self.patterns
                           if len(tokens) == 1 and self._token_holds(values, tokens[0]))
            first = tuple(n for n, (_, _, tokens) in enumerate(self.patterns)
                          if len(tokens) > 1 and self._token_holds(values, tokens[0]))
            if len(self.single) < _TABLE_LIMIT:
                self.single[row], self.first[row] = single, first
            return single, first
        return single, self.first[row]

    def _holds_at(self, row: tuple, n: int, position: int) -> bool:
        key = (row, n, position)
        held = self.holds.get(key)
        if held is None:
            held = self._token_holds(self._values(row), self.patterns[n][2][position])
            if len(self.holds) < _TABLE_LIMIT:
                self.holds[key] = held
        return held

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        rows = [tuple(r) for r in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()]
        found: set[tuple[int, int, int, int]] = set()
        for i, row in enumerate(rows):
            single, first = self._tables_for(row)
            for attr_id, match_id in single:
                found.add((attr_id, match_id, i, i + 1))
            for n in first:
                attr_id, match_id, tokens = self.patterns[n]
                end = i + len(tokens)
                if end <= len(rows) and all(self._holds_at(rows[i + k], n, k) for k in range(1, len(tokens))):
                    found.add((attr_id, match_id, i, end))
        return sorted(found)


def _ruler_patterns(ruler) -> list[list[list[dict]]]:
    """The ruler's patterns per attr_id, read back from its Matcher."""
    out = []
    for attr_id in range(len(ruler.attrs)):
        _, patterns = ruler.matcher.get(str(attr_id))
        out.append([list(pattern) for pattern in patterns])
    return out


# --- lemmatizer ----------------------------------------------------------------------------------

@cache
def _table_class(base: type) -> type:
    """A subclass of the model's lemmatizer class whose __call__ works column-wise."""
    return type(f"Table{base.__name__}", (base,), {"__call__": _table_call})


def _table_call(self, doc: Doc) -> Doc:
    """Lemmatizer.__call__ with overwrite off, one rule_lemmatize per distinct (ORTH, POS, MORPH)."""
    if not self._validated:
        self._validate_tables(Errors.E1004)
    try:
        return _lemmatize_columns(self, doc)
    except Exception as exc:
        return self.get_error_handler()(self.name, self, [doc], exc)


def _lemmatize_columns(self, doc: Doc) -> Doc:
    table = self.__dict__.setdefault("_lemma_table", {})
    strings = self.vocab.strings
    array = doc.to_array([ORTH, POS, MORPH, LEMMA])
    column = array[:, 3].copy()
    changed = False
    for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
        if lemma != 0:
            continue
        key = (orth, pos, morph)
        value = table.get(key)
        if value is None:
            value = strings.add(self.lemmatize(doc[i])[0])
            if len(table) < _TABLE_LIMIT:
                table[key] = value
        column[i] = value
        changed = True
    if changed:
        doc.from_array([LEMMA], column.reshape(-1, 1).astype(numpy.uint64))
    return doc
