"""Insights and what became of them, and free-text answers chosen for publication. Moderation
hides parts of a text with a reason and never changes the text itself."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse

from coprocure.audit import services as audit
from coprocure.core import moderation, signals
from coprocure.core.models import Procurement, User
from coprocure.core.services import require
from coprocure.domain import privacy, translation
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError
from coprocure.core import redaction

from ..models import Answer, Insight, InsightStatus, PublishedAnswer, Question, QuestionKind, SurveyMode


@transaction.atomic
def create_insight(actor: User, procurement: Procurement, data: dict) -> Insight:
    """Record an insight. Quoted excerpts are redacted on the way in, as every free text that
    may be shown publicly is."""
    require(actor, "participation.manage", procurement)
    target_groups = data.pop("target_groups", [])
    data["excerpts"] = [redaction.redact(excerpt)[0] for excerpt in data.get("excerpts", []) if excerpt.strip()]
    insight = Insight.objects.create(procurement=procurement, created_by=actor, **data)
    insight.target_groups.set(target_groups)
    audit.record(actor, "participation.insight_create", insight, None,
                 {"statement": insight.statement, "activity": insight.activity_id, "question": insight.question_id})
    signals.you_said_we_did_changed.send(Insight, procurement=procurement)
    return insight


@transaction.atomic
def decide_insight(actor: User, insight: Insight, status: str, reason: dict) -> Insight:
    """Say publicly what became of an insight; not taking one up always needs a reason."""
    insight = Insight.objects.select_for_update().get(pk=insight.pk)
    require(actor, "participation.manage", insight.procurement)
    if status not in InsightStatus.values:
        raise ServiceError.from_domain(DomainError("insight_status_unknown", "status"))
    if status == InsightStatus.NOT_TAKEN_UP and not translation.normalise(reason):
        raise ServiceError.from_domain(DomainError("insight_reason_required", "status_reason"))
    before = {"status": insight.status}
    insight.status, insight.status_reason = status, reason
    insight.save(update_fields=["status", "status_reason", "updated_at"])
    audit.record(actor, "participation.insight_decide", insight, before, {"status": status, "reason": reason})
    signals.you_said_we_did_changed.send(Insight, procurement=insight.procurement)
    return insight


@transaction.atomic
def redact_excerpt(actor: User, insight: Insight, data: dict) -> Insight:
    """Hide part of a quoted excerpt with a reason; the excerpt itself stays as it was. Excerpts
    come from answers, which carry no author, so there is nobody to tell."""
    insight = Insight.objects.select_for_update(of=("self",)).select_related("procurement").get(pk=insight.pk)
    require(actor, "participation.manage", insight.procurement)
    index = data["excerpt"]
    if not 0 <= index < len(insight.excerpts):
        raise ServiceError.from_domain(DomainError("redaction_excerpt_unknown", "excerpt"))
    redaction = {"excerpt": index, **moderation.new_redaction(insight.excerpts[index], data, actor)}
    insight.redactions = [*insight.redactions, redaction]
    insight.save(update_fields=["redactions", "updated_at"])
    audit.record(actor, "participation.excerpt_redact", insight, None,
                 {key: redaction[key] for key in ("excerpt", "start", "end", "reason")})
    return insight


@transaction.atomic
def publish_answer(actor: User, question: Question, text: str) -> PublishedAnswer:
    """Show a free-text answer, or an excerpt of one, publicly. The text must come from an
    answer to the question, and only from a question that at least k people answered, as on
    the results page. It is redacted on the way in again (staff may have typed into it)."""
    question = Question.objects.select_related("survey__activity__procurement").get(pk=question.pk)
    survey = question.survey
    require(actor, "participation.manage", survey.procurement)
    if question.kind != QuestionKind.TEXT:
        raise ServiceError.from_domain(DomainError("publish_not_free_text", "question"))
    values = [value for value in Answer.objects.filter(question=question).values_list("value", flat=True)
              if isinstance(value, str)]
    if not privacy.reaches_k(len(values), survey.k_threshold):
        raise ServiceError.from_domain(DomainError("publish_too_few_answers", "question",
                                                   {"k": survey.k_threshold}), status=409)
    text = (text or "").strip()
    if not text or not any(text in value for value in values):
        raise ServiceError.from_domain(DomainError("publish_not_an_answer", "text"))
    author = None
    if survey.mode == SurveyMode.IDENTIFIED:
        # Told about a redaction only when exactly one person's answer holds the text.
        authors = {participant for participant, value in Answer.objects.filter(question=question)
                   .values_list("response__participant", "value") if isinstance(value, str) and text in value}
        author = User.objects.filter(pk=authors.pop()).first() if len(authors) == 1 and None not in authors else None
    published = PublishedAnswer.objects.create(question=question, text=redaction.redact(text)[0], author=author,
                                               chosen_by=actor)
    audit.record(actor, "participation.answer_publish", published, None, {"question": question.pk, "text": published.text})
    return published


@transaction.atomic
def redact_published_answer(actor: User, published: PublishedAnswer, data: dict) -> PublishedAnswer:
    """Hide part of a published answer with a reason; the text itself stays as it was. The author
    of an identified answer is told; an anonymous answer has no author to tell."""
    published = (PublishedAnswer.objects.select_for_update(of=("self",))
                 .select_related("question__survey__activity__procurement", "author").get(pk=published.pk))
    procurement = published.question.survey.procurement
    require(actor, "participation.manage", procurement)
    redaction = moderation.new_redaction(published.text, data, actor)
    published.redactions = [*published.redactions, redaction]
    published.save(update_fields=["redactions"])
    audit.record(actor, "participation.published_answer_redact", published, None,
                 {key: redaction[key] for key in ("start", "end", "reason")})
    author = published.author
    if author is not None and author.email and author.is_active:
        path = reverse("participation_you_said_we_did", args=[procurement.pk]) + f"#answer-{published.pk}"
        transaction.on_commit(lambda: moderation.tell_author(author, published, redaction["reason"], path))
    return published
