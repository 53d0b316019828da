"""The service description and minimum requirements: versions, working sections, comments as
the public sees them (moderated, without their authors) and what changed between versions."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema

from coprocure.api.schemas import TranslatedIn, TranslatedOut


class CommentOut(Schema):
    """A comment as the public sees it: moderated, without its author."""

    id: int
    text: str
    created_at: datetime

    @staticmethod
    def resolve_text(obj):
        return obj.public_text


class SectionOut(Schema):
    id: int
    number: int
    heading: TranslatedOut
    text: TranslatedOut
    comments: list[CommentOut]

    @staticmethod
    def resolve_comments(obj):
        return list(obj.comments.all())


class VersionSectionOut(Schema):
    number: int
    heading: TranslatedOut
    text: TranslatedOut


class VersionOut(Schema):
    number: int
    published_at: datetime
    sections: list[VersionSectionOut]


class DocumentOut(Schema):
    """The current published version, the list of versions, every comment by section number,
    and for the people who write it the working sections (``null`` for everyone else)."""

    kind: str
    current: VersionOut | None
    versions: list[int]
    comments: dict[int, list[CommentOut]]
    working: list[SectionOut] | None


class SegmentOut(Schema):
    op: str
    text: str


class ChangeOut(Schema):
    number: int
    status: str
    heading: dict[str, list[SegmentOut]]
    text: dict[str, list[SegmentOut]]


class VersionChangesOut(VersionOut):
    changes: list[ChangeOut]


class SectionIn(Schema):
    heading: TranslatedIn
    text: TranslatedIn


class CommentIn(Schema):
    text: str


