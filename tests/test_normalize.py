import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskdetect.normalize import _FOLD_TABLE, DutchNormalizer, normalize, normalize_text, normalize_texts


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("L33n j3 p 1 n p a s uit", "leen je pinpas uit"),
        ("p.i.n.p.a.s", "pinpas"),
        ("ЅNEL GЕLD", "snel geld"),  # Cyrillic S and E
        ("l\u200be\u200den", "leen"),  # zero-width space and joiner
        ("heeeeel veeeel doekoe", "heel veel geld"),
        ("💰💰 via snap", "geld geld via snapchat"),
        ("bel 06-12345678", "bel _telnr_"),
        ("€500 of 500 euro of 2k", "_bedrag_ of _bedrag_ of _bedrag_"),
        ("mail naar iemand@voorbeeld.nl", "mail naar _email_"),
        ("check www.voorbeeld.nl/x", "check _url_"),
        ("volg @stoere_jongen", "volg _handle_"),
        ("ge moogt uw bankkaart uitlenen", "je moogt je pinpas uitlenen"),
        ("Café één", "cafe een"),
        ("ps5 fifa23 om 15u, de 2de keer", "ps5 fifa23 om 15u, de 2de keer"),
        ("z.e.g n.i.k.s tegen je ouders", "zeg niks tegen je ouders"),  # a lone space between dotted words
        ("p. i. n. p. a. s", "pinpas"),
        ("w e  w e t e n  w a a r  j e  w o o n t", "we weten waar je woont"),  # a wider gap is a word break
        ("w.i.j  w.e.t.e.n  w.a.a.r", "wij weten waar"),
        ("w.e.t.e.n. w.a.a.r. j.e. t.r.a.i.n.t.", "weten waar je traint."),
        ("c h a t. m a m a", "chat mama"),
        ("i k w e e t", "ikweet"),  # one uniform gap: no break to find
        ("h37 is d47 w337 j3", "het is dat weet je"),  # letter + leet digits is leet, not a model name
        ("al5 du5 0p 0m 1s", "als dus op om is"),  # a number does not start with 0; "1s" is "is"
        ("gta5 op de ps4, 3x per dag, de 7e", "gta5 op de ps4, 3x per dag, de 7e"),
        ("00k 2k", "ook _bedrag_"),
        # "1k" is a thousand, unless a first-person verb (plain or in leet) follows: then "ik"
        ("1k ben 14 en 1K WEET het", "ik ben 14 en ik weet het"),
        ("1k w33t w44r je w00nt", "ik weet waar je woont"),
        ("ik geef je 1k, 1k volgers, 1k 500", "ik geef je _bedrag_ , _bedrag_ volgers, _bedrag_ 500"),
    ],
)
def test_examples(raw, expected):
    assert normalize_text(raw) == expected
    assert normalize(raw).text == expected


def test_slang_keys_start_with_a_word_character():
    # The slang pattern's "\b(?<!')" equals "not after a word character or apostrophe" only then.
    from riskdetect.lang.nl.slang import SLANG

    assert all(key[:1].isalnum() or key[:1] == "_" for key in SLANG)
    assert normalize_text("'ff mattie") == "'ff maat" and normalize_text("ff, mattie") == "even, maat"


def test_offsets_point_at_original_characters():
    n = normalize("ff je p.i.n.p.a.s lenen?")
    start = n.text.index("pinpas")
    assert n.original_span(start, start + 6) == (6, 17)
    assert n.original[slice(*n.original_span(start, start + 6))] == "p.i.n.p.a.s"


def test_placeholder_maps_to_whole_original_amount():
    n = normalize("voor €500 cash")
    start = n.text.index("_bedrag_")
    s, e = n.original_span(start, start + len("_bedrag_"))
    assert n.original[s:e] == "€500"


def test_original_span_rejects_bad_spans():
    n = normalize("hoi")
    with pytest.raises(ValueError):
        n.original_span(2, 1)
    with pytest.raises(ValueError):
        n.original_span(0, 10)


def test_type_errors():
    with pytest.raises(TypeError):
        normalize_text(None)
    with pytest.raises(TypeError):
        normalize(b"bytes")


def test_transformer():
    normalizer = DutchNormalizer()
    assert normalizer.fit(["x"]).transform(["P1NPAS"]) == ["pinpas"]


chat_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(list("ab 1.4@€💰🔪\u200b\u200d\u202e\u0301")),
    max_size=80,
)


@given(chat_text)
def test_fast_and_tracked_paths_agree(text):
    assert normalize(text).text == normalize_text(text)


@given(st.lists(chat_text | st.sampled_from(["NL91 ABNA 0417 1643 00", "06-12345678", "€ 1.500,-", "p i n p a s", "heyyy!!!", "www.x.nl", "a@b.nl",
                                              "2,5k", "eur 50", "15u", "ps5", "p_1npas", "h!", "g.e.l.d", "50 ballen"]), max_size=6))
def test_batch_path_agrees_with_one_by_one(texts):
    assert normalize_texts(texts) == [normalize_text(text) for text in texts]


GATE_WORDS = ["mattie, wollah!", "v-bucks", "v bucks", "kan't", "een'", "$ $ $", "a a a", "x-1-y", "m4ttie", "1.5k", "nl12 abcd 1234 5678 90",
              "5 piek", "eur50", "euros 5", "€5", "5,-", "2kg", "a_1", "p1n|pas", "𝐩1n", "𠀀mattie", "mattie😀", "ff", "wss", "doekoe", "nie"]
# Characters the batch gates look at, to reach their edges.
gate_text = st.lists(st.sampled_from(list("abekpuilrnsw0125 .,-*_·/@$€!|':𠀀") + GATE_WORDS), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(gate_text, max_size=8))
def test_batch_gates_never_skip_a_line_the_step_changes(texts):
    assert normalize_texts(texts) == [normalize_text(text) for text in texts]


def test_batch_path_reports_the_bad_row():
    with pytest.raises(TypeError, match="text 1 must be a str"):
        normalize_texts(["ok", None])


def test_folding_leaves_only_plain_spaces():
    """The batch path joins texts with newlines and collapses only " ": folding must turn every
    other whitespace (and every newline) into a space."""
    folded = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000).translate(_FOLD_TABLE)
    assert {c for c in folded if c.isspace()} == {" "}


@given(chat_text)
def test_idempotent(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(chat_text)
def test_offset_map_is_valid(text):
    n = normalize(text)
    assert len(n.starts) == len(n.ends) == len(n.text)
    if len(n.text):
        assert np.all(n.starts >= 0) and np.all(n.ends <= len(text)) and np.all(n.starts < n.ends)
        assert np.all(np.diff(n.starts) >= 0)


@given(st.text(max_size=30).map(lambda s: s + "\ud800" + s))
def test_lone_surrogates_do_not_crash(text):
    assert "\ud800" not in normalize_text(text)


def test_very_long_text_is_fast_enough_to_finish():
    text = ("leen je p1npas uit 💰 " * 50_000)[:1_000_000]
    assert normalize_text(text).startswith("leen je pinpas uit geld")
    assert len(normalize(text).text) > 0


def test_ascii_folds_one_character_for_one_through_the_byte_table():
    from riskdetect.normalize import _fold, _fold_char

    for code in range(128):
        assert len(_fold_char(chr(code))) <= 1 and _fold_char(chr(code)).isascii()
        assert _fold(chr(code) + "Ab") == (chr(code) + "Ab").translate(_FOLD_TABLE)
