from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain.readability import LIMITS, assess

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


def test_swedish_text_with_lix_103_is_not_called_easy():
    # Short sentences of long (but not compound-long) words: LIX = 14 + 100 × 13/14 ≈ 106.9.
    text = ("Upphandlingen förutsätter kontinuerlig utveckling, uppföljning, utvärdering, "
            "dokumentation, rapportering, samordning, finansiering, organisering, kvalitetskrav, "
            "avtalsvillkor, ersättningar och delaktighet.")
    result = assess(text, "sv")
    assert result.lix > 100
    assert "high_lix" in result.warnings


swedish_words = st.text(alphabet="abcdefghijklmnoprstuvyåäö", min_size=1, max_size=14)


@given(st.lists(st.lists(swedish_words, min_size=1, max_size=25), min_size=1, max_size=8))
def test_a_swedish_text_above_lix_40_always_gets_a_warning(sentence_words):
    text = " ".join(" ".join(ws) + "." for ws in sentence_words)
    result = assess(text, "sv")
    assert (result.lix > 40) <= bool(result.warnings)
    assert (result.lix <= 40) <= ("high_lix" not in result.warnings)


@given(st.sampled_from(["fi", "sv"]), st.lists(st.lists(words, min_size=1, max_size=30), min_size=1, max_size=10))
def test_no_text_past_any_limit_is_called_easy(language, sentence_words):
    limits = LIMITS[language]
    text = " ".join(" ".join(ws) + "." for ws in sentence_words)
    result = assess(text, language)
    past_a_limit = (result.words_per_sentence > limits["sentence_words"]
                    or result.long_word_share > limits["long_word_share"]
                    or (limits["lix"] is not None and result.lix > limits["lix"]))
    assert past_a_limit <= bool(result.warnings)
