"""Cheaper drop-ins for two Python-level spaCy components, with identical annotations.

A profile of en_core_web_sm on news text puts about a fifth of the parse in two components
that do little work per token but do it slowly: the attribute ruler (a Matcher over ~180
single- and two-token patterns, run on every token) and the rule lemmatizer (a Python loop
that builds a Token, a MorphAnalysis and a cache key per token). Both are pure functions of
a few token attributes, so here they are answered from tables keyed by those attributes,
built lazily from the component's own patterns and tables:

- the attribute ruler's `match` reads (TAG, LOWER, DEP, IS_SPACE) of each token as integers
  and looks up which patterns hold (see FastRulerMatch); the matches are then applied by spaCy's own
  `set_annotations`, in spaCy's order;
- the lemmatizer asks spaCy's own `rule_lemmatize` once per (ORTH, POS, MORPH) and writes
  the column of lemmas in one `Doc.from_array` call. Its `lemma_index` lists (58k nouns) are
  turned into frozensets: `rule_lemmatize` only asks `form in index`, which on a list is a
  linear scan (~0.7 ms per new word: a second of a 1,000-note run was that scan).

Anything these tables cannot express (another pattern key or operator, another lemmatizer
mode) leaves the component untouched.

The networks' matrix products (thinc's `ops.gemm`: most of the parse) go to numpy's BLAS
instead of blis: on the development machine OpenBLAS multiplies the batch matrices of the
tok2vec, tagger, parser and NER layers 2.5x faster (55 vs 22 GFLOP/s on one core; the parse
costs 32% less CPU). The products may round differently in the last bit, so this was checked
annotation by annotation: identical on all 7,126 development documents (757,659 tokens: ACLED
notes, WikiEvents, news stream, CAMEO). Only done when numpy's BLAS can be held to one
thread (threadpoolctl): a spinning second thread would double the CPU on a shared machine
for little wall-clock gain. tests/test_nlp_speed.py checks equality with the untouched
components; benchmarks/bench_extract.py measures the gain.
"""

from __future__ import annotations

