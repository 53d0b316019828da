from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods


from coprocure.interop import spreadsheets
from coprocure.core.models import OrganisationKind
from coprocure.core.selectors import visible_procurement
from coprocure.domain import freshness, partnership
from coprocure.errors import RowsRejected, ServiceError, message_for
from coprocure.web.forms import flash_errors, form_page, posted, save_form

from . import selectors, services, tasks
from .forms import (
    ActionPointForm, CompetenceForm, InterestForm, InviteForm, MemberForm, NetworkForm, OfferForm, OrganisationListForm,
    PartnerInviteForm, ProfileForm, ServiceForm, ServiceSearchForm, TableForm,
)
from .models import ProviderProfile

MAX_COMPARED = 4


def _freshness(profile: ProviderProfile | None):
    confirmed = profile.last_confirmed_at if profile is not None else None
    return freshness.assess(confirmed, timezone.now(), settings.COPROCURE_PROFILE_FRESHNESS_DAYS)


def search(request):
    form = ServiceSearchForm(request.GET or None)
    services = list(selectors.search_services(form.filters())[:50])
    for service in services:
        service.freshness = _freshness(getattr(service.provider, "profile", None))
    template = "partners/_results.html" if request.htmx else "partners/search.html"
    return render(request, template, {"form": form, "services": services, "max_compared": MAX_COMPARED})


def provider(request, organisation_id: int):
    profile = selectors.provider_page(organisation_id)
    return render(request, "partners/provider.html", {
        "profile": profile, "freshness": _freshness(profile),
        "can_edit": request.user.has_perm("partners.edit_profile", profile.organisation),
    })


def compare(request):
    ids = []
    for raw in request.GET.getlist("service")[:MAX_COMPARED]:
        if raw.isdigit():
            ids.append(int(raw))
    services = selectors.services_by_ids(ids)
    return render(request, "partners/compare.html", {"services": services})


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request, organisation_id: int):
    organisation = selectors.editable_organisation(request.user, organisation_id)
    return form_page(
        request, ProfileForm(posted(request), instance=selectors.profile_of(organisation), organisation=organisation),
        template="partners/edit.html", save=lambda data: services.save_profile(request.user, organisation, data),
        success=_("The profile was saved and marked as up to date."),
        next_url=lambda profile: reverse("provider_detail", args=[organisation.pk]),
        context={"organisation": organisation, "heading": _("Profile of %(name)s") % {"name": organisation.name}},
    )


@login_required
@require_http_methods(["POST"])
def profile_confirm(request, organisation_id: int):
    organisation = selectors.editable_organisation(request.user, organisation_id)
    profile = selectors.profile_of(organisation)
    if profile is None:
        raise Http404
    services.confirm_profile(request.user, profile)
    messages.success(request, _("Thank you: the information is marked as up to date."))
    return redirect("provider_detail", organisation_id=organisation.pk)


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request, organisation_id: int, service_id: int | None = None):
    organisation = selectors.editable_organisation(request.user, organisation_id)
    if selectors.profile_of(organisation) is None:
        messages.error(request, _("Describe the organisation first; then add its services."))
        return redirect("provider_profile_edit", organisation_id=organisation.pk)
    service = selectors.service_of(organisation, service_id) if service_id else None
    form = ServiceForm(posted(request), instance=service)
    return form_page(
        request, form, template="partners/edit.html",
        save=lambda data: services.save_service(
            request.user, organisation, form.service_data(), service=service, channels=form.channels()),
        success=_("The service was saved."),
        next_url=lambda saved: reverse("provider_detail", args=[organisation.pk]) + f"#service-{saved.pk}",
        context={"organisation": organisation, "heading": _("Edit service") if service else _("New service")},
    )


def network_list(request):
    return render(request, "partners/networks.html", {
        "networks": selectors.networks(), "can_create": request.user.has_perm("partners.create_network"),
    })


@login_required
@require_http_methods(["GET", "POST"])
def network_create(request):
    if not request.user.has_perm("partners.create_network"):
        raise PermissionDenied
    return form_page(
        request, NetworkForm(posted(request)), template="partners/edit.html",
        save=lambda data: services.create_network(request.user, data), success=_("Saved."),
        next_url=lambda network: reverse("network_detail", args=[network.pk]),
        context={"organisation": request.user.organisation, "heading": _("New competence network")},
    )


