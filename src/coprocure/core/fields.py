"""A translatable text stored as one JSON value per field.

``{"fi": {"text": "...", "origin": "human"}, "sv": {...}}`` keeps each language's provenance
(written by a person or machine-translated) beside its text, which column-per-language schemes
cannot do. Resolution rules live in ``coprocure.domain.translation``.
"""

from __future__ import annotations

import json

from django import forms
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from coprocure.domain import readability, translation

LANGUAGE_LABELS = {"fi": _("Finnish"), "sv": _("Swedish"), "en": _("English")}


class TranslatedTextWidget(forms.MultiWidget):
    template_name = "web/widgets/translated_text.html"

    def __init__(self, multiline: bool = False, attrs=None):
        self.multiline = multiline
        text = forms.Textarea(attrs={"rows": 4}) if multiline else forms.TextInput()
        widgets = {}
        for language in translation.LANGUAGES:
            widgets[language] = text
            if language != translation.SOURCE_LANGUAGE:
                widgets[f"{language}_machine"] = forms.CheckboxInput()
        super().__init__(widgets, attrs)

    def decompress(self, value):
        texts = translation.normalise(value)
        result = []
        for language in translation.LANGUAGES:
            entry = texts.get(language, {})
            result.append(entry.get("text", ""))
            if language != translation.SOURCE_LANGUAGE:
                result.append(entry.get("origin") == translation.Origin.MACHINE)
        return result

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        subwidgets = iter(context["widget"]["subwidgets"])
        rows = []
        for language in translation.LANGUAGES:
            text = next(subwidgets)
            machine = next(subwidgets) if language != translation.SOURCE_LANGUAGE else None
            row = {"language": language, "label": LANGUAGE_LABELS[language], "text": text, "machine": machine}
            if self.multiline and language in readability.LIMITS:
                # Authors see how plain their Finnish or Swedish is, again as they type (htmx).
                target = f"{text['attrs']['id']}_readability"
                row["readability"] = {"id": target, "result": readability.assess(text["value"] or "", language)}
                text["attrs"] = {
                    **text["attrs"], "data-hx-post": reverse("readability"), "data-hx-trigger": "keyup changed delay:800ms",
                    "data-hx-target": f"#{target}", "data-hx-swap": "outerHTML",
                    "data-hx-vals": json.dumps({"language": language, "field": text["name"], "target": target}),
                    "aria-describedby": target,
                }
            rows.append(row)
        context["widget"]["languages"] = rows
        return context


class TranslatedTextFormField(forms.MultiValueField):
    """Finnish is required (it is the authority's working language); Swedish and English optional."""

    # One text per language, posted as ``<name>_<language>``: the API's JSON-to-form bridge
    # (``api.forms``) recognises such a field by this mark.
    per_language = True

    def __init__(self, max_length: int = 200, multiline: bool = False, required: bool = True, **kwargs):
        self.max_length = max_length
        fields = []
        for language in translation.LANGUAGES:
            fields.append(forms.CharField(max_length=max_length, required=False))
            if language != translation.SOURCE_LANGUAGE:
                fields.append(forms.BooleanField(required=False))
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        super().__init__(
            fields, require_all_fields=False, required=required,
            widget=TranslatedTextWidget(multiline=multiline), **kwargs,
        )
        self.source_required = required

    def compress(self, data_list):
        values = iter(data_list or [])
        result = {}
        for language in translation.LANGUAGES:
            text = (next(values, "") or "").strip()
            machine = bool(next(values, False)) if language != translation.SOURCE_LANGUAGE else False
            if text:
                origin = translation.Origin.MACHINE if machine else translation.Origin.HUMAN
                result[language] = {"text": text, "origin": origin.value}
        return result

    def clean(self, value):
        result = super().clean(value)
        if self.source_required and translation.SOURCE_LANGUAGE not in (result or {}):
            raise forms.ValidationError(_("Write the Finnish text; the other languages are optional."), code="required_fi")
        return result or {}


class TranslatedTextField(models.JSONField):
    def __init__(self, *args, max_length: int = 200, multiline: bool = False, **kwargs):
        self.text_max_length = max_length
        self.multiline = multiline
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["max_length"] = self.text_max_length
        if self.multiline:
            kwargs["multiline"] = True
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return TranslatedTextFormField(
            max_length=self.text_max_length, multiline=self.multiline,
            required=not self.blank, label=self.verbose_name, help_text=self.help_text,
        )


def localised(value) -> str:
    """The text in the active language, falling back as ``translation.resolve`` decides."""
    return translation.resolve(value, get_language() or translation.SOURCE_LANGUAGE).text
