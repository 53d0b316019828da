"""What the demo's notices need beyond the procurements themselves: the codes and the buyer's
contact details staff would pick on the notices page, and every tenderer's size, so that every
demo procurement's notices list nothing missing but the stages it has not reached."""

from __future__ import annotations

from coprocure.core.models import Procurement
from coprocure.notices import build, services
from coprocure.notices.selectors import with_notice_data

# The main CPV code of each service area (notices/reference.py: the SDK's social-services codes).
CPV = {"substance_abuse": "85312500", "mental_health": "85312500", "housing_support": "85311000",
       "older_people": "85311100", "children_families": "85311300", "disability": "85311200",
       "employment": "85312500", "health_care": "85100000"}
# By the authority's home municipality: its region (NUTS 3) and its address for notices.
BUYERS = {
    "Tampere": {"nuts": "FI19B", "buyer_street": "Hatanpään valtatie 24", "buyer_postcode": "33100",
                "buyer_city": "Tampere", "buyer_email": "hankinnat@pirkanmaa.example.fi",
                "buyer_phone": "+358 3 565 611"},
    "Espoo": {"nuts": "FI1B1", "buyer_street": "Karvasmäentie 6", "buyer_postcode": "02740",
              "buyer_city": "Espoo", "buyer_email": "hankinnat@lansi-uusimaa.example.fi",
              "buyer_phone": "+358 9 816 31"},
}
# Size of each tenderer by its kind of organisation (BT-165, BT-760).
SIZES = {"company": "small", "social_enterprise": "micro", "association": "micro", "foundation": "small",
         "user_association": "micro"}


def details() -> None:
    for procurement in with_notice_data(Procurement.objects.order_by("pk")):
        tender = getattr(procurement, "tender", None)
        sizes = {f"size_{o.pk}": SIZES.get(o.kind, "small") for o in (build.bidders(tender) if tender else [])}
        # The demo's amendments (evening opening hours) change no price: not substantial, same value.
        modifications = {f"{name}_{amendment.pk}": value for amendment in build.amendments(procurement)
                         for name, value in (("reason_code", "mod-nons"), ("value_before", procurement.estimated_value),
                                             ("value_after", procurement.estimated_value))}
        services.save_details(procurement.accountable_official, procurement, {
            "cpv": CPV.get(procurement.service_area, "85000000"), **BUYERS[procurement.authority.municipality],
            **sizes, **modifications})
