"""Reference data staff pick from: the review body, social and health CPV codes, the Finnish
regions (NUTS 3). Kept here as data so that a notice never carries a code typed by hand."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .eforms.data import Organisation

# The Market Court (markkinaoikeus) hears every appeal in public procurement (Procurement Act
# 1397/2016 section 146); its address and e-mail as published at oikeus.fi.
MARKET_COURT = Organisation(
    "ORG-0002", "Markkinaoikeus", "", "Helsinki", nuts="FI1B1",
    street="Radanrakentajantie 5", postcode="00520", email="markkinaoikeus@oikeus.fi",
    website="https://oikeus.fi/markkinaoikeus",
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

# Finland's NUTS 3 regions as the eForms SDK 1.15 lists them (NUTS 2024, sdk/codelists/
# nuts_nuts-fin-lvl3.gc; the codes changed from NUTS 2021 with the wellbeing services counties).
NUTS_CODES = {
    "FI1B1": "Helsinki-Uusimaa",
    "FI1C1": "Varsinais-Suomi",
    "FI196": "Satakunta",
    "FI1C2": "Kanta-Häme",
    "FI19B": "Pirkanmaa",
    "FI1C6": "Päijät-Häme",
    "FI1C7": "Kymenlaakso",
    "FI1C5": "Etelä-Karjala",
    "FI1DA": "Etelä-Savo",
    "FI1DB": "Pohjois-Savo",
    "FI1DC": "Pohjois-Karjala",
    "FI198": "Keski-Suomi",
    "FI199": "Etelä-Pohjanmaa",
    "FI19A": "Pohjanmaa",
    "FI1D5": "Keski-Pohjanmaa",
    "FI1D9": "Pohjois-Pohjanmaa",
    "FI1D8": "Kainuu",
    "FI1D7": "Lappi",
    "FI200": "Åland",
}
