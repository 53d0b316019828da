"""Bidders' questions about the tender and the officials' answers, public to every bidder."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.core.models import User
from coprocure.core.services import require

from ..models import Clarification, Tender
from ._common import fail


@transaction.atomic
def ask_question(actor: User, tender: Tender, question: str) -> Clarification:
    require(actor, "tendering.ask", tender.procurement)
    if not tender.is_published:
        raise fail("tender_not_published", status=409)
    if timezone.now() >= tender.deadline:
        raise fail("deadline_passed", "question", status=409)
    clarification = Clarification.objects.create(tender=tender, question=question, asked_by=actor)
    audit.record(actor, "tendering.question_ask", clarification, None, {"question": question})
    return clarification


@transaction.atomic
def answer_question(actor: User, clarification: Clarification, answer: str) -> Clarification:
    clarification = Clarification.objects.select_for_update().select_related("tender__procurement").get(pk=clarification.pk)
    require(actor, "tendering.answer", clarification.tender.procurement)
    before = {"answer": clarification.answer}
    clarification.answer, clarification.answered_by, clarification.answered_at = answer, actor, timezone.now()
    clarification.save(update_fields=["answer", "answered_by", "answered_at"])
    audit.record(actor, "tendering.question_answer", clarification, before, {"answer": answer})
    return clarification
