"""The JSON shape of a card on the front door (GET /api/v1/activities)."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema

from coprocure.api.schemas import TranslatedOut


class ProcurementRef(Schema):
    id: int
    title: TranslatedOut
    authority: str
    service_area: str


class CardOut(Schema):
    """One way to take part. ``minutes`` is computed from a survey's questions (or a fixed
    estimate for the idea form), never stored; ``places_left`` is null when there is no limit."""

    code: str
    kind: str
    title: TranslatedOut
    about: TranslatedOut
    authority: str
    # null for an authority's standing panel, which belongs to no one procurement
    procurement: ProcurementRef | None
    target_groups: list[str]
    closes_at: datetime | None
    starts_at: datetime | None
    ends_at: datetime | None
    minutes: int | None
    online: bool
    place: str
    accessibility: list[str]
    registration: bool
    capacity: int | None
    places_left: int | None
    waiting: int
    page_url: str
    action_url: str

    @staticmethod
    def resolve_authority(card):
        return card.authority.name

    @staticmethod
    def resolve_procurement(card):
        procurement = card.procurement
        if procurement is None:
            return None
        return {"id": procurement.pk, "title": procurement.title, "authority": procurement.authority.name,
                "service_area": procurement.service_area}

    @staticmethod
    def resolve_target_groups(card):
        return [group.code for group in card.target_groups]
