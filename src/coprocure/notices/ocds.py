"""The OCDS release's links to the procurement's eForms notices (docs/notices.md): every notice
the notice service accepted, as a tender document, with TED's address for those TED publishes."""

from __future__ import annotations

from datetime import datetime, time

from django.utils import timezone

DOCUMENT_TYPES = {"E1": "marketEngagementNotice", "E2": "plannedProcurementNotice", "20": "tenderNotice",
                  "E3": "tenderNotice", "33": "awardNotice", "E4": "awardNotice", "38": "contractNotice"}
TED_KINDS = {"20", "33", "38"}
TED_NOTICE_URL = "https://ted.europa.eu/en/notice/-/detail/{}"


def documents(procurement) -> list[dict]:
    """From ``accepted_notices``, prefetched by the OCDS export; none without it."""
    result = []
    for notice in getattr(procurement, "accepted_notices", ()):
        document = {"id": f"eforms-{notice.uuid}", "documentType": DOCUMENT_TYPES[notice.kind],
                    "title": f"eForms {notice.kind} {notice.publication_id}", "format": "application/xml"}
        if notice.kind in TED_KINDS:
            document["url"] = TED_NOTICE_URL.format(notice.publication_id)
        if notice.published_on:
            moment = datetime.combine(notice.published_on, time())
            document["datePublished"] = timezone.make_aware(moment, timezone.get_default_timezone()).isoformat()
        result.append(document)
    return result
