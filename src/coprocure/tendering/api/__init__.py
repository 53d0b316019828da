"""/api/v1 endpoints for tendering. Before opening, no endpoint returns a bid's price or
answers: the list of bids says only who bid and when, and the content is sealed in the
database. After a published award, ``/tenders/{id}/comparison`` returns the whole record.

Each endpoint declares its rule with ``api.permissions.permitted`` and loads its tender (or the
bid, attachment, question, section… and through it the tender) with the selectors that say who
may see a tender; the chapters below register their endpoints on ``router``."""

from ninja import Router

router = Router(tags=["tendering"])

from . import award, bids, complaints, documents, scoring, tender  # noqa: E402,F401  (registers the endpoints)
