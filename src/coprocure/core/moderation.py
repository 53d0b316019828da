"""The one function every public output uses to show a moderated text, and the reasons'
labels. The rules themselves are in ``coprocure.domain.moderation``."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coprocure.domain import moderation
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError, message_for
from coprocure.outbox import services as outbox
from coprocure.web.forms import posted, save_form

REASON_LABELS = {
    "personal_data": _("personal data"),
    "health_information": _("health information"),
    "insulting": _("insulting"),
    "off_topic": _("off topic"),
}
REASON_CHOICES = [(code, REASON_LABELS[code]) for code in moderation.REASONS]


def marker(reason: str) -> str:
    return gettext("[removed by the moderator: %(reason)s]") % {"reason": REASON_LABELS.get(reason, reason)}


def shown(text: str, redactions: list[dict]) -> str:
    """``text`` as the public sees it: each redacted part replaced by a marker with its reason."""
    if not redactions:
        return text
    return moderation.apply(text, moderation.from_stored(redactions), marker)


def new_redaction(text: str, data: dict, actor) -> dict:
    """A checked redaction ready to store, with who made it and when; a range outside the text
    or an unknown reason is a field error (422)."""
    try:
        redaction = moderation.check(text, data["start"], data["end"], data["reason"])
    except DomainError as error:
        raise ServiceError.from_domain(error) from None
    return {"start": redaction.start, "end": redaction.end, "reason": redaction.reason,
            "by": actor.pk, "at": timezone.now().isoformat()}


class RedactionForm(forms.Form):
    """One part of a text to hide: copied from the text, or given by character positions (the
    first character is 0, the end is not included). Positions outside the text are refused by
    the service, so the API and this form give the same message."""

    passage = forms.CharField(
        label=_("The words to hide"), required=False, max_length=2000,
        help_text=_("Copy the words from the text exactly. If they appear more than once, give the positions instead."),
    )
    start = forms.IntegerField(label=_("From character"), required=False)
    end = forms.IntegerField(label=_("Up to character (not included)"), required=False)
    reason = forms.ChoiceField(label=_("Why it is hidden"), choices=REASON_CHOICES)

    def __init__(self, *args, text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.text = text

    def clean(self):
        data = super().clean()
        passage = data.get("passage") or ""
        if passage:
            if self.text.count(passage) != 1:
                self.add_error("passage", message_for("redaction_passage_not_unique"))
            else:
                data["start"] = self.text.index(passage)
                data["end"] = data["start"] + len(passage)
        elif data.get("start") is None or data.get("end") is None:
            self.add_error("passage", message_for("redaction_range_missing"))
        return data


def tell_author(author, item, reason: str, path: str) -> None:
    """Tell a reachable author that part of their text was hidden, why, and where to see it
    (once per redaction: the outbox keeps one message per cause)."""
    with translation.override(author.preferred_language or "fi"):
        subject = gettext("Part of your text was hidden")
        body = gettext(
            "A moderator hid part of what you wrote. Reason: %(reason)s. "
            "The rest is shown as you wrote it. You can see it here: %(url)s"
        ) % {"reason": REASON_LABELS.get(reason, reason), "url": settings.COPROCURE_PUBLIC_URL + path}
        body += "\n\n" + gettext("What you wrote:") + "\n" + shown(str(item.text), item.redactions)
    outbox.send(to=author.email, subject=subject, body=body,
                cause=f"redaction:{item._meta.label_lower}:{item.pk}:{len(item.redactions)}")


def redaction_page(request, item, *, heading: str, back_url: str, back_label: str, save, again_url: str):
    """The moderator's page for any moderated text: the original, what the public sees, the
    parts hidden so far, and the form to hide one more."""
    form = RedactionForm(posted(request), text=item.text)
    if request.method == "POST" and save_form(form, save):
        messages.success(request, gettext("The part was hidden. The original text is kept."))
        return redirect(again_url)
    item.refresh_from_db()
    hidden = [{**redaction, "reason": REASON_LABELS.get(redaction["reason"], redaction["reason"]),
               "day": redaction["at"][:10]} for redaction in item.redactions]
    return render(request, "web/redact.html", {
        "item": item, "heading": heading, "back_url": back_url, "back_label": back_label, "form": form,
        "hidden": hidden,
    }, status=422 if form.errors else 200)
