from hypothesis import given
from hypothesis import strategies as st

from coprocure.domain.translation import LANGUAGES, Origin, normalise, resolve


def test_reader_gets_own_language_with_its_origin():
    value = {"fi": "Hei", "sv": {"text": "Hej", "origin": "machine"}}
    resolved = resolve(value, "sv")
    assert (resolved.text, resolved.language, resolved.origin, resolved.is_fallback) == ("Hej", "sv", Origin.MACHINE, False)


def test_missing_language_falls_back_to_finnish_and_says_so():
    resolved = resolve({"fi": "Hei", "sv": "  "}, "sv")
    assert (resolved.text, resolved.language, resolved.is_fallback) == ("Hei", "fi", True)


def test_nothing_written():
    assert resolve({}, "en").text == ""
    assert resolve(None, "en").text == ""


texts = st.dictionaries(st.sampled_from(LANGUAGES), st.text(max_size=20))


@given(texts, st.sampled_from(LANGUAGES))
def test_resolution_never_invents_text(value, language):
    resolved = resolve(value, language)
    written = {lang: entry["text"] for lang, entry in normalise(value).items()}
    if written:
        assert written[resolved.language] == resolved.text
        assert resolved.is_fallback == (language not in written)
    else:
        assert resolved.text == ""
