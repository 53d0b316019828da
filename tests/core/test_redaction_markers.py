"""The markers shown in place of removed text are in the writer's language (issue 17 item 8):
a Finnish page never shows "[phone]"."""

import pytest
from django.utils import translation

from coprocure.core import redaction

TEXT = "Soita 040 123 4567 tai kirjoita nimi(at)esimerkki.fi, hetu 131052–308T"


@pytest.mark.parametrize("language,phone,email,hetu", [
    ("fi", "[puhelinnumero poistettu]", "[sähköpostiosoite poistettu]", "[henkilötunnus poistettu]"),
    ("sv", "[telefonnummer borttaget]", "[e-postadress borttagen]", "[personbeteckning borttagen]"),
    ("en", "[phone number removed]", "[e-mail address removed]", "[identity code removed]"),
])
def test_markers_follow_the_language_of_the_page(language, phone, email, hetu):
    with translation.override(language):
        cleaned, redacted = redaction.redact(TEXT)
    assert redacted and cleaned == f"Soita {phone} tai kirjoita {email}, hetu {hetu}"
    with translation.override(language):
        assert redaction.redact(cleaned) == (cleaned, False)
