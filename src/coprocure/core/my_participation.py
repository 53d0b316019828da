""""My participation": one page of what a signed-in person takes part in — sign-ups with their
needs (editable), answers given signed in, ideas with their reference and status, seats on
panels, and the updates they asked for.

It reads the same sections of the privacy register (``core.gdpr``) that "My data" shows and
downloads, so the two pages cannot disagree and an app adds its part by registering it once."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import gdpr

SECTIONS = ("sign_ups", "survey_answers", "ideas", "panel_seats", "follow_up")


def participation_of(user) -> dict:
    return gdpr.export_person(user, SECTIONS)


@login_required
def my_participation(request):
    return render(request, "core/my_participation.html", {"parts": participation_of(request.user)})
