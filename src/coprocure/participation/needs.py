"""The needs of one's own sign-up (diet, interpreter, assistance, anything else), edited on "My
participation" and through the API with this one form."""

from __future__ import annotations

from django import forms

from .models import Registration

NEEDS_FIELDS = ("dietary", "assistance", "interpreter", "needs")


class NeedsForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = list(NEEDS_FIELDS)
        widgets = {"needs": forms.Textarea(attrs={"rows": 3})}

