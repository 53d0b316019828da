import re

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.http import require_POST

from coprocure.domain import readability as rules

_ELEMENT_ID = re.compile(r"id_\w{1,80}_readability")


@login_required
@require_POST
def readability(request):
    """The readability hint for one text field, re-rendered as its author types."""
    field = request.POST.get("field", "")
    language = request.POST.get("language", "")
    text = request.POST.get(field, "")[:20_000]
    target = request.POST.get("target", "")
    if not _ELEMENT_ID.fullmatch(target):
        return HttpResponseBadRequest()
    return render(request, "web/_readability.html", {"id": target, "result": rules.assess(text, language)})
