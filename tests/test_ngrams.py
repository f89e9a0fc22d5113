import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from riskdetect.ngrams import Batch, HashIndex

CHAT = st.text(alphabet=st.sampled_from(list("ab je!?\t\n_é😀0") + ["\x00", "\u200b", "𝕒"]), max_size=30)


def reference_char_ngrams(text: str, low: int, high: int) -> list[str]:
    """Every n-gram of every whitespace-separated word padded with one space each side."""
    grams = []
    for word in text.split():
        padded = f" {word} "
        grams += [padded[i : i + n] for n in range(low, high + 1) for i in range(len(padded) - n + 1)]
    return grams


def reference_word_ngrams(text: str, low: int, high: int) -> list[str]:
    tokens = re.findall(r"\w+", text)
    return [" ".join(tokens[i : i + n]) for n in range(low, high + 1) for i in range(len(tokens) - n + 1)]


def texts_of(batch: Batch, grams, doc: int) -> list[str]:
    starts, ends = grams.starts.tolist(), grams.ends.tolist()
    return [batch.ngram_text(grams.kind, starts[i], ends[i]) for i in np.flatnonzero(grams.docs == doc)]


@pytest.mark.parametrize(
    "kind, low, high, reference",
    [("char", 2, 4, reference_char_ngrams), ("char", 1, 5, reference_char_ngrams), ("word", 1, 3, reference_word_ngrams)],
)
@given(texts=st.lists(CHAT, max_size=5))
def test_ngrams_equal_a_plain_python_reference(kind, low, high, reference, texts):
    """char: the n-grams of every whitespace-separated word padded with a space (the packed
    keys up to 4, the polynomial hash beyond); word: consecutive tokens of one text."""
    batch = Batch.from_texts(texts)
    grams = batch.char_ngrams(low, high) if kind == "char" else batch.word_ngrams(low, high)
    for doc, text in enumerate(texts):
        assert sorted(texts_of(batch, grams, doc)) == sorted(reference(text, low, high))


@given(st.lists(CHAT, min_size=1, max_size=5))
def test_equal_ngrams_hash_equal_and_batch_does_not_matter(texts):
    batch = Batch.from_texts(texts)
    grams = batch.char_ngrams(2, 4)
    by_text: dict = {}
    starts, ends, hashes = grams.starts.tolist(), grams.ends.tolist(), grams.hashes.tolist()
    for start, end, value in zip(starts, ends, hashes):
        by_text.setdefault(batch.ngram_text("char", start, end), set()).add(value)
    assert all(len(hashes) == 1 for hashes in by_text.values())
    assert len({h for hashes in by_text.values() for h in hashes}) == len(by_text)
    alone = Batch.from_texts(texts[-1:]).char_ngrams(2, 4).hashes
    assert sorted(grams.hashes[grams.docs == len(texts) - 1].tolist()) == sorted(alone.tolist())


@given(st.sets(st.integers(1, 2**64 - 1), max_size=300), st.lists(st.integers(1, 2**64 - 1), max_size=50))
def test_hash_index_finds_exactly_its_keys(keys, probes):
    keys = sorted(keys)
    index = HashIndex(np.asarray(keys, dtype=np.uint64))
    position = {key: i for i, key in enumerate(keys)}
    queries = keys + probes
    found = index.lookup(np.asarray(queries, dtype=np.uint64)).tolist()
    assert found == [position.get(q, -1) for q in queries]


def test_hash_index_with_colliding_slots():
    keys = np.asarray([(i << 48) | 5 for i in range(1, 200)], dtype=np.uint64)  # differ only in the top bits
    index = HashIndex(keys)
    assert index.lookup(keys).tolist() == list(range(199))
    assert index.lookup(np.asarray([(999 << 48) | 5], dtype=np.uint64)).tolist() == [-1]
    with pytest.raises(ValueError, match="non-zero"):
        HashIndex(np.asarray([0, 1], dtype=np.uint64))
