"""The public link of a survey and its QR code, for the share page, posters and the printed form.

The link is built on ``COPROCURE_PUBLIC_URL`` rather than the request's host, so a QR code
printed from a staff machine behind a proxy still leads people to the public site."""

from __future__ import annotations

import io

import segno
from django.conf import settings
from django.urls import reverse

from .models import Survey

# Medium error correction survives a folded or slightly smudged paper form.
ERROR_LEVEL = "m"


def public_link(survey: Survey) -> str:
    return settings.COPROCURE_PUBLIC_URL + reverse("survey_answer", args=[survey.pk])


def _code(survey: Survey) -> segno.QRCode:
    return segno.make(public_link(survey), error=ERROR_LEVEL)


def qr_svg(survey: Survey) -> bytes:
    out = io.BytesIO()
    _code(survey).save(out, kind="svg", scale=8, border=4, xmldecl=True, title=public_link(survey))
    return out.getvalue()


def qr_png(survey: Survey) -> bytes:
    out = io.BytesIO()
    # Large enough to print on an A4 poster without scaling blur.
    _code(survey).save(out, kind="png", scale=16, border=4)
    return out.getvalue()


def qr_data_uri(survey: Survey) -> str:
    """For the printable form: a PNG that WeasyPrint embeds as it is, without fetching anything."""
    return _code(survey).png_data_uri(scale=PRINT_SCALE, border=4)


# Pixels per module in the printed form's image (the page scales it to 4.5 cm).
PRINT_SCALE = 10


def matrix(survey: Survey) -> list[list[bool]]:
    """The code's dark and light modules, row by row, without the quiet zone."""
    return [[bool(module) for module in row] for row in _code(survey).matrix]


def qr_svg_data_uri(link: str) -> str:
    """Any link as a QR code to put in an ``<img>`` (the CSP allows ``data:`` images)."""
    return segno.make(link, error=ERROR_LEVEL).svg_data_uri(scale=6, border=4)