import re
from functools import cache

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.errors import Errors
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

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
            ruler.set_annotations = _one_token_annotations(ruler)
            swapped.append("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if getattr(lemmatizer, "mode", None) == "rule" and not getattr(lemmatizer, "overwrite", True) \
                and type(lemmatizer).__call__ is Lemmatizer.__call__:
            lemmatizer.__class__ = _table_class(type(lemmatizer))
            _index_as_sets(lemmatizer)
            swapped.append("lemmatizer")
    if _numpy_gemm(nlp):
        swapped.append("gemm")
    return swapped


# --- matrix products -----------------------------------------------------------------------------

def _numpy_gemm(nlp: Language) -> bool:
    """Point every layer of the pipeline's models at NumpyOps(use_blis=False), whose gemm is
    numpy's `dot`; False (blis kept) if numpy's BLAS cannot be held to one thread."""
    if not _one_blas_thread():
        return False
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops
    return True


@cache
def _one_blas_thread() -> bool:
    """Limit numpy's BLAS to one thread for this process (OpenBLAS spins its idle threads)."""
    try:
        from threadpoolctl import threadpool_info, threadpool_limits
    except ImportError:
        return False
    blas = [lib for lib in threadpool_info() if lib.get("user_api") == "blas"]
    if not blas or any(lib.get("internal_api") not in ("openblas", "mkl", "blis") for lib in blas):
        return False
    threadpool_limits(limits=1, user_api="blas")
    return all(lib.get("num_threads") == 1 for lib in threadpool_info() if lib.get("user_api") == "blas")


# --- attribute ruler ---------------------------------------------------------------------------

def _test(key: str, spec) -> tuple[str, object] | None:
    """One token test of a Matcher pattern: ("eq", allowed values) or ("call", predicate on the
    attribute's string or bool value); None for what the tables do not model."""
    if isinstance(spec, (str, bool)):
        return "eq", (spec,)
    if isinstance(spec, dict) and len(spec) == 1:
        (op, arg), = spec.items()
        if op == "IN" and isinstance(arg, list):
            return "eq", tuple(arg)
        if op == "NOT_IN" and isinstance(arg, list):
            banned = frozenset(arg)
            return "call", lambda value: value not in banned
        if op == "REGEX" and isinstance(arg, str) and key != "IS_SPACE":
            compiled = re.compile(arg)
            return "call", lambda value: compiled.search(value) is not None
    return None


class FastRulerMatch:
    """AttributeRuler.match from look-up tables: same matches, same order.

    Each (pattern, token position) is one bit. Per attribute, a value maps to the bits whose
    test on that attribute it passes (or that do not test it); a token's bits are the AND over
    its four attributes, so a new word costs four dictionary look-ups, not 180 pattern tests.
    """

    def __init__(self, ruler, patterns: list[tuple[int, int, int]], slots: dict[tuple[int, int], int],
                 free: list[int], equal: list[dict], calls: list[list[tuple[int, object]]]) -> None:
        self.strings = ruler.vocab.strings
        self.patterns = patterns  # (attr_id, match_id, number of tokens) per pattern
        self.slots = slots  # (pattern, token position) → bit
        self.free, self.equal, self.calls = free, equal, calls  # per attribute, see _value_bits
        self.value_bits: list[dict[int, int]] = [{} for _ in _KEYS]
        self.row_bits: dict[tuple, int] = {}
        self.outcomes: dict[int, tuple[tuple, tuple]] = {}  # token bits → (1-token matches, longer starts)

    @classmethod
    def build(cls, ruler) -> FastRulerMatch | None:
        """None if any pattern uses something the tables do not model."""
        patterns: list[tuple[int, int, int]] = []
        slots: dict[tuple[int, int], int] = {}
        free, equal = [0] * len(_KEYS), [{} for _ in _KEYS]
        calls: list[list[tuple[int, object]]] = [[] for _ in _KEYS]
        for attr_id, pattern_list in enumerate(_ruler_patterns(ruler)):
            match_id = ruler.vocab.strings.add(str(attr_id))
            for pattern in pattern_list:
                if not pattern:
                    return None
                n = len(patterns)
                patterns.append((attr_id, match_id, len(pattern)))
                for position, token_spec in enumerate(pattern):
                    bit = slots[(n, position)] = 1 << len(slots)
                    if any(key not in _KEYS for key in token_spec):
                        return None
                    for k, key in enumerate(_KEYS):
                        if key not in token_spec:
                            free[k] |= bit
                            continue
                        test = _test(key, token_spec[key])
                        if test is None:
                            return None
                        kind, arg = test
                        if kind == "eq":
                            for value in arg:  # type: ignore[attr-defined]
                                equal[k][value] = equal[k].get(value, 0) | bit
                        else:
                            calls[k].append((bit, arg))
        return cls(ruler, patterns, slots, free, equal, calls)

    def _value_bits(self, k: int, raw: int) -> int:
        bits = self.value_bits[k].get(raw)
        if bits is None:
            value = bool(raw) if _KEYS[k] == "IS_SPACE" else self.strings[raw]
            bits = self.free[k] | self.equal[k].get(value, 0)
            for bit, call in self.calls[k]:
                if call(value):  # type: ignore[operator]
                    bits |= bit
            if len(self.value_bits[k]) < _TABLE_LIMIT:
                self.value_bits[k][raw] = bits
        return bits

    def _bits(self, row: tuple) -> int:
        bits = self.row_bits.get(row)
        if bits is None:
            bits = -1
            for k, raw in enumerate(row):
                bits &= self._value_bits(k, raw)
            if len(self.row_bits) < _TABLE_LIMIT:
                self.row_bits[row] = bits
        return bits

    def _outcome(self, bits: int) -> tuple[tuple, tuple]:
        outcome = self.outcomes.get(bits)
        if outcome is None:
            held = [n for n, _ in enumerate(self.patterns) if bits & self.slots[(n, 0)]]
            outcome = (tuple(self.patterns[n][:2] for n in held if self.patterns[n][2] == 1),
                       tuple(n for n in held if self.patterns[n][2] > 1))
            self.outcomes[bits] = outcome  # as many as distinct sets of patterns: a few hundred
        return outcome

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        bits = [self._bits(tuple(row)) for row in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()]
        found: set[tuple[int, int, int, int]] = set()
        for i, token_bits in enumerate(bits):
            single, longer = self._outcome(token_bits)
            for attr_id, match_id in single:
                found.add((attr_id, match_id, i, i + 1))
            for n in longer:
                attr_id, match_id, length = self.patterns[n]
                end = i + length
                if end <= len(bits) and all(bits[i + k] & self.slots[(n, k)] for k in range(1, length)):
                    found.add((attr_id, match_id, i, end))
        return sorted(found)


def _one_token_annotations(ruler):
    """AttributeRuler.set_annotations, with the same set_token_attrs calls in the same order, but
    a one-token match (47 a note, 8 longer ones in 1,000 notes) sets its token without building
    two Spans to find it; longer matches go through spaCy's own method."""
    own = type(ruler).set_annotations
    attrs, indices = ruler.attrs, ruler.indices

    def set_annotations(doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        for match in matches:
            attr_id, _, start, end = match
            if end - start == 1 and indices[attr_id] in (0, -1):
                set_token_attrs(doc[start], attrs[attr_id])
            else:
                own(ruler, doc, [match])

    return set_annotations


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


def _index_as_sets(lemmatizer) -> None:
    """`lemma_index` per POS as frozensets: rule_lemmatize only tests membership in them."""
    if not lemmatizer.lookups.has_table("lemma_index"):
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if isinstance(words, list):
            table[key] = frozenset(words)


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
