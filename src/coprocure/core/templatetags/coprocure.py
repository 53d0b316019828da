"""Template helpers for translatable texts: show the reader's language when it exists, mark
machine translations, and mark the Finnish fallback with its language so screen readers
pronounce it correctly; the visibility policy's answer for a protected field; and money shown
as money."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from coprocure.core import visibility
from coprocure.domain import translation

register = template.Library()


def _render(value, multiline: bool):
    resolved = translation.resolve(value, get_language() or translation.SOURCE_LANGUAGE)
    if not resolved.text:
        return ""
    # linebreaks escapes the text itself (autoescape=True); its <p> markup is ours.
    body = mark_safe(linebreaks(resolved.text, autoescape=True)) if multiline else resolved.text
    tag = "div" if multiline else "span"
    notice = ""
    if resolved.is_fallback:
        notice = format_html(' <small class="translation-notice">{}</small>', _("(not yet translated: shown in the original language)"))
    elif resolved.origin == translation.Origin.MACHINE:
        notice = format_html(' <small class="translation-notice">{}</small>', _("(machine translation)"))
    return format_html('<{} lang="{}">{}</{}>{}', tag, resolved.language, body, tag, notice)


@register.simple_tag
def tr(value):
    return _render(value, multiline=False)


@register.simple_tag
def tr_block(value):
    return _render(value, multiline=True)


@register.filter
def tr_text(value):
    """Plain text only, for attributes and titles."""
    return translation.resolve(value, get_language() or translation.SOURCE_LANGUAGE).text


@register.simple_tag(takes_context=True)
def may_show(context, obj, field):
    """``{% may_show decision "decided" as shown %}``: the visibility policy's answer for the
    signed-in viewer, so templates never test protection flags themselves."""
    request = context.get("request")
    return visibility.may_show(getattr(request, "user", None), obj, field)


@register.filter
def money(value):
    """A euro amount as people read money: two decimals, half up, grouped in the reader's
    language (1 105 000,00 in Finnish and Swedish, 1,105,000.00 in English). The exact figure
    stays in the published JSON; pages, PDFs and exports never show fifty decimals."""
    if value is None or value == "":
        return "–"
    try:
        amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return value
    return number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)


@register.filter
def euros(value):
    """``money`` with the euro sign after a non-breaking space, as Finnish and Swedish write it."""
    shown = money(value)
    return shown if shown == "–" else f"{shown}\u00a0€"
