"""The table-driven attribute ruler and lemmatizer annotate exactly as spaCy's own components."""

from pathlib import Path

import numpy
import pytest

from crisislens.nlp import load_model

SENTENCES = [
    "Gunmen killed three villagers and burned houses near the market on Tuesday.",
    "There are no reports of casualties, but police said they're gonna investigate.",
    "It ain't clear whether the soldiers got there before the rebels had left.",
    "Let's say the   protesters, who'd gathered since dawn, didn't disperse.\n\nY'all know it.",
    "Nothin' was taken; I told you it was the militia that attacked it, not us.",
    "The 2nd Battalion's commander (Lt. Col. A. Mensah) denied that his men fired on the crowd.",
    "C'mon, what does he have to do with it? He had done nothing.",
    "Has the governor's office released the figures yet?",
]


@pytest.fixture(scope="module")
def models():
    return load_model(fast=False), load_model(fast=True)


def test_the_fast_model_swaps_both_components(models):
    _, fast = models
    assert type(fast.get_pipe("lemmatizer")).__name__.startswith("Table")
    assert not hasattr(models[0].get_pipe("attribute_ruler").match, "patterns")
    assert hasattr(fast.get_pipe("attribute_ruler").match, "patterns")
    assert "set_annotations" in vars(fast.get_pipe("attribute_ruler"))
    assert "set_annotations" not in vars(models[0].get_pipe("attribute_ruler"))


@pytest.mark.parametrize("text", SENTENCES)
def test_annotations_are_identical(models, text):
    reference, fast = models
    for _ in range(2):  # the second pass answers from the tables
        want, got = reference(text), fast(text)
        assert [(t.text, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, str(t.morph)) for t in got] == \
               [(t.text, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i, str(t.morph)) for t in want]


def test_batches_are_identical(models):
    reference, fast = models
    want = [[(t.lemma_, t.pos_, str(t.morph)) for t in d] for d in reference.pipe(SENTENCES * 3, batch_size=4)]
    got = [[(t.lemma_, t.pos_, str(t.morph)) for t in d] for d in fast.pipe(SENTENCES * 3, batch_size=4)]
    assert got == want


def test_the_fast_lemmatizer_looks_words_up_in_sets(models):
    reference, fast = models
    fast_index = fast.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    reference_index = reference.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(words, frozenset) for words in fast_index.values())
    assert {key: frozenset(words) for key, words in reference_index.items()} == dict(fast_index.items())


@pytest.mark.parametrize("text", ["The wounded were ferried to clinics after the shootings.",
                                  "Herders' cattle grazed where militiamen had dug trenches."])
def test_lemmas_of_new_words_match_the_reference(models, text):
    reference, fast = models
    fast.get_pipe("lemmatizer").__dict__.pop("_lemma_table", None)  # every word is new again
    assert [t.lemma_ for t in fast(text)] == [t.lemma_ for t in reference(text)]


def test_the_fast_model_multiplies_with_numpy_on_one_thread(models):
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_info

    reference, fast = models
    fast_ops = {type(node.ops).__name__ + str(getattr(node.ops, "use_blis", None))
                for _, pipe in fast.pipeline if getattr(pipe, "model", None) for node in pipe.model.walk()}
    assert fast_ops == {"NumpyOpsFalse"}
    assert all(node.ops.use_blis for _, pipe in reference.pipeline if getattr(pipe, "model", None)
               for node in pipe.model.walk() if isinstance(node.ops, NumpyOps))
    blas = [lib for lib in threadpool_info() if lib["user_api"] == "blas"]
    numpy_dir = Path(numpy.__file__).resolve().parent
    own = [lib for lib in blas if Path(lib["filepath"]).resolve().parent.name in (numpy_dir.name, "numpy.libs")]
    # other packages (scipy) may load their own BLAS later; only numpy's does the parse's products
    assert own or blas
    assert all(lib["num_threads"] == 1 for lib in own or blas)


@pytest.mark.parametrize("text", SENTENCES)
def test_entities_and_sentences_are_identical(models, text):
    reference, fast = models
    want, got = reference(text), fast(text)
    assert [(e.start, e.end, e.label_) for e in got.ents] == [(e.start, e.end, e.label_) for e in want.ents]
    assert [s.start for s in got.sents] == [s.start for s in want.sents]


def test_the_fast_model_has_the_saved_tokenizer_of_the_untouched_one(models):
    reference, fast = models
    assert fast.tokenizer.to_bytes(exclude=["vocab"]) == reference.tokenizer.to_bytes(exclude=["vocab"])
    assert fast.config["nlp"]["tokenizer"]["@tokenizers"] == "crisislens.SavedTokenizer.v1"
    text = "U.S. troops can't reach the town (e.g. Mandera) before 5pm -- officials said :-)"
    assert [t.text for t in fast(text)] == [t.text for t in reference(text)]
