"""A simple readability indicator for Finnish and Swedish texts that staff write.

Plain language (selkokieli / lättläst) favours short sentences and short words. Finnish builds
long compound words, so the indicator counts both: the average sentence length in words and
the share of long words. Swedish also gets LIX (läsbarhetsindex), the measure Swedish readers
know: words per sentence + 100 × share of words longer than six letters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[.!?…]+(?:\s+|$)|\n{2,}")
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")

# Thresholds from Finnish and Swedish plain-language guidance: sentences of about ten words,
# few long compounds. Swedish readers know LIX by Björnsson's scale, where above 40 is already
# "medelsvår" (fairly hard): a text past it is never called easy, whatever the other measures say.
LIMITS = {
    "fi": {"sentence_words": 12, "long_word_letters": 13, "long_word_share": 0.15, "lix": None},
    "sv": {"sentence_words": 15, "long_word_letters": 12, "long_word_share": 0.15, "lix": 40},
}


@dataclass(frozen=True)
class Readability:
    sentences: int
    words: int
    words_per_sentence: float
    long_word_share: float
    lix: float | None
    long_sentences: bool
    many_long_words: bool
    high_lix: bool = False

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(code for code, on in (("long_sentences", self.long_sentences),
                                            ("many_long_words", self.many_long_words),
                                            ("high_lix", self.high_lix)) if on)


def assess(text: str, language: str) -> Readability | None:
    """None when there is nothing to assess or no rule for the language."""
    limits = LIMITS.get(language)
    if limits is None:
        return None
    sentences = [s for s in _SENTENCE_END.split(text) if _WORD.search(s)]
    words = _WORD.findall(text)
    if not words:
        return None
    per_sentence = len(words) / max(1, len(sentences))
    long_share = sum(len(w) >= limits["long_word_letters"] for w in words) / len(words)
    lix = per_sentence + 100 * sum(len(w) > 6 for w in words) / len(words) if language == "sv" else None
    # The warnings are decided on the figures as shown, so that "LIX 40.0" is never called above 40.
    per_sentence, long_share = round(per_sentence, 1), round(long_share, 3)
    lix = round(lix, 1) if lix is not None else None
    return Readability(
        sentences=len(sentences), words=len(words), words_per_sentence=per_sentence,
        long_word_share=long_share, lix=lix,
        long_sentences=per_sentence > limits["sentence_words"],
        many_long_words=long_share > limits["long_word_share"],
        high_lix=lix is not None and lix > limits["lix"],
    )
