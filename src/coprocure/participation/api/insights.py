""""You said, we did": insights from what people said and what became of them, and the
free-text answers chosen for publication, with their moderation."""

from __future__ import annotations

from ninja.responses import Status

from coprocure.api.auth import ANYONE, SIGNED_IN
from coprocure.api.forms import validated
from coprocure.api.permissions import by_pk, permitted, target
from coprocure.api.schemas import ERRORS, RedactionIn
from coprocure.core.moderation import RedactionForm
from coprocure.core.selectors import visible_procurement

from .. import selectors, services
from ..exports import published_answers_download
from ..forms import ExcerptRedactionForm, InsightDecisionForm, InsightForm, PublishAnswerForm
from ..models import Insight
from ..schemas import ExcerptRedactionIn, InsightDecisionIn, InsightIn, InsightOut, PublishAnswerIn, PublishedAnswerOut
from . import router


def _insight_out(insight: Insight) -> Insight:
    """The insight as the list shows it, with its sources and target groups."""
    return selectors.insights_of(insight.procurement).get(pk=insight.pk)


@router.get("/procurements/{pk}/insights", response={200: list[InsightOut], **ERRORS}, auth=ANYONE)
@permitted(None, load=by_pk(visible_procurement))
def list_insights(request, pk: int):
    """"You said, we did": every insight of the procurement and what became of it."""
    return list(selectors.insights_of(target(request)))


@router.post("/procurements/{pk}/insights", response={201: InsightOut, **ERRORS}, auth=SIGNED_IN)
@permitted("participation.manage", load=by_pk(visible_procurement))
def create_insight(request, pk: int, payload: InsightIn):
    """``excerpts`` are redacted on arrival; ``activity`` is taken from ``question`` when only
    the question is given."""
    procurement = target(request)
    body = payload.dict()
    body["excerpts"] = "\n".join(body["excerpts"])
    body["themes"] = ", ".join(body["themes"])
    data = validated(InsightForm, body, procurement=procurement)
    return Status(201, _insight_out(services.create_insight(request.user, procurement, data)))


@router.post("/insights/{pk}/decision", response={200: InsightOut, **ERRORS}, auth=SIGNED_IN)
@permitted("participation.manage", load=by_pk(selectors.visible_insight), of=lambda insight: insight.procurement)
def decide_insight(request, pk: int, payload: InsightDecisionIn):
    """Status ``open``, ``taken_up`` or ``not_taken_up``; the last needs a public ``status_reason``."""
    insight = target(request)
    data = validated(InsightDecisionForm, payload.dict())
    services.decide_insight(request.user, insight, data["status"], data["status_reason"])
    return _insight_out(insight)


@router.post("/insights/{pk}/redactions", response={201: InsightOut, **ERRORS}, auth=SIGNED_IN)
@permitted("participation.manage", load=by_pk(selectors.visible_insight), of=lambda insight: insight.procurement)
def redact_excerpt(request, pk: int, payload: ExcerptRedactionIn):
    """Hide part of quoted excerpt number ``excerpt`` (from 0): ``start``/``end`` or ``passage``,
    and a ``reason``; a range outside the excerpt is 422 ``redaction_out_of_range``."""
    insight = target(request)
    data = validated(ExcerptRedactionForm, payload.dict(), excerpts=insight.excerpts)
    services.redact_excerpt(request.user, insight, data)
    return Status(201, _insight_out(insight))


@router.get("/procurements/{pk}/published-answers", response={200: list[PublishedAnswerOut], **ERRORS}, auth=ANYONE)
@permitted(None, load=by_pk(visible_procurement))
def published_answers(request, pk: int):
    """Free-text answers chosen for publication, as the public sees them (moderated parts replaced)."""
    return list(selectors.published_answers_of(target(request)))


@router.get("/procurements/{pk}/published-answers.csv", response={200: None, **ERRORS}, auth=ANYONE)
@permitted(None, load=by_pk(visible_procurement))
def published_answers_as_csv(request, pk: int):
    return published_answers_download(target(request), "csv")


@router.get("/procurements/{pk}/published-answers.xlsx", response={200: None, **ERRORS}, auth=ANYONE)
@permitted(None, load=by_pk(visible_procurement))
def published_answers_as_xlsx(request, pk: int):
    return published_answers_download(target(request), "xlsx")


@router.post("/questions/{pk}/published-answers", response={201: PublishedAnswerOut, **ERRORS}, auth=SIGNED_IN)
@permitted("participation.manage", load=by_pk(selectors.visible_question),
           of=lambda question: question.survey.procurement)
def publish_answer(request, pk: int, payload: PublishAnswerIn):
    """Publish a free-text answer or an excerpt of one: 422 ``publish_not_an_answer`` when the
    text is not in any answer, 409 ``publish_too_few_answers`` under k (the procurement's staff)."""
    data = validated(PublishAnswerForm, payload.dict())
    return Status(201, services.publish_answer(request.user, target(request), data["text"]))


@router.post("/published-answers/{pk}/redactions", response={201: PublishedAnswerOut, **ERRORS}, auth=SIGNED_IN)
@permitted("participation.manage", load=by_pk(selectors.visible_published_answer),
           of=lambda published: published.question.survey.procurement)
def redact_published_answer(request, pk: int, payload: RedactionIn):
    """Hide part of a published answer: ``start``/``end`` or ``passage``, and a ``reason``."""
    published = target(request)
    data = validated(RedactionForm, payload.dict(), text=published.text)
    return Status(201, services.redact_published_answer(request.user, published, data))
