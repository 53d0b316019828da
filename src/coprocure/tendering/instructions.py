"""The instructions every award and selection decision carries: how to ask the contracting authority for
rectification (oikaisuohje) and how to appeal to the Market Court (valitusosoitus), with the
last day computed from the deemed receipt (``AwardDecision.complaints_until``).

They are generated in Finnish and Swedish, the languages of the decision's addressees, and in
the reader's language when that is another one (English)."""

from __future__ import annotations

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

MARKET_COURT = "Markkinaoikeus, Radanrakentajantie 5, 00520 Helsinki"
MARKET_COURT_EMAIL = "markkinaoikeus@oikeus.fi"
OFFICIAL_LANGUAGES = ("fi", "sv")
NAMES = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}


def _texts(decision) -> dict:
    # An award decision has its procurement and days through its tender; a selection decision
    # (procedures app) has them itself.
    source = getattr(decision, "tender", decision)
    params = {
        "authority": source.procurement.authority.name,
        "deadline": date_format(decision.complaints_until, "SHORT_DATE_FORMAT"),
        "received": date_format(decision.received_on, "SHORT_DATE_FORMAT"),
        "days": source.complaint_days, "court": MARKET_COURT, "email": MARKET_COURT_EMAIL,
    }
    rectification = [
        _("A party to the procurement may ask %(authority)s to correct this decision by a request for rectification (Act on Public Procurement and Concession Contracts 1397/2016, sections 132–134)."),
        _("The request must be made by %(deadline)s at the latest: within %(days)s days of the day the decision is deemed received (%(received)s)."),
        _("Make the request in writing to the contracting authority (%(authority)s) or on the award page of this service. Name the decision, say what should be corrected and why, and give your contact details."),
        _("A request for rectification does not extend the time for appealing to the Market Court."),
    ]
    appeal = [
        _("A party to the procurement may appeal against this decision to the Market Court (1397/2016, sections 145–147)."),
        _("The appeal must reach the Market Court by %(deadline)s at the latest, before its office closes: within %(days)s days of the day the decision is deemed received (%(received)s)."),
        _("Address the appeal to the Market Court: %(court)s, e-mail %(email)s. It can also be filed in the courts' e-services. Name the decision appealed against, say how it should be changed and why, and give the appellant's contact details; attach this decision."),
        _("The appellant must inform the contracting authority (%(authority)s) in writing that the matter has been brought before the Market Court, at the latest when filing the appeal."),
        _("The Market Court charges a court fee under the Court Fees Act (1455/2015); its amount depends on the value of the procurement. The fee is not charged if the Market Court changes the decision in the appellant's favour."),
        _("The Market Court, not the contracting authority, decides whether an appeal was made in time."),
    ]
    return {
        "rectification_title": _("Instructions for requesting rectification"),
        "rectification": [text % params for text in rectification],
        "appeal_title": _("Instructions for appealing to the Market Court"),
        "appeal": [text % params for text in appeal],
    }


def for_decision(decision, reader_language: str | None = None) -> list[dict]:
    """The instructions in the reader's language first, then in Finnish and Swedish, each as
    ``{"lang", "name", "rectification_title", "rectification", "appeal_title", "appeal"}``."""
    reader = (reader_language or translation.get_language() or "fi")[:2]
    languages = [reader] + [language for language in OFFICIAL_LANGUAGES if language != reader]
    result = []
    for language in languages:
        with translation.override(language):
            result.append({"lang": language, "name": NAMES.get(language, language), **_texts(decision)})
    return result
