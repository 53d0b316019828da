from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain.readability import assess

PLAIN_FI = "Ostamme päihdepalveluja. Kerro, mitä tarvitset. Voit vastata puhelimessa."
HARD_FI = ("Palvelukokonaisuuden vaikuttavuusperusteinen kehittämissuunnitelma edellyttää "
           "monialaisen yhteistyöverkoston sitoutumista asiakaslähtöisyysperiaatteiden toteuttamiseen "
           "kaikissa palveluprosessin vaiheissa sekä jatkuvaa laadunseurantaa.")


def test_plain_finnish_has_no_warnings():
    result = assess(PLAIN_FI, "fi")
    assert (result.sentences, result.warnings) == (3, ())


def test_long_sentence_full_of_compounds_is_flagged():
    assert set(assess(HARD_FI, "fi").warnings) == {"long_sentences", "many_long_words"}


def test_swedish_lix():
    # 6 words, 1 sentence, 2 words longer than six letters: LIX = 6 + 100 × 2/6 = 39.3.
    assert assess("Vi köper missbrukartjänster för våra invånare.", "sv").lix == 39.3


def test_unknown_language_or_empty_text():
    assert assess("Hello there.", "en") is None
    assert assess(" ... 123 ", "fi") is None


words = st.text(alphabet="abcdefghijklmnoprstuvyäö", min_size=1, max_size=20)


@given(st.lists(st.lists(words, min_size=1, max_size=30), min_size=1, max_size=10))
def test_counts_match_the_text(sentence_words):
    text = " ".join(" ".join(ws) + "." for ws in sentence_words)
    result = assess(text, "fi")
    assert result.words == sum(len(ws) for ws in sentence_words)
    assert result.sentences == len(sentence_words)
    assert 0 <= result.long_word_share <= 1
