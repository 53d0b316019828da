"""A bidder's sealed bid and files, withdrawing a bid, the official's opening, and opened files
as downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coprocure.core.services import require
from coprocure.domain import attachments as attachment_rules
from coprocure.errors import ServiceError
from coprocure.partners import selectors as partner_selectors
from coprocure.web.forms import form_page, posted, save_form

from .. import documents, selectors, services
from ..forms import AttachmentForm, BidForm
from .tender import FORM, act, tender_page, tender_url


@login_required
@require_http_methods(["GET", "POST"])
def bid_submit(request, pk: int):
    tender = selectors.visible_tender(request.user, pk)
    require(request.user, "tendering.bid", tender.procurement)
    # A consortium formed on the partners' side (?consortium=<id>) fills in the member rows.
    formed = partner_selectors.formed_consortium_members(request.user, tender.procurement, request.GET.get("consortium", ""))
    form = BidForm(posted(request), tender=tender, initial=BidForm.initial_members(formed))
    return form_page(
        request, form, template=FORM, context={
            "title": _("Your bid"), "procurement": tender.procurement, "bid_form": True, "tender": tender,
            "own_bid": selectors.own_bid(tender, request.user.organisation_id),
        },
        save=lambda data: services.submit_bid(request.user, tender, form.bid_data()),
        success=_("Your bid was sealed and saved. Nobody can read it before the deadline."),
        next_url=lambda _bid: tender_url(tender),
    )


@login_required
@require_http_methods(["GET", "POST"])
def bid_attachments(request, pk: int):
    """The bidder's own sealed files: how many and when, never what (the server cannot read them)."""
    tender = selectors.visible_tender(request.user, pk)
    require(request.user, "tendering.bid", tender.procurement)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        # One byte over the limit is enough to refuse, so a huge upload is never read whole.
        data = upload.read(attachment_rules.MAX_BYTES + 1) if upload else b""
        if save_form(form, lambda _data: services.add_attachment(request.user, tender, upload.name, data)):
            messages.success(request, _("The file was sealed and attached to your bid."))
            return redirect("bid_attachments", pk=tender.pk)
        status = 422
    return render(request, "tendering/bid_attachments.html", {
        "tender": tender, "form": form, "max_mb": attachment_rules.MAX_BYTES // (1024 * 1024),
        "own_bid": selectors.own_bid(tender, request.user.organisation_id),
    }, status=status)


@login_required
@require_POST
def attachment_remove(request, pk: int):
    attachment = selectors.visible_attachment(request.user, pk)
    tender = attachment.bid.tender
    require(request.user, "tendering.bid", tender.procurement)
    try:
        services.remove_attachment(request.user, attachment)
    except ServiceError as error:
        return tender_page(request, tender.procurement_id, errors=error, status=error.status)
    messages.success(request, _("The file was removed from your bid."))
    return redirect("bid_attachments", pk=tender.pk)


@login_required
def attachment_download(request, pk: int):
    """An opened attachment, always as a download and never sniffed as something else."""
    attachment = selectors.visible_attachment(request.user, pk)
    try:
        readable = services.readable_attachment(request.user, attachment)
    except ServiceError as error:
        return tender_page(request, attachment.bid.tender.procurement_id, errors=error, status=error.status)
    return documents.attachment_response(readable)


@login_required
@require_POST
def bid_withdraw(request, pk: int):
    bid = selectors.visible_bid(request.user, pk)
    return act(request, bid.tender, lambda: services.withdraw_bid(request.user, bid), _("Your bid was withdrawn."))


@login_required
@require_POST
def bids_open(request, pk: int):
    tender = selectors.visible_tender(request.user, pk)
    require(request.user, "tendering.open_bids", tender.procurement)
    requested = tender.opening_requested_by_id is not None
    return act(request, tender, lambda: services.open_bids(request.user, tender),
               _("The bids were opened.") if requested else
               _("Your request to open the bids was recorded. A second official of the contracting authority must "
                 "confirm it before the bids are opened."))
