"""Schema pieces every router shares: translatable texts and the one error body."""

from typing import Annotated

from ninja import Schema
from pydantic import BeforeValidator

from coprocure.domain import translation

# A model's translatable JSON value, normalised to {"fi": {"text": ..., "origin": ...}, ...}.
TranslatedOut = Annotated[dict[str, dict[str, str]], BeforeValidator(translation.normalise)]
TranslatedIn = dict[str, str | dict[str, str]]


class ErrorItem(Schema):
    field: str | None
    code: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[ErrorItem]


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class RedactionIn(Schema):
    """A moderator's redaction of a text: a span (start, end) or a passage, with a reason code."""

    start: int | None = None
    end: int | None = None
    passage: str = ""
    reason: str = ""
