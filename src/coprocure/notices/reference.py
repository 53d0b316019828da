"""Reference data of the notices: the review body and the social and health CPV codes staff pick
from (the Finnish regions are in domain/regions.py). Kept here as data so that a notice never
carries a code typed by hand."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .eforms.data import Organisation

# The Market Court (markkinaoikeus) hears every appeal in public procurement (Procurement Act
# 1397/2016 section 146). Its address and e-mail as published at oikeus.fi; the business ID
# (BT-501, which the EU rules require of the review body) was written from memory and could not
# be checked offline: the operator confirms it, or sets the right one in COPROCURE_REVIEW_BODY
# (docs/notices.md). Any key given there replaces the default.
REVIEW_BODY = {
    "name": {"fi": "Markkinaoikeus", "sv": "Marknadsdomstolen", "en": "Market Court"},
    "business_id": "3006157-6",
    "street": "Radanrakentajantie 5",
    "postcode": "00520",
    "city": "Helsinki",
    "nuts": "FI1B1",
    "email": "markkinaoikeus@oikeus.fi",
    "website": "https://oikeus.fi/markkinaoikeus",
}


def review_body(language: str = "fi") -> Organisation:
    """The review body as a notice in this language (fi, sv, en) names it, ORG-0002."""
    body = {**REVIEW_BODY, **getattr(settings, "COPROCURE_REVIEW_BODY", {})}
    return Organisation(
        "ORG-0002", body["name"].get(language) or body["name"]["fi"], body["business_id"], body["city"],
        nuts=body["nuts"], street=body["street"], postcode=body["postcode"], email=body["email"],
        website=body["website"],
    )

# A curated part of the CPV 2008 codes that the eForms SDK lists as social and other specific
# services (codelists/cpv_social-service-cpv.gc), those CoProcure's service areas use.
CPV_CODES = {
    "85000000": _("Health and social work services"),
    "85100000": _("Health services"),
    "85140000": _("Miscellaneous health services"),
    "85300000": _("Social work and related services"),
    "85310000": _("Social work services"),
    "85311000": _("Social work services with accommodation"),
    "85311100": _("Welfare services for the elderly"),
    "85311200": _("Welfare services for the handicapped"),
    "85311300": _("Welfare services for children and young people"),
    "85312000": _("Social work services without accommodation"),
    "85312100": _("Daycare services"),
    "85312400": _("Welfare services not delivered through residential institutions"),
    "85312500": _("Rehabilitation services"),
    "85320000": _("Social services"),
    "85321000": _("Administrative social services"),
    "85323000": _("Community health services"),
    "79625000": _("Supply services of medical personnel"),
}