@require_http_methods(["GET", "POST"])
def network_detail(request, pk: int):
    network = selectors.network_page(pk)
    can_manage = request.user.has_perm("partners.manage_network", network)
    own = next((m for m in network.members.all() if request.user.has_perm("partners.edit_membership", m)), None)
    member_form = MemberForm(posted(request) if request.POST.get("action") == "member" else None)
    offer_form = OfferForm(posted(request) if request.POST.get("action") == "offer" else None, network=network)
    competence_form = CompetenceForm(posted(request) if request.POST.get("action") == "competences" else None, instance=own)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        action = request.POST.get("action")
        done = None
        if action == "member" and can_manage:
            done = save_form(member_form, lambda data: services.add_member(request.user, network, data["business_id"]))
        elif action == "offer" and can_manage:
            done = save_form(offer_form, lambda data: services.publish_offer(request.user, network, data))
        elif action == "competences" and own is not None:
            done = save_form(competence_form, lambda data: services.set_competences(request.user, own, data["competences"]))
        else:
            raise PermissionDenied
        if done:
            messages.success(request, _("Saved."))
            return redirect("network_detail", pk=network.pk)
    invalid = member_form.errors or offer_form.errors or competence_form.errors
    return render(request, "partners/network.html", {
        "network": network, "can_manage": can_manage, "own": own,
        "member_form": member_form, "offer_form": offer_form, "competence_form": competence_form,
    }, status=422 if invalid else 200)


