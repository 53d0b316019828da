""""You said, we did": insights and what became of them, and the answers chosen for
publication, with their moderation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coprocure.caching.pages import public_page
from coprocure.core.moderation import RedactionForm
from coprocure.core.selectors import visible_procurement
from coprocure.web.forms import form_page, posted, save_form

from .. import exports, selectors, services
from ..forms import ExcerptRedactionForm, InsightDecisionForm, InsightForm, PublishAnswerForm
from ..models import QuestionKind
from ._common import FORM_TEMPLATE, require, you_said_url


@public_page("you-said-we-did")
def you_said_we_did(request, pk: int):
    """Public: every insight in plain language and what became of it."""
    procurement = visible_procurement(request.user, pk)
    return render(request, "participation/you_said_we_did.html", {
        "procurement": procurement,
        "insights": selectors.insights_of(procurement),
        "published": selectors.published_answers_of(procurement),
        "can_manage": request.user.has_perm("participation.manage", procurement),
    })


def published_answers_export(request, pk: int, extension: str):
    return exports.published_answers_download(visible_procurement(request.user, pk), extension)


@login_required
@require_http_methods(["GET", "POST"])
def answer_publish(request, pk: int):
    """Choose free-text answers, or excerpts of them, to show on "you said, we did"."""
    question = selectors.visible_question(request.user, pk)
    procurement = question.survey.procurement
    require(request, "participation.manage", procurement)
    form = PublishAnswerForm(posted(request))
    if request.method == "POST" and save_form(form, lambda data: services.publish_answer(request.user, question, data["text"])):
        messages.success(request, _("The text is now shown on the “You said, we did” page."))
        return redirect("answer_publish", pk=question.pk)
    row = next((row for row in selectors.results(question.survey)["questions"] if row["question"].pk == question.pk), {})
    return render(request, "participation/publish.html", {
        "question": question, "survey": question.survey, "procurement": procurement, "form": form,
        "texts": row.get("texts", []) if question.kind == QuestionKind.TEXT else [],
        "published": question.published_answers.all(),
    }, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def published_answer_redact(request, pk: int):
    """Moderation: hide part of a published answer with a reason; the text itself is kept."""
    published = selectors.visible_published_answer(request.user, pk)
    procurement = published.question.survey.procurement
    require(request, "participation.manage", procurement)
    form = RedactionForm(posted(request), text=published.text)
    return form_page(
        request, form, template=FORM_TEMPLATE,
        save=lambda data: services.redact_published_answer(request.user, published, data),
        success=_("The part was hidden. The original text is kept."),
        next_url=lambda saved: f"{you_said_url(procurement)}#answer-{published.pk}",
        context={"title": _("Hide part of a published answer"), "procurement": procurement,
                 "intro_text": published.public_text},
    )


def _source_initial(request) -> dict:
    """Prefill the source when staff start from an activity or a survey question."""
    initial = {}
    activity = request.GET.get("activity", "")
    question = request.GET.get("question", "")
    if activity.isdigit():
        initial["activity"] = int(activity)
    if question.isdigit():
        initial["question"] = int(question)
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def insight_create(request, pk: int):
    procurement = visible_procurement(request.user, pk)
    require(request, "participation.manage", procurement)
    form = InsightForm(posted(request), procurement=procurement, initial=_source_initial(request))
    return form_page(
        request, form, template=FORM_TEMPLATE,
        save=lambda data: services.create_insight(request.user, procurement, data),
        success=_("The insight was saved."), next_url=lambda saved: you_said_url(procurement),
        context={"title": _("New insight"), "procurement": procurement},
    )


@login_required
@require_http_methods(["GET", "POST"])
def insight_decide(request, pk: int):
    insight = selectors.visible_insight(request.user, pk)
    require(request, "participation.manage", insight.procurement)
    form = InsightDecisionForm(posted(request), instance=insight)
    return form_page(
        request, form, template=FORM_TEMPLATE,
        save=lambda data: services.decide_insight(request.user, insight, data["status"], data["status_reason"]),
        success=_("The decision was saved and is shown publicly."),
        next_url=lambda saved: you_said_url(insight.procurement),
        context={"title": _("What became of the insight"), "procurement": insight.procurement, "insight": insight},
    )


@login_required
@require_http_methods(["GET", "POST"])
def excerpt_redact(request, pk: int):
    """Moderation: hide part of a quoted excerpt with a reason; the excerpt itself is kept."""
    insight = selectors.visible_insight(request.user, pk)
    require(request, "participation.manage", insight.procurement)
    form = ExcerptRedactionForm(posted(request), excerpts=insight.excerpts)
    return form_page(
        request, form, template=FORM_TEMPLATE,
        save=lambda data: services.redact_excerpt(request.user, insight, data),
        success=_("The part was hidden. The original text is kept."),
        next_url=lambda saved: f"{you_said_url(insight.procurement)}#insight-{insight.pk}",
        context={"title": _("Hide part of a quotation"), "procurement": insight.procurement, "insight": insight},
    )
