"""The privacy register's words for its sections, so "My data" can head every section an app
registers without knowing the apps."""

from django import template

from coprocure.core import gdpr

register = template.Library()


@register.simple_tag
def section_heading(name: str) -> str:
    notice = dict(gdpr.register_notices()).get(name)
    return notice.data if notice is not None else name


@register.filter
def field_items(row: dict):
    """A row's stored fields in a stable order, nested values left as they are."""
    return sorted(row.items()) if isinstance(row, dict) else [("", row)]


# The sections "My data" shows in words of their own; every other section is listed field by field.
SHOWN_IN_OWN_WORDS = frozenset({"profile", "roles", "recorded_actions", "follow_up", "sign_ups"})


@register.filter
def shown_in_own_words(name: str) -> bool:
    return name in SHOWN_IN_OWN_WORDS


@register.filter
def answer_text(value) -> str:
    """A stored answer as a person reads it: the choices of a multiple choice one after another."""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)
