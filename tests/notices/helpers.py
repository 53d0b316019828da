"""What the notices tests share: the details staff fill in, and the notice service's settings."""

from coprocure.core.models import Organisation, Procurement
from coprocure.notices import build, services
from coprocure.notices.selectors import with_notice_data

DETAILS = {"cpv": "85312500", "nuts": "FI19B", "buyer_street": "Hatanpään valtatie 24", "buyer_postcode": "33100",
           "buyer_city": "Tampere", "buyer_email": "kirjaamo@example.fi",
           "buyer_phone": "+358 3 311 611"}


def fresh(procurement):
    """The procurement as the notices pages load it."""
    return with_notice_data(Procurement.objects.filter(pk=procurement.pk)).get()


def ready(official, procurement, tender):
    """Staff have filled in everything, and the tenderers have given their postcode and region;
    the procurement as the pages load it."""
    tenderers = build.bidders(tender)
    Organisation.objects.filter(pk__in=[o.pk for o in tenderers]).update(postcode="33100", nuts_region="FI19B")
    sizes = {f"size_{o.pk}": "small" for o in tenderers}
    services.save_details(official, procurement, {**DETAILS, **sizes})
    return fresh(procurement)


def service_settings(url, **overrides):
    return {"url": url, "user": "sender", "password": "secret", "timeout": "5", "attempts": "3", "backoff": "0",
            "max_backoff": "0", **overrides}
