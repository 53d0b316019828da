"""Feeding JSON payloads through the same Django forms the web UI uses, so that every field
is validated once, in one place, with the same translated messages."""

from __future__ import annotations

from django import forms
from django.utils.datastructures import MultiValueDict

from coprocure.domain import translation
from coprocure.errors import ServiceError


def form_data(form_class, payload: dict) -> MultiValueDict:
    data = MultiValueDict()
    fields = form_class.base_fields
    for name, value in payload.items():
        field = fields.get(name)
        if field is None or value is None:
            continue
        if getattr(field, "per_language", False):
            texts = value if isinstance(value, dict) else {}
            for language in translation.LANGUAGES:
                entry = texts.get(language)
                if isinstance(entry, dict):
                    data[f"{name}_{language}"] = str(entry.get("text") or "")
                    if entry.get("origin") == translation.Origin.MACHINE:
                        data[f"{name}_{language}_machine"] = "on"
                elif entry is not None:
                    data[f"{name}_{language}"] = str(entry)
        elif isinstance(field, forms.MultipleChoiceField) or isinstance(field, forms.ModelMultipleChoiceField):
            data.setlist(name, [str(item) for item in value])
        elif isinstance(value, list):
            # Fields that take one value per line (municipalities, for example).
            data[name] = "\n".join(str(item) for item in value)
        elif isinstance(field, forms.BooleanField):
            if value:
                data[name] = "on"
        else:
            data[name] = str(value)
    return data


def validated(form_class, payload: dict, **form_kwargs) -> dict:
    """Clean a payload with ``form_class`` or raise ServiceError with field-level messages."""
    form = form_class(data=form_data(form_class, payload), **form_kwargs)
    if not form.is_valid():
        raise ServiceError.from_form(form)
    return dict(form.cleaned_data)
