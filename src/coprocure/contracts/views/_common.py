"""What the contract pages share: the permission check, the staff form page and its context."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse

from coprocure.errors import message_for
from coprocure.web.forms import form_page, posted, require

from .. import selectors, services

FORM = "contracts/form.html"


def form_context(title: str, *, contract=None, procurement=None, intro: str = "") -> dict:
    """What the staff form page shows around its form: it leads back to the contract, or to the
    procurement's contracts when there is no contract yet."""
    return {"title": title, "contract": contract, "procurement": procurement or contract.procurement, "intro": intro}


def contract_form(request, pk: int, form_class, *, title: str, save, success: str, permission="contracts.manage",
                  intro: str = "", needs_contract: bool = False):
    """A staff form that adds something to the contract and returns to the contract's page."""
    contract = selectors.visible_contract(request.user, pk)
    require(request, permission, contract.procurement)
    form = form_class(posted(request), **({"contract": contract} if needs_contract else {}))
    return form_page(
        request, form, template=FORM, context=form_context(title, contract=contract, intro=intro),
        save=lambda data: save(contract, data), success=success,
        next_url=lambda saved: reverse("contract_detail", args=[contract.pk]),
    )




def kras_kept(contract) -> dict | None:
    """Why this contract's KRAs are written elsewhere now (an alliance's development phase), in
    the reader's language with the page where they are, or None."""
    error = services.kras_kept(contract)
    return None if error is None else {"message": message_for(error.code, error.params), "url": error.params["url"]}


def kras_kept_page(request, contract, title: str):
    """A KRA or indicator page of a contract whose KRAs are written elsewhere now: the reason and
    the way there instead of the form, 409 for a GET as for a POST. None when the page may show."""
    kept = kras_kept(contract)
    if kept is None:
        return None
    return render(request, "contracts/kras_kept.html", {"title": title, "contract": contract, **kept}, status=409)