@require_http_methods(["GET", "POST"])
def table_detail(request, pk: int):
    """The public page of a partnership table; its forms are the staff's and the representatives'."""
    activity = selectors.table_activity(request.user, pk)
    procurement = activity.procurement
    table = selectors.table_of(activity)
    can_manage = request.user.has_perm("partners.manage_table", procurement)
    can_sign_up = table is not None and request.user.has_perm("partners.sign_up_for_table", procurement)
    action = request.POST.get("action")
    invite_form = InviteForm(posted(request) if action == "invite" else None)
    action_point_form = ActionPointForm(posted(request) if action == "action_point" else None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if table is None or not (can_manage or (action == "sign_up" and can_sign_up)):
            raise PermissionDenied
        done = None
        if action == "sign_up":
            done = _act(request, lambda: services.sign_up_for_table(request.user, table))
        elif action == "invite":
            done = save_form(invite_form, lambda data: services.invite_to_table(request.user, table, data["business_id"]))
        elif action == "invite_matching":
            invited = services.invite_matching_providers(request.user, table)
            messages.success(request, ngettext("%(count)d provider was invited.", "%(count)d providers were invited.",
                                               len(invited)) % {"count": len(invited)})
            return redirect("partnership_table", pk=activity.pk)
        elif action == "action_point":
            done = save_form(action_point_form, lambda data: services.add_action_point(request.user, table, data))
        elif action == "done":
            chosen = request.POST.get("action_point", "")
            point = get_object_or_404(table.action_points.all(), pk=int(chosen) if chosen.isdigit() else 0)
            done = services.set_action_point_done(request.user, point, request.POST.get("done") == "on")
        else:
            raise PermissionDenied
        if done:
            messages.success(request, _("Saved."))
            return redirect("partnership_table", pk=activity.pk)
    seats = list(table.seats.all()) if table else []
    own_seat = next((seat for seat in seats if seat.organisation_id == request.user.organisation_id), None) \
        if request.user.is_authenticated else None
    return render(request, "partners/table.html", {
        "activity": activity, "procurement": procurement, "table": table, "seats": seats, "own_seat": own_seat,
        "can_manage": can_manage, "can_sign_up": can_sign_up and not (own_seat and own_seat.signed_up_at),
        "invite_form": invite_form, "action_point_form": action_point_form,
    }, status=422 if invite_form.errors or action_point_form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def table_edit(request, pk: int):
    activity = selectors.table_activity(request.user, pk)
    if not request.user.has_perm("partners.manage_table", activity.procurement):
        raise PermissionDenied
    return form_page(
        request, TableForm(posted(request), instance=selectors.table_of(activity)), template="partners/table_edit.html",
        save=lambda data: services.save_table(request.user, activity, data), success=_("Saved."),
        next_url=lambda table: reverse("partnership_table", args=[activity.pk]), context={"activity": activity},
    )


@require_http_methods(["GET", "POST"])
def consortium_list(request, pk: int):
    """Expressions of interest in one procurement, and the form to publish one's own."""
    procurement = visible_procurement(request.user, pk)
    can_express = request.user.has_perm("partners.express_interest", procurement)
    form = InterestForm(posted(request))
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_express:
            raise PermissionDenied
        interest = save_form(form, lambda data: services.express_interest(request.user, procurement, data))
        if interest:
            messages.success(request, _("Your expression of interest was published."))
            return redirect("consortium_detail", pk=interest.pk)
    interests = list(selectors.interests_of(procurement))
    own = next((i for i in interests if request.user.is_authenticated and i.organisation_id == request.user.organisation_id), None)
    return render(request, "partners/consortia.html", {
        "procurement": procurement, "interests": interests, "form": form, "own": own,
        "can_express": can_express and own is None and procurement.phase in partnership.OPEN_PHASES,
    }, status=422 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def consortium_detail(request, pk: int):
    interest = selectors.interest_page(request.user, pk)
    is_lead = request.user.has_perm("partners.lead_consortium", interest)
    invitations = list(interest.invitations.all())
    pending = next((i for i in invitations if request.user.is_authenticated and i.accepted_at is None
                    and i.organisation_id == request.user.organisation_id), None)
    action = request.POST.get("action")
    invite_form = PartnerInviteForm(posted(request) if action == "invite" else None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        done = None
        if action == "invite" and is_lead:
            done = save_form(invite_form, lambda data: services.invite_partner(
                request.user, interest, data["business_id"], data["role"]))
        elif action == "accept" and pending is not None:
            done = _act(request, lambda: services.accept_invitation(request.user, interest))
        elif action == "form" and is_lead:
            done = _act(request, lambda: services.form_consortium(request.user, interest))
        else:
            raise PermissionDenied
        if done:
            messages.success(request, _("Saved."))
            return redirect("consortium_detail", pk=interest.pk)
    tender = getattr(interest.procurement, "tender", None)
    return render(request, "partners/consortium.html", {
        "interest": interest, "procurement": interest.procurement, "invitations": invitations,
        "is_lead": is_lead, "pending": pending, "invite_form": invite_form,
        "can_bid": is_lead and interest.formed_at is not None and tender is not None
        and request.user.has_perm("tendering.bid", interest.procurement),
        "tender": tender,
    }, status=422 if invite_form.errors else 200)


def _act(request, action):
    """Run a one-button service; its refusal is shown as a message on the same page."""
    try:
        return action()
    except ServiceError as error:
        flash_errors(request, error)
        return None


IMPORT_SALT = "coprocure.partners.organisation_list"


def _row_errors(errors) -> list[tuple]:
    columns = {"name": _("Name"), "kind": _("Kind of organisation"), "business_id": _("Business ID"),
               "municipality": _("Municipality"), "file": _("File")}
    return [(error, columns.get(error.field, error.field), message_for(error.code, error.params)) for error in errors]


@login_required
@require_http_methods(["GET", "POST"])
def organisation_import(request):
    """Upload a list, see every row checked, then import all of it or nothing. A large list is
    imported by a worker: the person follows it on the job's page, which lists its rows' errors."""
    if not request.user.has_perm("partners.import_organisations"):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("action") == "import":
        return _import_checked(request)
    form = OrganisationListForm(request.POST if request.method == "POST" else None, request.FILES or None)
    context = {"form": form}
    if request.method != "POST":
        return render(request, "partners/organisation_import.html", context)
    if not form.is_valid():
        return render(request, "partners/organisation_import.html", context, status=422)
    upload = form.cleaned_data["file"]
    try:
        if upload.size > spreadsheets.IN_REQUEST_MAX_BYTES:
            return redirect("job_detail", tasks.start_import(request.user, upload).pk)
        table = spreadsheets.read_upload(upload)
    except ServiceError as error:
        error.add_to_form(form)
        return render(request, "partners/organisation_import.html", context, status=422)
    rows, errors = services.check_organisation_list(table)
    plain = [[None if cell is None else str(cell) for cell in row] for row in table]
    kinds = dict(OrganisationKind.choices)
    context.update(previewed=True, rows=[(row, kinds[row.kind]) for row in rows], row_errors=_row_errors(errors),
                   signed_rows=signing.dumps(plain, salt=IMPORT_SALT) if not errors else "")
    return render(request, "partners/organisation_import.html", context, status=422 if errors else 200)


def _import_checked(request):
    try:
        table = signing.loads(request.POST.get("rows", ""), salt=IMPORT_SALT, max_age=3600)
    except signing.BadSignature:
        messages.error(request, _("The checked list has expired. Please upload the file again."))
        return redirect("organisation_import")
    try:
        created = services.import_organisations(request.user, table)
    except RowsRejected as rejected:
        return render(request, "partners/organisation_import.html", {
            "form": OrganisationListForm(), "previewed": True,
            "row_errors": _row_errors(rejected.row_errors),
        }, status=422)
    except ServiceError as error:
        flash_errors(request, error)
        return redirect("organisation_import")
    messages.success(request, ngettext("%(count)d organisation was imported.", "%(count)d organisations were imported.",
                                       len(created)) % {"count": len(created)})
    return redirect("organisation_import")
