"""The notices page of a procurement: what each notice still lacks, the details staff pick,
the preview in Finnish, Swedish or English, the XML download and sending."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation as django_translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError
from coprocure.web.forms import act, flash_errors, form_page, require

from . import build, consultation, selectors, services
from .forms import NoticeDetailsForm, SendForm
from .overview import overview

PREVIEW_LANGUAGES = ("fi", "sv", "en")


@login_required
def notices(request, pk: int):
    procurement = selectors.notice_procurement(request.user, pk)
    may_prepare = request.user.has_perm("notices.prepare", procurement)
    form = NoticeDetailsForm(request.POST if request.method == "POST" and may_prepare else None,
                             instance=selectors.details_of(procurement), **selectors.form_extras(procurement))
    return form_page(
        request, form, template="notices/notices.html",
        save=lambda cleaned: services.save_details(request.user, procurement, cleaned),
        success=_("The notice details were saved."), next_url=lambda saved: request.path,
        context={"procurement": procurement, "rows": overview(procurement), "may_prepare": may_prepare,
                 "may_send": request.user.has_perm("notices.send", procurement),
                 "submissions": selectors.submissions_of(procurement), "languages": PREVIEW_LANGUAGES,
                 "dialogue_stage": consultation.dialogue_stage(procurement)},
    )


def _language(request) -> str:
    language = request.GET.get("lang", request.LANGUAGE_CODE)
    return language if language in PREVIEW_LANGUAGES else "fi"


@login_required
def preview(request, pk: int, kind: str):
    procurement = selectors.notice_procurement(request.user, pk)
    language = _language(request)
    try:
        amendment = build.amendment_of(procurement, request.GET.get("amendment")) if kind == "38" else None
        notice = build.notice(procurement, kind, language, amendment=amendment)
    except DomainError as error:  # no such notice for this procurement
        raise Http404 from error
    with django_translation.override(language):
        return render(request, "notices/preview.html", {
            "procurement": procurement, "notice": notice, "language": language,
            "missing": build.missing(procurement, notice.kind, amendment), "languages": PREVIEW_LANGUAGES,
            "query": f"&amendment={amendment.pk}" if amendment else "",
        })


@login_required
def download(request, pk: int, kind: str):
    procurement = selectors.notice_procurement(request.user, pk)
    try:
        amendment = services.amendment_for(procurement, kind, request.GET.get("amendment"))
        xml = services.render(procurement, kind, _language(request), amendment=amendment)
    except ServiceError as error:
        flash_errors(request, error)
        return redirect("notices", pk=pk)
    response = HttpResponse(xml, content_type="application/xml; charset=utf-8")
    name = f"{procurement.reference}-{kind}-{amendment.version}" if amendment else f"{procurement.reference}-{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}.xml"'
    return response


@login_required
@require_POST
def send(request, pk: int):
    procurement = selectors.notice_procurement(request.user, pk)
    require(request, "notices.send", procurement)  # staff prepare; only an official sends in the authority's name
    form = SendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the listed notices."))
        return redirect("notices", pk=pk)
    return act(request, lambda: services.submit(request.user, procurement, form.cleaned_data["kind"],
                                                form.cleaned_data["amendment"]),
               success=_("The notice is being sent to the notice service."), next_url=reverse("notices", args=[pk]))
