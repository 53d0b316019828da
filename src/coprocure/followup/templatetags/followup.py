"""``{% follow_up_form survey %}``: the offer to hear what became of one's answers, shown on a
survey's thank-you page. A template tag, so that participation's pages can offer it without
participation importing this app (which sits above it)."""

from django import template

from coprocure.followup.forms import FollowUpForm

register = template.Library()


@register.inclusion_tag("followup/_form.html", takes_context=True)
def follow_up_form(context, survey):
    return {"survey": survey, "form": FollowUpForm(), "csrf_token": context.get("csrf_token")}
