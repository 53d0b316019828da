"""The permission matrix: every page and API endpoint × every role × the states that matter,
with the status each must get. A route that is not in the matrix fails the coverage test, so
no endpoint can be added without deciding who may use it.

Statuses: 200 shown, 302 sent to sign in (pages), 401 not signed in (API), 403 refused,
404 hidden (a private object's existence is not revealed), 422 allowed but the empty input
was refused, 405 method not offered.
"""

import json
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver
from django.utils import timezone

from coprocure.alliance import services as alliance
from coprocure.alliance import services_development as development
from coprocure.api.models import ApiToken
from coprocure.contracts import services as contracts
from coprocure.contracts.models import FigureFlag, Indicator
from coprocure.core import services
from coprocure.outbox.models import Message
from coprocure.ops import work
from coprocure.ops.models import Job
from coprocure.participation import services as participation
from coprocure.partners import services as partner_services
from coprocure.market_dialogue import services as dialogue_services
from coprocure.negotiation import services as negotiation
from coprocure.procedures import services as procedure_services
from coprocure.procedures.models import DecisionComplaint
from coprocure.tendering import services as tendering
from coprocure.tendering.models import Complaint

from .. import factories
from ..contracts.conftest import decision_data, to_contract_phase
from ..factories import text
from ..participation.conftest import make_survey
from ..procedures import conftest as procedure_helpers
from ..procedures import rounds as round_helpers
from ..tendering.conftest import answers, evaluator, make_tender, open_bids, pass_deadline

ROLES = ("anonymous", "outsider", "official", "staff", "expert", "evaluator", "provider", "other_provider", "admin")


@dataclass(frozen=True)
class Route:
    name: str          # the URL pattern's name
    method: str
    path: Callable     # world -> path
    expected: dict     # role -> status; roles not named get `default`
    default: int = 403
    api: bool = False
    body: dict | Callable | None = None  # writes: valid for the JSON schema, refused by the form; or world -> body
    upload: bool = False  # a multipart file instead of a JSON body


def pages(name, path, default=403, **expected):
    return Route(name, "GET", path, expected, default)


def posts(name, path, default=403, **expected):
    """A page's form sent empty: 422, or the service's own refusal, shows the permission check was passed."""
    return Route(name, "POST", path, expected, default)


def api(name, method, path, default=403, body=None, upload=False, **expected):
    return Route(name, method, path, expected, default, api=True, body=body, upload=upload)


SERVICE_BODY = {"name": {}, "summary": {}, "description": {}, "service_class": "", "areas": [], "languages": [],
                "price_basis": ""}
ANY = {role: 200 for role in ROLES}
SIGNED_IN_ANY = {**{role: 200 for role in ROLES}, "anonymous": 302}
ANYONE_MAY_TRY = {role: 422 for role in ROLES}
# Pages and writes of the procurement's own people: its official and staff.
STAFF_PAGE = {"anonymous": 302, "official": 200, "staff": 200}
STAFF_API = {"anonymous": 401, "official": 422, "staff": 422}
STAFF_POST = {"anonymous": 302, "official": 422, "staff": 422}

MATRIX = [
    # Public pages.
    pages("home", lambda w: "/", **ANY),
    pages("procurement_list", lambda w: "/procurements/", **ANY),
    pages("takepart_atom", lambda w: "/take-part/feed.atom", **ANY),
    pages("takepart_ics", lambda w: "/take-part/events.ics", **ANY),
    pages("takepart_activity", lambda w: f"/o/s{w.survey.pk}/", **ANY),
    pages("takepart_poster", lambda w: f"/o/s{w.survey.pk}/poster/", **ANY),
    api("list_activities", "GET", lambda w: "/api/v1/activities", **ANY),
    pages("login", lambda w: "/signin/", default=302, anonymous=200),
    pages("procurement_detail", lambda w: f"/procurements/{w.public.pk}/", **ANY),
    pages("procurement_detail", lambda w: f"/procurements/{w.private.pk}/", default=404, official=200, staff=200, expert=200, admin=200),
    pages("provider_search", lambda w: "/providers/", **ANY),
    pages("provider_detail", lambda w: f"/providers/{w.provider_org.pk}/", **ANY),
    pages("service_compare", lambda w: f"/services/compare/?service={w.service.pk}", **ANY),
    pages("network_list", lambda w: "/networks/", **ANY),
    pages("network_detail", lambda w: f"/networks/{w.network.pk}/", **ANY),
    pages("participation", lambda w: f"/procurements/{w.public.pk}/participation/", **ANY),
    pages("participation", lambda w: f"/procurements/{w.private.pk}/participation/", default=404, official=200, staff=200, expert=200, admin=200),
    pages("survey_answer", lambda w: f"/surveys/{w.survey.pk}/", **ANY),
    pages("survey_thanks", lambda w: f"/surveys/{w.survey.pk}/thanks/", **ANY),
    # The pages the law expects (issue 19 item 7); anyone may send accessibility feedback.
    pages("accessibility_statement", lambda w: "/accessibility/", **ANY),
    posts("accessibility_statement", lambda w: "/accessibility/", **ANYONE_MAY_TRY),
    pages("accessibility_feedback_sent", lambda w: "/accessibility/thanks/", **ANY),
    pages("privacy_notice", lambda w: "/privacy/", **ANY),
    api("get_accessibility_statement", "GET", lambda w: "/api/v1/accessibility-statement", **ANY),
    api("send_accessibility_feedback", "POST", lambda w: "/api/v1/accessibility-statement/feedback",
        body={"message": ""}, **ANYONE_MAY_TRY),
    api("get_privacy_notice", "GET", lambda w: "/api/v1/privacy-notice", **ANY),
    # Signed-in pages.
    pages("dashboard", lambda w: "/my/", **SIGNED_IN_ANY),
    pages("my_data", lambda w: "/my/data/", **SIGNED_IN_ANY),
    pages("my_data_download", lambda w: "/my/data/download/", **SIGNED_IN_ANY),
    pages("my_participation", lambda w: "/my/participation/", **SIGNED_IN_ANY),
    # One's own sign-up's needs: its owner only; anyone else's is 404, as if it did not exist.
    pages("my_sign_up_needs", lambda w: f"/my/sign-ups/{w.registration.pk}/needs/", default=404, anonymous=302,
          expert=200),
    posts("my_sign_up_needs", lambda w: f"/my/sign-ups/{w.registration.pk}/needs/", default=404, anonymous=302,
          expert=302),
    pages("procurement_create", lambda w: "/procurements/new/", anonymous=302, official=200, staff=200, outsider=200),
    pages("procurement_edit", lambda w: f"/procurements/{w.public.pk}/edit/", anonymous=302, official=200, staff=200),
    pages("procurement_phase", lambda w: f"/procurements/{w.public.pk}/phase/", anonymous=302, official=200),
    pages("procurement_roles", lambda w: f"/procurements/{w.public.pk}/roles/", anonymous=302, official=200, staff=200, admin=200),
    pages("procurement_edit", lambda w: f"/procurements/{w.private.pk}/edit/", default=404, anonymous=302, official=200, staff=200, expert=403, admin=403),
    pages("participation_plan_edit", lambda w: f"/procurements/{w.public.pk}/participation/plan/", anonymous=302, official=200, staff=200),
    pages("activity_create", lambda w: f"/procurements/{w.public.pk}/participation/activities/new/", anonymous=302, official=200, staff=200),
    pages("activity_edit", lambda w: f"/activities/{w.activity.pk}/edit/", anonymous=302, official=200, staff=200),
    pages("survey_create", lambda w: f"/activities/{w.activity.pk}/surveys/new/", anonymous=302, official=200, staff=200),
    pages("question_add", lambda w: f"/surveys/{w.survey.pk}/questions/", anonymous=302, official=200, staff=200),
    pages("survey_results", lambda w: f"/surveys/{w.survey.pk}/results/", anonymous=302, official=200, staff=200),
    pages("provider_profile_edit", lambda w: f"/providers/{w.provider_org.pk}/edit/", anonymous=302, provider=200, admin=200),
    pages("provider_service_new", lambda w: f"/providers/{w.provider_org.pk}/services/new/", anonymous=302, provider=200, admin=200),
    pages("provider_service_edit", lambda w: f"/providers/{w.provider_org.pk}/services/{w.service.pk}/edit/", anonymous=302, provider=200, admin=200),
    pages("provider_profile_confirm", lambda w: f"/providers/{w.provider_org.pk}/confirm/", default=405, anonymous=302),
    pages("network_create", lambda w: "/networks/new/", anonymous=302, provider=200, other_provider=200),
    pages("logout", lambda w: "/signout/", default=405),
    pages("two_factor", lambda w: "/signin/confirm/", **SIGNED_IN_ANY),
    # Sign-in through a provider exists only when one is configured (tests/accounts/test_oidc.py).
    pages("oidc_start", lambda w: "/oidc/start/", default=404),
    pages("oidc_callback", lambda w: "/oidc/callback/", default=404),
    # Signed in, the empty hint request is refused as malformed (400), not as forbidden.
    posts("readability", lambda w: "/readability/", default=400, anonymous=302),
    # API reads.
    api("list_procurements", "GET", lambda w: "/api/v1/procurements", **ANY),
    api("get_procurement", "GET", lambda w: f"/api/v1/procurements/{w.private.pk}", default=404, official=200, staff=200, expert=200, admin=200),
    api("list_roles", "GET", lambda w: f"/api/v1/procurements/{w.public.pk}/roles", anonymous=401, official=200, staff=200, admin=200),
    api("list_organisations", "GET", lambda w: "/api/v1/organisations", **ANY),
    api("search_services", "GET", lambda w: "/api/v1/services", **ANY),
    api("ptv_organisations", "GET", lambda w: "/api/v1/ptv/organisations", **ANY),
    api("ptv_organisation", "GET", lambda w: f"/api/v1/ptv/organisations/{w.provider_org.pk}", **ANY),
    api("list_networks", "GET", lambda w: "/api/v1/networks", **ANY),
    api("get_network", "GET", lambda w: f"/api/v1/networks/{w.network.pk}", **ANY),
    api("get_participation", "GET", lambda w: f"/api/v1/procurements/{w.private.pk}/participation", default=404, official=200, staff=200, expert=200, admin=200),
    api("get_survey", "GET", lambda w: f"/api/v1/surveys/{w.survey.pk}", **ANY),
    # A one-time answer token: signed, nothing written (issue 17 item 10).
    api("answer_token", "GET", lambda w: f"/api/v1/surveys/{w.survey.pk}/token", **ANY),
    api("ocds_releases", "GET", lambda w: "/api/v1/ocds/releases", **ANY),
    api("procurement_ocds", "GET", lambda w: f"/api/v1/procurements/{w.public.pk}/ocds", **ANY),
    # Open data is public data only: a private procurement is 404 to everyone, its own staff too.
    api("procurement_ocds", "GET", lambda w: f"/api/v1/procurements/{w.private.pk}/ocds", default=404),
    api("openapi-json", "GET", lambda w: "/api/v1/openapi.json", **ANY),
    api("openapi-view", "GET", lambda w: "/api/v1/docs", **ANY),
    # API writes with input the JSON schema accepts but the form refuses: 422 means the caller got
    # past the permission check, 403 that they were stopped before any validation of substance.
    api("create_procurement", "POST", lambda w: "/api/v1/procurements", anonymous=401, official=422, staff=422, outsider=422,
        body={"title": {}, "summary": {}, "service_area": "", "procedure": ""}),
    api("update_procurement", "PATCH", lambda w: f"/api/v1/procurements/{w.public.pk}", anonymous=401, official=200, staff=200,
        body={}),
    api("change_phase", "POST", lambda w: f"/api/v1/procurements/{w.public.pk}/phase", anonymous=401, official=422,
        body={"target": "nowhere"}),
    api("assign_role", "POST", lambda w: f"/api/v1/procurements/{w.public.pk}/roles", anonymous=401, official=422,
        body={"user": "", "role": ""}),
    api("create_organisation", "POST", lambda w: "/api/v1/organisations", anonymous=401, official=422, staff=422, outsider=422,
        admin=422, body={"name": "", "kind": ""}),
    api("put_profile", "PUT", lambda w: f"/api/v1/providers/{w.provider_org.pk}/profile", anonymous=401, provider=422, admin=422,
        body={"description": {}, "areas_served": [], "languages": [], "ownership": ""}),
    api("create_service", "POST", lambda w: f"/api/v1/providers/{w.provider_org.pk}/services", anonymous=401, provider=422,
        admin=422, body=SERVICE_BODY),
    api("update_service", "PUT", lambda w: f"/api/v1/providers/{w.provider_org.pk}/services/{w.service.pk}", anonymous=401,
        provider=422, admin=422, body=SERVICE_BODY),
    api("create_network", "POST", lambda w: "/api/v1/networks", anonymous=401, provider=422, other_provider=422,
        body={"name": {}, "theme": {}}),
    api("add_network_member", "POST", lambda w: f"/api/v1/networks/{w.network.pk}/members", anonymous=401, provider=422,
        admin=422, body={"business_id": ""}),
    api("publish_offer", "POST", lambda w: f"/api/v1/networks/{w.network.pk}/offers", anonymous=401, provider=422,
        admin=422, body={"title": {}, "description": {}}),
    api("submit_response", "POST", lambda w: f"/api/v1/surveys/{w.survey.pk}/responses", body={},
        **{r: 422 for r in ROLES}),

    # Tendering. The public procurement's tender is published with its deadline ahead, so the
    # provider's bid is sealed: nobody reads it, not even the official or the site administrator,
    # and refusals that reach the sealing answer 409 (bids_sealed, audited) rather than 403.
    # The contract-phase procurement's tender is past its deadline with its bids opened; the
    # drafting procurement's tender is a draft, which only the procurement's own people may see.
    pages("tender", lambda w: f"/procurements/{w.public.pk}/tender/", **ANY),
    # The page of a draft is shown to all, without the draft (the API's 404 below hides it).
    pages("tender", lambda w: f"/procurements/{w.drafting.pk}/tender/", **ANY),
    pages("tender_edit", lambda w: f"/procurements/{w.public.pk}/tender/edit/", **STAFF_PAGE),
    pages("objective_create", lambda w: f"/procurements/{w.public.pk}/objectives/new/", **STAFF_PAGE),
    pages("criterion_add", lambda w: f"/tenders/{w.tender.pk}/criteria/new/", **STAFF_PAGE),
    pages("criterion_add", lambda w: f"/tenders/{w.draft.pk}/criteria/new/", default=404, **STAFF_PAGE),
    pages("lot_add", lambda w: f"/tenders/{w.draft.pk}/lots/new/", default=404, **STAFF_PAGE),
    pages("tender_publish", lambda w: f"/tenders/{w.tender.pk}/publish/", default=405, anonymous=302),
    # Already published: the official passes the check and is refused by the service (409).
    posts("tender_publish", lambda w: f"/tenders/{w.tender.pk}/publish/", anonymous=302, official=409),
    pages("question_ask", lambda w: f"/tenders/{w.tender.pk}/questions/new/", anonymous=302, provider=200,
          other_provider=200),
    pages("question_answer", lambda w: f"/questions/{w.question.pk}/answer/", anonymous=302, official=200),
    pages("bid_submit", lambda w: f"/tenders/{w.tender.pk}/bid/", anonymous=302, provider=200, other_provider=200),
    posts("bid_submit", lambda w: f"/tenders/{w.tender.pk}/bid/", anonymous=302, provider=422, other_provider=422),
    pages("bid_withdraw", lambda w: f"/bids/{w.bid.pk}/withdraw/", default=405, anonymous=302),
    # Past the deadline the bidder may no longer withdraw (409); nobody else may at all.
    posts("bid_withdraw", lambda w: f"/bids/{w.opened_bid.pk}/withdraw/", anonymous=302, provider=409),
    pages("bids_open", lambda w: f"/tenders/{w.tender.pk}/open/", default=405, anonymous=302),
    posts("bids_open", lambda w: f"/tenders/{w.tender.pk}/open/", anonymous=302, official=409),
    pages("scoring", lambda w: f"/tenders/{w.tender.pk}/scoring/", anonymous=302, evaluator=200),
    pages("settlement", lambda w: f"/tenders/{w.tender.pk}/settlement/", anonymous=302, official=409),
    pages("settlement", lambda w: f"/tenders/{w.opened.pk}/settlement/", anonymous=302, official=200),
    # Before a published award the page is the official's workspace; to everyone else it does not exist.
    pages("award", lambda w: f"/tenders/{w.tender.pk}/award/", default=404, official=200),
    api("get_tender", "GET", lambda w: f"/api/v1/tenders/{w.tender.pk}", **ANY),
    api("get_tender", "GET", lambda w: f"/api/v1/tenders/{w.draft.pk}", default=404, official=200, staff=200),
    api("list_bids", "GET", lambda w: f"/api/v1/tenders/{w.tender.pk}/bids", anonymous=401, official=200, staff=200),
    # Sealed means not even counted: before the opening a bid or its file is 404 (as if it did not
    # exist) for anyone but its bidder and the procurement's staff.
    api("get_bid", "GET", lambda w: f"/api/v1/bids/{w.bid.pk}", default=404, anonymous=401, official=409, staff=409,
        provider=403),
    api("get_bid", "GET", lambda w: f"/api/v1/bids/{w.opened_bid.pk}", anonymous=401, official=200, staff=200),
    api("open_bids", "POST", lambda w: f"/api/v1/tenders/{w.tender.pk}/open", anonymous=401, official=409),
    api("comparison", "GET", lambda w: f"/api/v1/tenders/{w.tender.pk}/comparison", default=404),
    api("create_objective", "POST", lambda w: f"/api/v1/procurements/{w.public.pk}/objectives", body={}, **STAFF_API),
    api("save_tender", "PUT", lambda w: f"/api/v1/procurements/{w.public.pk}/tender", body={}, **STAFF_API),
    api("add_criterion", "POST", lambda w: f"/api/v1/tenders/{w.tender.pk}/criteria", body={}, **STAFF_API),
    api("add_lot", "POST", lambda w: f"/api/v1/tenders/{w.tender.pk}/lots", body={}, **STAFF_API),
    api("publish_tender", "POST", lambda w: f"/api/v1/tenders/{w.tender.pk}/publish", anonymous=401, official=409),
    api("ask_question", "POST", lambda w: f"/api/v1/tenders/{w.tender.pk}/questions", anonymous=401, provider=422,
        other_provider=422, body={"question": ""}),
    api("answer_question", "POST", lambda w: f"/api/v1/questions/{w.question.pk}/answer", anonymous=401, official=422,
        body={}),
    api("submit_bid", "POST", lambda w: f"/api/v1/tenders/{w.tender.pk}/bids", anonymous=401, provider=422,
        other_provider=422, body={"price": "paljon"}),
    api("withdraw_bid", "POST", lambda w: f"/api/v1/bids/{w.opened_bid.pk}/withdraw", anonymous=401, provider=409),
    api("declare_conflict", "POST", lambda w: f"/api/v1/tenders/{w.tender.pk}/declaration", anonymous=401,
        evaluator=422, body={"has_conflict": "ehkä"}),
    # A valid score and a valid exclusion, so that what refuses the evaluator and the official is the seal.
    api("record_score", "POST", lambda w: f"/api/v1/tenders/{w.tender.pk}/scores", anonymous=401, evaluator=409,
        body=lambda w: {"bid": w.bid.pk, "criterion": w.criterion.key, "score": "4", "justification": "Perustelu"}),
    api("exclude_bid", "POST", lambda w: f"/api/v1/bids/{w.bid.pk}/exclude", default=404, anonymous=401, official=409,
        staff=403, provider=403, body={"reason": "Ei täytä vähimmäisvaatimuksia."}),
    api("settle_score", "POST", lambda w: f"/api/v1/tenders/{w.tender.pk}/final-scores", anonymous=401, official=422,
        body=lambda w: {"bid": w.bid.pk, "criterion": w.criterion.key, "consensus": "paljon"}),
    api("decide_award", "POST", lambda w: f"/api/v1/tenders/{w.tender.pk}/award", anonymous=401, official=422, body={}),
    # No award yet: there is nothing to publish, for anyone.
    api("publish_award", "POST", lambda w: f"/api/v1/tenders/{w.tender.pk}/award/publish", default=404, anonymous=401),
    # Complaints, on the contract-phase tender's award: published long ago, its complaint time is
    # over and its one complaint answered. The bidder passes every check but the deadline (409);
    # a provider that did not bid is refused by the service (403); only the accountable official answers.
    pages("award", lambda w: f"/tenders/{w.opened.pk}/award/", **ANY),
    pages("complaint_file", lambda w: f"/tenders/{w.opened.pk}/complaints/new/", anonymous=302, provider=200,
          other_provider=200),
    posts("complaint_file", lambda w: f"/tenders/{w.opened.pk}/complaints/new/", anonymous=302, provider=422,
          other_provider=422),
    pages("complaint_file", lambda w: f"/tenders/{w.tender.pk}/complaints/new/", default=404, anonymous=302),
    pages("complaint_answer", lambda w: f"/complaints/{w.complaint.pk}/answer/", anonymous=302, official=200),
    # Appeals to the Market Court are recorded by the authority (never refused as late) and decided by the court.
    pages("appeal_record", lambda w: f"/tenders/{w.opened.pk}/appeals/new/", anonymous=302, official=200),
    posts("appeal_record", lambda w: f"/tenders/{w.opened.pk}/appeals/new/", anonymous=302, official=422),
    pages("appeal_record", lambda w: f"/tenders/{w.tender.pk}/appeals/new/", default=404, anonymous=302),
    pages("court_decision", lambda w: f"/complaints/{w.complaint.pk}/court-decision/", anonymous=302, official=200),
    posts("court_decision", lambda w: f"/complaints/{w.complaint.pk}/court-decision/", anonymous=302, official=422),
    # The PDF documents follow their pages: a draft invitation only for the procurement's own people,
    # the award decision once published.
    pages("tender_pdf", lambda w: f"/tenders/{w.tender.pk}/invitation.pdf", **ANY),
    pages("tender_pdf", lambda w: f"/tenders/{w.draft.pk}/invitation.pdf", default=404, official=200, staff=200),
    pages("award_pdf", lambda w: f"/tenders/{w.opened.pk}/award.pdf", **ANY),
    pages("award_pdf", lambda w: f"/tenders/{w.tender.pk}/award.pdf", default=404),
    # The service description and minimum requirements: public once the tender is, written by the
    # procurement's staff and invited user representatives (the expert), published by staff only.
    # Publishing the unchanged text again is refused by the service (409).
    pages("tender_document", lambda w: f"/tenders/{w.tender.pk}/documents/minimum_requirements/", **ANY),
    pages("tender_document", lambda w: f"/tenders/{w.draft.pk}/documents/service_description/", default=404,
          official=200, staff=200, expert=200),
    posts("tender_document", lambda w: f"/tenders/{w.tender.pk}/documents/minimum_requirements/", official=409, staff=409),
    pages("document_version", lambda w: f"/tenders/{w.tender.pk}/documents/minimum_requirements/versions/1/", **ANY),
    pages("section_add", lambda w: f"/tenders/{w.tender.pk}/documents/minimum_requirements/sections/new/",
          expert=200, **STAFF_PAGE),
    posts("section_add", lambda w: f"/tenders/{w.tender.pk}/documents/minimum_requirements/sections/new/",
          anonymous=302, official=422, staff=422, expert=422),
    pages("section_edit", lambda w: f"/sections/{w.section.pk}/edit/", expert=200, **STAFF_PAGE),
    posts("section_edit", lambda w: f"/sections/{w.section.pk}/edit/", anonymous=302, official=422, staff=422, expert=422),
    pages("section_comment", lambda w: f"/sections/{w.section.pk}/comments/new/", expert=200, **STAFF_PAGE),
    posts("section_comment", lambda w: f"/sections/{w.section.pk}/comments/new/", anonymous=302, official=422, staff=422,
          expert=422),
    pages("comment_redact", lambda w: f"/section-comments/{w.comment.pk}/redactions/", **STAFF_PAGE),
    posts("comment_redact", lambda w: f"/section-comments/{w.comment.pk}/redactions/", anonymous=302, official=422,
          staff=422),
    api("get_document", "GET", lambda w: f"/api/v1/tenders/{w.tender.pk}/documents/minimum_requirements", **ANY),
    api("get_document", "GET", lambda w: f"/api/v1/tenders/{w.draft.pk}/documents/service_description", default=404,
        official=200, staff=200, expert=200),
    api("get_document_version", "GET",
        lambda w: f"/api/v1/tenders/{w.tender.pk}/documents/minimum_requirements/versions/1", **ANY),
    api("add_section", "POST", lambda w: f"/api/v1/tenders/{w.tender.pk}/documents/minimum_requirements/sections",
        body={}, expert=422, **STAFF_API),
    api("update_section", "PUT", lambda w: f"/api/v1/sections/{w.section.pk}", body={}, expert=422, **STAFF_API),
    api("publish_document", "POST", lambda w: f"/api/v1/tenders/{w.tender.pk}/documents/minimum_requirements/publish",
        anonymous=401, official=409, staff=409),
    api("comment_section", "POST", lambda w: f"/api/v1/sections/{w.section.pk}/comments", body={}, expert=422,
        **STAFF_API),
    api("redact_comment", "POST", lambda w: f"/api/v1/section-comments/{w.comment.pk}/redactions", body={"reason": ""},
        **STAFF_API),
    # Bid attachments: the bidder attaches and removes its own files until the deadline (409
    # after it); the files are readable only after opening, by the authority's people and the
    # cleared panel (409, audited, before). The other provider has no bid to attach to (409).
    pages("bid_attachments", lambda w: f"/tenders/{w.tender.pk}/bid/attachments/", anonymous=302, provider=200,
          other_provider=200),
    posts("bid_attachments", lambda w: f"/tenders/{w.tender.pk}/bid/attachments/", anonymous=302, provider=422,
          other_provider=422),
    pages("attachment_remove", lambda w: f"/attachments/{w.attachment.pk}/remove/", default=405, anonymous=302),
    posts("attachment_remove", lambda w: f"/attachments/{w.opened_attachment.pk}/remove/", anonymous=302, provider=409),
    pages("attachment_download", lambda w: f"/attachments/{w.attachment.pk}/", default=404, anonymous=302, official=409,
          staff=409, provider=403),
    pages("attachment_download", lambda w: f"/attachments/{w.opened_attachment.pk}/", anonymous=302, official=200,
          staff=200),
    api("add_attachment", "POST", lambda w: f"/api/v1/tenders/{w.tender.pk}/bid/attachments", upload=True,
        anonymous=401, provider=422, other_provider=409),
    api("remove_attachment", "DELETE", lambda w: f"/api/v1/attachments/{w.opened_attachment.pk}", anonymous=401,
        provider=409),
    api("download_attachment", "GET", lambda w: f"/api/v1/attachments/{w.attachment.pk}", default=404, anonymous=401,
        official=409, staff=409, provider=403),
    api("download_attachment", "GET", lambda w: f"/api/v1/attachments/{w.opened_attachment.pk}", anonymous=401,
        official=200, staff=200),
    # From the published award to the contract: the procurement's officials only; without a
    # published award there is nothing to conclude.
    pages("award_contract", lambda w: f"/tenders/{w.opened.pk}/contract/", anonymous=302, official=200),
    posts("award_contract", lambda w: f"/tenders/{w.opened.pk}/contract/", anonymous=302, official=422),
    pages("award_contract", lambda w: f"/tenders/{w.tender.pk}/contract/", default=404, anonymous=302),
    api("conclude_award", "POST", lambda w: f"/api/v1/tenders/{w.opened.pk}/contract", body={}, anonymous=401,
        official=422),
    api("complaint_timeline", "GET", lambda w: f"/api/v1/tenders/{w.opened.pk}/complaints", **ANY),
    api("complaint_timeline", "GET", lambda w: f"/api/v1/tenders/{w.tender.pk}/complaints", default=404),
    api("file_complaint", "POST", lambda w: f"/api/v1/tenders/{w.opened.pk}/complaints", anonymous=401, provider=409,
        body={"kind": "rectification_request", "grounds": "Pisteet väärin."}),
    api("answer_complaint", "POST", lambda w: f"/api/v1/complaints/{w.complaint.pk}/answer", anonymous=401, official=409,
        body={"outcome": "upheld", "answer": "Korjataan."}),
    api("record_appeal", "POST", lambda w: f"/api/v1/tenders/{w.opened.pk}/appeals", anonymous=401, official=422,
        body={"appellant": 0, "filed_on": "2026-01-01"}),
    # The world's complaint is a request for rectification: it has no court decision (409).
    api("record_court_decision", "POST", lambda w: f"/api/v1/complaints/{w.complaint.pk}/court-decision",
        anonymous=401, official=409, body={"outcome": "rejected"}),

    # Contracts, on the procurement in the contract phase. The provider is the contract's party.
    # Recording a decision is taken to be the official's act, like the award in tendering; the rule
    # `contracts.decide` grants it to staff as well, so the staff rows below fail until that is settled.
    pages("procurement_contracts", lambda w: f"/procurements/{w.contracted.pk}/contracts/", **ANY),
    pages("contract_create", lambda w: f"/procurements/{w.contracted.pk}/contracts/new/", **STAFF_PAGE),
    pages("contract_detail", lambda w: f"/contracts/{w.contract.pk}/", **ANY),
    pages("contract_party_add", lambda w: f"/contracts/{w.contract.pk}/parties/new/", **STAFF_PAGE),
    pages("contract_document_add", lambda w: f"/contracts/{w.contract.pk}/documents/new/", **STAFF_PAGE),
    pages("contract_amendment_add", lambda w: f"/contracts/{w.contract.pk}/amendments/new/", **STAFF_PAGE),
    pages("steering_member_add", lambda w: f"/contracts/{w.contract.pk}/steering-group/new/", **STAFF_PAGE),
    pages("meeting_create", lambda w: f"/contracts/{w.contract.pk}/meetings/new/", **STAFF_PAGE),
    # Staff may record a steering-group decision (as its secretary would); the decision itself
    # must name an official of the authority as accountable, which the domain enforces.
    pages("decision_create", lambda w: f"/contracts/{w.contract.pk}/decisions/new/", anonymous=302, official=200, staff=200),
    pages("meeting_detail", lambda w: f"/meetings/{w.meeting.pk}/", **ANY),
    pages("agenda_publish", lambda w: f"/meetings/{w.meeting.pk}/publish/", default=405, anonymous=302),
    pages("minutes_edit", lambda w: f"/meetings/{w.meeting.pk}/minutes/", **STAFF_PAGE),
    pages("compensation_add", lambda w: f"/meetings/{w.meeting.pk}/compensations/new/", **STAFF_PAGE),
    pages("decision_detail", lambda w: f"/decisions/{w.decision.pk}/", **ANY),
    pages("position_record", lambda w: f"/decisions/{w.decision.pk}/positions/new/", **STAFF_PAGE),
    posts("position_record", lambda w: f"/decisions/{w.decision.pk}/positions/new/", anonymous=302, official=422,
          staff=422),
    pages("kra_create", lambda w: f"/contracts/{w.contract.pk}/kras/new/", **STAFF_PAGE),
    pages("indicator_create", lambda w: f"/kras/{w.kra.pk}/indicators/new/", **STAFF_PAGE),
    # The idea form works without an account: anyone may open it and send it.
    pages("proposal_submit", lambda w: f"/contracts/{w.contract.pk}/proposals/", **ANY),
    posts("proposal_submit", lambda w: f"/contracts/{w.contract.pk}/proposals/", **ANYONE_MAY_TRY),
    pages("proposal_thanks", lambda w: f"/ideas/{w.proposal.reference}/thanks/", **ANY),
    # Anyone follows an idea by its reference (issue 19 item 6); staff show a checked one publicly.
    pages("idea_lookup", lambda w: "/ideas/", **ANY),
    pages("idea_status", lambda w: f"/ideas/{w.proposal.reference}/", **ANY),
    posts("proposal_publish", lambda w: f"/proposals/{w.proposal.pk}/publish/", anonymous=302, official=302, staff=302),
    pages("contract_backlog", lambda w: f"/contracts/{w.contract.pk}/backlog/", **STAFF_PAGE),
    pages("you_said_we_did", lambda w: f"/contracts/{w.contract.pk}/you-said-we-did/", **ANY),
    pages("proposal_decide", lambda w: f"/proposals/{w.proposal.pk}/", **STAFF_PAGE),
    pages("proposal_redact", lambda w: f"/proposals/{w.proposal.pk}/redactions/", **STAFF_PAGE),
    posts("proposal_redact", lambda w: f"/proposals/{w.proposal.pk}/redactions/", anonymous=302, official=422, staff=422),
    pages("contract_report", lambda w: f"/contracts/{w.contract.pk}/report/", provider=200, **STAFF_PAGE),
    pages("contract_outcomes", lambda w: f"/contracts/{w.contract.pk}/outcomes/", **ANY),
    # Corrections of contract records are the staff's. Most rows only open the form or the
    # removal page (GET), so that no row's POST removes what a later row needs.
    pages("member_edit", lambda w: f"/steering-members/{w.member.pk}/edit/", **STAFF_PAGE),
    pages("member_remove", lambda w: f"/steering-members/{w.member.pk}/remove/", **STAFF_PAGE),
    pages("meeting_edit", lambda w: f"/meetings/{w.meeting.pk}/edit/", **STAFF_PAGE),
    pages("meeting_remove", lambda w: f"/meetings/{w.meeting.pk}/remove/", **STAFF_PAGE),
    pages("kra_edit", lambda w: f"/kras/{w.kra.pk}/edit/", **STAFF_PAGE),
    pages("kra_remove", lambda w: f"/kras/{w.kra.pk}/remove/", **STAFF_PAGE),
    pages("indicator_edit", lambda w: f"/indicators/{w.indicator.pk}/edit/", **STAFF_PAGE),
    pages("indicator_remove", lambda w: f"/indicators/{w.indicator.pk}/remove/", **STAFF_PAGE),
    pages("document_edit", lambda w: f"/documents/{w.document.pk}/edit/", **STAFF_PAGE),
    pages("document_remove", lambda w: f"/documents/{w.document.pk}/remove/", **STAFF_PAGE),
    posts("meeting_edit", lambda w: f"/meetings/{w.meeting.pk}/edit/", anonymous=302, official=422, staff=422),
    # The meeting's agenda is published: removing it is refused (409) after the permission check.
    posts("meeting_remove", lambda w: f"/meetings/{w.meeting.pk}/remove/", anonymous=302, official=409, staff=409),
    # A survey indicator's rounds are the staff's; the world's indicator is a register one, so
    # opening a round is refused with a message (302 back to the page) and an empty result form too.
    pages("indicator_survey", lambda w: f"/indicators/{w.indicator.pk}/survey/", **STAFF_PAGE),
    posts("indicator_survey", lambda w: f"/indicators/{w.indicator.pk}/survey/", anonymous=302, official=422,
          staff=422),
    pages("survey_round_open", lambda w: f"/indicators/{w.indicator.pk}/survey/next-round/", default=405, anonymous=302),
    posts("survey_round_open", lambda w: f"/indicators/{w.indicator.pk}/survey/next-round/", anonymous=302,
          official=302, staff=302),
    pages("survey_measure", lambda w: f"/indicators/{w.indicator.pk}/survey/results/", default=405, anonymous=302),
    posts("survey_measure", lambda w: f"/indicators/{w.indicator.pk}/survey/results/", anonymous=302, official=302,
          staff=302),
    api("get_contract", "GET", lambda w: f"/api/v1/contracts/{w.contract.pk}", **ANY),
    api("list_meetings", "GET", lambda w: f"/api/v1/contracts/{w.contract.pk}/meetings", **ANY),
    api("list_decisions", "GET", lambda w: f"/api/v1/contracts/{w.contract.pk}/decisions", **ANY),
    api("trail", "GET", lambda w: f"/api/v1/contracts/{w.contract.pk}/you-said-we-did", **ANY),
    api("list_kras", "GET", lambda w: f"/api/v1/contracts/{w.contract.pk}/kras", **ANY),
    api("outcomes", "GET", lambda w: f"/api/v1/contracts/{w.contract.pk}/outcomes", **ANY),
    api("create_contract", "POST", lambda w: f"/api/v1/procurements/{w.contracted.pk}/contracts", **STAFF_API,
        body={"kind": "", "title": {}, "starts_on": "2025-01-01", "ends_on": "2024-01-01"}),
    api("add_party", "POST", lambda w: f"/api/v1/contracts/{w.contract.pk}/parties", body={"role": ""}, **STAFF_API),
    api("add_document", "POST", lambda w: f"/api/v1/contracts/{w.contract.pk}/documents", body={"title": "", "url": ""},
        **STAFF_API),
    api("amend_contract", "POST", lambda w: f"/api/v1/contracts/{w.contract.pk}/amendments", **STAFF_API,
        body={"summary": {}, "reason": {}, "decision": 0}),
    api("add_member", "POST", lambda w: f"/api/v1/contracts/{w.contract.pk}/steering-group", **STAFF_API,
        body={"name": "", "role": "", "term_starts": "2025-01-01"}),
    api("schedule_meeting", "POST", lambda w: f"/api/v1/contracts/{w.contract.pk}/meetings", **STAFF_API,
        body={"starts_at": "2020-01-01T10:00:00+02:00", "agenda": {}}),
    # The agenda is already published: the service refuses a second time.
    api("publish_agenda", "POST", lambda w: f"/api/v1/meetings/{w.meeting.pk}/publish", anonymous=401, official=409,
        staff=409),
    api("record_minutes", "POST", lambda w: f"/api/v1/meetings/{w.meeting.pk}/minutes", body={"minutes": {}},
        **STAFF_API),
    api("record_compensation", "POST", lambda w: f"/api/v1/meetings/{w.meeting.pk}/compensations", **STAFF_API,
        body={"member": 0, "hours": "0", "fee": "0"}),
    api("record_decision", "POST", lambda w: f"/api/v1/contracts/{w.contract.pk}/decisions", anonymous=401,
        official=422, staff=422, body={"title": {}, "decided": {}, "reasoning": {}, "proposed_by": "", "proposer_role": "",
                            "decided_on": "2025-01-01"}),
    api("record_position", "POST", lambda w: f"/api/v1/decisions/{w.decision.pk}/positions", body={"position": ""},
        **STAFF_API),
    api("submit_proposal", "POST", lambda w: f"/api/v1/contracts/{w.contract.pk}/proposals", **ANYONE_MAY_TRY,
        body={"text": "", "proposer_kind": ""}),
    api("idea", "GET", lambda w: f"/api/v1/ideas/{w.proposal.reference}", **ANY),
    api("my_participation", "GET", lambda w: "/api/v1/me/participation", default=200, anonymous=401),
    api("change_needs", "PATCH", lambda w: f"/api/v1/me/sign-ups/{w.registration.pk}", default=404, anonymous=401,
        expert=200, body={}),
    api("publish_proposal", "POST", lambda w: f"/api/v1/proposals/{w.proposal.pk}/publication", anonymous=401,
        official=200, staff=200),
    api("decide_proposal", "POST", lambda w: f"/api/v1/proposals/{w.proposal.pk}/decision", body={"status": ""},
        **STAFF_API),
    api("redact_proposal", "POST", lambda w: f"/api/v1/proposals/{w.proposal.pk}/redactions", body={"reason": ""},
        **STAFF_API),
    api("add_kra", "POST", lambda w: f"/api/v1/contracts/{w.contract.pk}/kras", body={"name": {}, "weight": "0"},
        **STAFF_API),
    api("add_indicator", "POST", lambda w: f"/api/v1/kras/{w.kra.pk}/indicators", **STAFF_API,
        body={"code": "", "name": {}, "unit": "", "direction": "", "minimum": "0", "target": "0", "excellent": "0",
              "frequency": "", "data_source": ""}),
    # Corrections through the API: bodies the forms refuse; the world's meeting has a published
    # agenda, so removing it is refused (409) after the permission check.
    api("correct_member", "PUT", lambda w: f"/api/v1/steering-members/{w.member.pk}",
        body={"name": "", "role": "", "term_starts": "2025-01-01"}, **STAFF_API),
    api("correct_meeting", "PUT", lambda w: f"/api/v1/meetings/{w.meeting.pk}",
        body={"starts_at": "2025-01-01T10:00:00", "agenda": {}}, **STAFF_API),
    api("remove_meeting", "DELETE", lambda w: f"/api/v1/meetings/{w.meeting.pk}", anonymous=401, official=409,
        staff=409),
    # Each removal row gets a record of its own, so that one role's removal leaves the next role something to try.
    api("remove_member", "DELETE", lambda w: f"/api/v1/steering-members/{w.spare('member').pk}", anonymous=401,
        official=204, staff=204),
    api("remove_kra", "DELETE", lambda w: f"/api/v1/kras/{w.spare('kra').pk}", anonymous=401, official=204,
        staff=204),
    api("remove_indicator", "DELETE", lambda w: f"/api/v1/indicators/{w.spare('indicator').pk}", anonymous=401,
        official=204, staff=204),
    api("remove_document", "DELETE", lambda w: f"/api/v1/contract-documents/{w.spare('document').pk}",
        anonymous=401, official=204, staff=204),
    api("correct_kra", "PUT", lambda w: f"/api/v1/kras/{w.kra.pk}", body={"name": {}, "weight": "0"}, **STAFF_API),
    api("correct_indicator", "PUT", lambda w: f"/api/v1/indicators/{w.indicator.pk}", **STAFF_API,
        body={"code": "", "name": {}, "unit": "", "direction": "", "minimum": "0", "target": "0", "excellent": "0",
              "frequency": "", "data_source": ""}),
    api("correct_document", "PUT", lambda w: f"/api/v1/contract-documents/{w.document.pk}",
        body={"title": "", "url": ""}, **STAFF_API),
    # A survey indicator's rounds; the world's indicator is a register one, so the service refuses.
    api("survey_rounds", "GET", lambda w: f"/api/v1/indicators/{w.indicator.pk}/survey-rounds", anonymous=401,
        official=200, staff=200),
    api("link_survey", "POST", lambda w: f"/api/v1/indicators/{w.indicator.pk}/survey-rounds",
        body={"question": 0, "period_start": "2025-01-01"}, **STAFF_API),
    api("open_next_round", "POST", lambda w: f"/api/v1/indicators/{w.indicator.pk}/survey-rounds/next",
        anonymous=401, official=409, staff=409),
    api("record_survey_measurement", "POST", lambda w: f"/api/v1/indicators/{w.indicator.pk}/survey-measurements",
        body={"period_start": "2025-01-01"}, anonymous=401, official=409, staff=409),
    # Reports come from the contract's provider party and the procurement's staff.
    api("report", "POST", lambda w: f"/api/v1/contracts/{w.contract.pk}/measurements", provider=422, **STAFF_API,
        body={"rows": [{"indicator": "ei-ole", "period": "eilen", "value": "paljon"}]}),
    api("upload_report", "POST", lambda w: f"/api/v1/contracts/{w.contract.pk}/measurements/upload", provider=422,
        upload=True, **STAFF_API),
    api("import_report", "POST", lambda w: f"/api/v1/contracts/{w.contract.pk}/measurements/imports", upload=True,
        anonymous=401, official=202, staff=202, provider=202),
    # Participation: events with sign-up, insights ("you said, we did"), the equality monitor,
    # result and payroll exports, batch entry and experts' pay, on the public procurement.
    # Results, the equality monitor and pay are for the procurement's staff (view_results), not
    # for the site administrator; planning and rosters are the staff's (manage).
    # Follow-up: anyone who can see a survey may leave an address; the unsubscribe link is the
    # only key to a contact, so it is open to all and a forged token is refused.
    pages("follow_up", lambda w: f"/surveys/{w.survey.pk}/follow-up/", **ANY),
    posts("follow_up", lambda w: f"/surveys/{w.survey.pk}/follow-up/", **ANYONE_MAY_TRY),
    pages("follow_up_unsubscribe", lambda w: "/follow-up/unsubscribe/vaara/", **ANY),
    posts("follow_up_unsubscribe", lambda w: "/follow-up/unsubscribe/vaara/", **{role: 400 for role in ROLES}),
    api("follow_survey", "POST", lambda w: f"/api/v1/surveys/{w.survey.pk}/follow-up", **ANYONE_MAY_TRY),
    api("unsubscribe_follow_up", "POST", lambda w: "/api/v1/follow-up/unsubscribe", **ANYONE_MAY_TRY),
    pages("participation_you_said_we_did", lambda w: f"/procurements/{w.public.pk}/you-said-we-did/", **ANY),
    pages("participation_you_said_we_did", lambda w: f"/procurements/{w.private.pk}/you-said-we-did/", default=404, official=200,
          staff=200, expert=200, admin=200),
    pages("insight_create", lambda w: f"/procurements/{w.public.pk}/insights/new/", **STAFF_PAGE),
    pages("insight_decide", lambda w: f"/insights/{w.insight.pk}/decision/", **STAFF_PAGE),
    pages("excerpt_redact", lambda w: f"/insights/{w.insight.pk}/redactions/", **STAFF_PAGE),
    posts("excerpt_redact", lambda w: f"/insights/{w.insight.pk}/redactions/", anonymous=302, official=422, staff=422),
    api("redact_excerpt", "POST", lambda w: f"/api/v1/insights/{w.insight.pk}/redactions", body={"reason": ""},
        **STAFF_API),
    pages("equality_monitor", lambda w: f"/procurements/{w.public.pk}/participation/equality/", **STAFF_PAGE),
    # Publishing the counts behind the public figures now (the periodic job's rule): the staff's.
    pages("publication_publish", lambda w: f"/procurements/{w.public.pk}/participation/publication/", default=405,
          anonymous=302),
    posts("publication_publish", lambda w: f"/procurements/{w.public.pk}/participation/publication/", anonymous=302,
          official=302, staff=302),
    api("publish_counts", "POST", lambda w: f"/api/v1/procurements/{w.public.pk}/participation/publication",
        anonymous=401, official=200, staff=200),
    pages("survey_results_csv", lambda w: f"/surveys/{w.survey.pk}/results.csv", **STAFF_PAGE),
    pages("survey_results_xlsx", lambda w: f"/surveys/{w.survey.pk}/results.xlsx", **STAFF_PAGE),
    # The expert by experience collects answers where people are, so they may type them in too.
    pages("batch_enter", lambda w: f"/surveys/{w.survey.pk}/batch/", expert=200, **STAFF_PAGE),
    # Sharing a survey: its link, QR code and paper form are for those who collect answers.
    pages("survey_share", lambda w: f"/surveys/{w.survey.pk}/share/", expert=200, **STAFF_PAGE),
    pages("survey_qr_svg", lambda w: f"/surveys/{w.survey.pk}/qr.svg", expert=200, **STAFF_PAGE),
    pages("survey_qr_png", lambda w: f"/surveys/{w.survey.pk}/qr.png", expert=200, **STAFF_PAGE),
    pages("survey_print", lambda w: f"/surveys/{w.survey.pk}/print.pdf", expert=200, **STAFF_PAGE),
    # Opening and closing a survey is the staff's; the survey used has no questions, so opening
    # is refused (409) after the permission check and closing it changes nothing else.
    pages("survey_open", lambda w: f"/surveys/{w.empty_survey.pk}/open/", default=405, anonymous=302),
    pages("survey_close", lambda w: f"/surveys/{w.empty_survey.pk}/close/", default=405, anonymous=302),
    posts("survey_open", lambda w: f"/surveys/{w.empty_survey.pk}/open/", anonymous=302, official=302, staff=302),
    posts("survey_close", lambda w: f"/surveys/{w.empty_survey.pk}/close/", anonymous=302, official=302, staff=302),
    api("create_survey", "POST", lambda w: f"/api/v1/activities/{w.activity.pk}/surveys", body={"title": {}},
        anonymous=401, official=422, staff=422),
    api("add_question", "POST", lambda w: f"/api/v1/surveys/{w.empty_survey.pk}/questions", body={"kind": "", "text": {}},
        anonymous=401, official=422, staff=422),
    api("open_survey", "POST", lambda w: f"/api/v1/surveys/{w.empty_survey.pk}/open", anonymous=401, official=409,
        staff=409),
    api("close_survey", "POST", lambda w: f"/api/v1/surveys/{w.empty_survey.pk}/close", anonymous=401, official=200,
        staff=200),
    # The equality monitor is public: it holds only counts suppressed below k.
    pages("public_equality", lambda w: f"/procurements/{w.public.pk}/equality/", **ANY),
    pages("public_equality", lambda w: f"/procurements/{w.private.pk}/equality/", default=404, official=200,
          staff=200, expert=200, admin=200),
    api("get_public_equality", "GET", lambda w: f"/api/v1/procurements/{w.public.pk}/equality", **ANY),
    pages("contributions", lambda w: f"/activities/{w.activity.pk}/contributions/", **STAFF_PAGE),
    pages("payroll_export", lambda w: f"/procurements/{w.public.pk}/participation/payroll.csv", **STAFF_PAGE),
    # Anyone may see the sign-up page of a public procurement's event; signing up needs an account.
    pages("activity_register", lambda w: f"/activities/{w.event.pk}/register/", **ANY),
    pages("activity_roster", lambda w: f"/activities/{w.event.pk}/roster/", **STAFF_PAGE),
    # Answers chosen for publication: choosing and moderating is the staff's, the result is public.
    pages("answer_publish", lambda w: f"/questions/{w.published.question_id}/publish/", **STAFF_PAGE),
    posts("answer_publish", lambda w: f"/questions/{w.published.question_id}/publish/", anonymous=302, official=422,
          staff=422),
    pages("published_answer_redact", lambda w: f"/published-answers/{w.published.pk}/redactions/", **STAFF_PAGE),
    posts("published_answer_redact", lambda w: f"/published-answers/{w.published.pk}/redactions/", anonymous=302,
          official=422, staff=422),
    pages("published_answers_csv", lambda w: f"/procurements/{w.public.pk}/answers.csv", **ANY),
    pages("published_answers_xlsx", lambda w: f"/procurements/{w.public.pk}/answers.xlsx", **ANY),
    api("published_answers", "GET", lambda w: f"/api/v1/procurements/{w.public.pk}/published-answers", **ANY),
    api("published_answers_as_csv", "GET", lambda w: f"/api/v1/procurements/{w.public.pk}/published-answers.csv", **ANY),
    api("published_answers_as_xlsx", "GET", lambda w: f"/api/v1/procurements/{w.public.pk}/published-answers.xlsx",
        **ANY),
    api("publish_answer", "POST", lambda w: f"/api/v1/questions/{w.published.question_id}/published-answers",
        body={"text": ""}, anonymous=401, official=422, staff=422),
    api("redact_published_answer", "POST", lambda w: f"/api/v1/published-answers/{w.published.pk}/redactions",
        body={"reason": ""}, anonymous=401, official=422, staff=422),
    # Attendance at the door: the door page and the code are the staff's; anyone signed in may try
    # a code on their own behalf, and a forged one is refused (400) before anything is marked.
    pages("activity_door", lambda w: f"/activities/{w.event.pk}/door/", **STAFF_PAGE),
    posts("activity_door", lambda w: f"/activities/{w.event.pk}/door/", anonymous=302, official=422, staff=422),
    pages("activity_check_in", lambda w: f"/activities/{w.event.pk}/check-in/vaara/",
          **{**{role: 400 for role in ROLES}, "anonymous": 302}),
    posts("activity_check_in", lambda w: f"/activities/{w.event.pk}/check-in/vaara/",
          **{**{role: 400 for role in ROLES}, "anonymous": 302}),
    api("attendance_code", "GET", lambda w: f"/api/v1/activities/{w.event.pk}/attendance-code", anonymous=401,
        official=200, staff=200),
    api("check_in", "POST", lambda w: f"/api/v1/activities/{w.event.pk}/check-in", body={"code": ""},
        **{**{role: 422 for role in ROLES}, "anonymous": 401}),
    api("check_in_registration", "POST", lambda w: f"/api/v1/activities/{w.event.pk}/check-in/registration",
        body={"code": ""}, anonymous=401, official=422, staff=422),
    pages("registration_cancel", lambda w: f"/registrations/{w.cancelled.pk}/cancel/", default=405, anonymous=302),
    pages("registration_confirm", lambda w: f"/registrations/{w.cancelled.pk}/confirm/", default=405, anonymous=302),
    # The expert's own sign-up, already cancelled: the owner is refused by the service and sent
    # back to the event page with the reason (302); anyone else's is hidden, even from staff.
    posts("registration_cancel", lambda w: f"/registrations/{w.cancelled.pk}/cancel/", default=404, anonymous=302,
          expert=302),
    posts("registration_confirm", lambda w: f"/registrations/{w.cancelled.pk}/confirm/", default=404, anonymous=302,
          expert=302),
    api("list_insights", "GET", lambda w: f"/api/v1/procurements/{w.public.pk}/insights", **ANY),
    api("list_insights", "GET", lambda w: f"/api/v1/procurements/{w.private.pk}/insights", default=404, official=200,
        staff=200, expert=200, admin=200),
    api("create_insight", "POST", lambda w: f"/api/v1/procurements/{w.public.pk}/insights", body={"statement": {}},
        **STAFF_API),
    api("decide_insight", "POST", lambda w: f"/api/v1/insights/{w.insight.pk}/decision", body={"status": ""},
        **STAFF_API),
    api("get_equality", "GET", lambda w: f"/api/v1/procurements/{w.public.pk}/participation/equality", anonymous=401,
        official=200, staff=200),
    api("results_csv", "GET", lambda w: f"/api/v1/surveys/{w.survey.pk}/results.csv", anonymous=401, official=200,
        staff=200),
    api("results_xlsx", "GET", lambda w: f"/api/v1/surveys/{w.survey.pk}/results.xlsx", anonymous=401, official=200,
        staff=200),
    # Long work (ops.work): staff start a survey's results as a job, a job and its file are the
    # starter's alone; anyone starts (or joins) the day's open-data file, shared by everyone.
    api("results_export", "POST", lambda w: f"/api/v1/surveys/{w.survey.pk}/results/exports", anonymous=401,
        official=202, staff=202),
    api("ocds_releases_export", "POST", lambda w: "/api/v1/ocds/releases/exports", **{r: 202 for r in ROLES}),
    api("ocds_releases_package", "GET", lambda w: "/api/v1/ocds/releases/package", **{r: 202 for r in ROLES}),
    pages("open_data", lambda w: "/open-data/", **ANY),
    posts("open_data", lambda w: "/open-data/", **{r: 302 for r in ROLES}),
    pages("open_data_package", lambda w: "/open-data/ocds-releases.json", **{r: 302 for r in ROLES}),
    api("job_detail", "GET", lambda w: f"/api/v1/jobs/{finished_job(w).pk}", default=404, anonymous=401, official=200),
    api("job_download", "GET", lambda w: f"/api/v1/jobs/{finished_job(w).pk}/download", default=404, anonymous=401,
        official=200),
    pages("job_detail", lambda w: f"/jobs/{finished_job(w).pk}/", default=404, anonymous=302, official=200),
    pages("job_download", lambda w: f"/jobs/{finished_job(w).pk}/download/", default=404, anonymous=302, official=200),
    posts("survey_results_csv_job", lambda w: f"/surveys/{w.survey.pk}/results.csv/job/", anonymous=302, official=302,
          staff=302),
    posts("survey_results_xlsx_job", lambda w: f"/surveys/{w.survey.pk}/results.xlsx/job/", anonymous=302, official=302,
          staff=302),
    # The evaluation report's PDF is rendered by a worker: "being prepared" (202) until it is ready.
    pages("evaluation_pdf", lambda w: f"/procurements/{w.public.pk}/evaluation/report.pdf", **{r: 202 for r in ROLES}),
    api("report_pdf", "GET", lambda w: f"/api/v1/procurements/{w.public.pk}/evaluation/report.pdf",
        **{r: 202 for r in ROLES}),
    api("report_pdf", "GET", lambda w: f"/api/v1/procurements/{w.private.pk}/evaluation/report.pdf", default=404,
        official=202, staff=202, expert=202, admin=202),
    # An unknown target group: every account may sign up for a public procurement's event.
    api("register", "POST", lambda w: f"/api/v1/activities/{w.event.pk}/registrations", anonymous=401,
        body={"target_group": "martians"}, **{r: 422 for r in ROLES if r != "anonymous"}),
    # Already cancelled: the owner gets the service's refusal (409), everyone else a 404.
    api("cancel_registration", "POST", lambda w: f"/api/v1/registrations/{w.cancelled.pk}/cancel", default=404,
        anonymous=401, expert=409),
    api("confirm_registration", "POST", lambda w: f"/api/v1/registrations/{w.cancelled.pk}/confirm", default=404,
        anonymous=401, expert=409),
    api("roster", "GET", lambda w: f"/api/v1/activities/{w.event.pk}/roster", anonymous=401, official=200, staff=200),
    api("mark_attendance", "POST", lambda w: f"/api/v1/activities/{w.event.pk}/attendance", body={"attended": [0]},
        **STAFF_API),
    api("enter_batch", "POST", lambda w: f"/api/v1/surveys/{w.survey.pk}/batches", expert=422,
        body={"channel": "online", "entries": []}, **STAFF_API),
    api("record_contribution", "POST", lambda w: f"/api/v1/activities/{w.activity.pk}/contributions", **STAFF_API,
        body={"person": "", "hours": "0", "fee": "0"}),
    api("list_contributions", "GET", lambda w: f"/api/v1/procurements/{w.public.pk}/contributions", anonymous=401,
        official=200, staff=200),
    api("payroll_csv", "GET", lambda w: f"/api/v1/procurements/{w.public.pk}/participation/payroll.csv", anonymous=401,
        official=200, staff=200),
    # Partnership tables: public pages; the procurement's staff run them; providers sign up.
    pages("partnership_table", lambda w: f"/activities/{w.table.activity_id}/table/", **ANY),
    pages("partnership_table_edit", lambda w: f"/activities/{w.table.activity_id}/table/edit/", **STAFF_PAGE),
    # No action chosen: nobody may do nothing, so staff are refused as well.
    posts("partnership_table", lambda w: f"/activities/{w.table.activity_id}/table/", anonymous=302),
    posts("partnership_table_edit", lambda w: f"/activities/{w.table.activity_id}/table/edit/", anonymous=302,
          official=422, staff=422),
    api("get_table", "GET", lambda w: f"/api/v1/activities/{w.table.activity_id}/table", **ANY),
    api("put_table", "PUT", lambda w: f"/api/v1/activities/{w.table.activity_id}/table", body={"agenda": {}}, **STAFF_API),
    api("invite_to_table", "POST", lambda w: f"/api/v1/activities/{w.table.activity_id}/table/invitations",
        body={"business_id": ""}, **STAFF_API),
    api("invite_matching_providers", "POST", lambda w: f"/api/v1/activities/{w.table.activity_id}/table/invite-matching",
        anonymous=401, official=201, staff=201),
    api("sign_up_for_table", "POST", lambda w: f"/api/v1/activities/{w.table.activity_id}/table/sign-up", anonymous=401,
        provider=201, other_provider=201),
    api("add_action_point", "POST", lambda w: f"/api/v1/activities/{w.table.activity_id}/table/action-points",
        body={"what": {}, "who": "", "due_on": ""}, **STAFF_API),
    api("set_action_point_done", "PUT", lambda w: f"/api/v1/action-points/{w.action_point.pk}", body={"done": True},
        anonymous=401, official=200, staff=200),
    # Consortia: public notes on a public procurement; providers publish, only the lead invites
    # and forms. The other provider has already accepted, so accepting again is a conflict.
    pages("consortium_list", lambda w: f"/procurements/{w.public.pk}/consortia/", **ANY),
    pages("consortium_detail", lambda w: f"/consortia/{w.interest.pk}/", **ANY),
    posts("consortium_list", lambda w: f"/procurements/{w.public.pk}/consortia/", anonymous=302, provider=422,
          other_provider=422),
    posts("consortium_detail", lambda w: f"/consortia/{w.interest.pk}/", anonymous=302),
    api("list_interests", "GET", lambda w: f"/api/v1/procurements/{w.public.pk}/interests", **ANY),
    api("get_interest", "GET", lambda w: f"/api/v1/interests/{w.interest.pk}", **ANY),
    api("express_interest", "POST", lambda w: f"/api/v1/procurements/{w.public.pk}/interests", anonymous=401,
        body={"can_provide": {}, "looking_for": {}}, provider=422, other_provider=422),
    api("invite_partner", "POST", lambda w: f"/api/v1/interests/{w.interest.pk}/invitations", anonymous=401,
        body={"business_id": "", "role": ""}, provider=422),
    api("accept_invitation", "POST", lambda w: f"/api/v1/interests/{w.interest.pk}/accept", default=409, anonymous=401),
    api("form_consortium", "POST", lambda w: f"/api/v1/interests/{w.interest.pk}/form", anonymous=401, provider=200),
    # Organisation lists: any authority's staff (not only one procurement's) and site administrators.
    pages("organisation_import", lambda w: "/organisations/import/", anonymous=302, outsider=200, official=200,
          staff=200, admin=200),
    posts("organisation_import", lambda w: "/organisations/import/", anonymous=302, outsider=422, official=422,
          staff=422, admin=422),
    api("import_organisations", "POST", lambda w: "/api/v1/organisations/import", upload=True, anonymous=401,
        outsider=422, official=422, staff=422, admin=422),
    api("import_organisations_job", "POST", lambda w: "/api/v1/organisations/imports", upload=True, anonymous=401,
        outsider=202, official=202, staff=202, admin=202),
    # Alliance settlements, on an alliance contract of the contract-phase procurement whose one
    # provider party is the provider. Statements are public with the procurement; the provider
    # reports costs, the staff approve them, and only the official approves a statement. The
    # period has a cost line waiting, so the official's approval is refused (409) and nothing freezes.
    pages("settlement_periods", lambda w: f"/contracts/{w.alliance.pk}/settlements/", **ANY),
    pages("settlement_period_create", lambda w: f"/contracts/{w.alliance.pk}/settlements/new/", **STAFF_PAGE),
    pages("settlement_statement", lambda w: f"/settlements/{w.settlement.pk}/", **ANY),
    pages("settlement_statement_pdf", lambda w: f"/settlements/{w.settlement.pk}/statement.pdf", **ANY),
    pages("cost_report", lambda w: f"/settlements/{w.settlement.pk}/costs/new/", anonymous=302, provider=200),
    posts("cost_report", lambda w: f"/settlements/{w.settlement.pk}/costs/new/", anonymous=302, provider=422),
    pages("cost_decide", lambda w: f"/cost-lines/{w.cost_line.pk}/decision/", **STAFF_PAGE),
    posts("cost_decide", lambda w: f"/cost-lines/{w.cost_line.pk}/decision/", anonymous=302, official=422, staff=422),
    pages("statement_approve", lambda w: f"/settlements/{w.settlement.pk}/approve/", default=405, anonymous=302),
    posts("statement_approve", lambda w: f"/settlements/{w.settlement.pk}/approve/", anonymous=302, official=302),
    api("get_settlement", "GET", lambda w: f"/api/v1/contracts/{w.alliance.pk}/settlements/2025", **ANY),
    api("create_period", "POST", lambda w: f"/api/v1/contracts/{w.alliance.pk}/settlements", body={"label": ""},
        **STAFF_API),
    api("report_cost", "POST", lambda w: f"/api/v1/settlements/{w.settlement.pk}/cost-lines", anonymous=401,
        provider=422, body={"amount": "-1"}),
    api("decide_cost", "POST", lambda w: f"/api/v1/cost-lines/{w.cost_line.pk}/decision", body={"approve": ""},
        **STAFF_API),
    api("approve_statement", "POST", lambda w: f"/api/v1/settlements/{w.settlement.pk}/approval", anonymous=401,
        official=409),
    # Outcome surveys answered only with invitation codes: the staff issue codes and see the
    # flags, the accountable official clears a flag, anyone with a code answers (the empty form
    # and an unknown code are refused with 422).
    pages("indicator_invitations", lambda w: f"/indicators/{w.indicator.pk}/invitations/", anonymous=302,
          official=200, staff=200),
    posts("indicator_invitations", lambda w: f"/indicators/{w.indicator.pk}/invitations/", anonymous=302,
          official=422, staff=422),
    pages("figure_flag_clear", lambda w: f"/figure-flags/{w.flag.pk}/clear/", anonymous=302, official=200, staff=200),
    posts("figure_flag_clear", lambda w: f"/figure-flags/{w.flag.pk}/clear/", anonymous=302, official=422,
          staff=422),
    pages("outcome_answer", lambda w: "/outcome-answer/", **ANY),
    posts("outcome_answer", lambda w: "/outcome-answer/", **ANYONE_MAY_TRY),
    api("issue_codes", "POST", lambda w: f"/api/v1/indicators/{w.indicator.pk}/invitations", body={}, **STAFF_API),
    api("answer_with_code", "POST", lambda w: "/api/v1/outcome-answers", body={"code": "x"}, **ANYONE_MAY_TRY),
    api("list_flags", "GET", lambda w: f"/api/v1/indicators/{w.indicator.pk}/figure-flags", anonymous=401,
        official=200, staff=200),
    api("clear_flag", "POST", lambda w: f"/api/v1/figure-flags/{w.flag.pk}/clear", body={}, **STAFF_API),
    # The alliance as a body: its leadership group (public with the procurement, decisions recorded
    # by the staff), the auditor (appointed by the staff; the evaluator is this alliance's auditor)
    # and the open book, read by the parties, the authority's staff and the auditor only.
    pages("alliance_leadership", lambda w: f"/contracts/{w.alliance.pk}/alliance-leadership/", **ANY),
    pages("leadership_decision_create", lambda w: f"/contracts/{w.alliance.pk}/alliance-leadership/decisions/new/",
          **STAFF_PAGE),
    posts("leadership_decision_create", lambda w: f"/contracts/{w.alliance.pk}/alliance-leadership/decisions/new/",
          anonymous=302, official=422, staff=422),
    pages("auditor_appoint", lambda w: f"/contracts/{w.alliance.pk}/auditors/new/", **STAFF_PAGE),
    posts("auditor_appoint", lambda w: f"/contracts/{w.alliance.pk}/auditors/new/", anonymous=302, official=422,
          staff=422),
    pages("settlement_open_book", lambda w: f"/settlements/{w.settlement.pk}/open-book/", anonymous=302, official=200,
          staff=200, provider=200, evaluator=200),
    pages("audit_report_create", lambda w: f"/settlements/{w.settlement.pk}/audit-reports/new/", anonymous=302,
          evaluator=200),
    posts("audit_report_create", lambda w: f"/settlements/{w.settlement.pk}/audit-reports/new/", anonymous=302,
          evaluator=422),
    api("get_leadership", "GET", lambda w: f"/api/v1/contracts/{w.alliance.pk}/alliance-leadership", **ANY),
    api("record_leadership_decision", "POST", lambda w: f"/api/v1/contracts/{w.alliance.pk}/alliance-leadership/decisions",
        body={"matter": ""}, **STAFF_API),
    api("appoint_auditor", "POST", lambda w: f"/api/v1/contracts/{w.alliance.pk}/auditors", body={}, **STAFF_API),
    api("open_book", "GET", lambda w: f"/api/v1/settlements/{w.settlement.pk}/cost-lines", anonymous=401, official=200,
        staff=200, provider=200, evaluator=200),
    api("issue_audit_report", "POST", lambda w: f"/api/v1/settlements/{w.settlement.pk}/audit-reports", anonymous=401,
        evaluator=422, body={"opinion": ""}),
    # The alliance's development phase: public with the procurement (drafts' content only for its
    # parties until in force); the parties propose drafts and take positions (the empty form 422),
    # only the official begins the service phase: refused (302 with the reason on the page, 409 in
    # the API) while not every draft is agreed, and for the alliance already in its service phase.
    pages("alliance_development", lambda w: f"/contracts/{w.alliance.pk}/development/", **ANY),
    pages("alliance_development", lambda w: f"/contracts/{w.developing.pk}/development/", **ANY),
    pages("draft_propose", lambda w: f"/contracts/{w.developing.pk}/development/kras/new/", anonymous=302,
          official=200, staff=200, provider=200),
    posts("draft_propose", lambda w: f"/contracts/{w.developing.pk}/development/target_cost/new/", anonymous=302,
          official=422, staff=422, provider=422),
    posts("draft_propose", lambda w: f"/contracts/{w.alliance.pk}/development/operating_model/new/", anonymous=302,
          official=422, staff=422, provider=422),
    pages("draft_position", lambda w: f"/development-drafts/{w.development_draft.pk}/position/", anonymous=302,
          official=200, staff=200, provider=200),
    posts("draft_position", lambda w: f"/development-drafts/{w.development_draft.pk}/position/", anonymous=302,
          official=422, staff=422, provider=422),
    pages("alliance_start_service", lambda w: f"/contracts/{w.developing.pk}/development/service-phase/", default=405,
          anonymous=302),
    posts("alliance_start_service", lambda w: f"/contracts/{w.developing.pk}/development/service-phase/",
          anonymous=302, official=302),
    api("get_development", "GET", lambda w: f"/api/v1/contracts/{w.developing.pk}/development", **ANY),
    api("get_development", "GET", lambda w: f"/api/v1/contracts/{w.alliance.pk}/development", **ANY),
    api("propose_draft", "POST", lambda w: f"/api/v1/contracts/{w.developing.pk}/development/target_cost/drafts",
        body={"target_cost": "-1"}, anonymous=401, official=422, staff=422, provider=422),
    api("propose_draft", "POST", lambda w: f"/api/v1/contracts/{w.alliance.pk}/development/target_cost/drafts",
        body={"target_cost": "5"}, anonymous=401, official=409, staff=409, provider=409),
    api("take_position", "POST", lambda w: f"/api/v1/development-drafts/{w.development_draft.pk}/position",
        body={"stance": ""}, anonymous=401, official=422, staff=422, provider=422),
    api("start_service_phase", "POST", lambda w: f"/api/v1/contracts/{w.developing.pk}/development/service-phase",
        anonymous=401, official=409),
    api("start_service_phase", "POST", lambda w: f"/api/v1/contracts/{w.alliance.pk}/development/service-phase",
        anonymous=401, official=409),
    # Evaluation: the report and its open data are public with the procurement; making an
    # experience survey and the self-assessment are the procurement's staff's. An empty
    # self-assessment is a valid one (nothing answered yet), so it is saved.
    pages("evaluation_report", lambda w: f"/procurements/{w.public.pk}/evaluation/", **ANY),
    pages("evaluation_report", lambda w: f"/procurements/{w.private.pk}/evaluation/", default=404, official=200, staff=200,
          expert=200, admin=200),
    pages("evaluation_trail", lambda w: f"/procurements/{w.public.pk}/evaluation/trail/", **ANY),
    pages("evaluation_pdf", lambda w: f"/procurements/{w.private.pk}/evaluation/report.pdf", default=404, official=202,
          staff=202, expert=202, admin=202),
    pages("evaluation_json", lambda w: f"/procurements/{w.public.pk}/evaluation/figures.json", **ANY),
    pages("evaluation_csv", lambda w: f"/procurements/{w.public.pk}/evaluation/figures.csv", **ANY),
    pages("evaluation_compare", lambda w: "/evaluation/compare/", **ANY),
    pages("experience_survey_create", lambda w: f"/procurements/{w.public.pk}/evaluation/experience-surveys/new/", **STAFF_PAGE),
    posts("experience_survey_create", lambda w: f"/procurements/{w.public.pk}/evaluation/experience-surveys/new/",
          anonymous=302, official=422, staff=422),
    pages("self_assessment_edit", lambda w: f"/procurements/{w.public.pk}/evaluation/self-assessment/", **STAFF_PAGE),
    posts("self_assessment_edit", lambda w: f"/procurements/{w.public.pk}/evaluation/self-assessment/", anonymous=302,
          official=302, staff=302),
    api("get_evaluation", "GET", lambda w: f"/api/v1/procurements/{w.public.pk}/evaluation", **ANY),
    api("get_evaluation", "GET", lambda w: f"/api/v1/procurements/{w.private.pk}/evaluation", default=404, official=200,
        staff=200, expert=200, admin=200),
    api("compare_evaluations", "GET", lambda w: "/api/v1/evaluation/compare", **ANY),
    api("own_extension", "GET", lambda w: "/api/v1/ocds/extensions/participation-evaluation/extension.json", **ANY),
    api("own_extension", "GET", lambda w: "/api/v1/ocds/extensions/tie-break/release-schema.json", **ANY),
    api("own_extension", "GET", lambda w: "/api/v1/ocds/extensions/tie-break/settings.py", default=404),
    api("create_experience_survey", "POST", lambda w: f"/api/v1/procurements/{w.public.pk}/evaluation/experience-surveys",
        body={"phase": "", "round": ""}, **STAFF_API),
    api("save_self_assessment", "PUT", lambda w: f"/api/v1/procurements/{w.public.pk}/evaluation/self-assessment",
        body={"answers": {"aim": {"rating": "maybe", "note": ""}}}, **STAFF_API),
    # eForms notices (issue 22): the procurement's official and staff prepare and read them; only
    # an official sends. Empty details are a valid save; the XML of an incomplete notice is refused.
    pages("notices", lambda w: f"/procurements/{w.public.pk}/notices/", default=404, anonymous=302, official=200,
          staff=200),
    posts("notices", lambda w: f"/procurements/{w.public.pk}/notices/", default=404, anonymous=302, official=302,
          staff=302),
    posts("notices_send", lambda w: f"/procurements/{w.public.pk}/notices/send/", default=404, anonymous=302,
          official=302, staff=403),
    pages("notices_preview", lambda w: f"/procurements/{w.public.pk}/notices/20/preview/", default=404,
          anonymous=302, official=200, staff=200),
    pages("notices_xml", lambda w: f"/procurements/{w.public.pk}/notices/20.xml", default=404, anonymous=302,
          official=302, staff=302),
    api("notice_list", "GET", lambda w: f"/api/v1/procurements/{w.public.pk}/notices", default=404, anonymous=401,
        official=200, staff=200),
    api("save_notice_details", "PUT", lambda w: f"/api/v1/procurements/{w.public.pk}/notices/details",
        body={"cpv": "1"}, default=404, anonymous=401, official=422, staff=422),
    api("notice_xml", "GET", lambda w: f"/api/v1/procurements/{w.public.pk}/notices/20/xml", default=404,
        anonymous=401, official=422, staff=422),
    api("send_notice", "POST", lambda w: f"/api/v1/procurements/{w.public.pk}/notices/submissions",
        body={"kind": ""}, default=404, anonymous=401, official=422, staff=403),
    api("notice_submissions", "GET", lambda w: f"/api/v1/procurements/{w.public.pk}/notices/submissions",
        default=404, anonymous=401, official=200, staff=200),
    # Messages that could not be sent (outbox): site administrators only; a retry needs a failed one.
    pages("outbox_failed", lambda w: "/staff/messages/failed/", anonymous=302, admin=200),
    posts("outbox_retry", lambda w: f"/staff/messages/{failed_message().pk}/retry/", anonymous=302, admin=302),
    api("outbox_failed", "GET", lambda w: "/api/v1/outbox/failed", anonymous=401, admin=200),
    api("outbox_retry", "POST", lambda w: f"/api/v1/outbox/messages/{failed_message().pk}/retry", anonymous=401,
        admin=200),
    # Accounts without staff (issue 19 item 3): anyone may sign up, ask for a new password and
    # open a confirmation link (a forged one is 400); signed in, the sign-up page leads on.
    pages("signup", lambda w: "/signup/", default=302, anonymous=200),
    posts("signup", lambda w: "/signup/", default=302, anonymous=422),
    pages("signup_confirm", lambda w: "/signup/confirm/vaara/", default=400),
    pages("password_reset", lambda w: "/password/reset/", **ANY),
    pages("password_reset_done", lambda w: "/password/reset/sent/", **ANY),
    pages("password_reset_confirm", lambda w: "/password/reset/MQ/vaara-avain/", **ANY),
    pages("password_reset_complete", lambda w: "/password/reset/done/", **ANY),
    # One's own account only, after the password: the empty form is refused.
    pages("account_delete", lambda w: "/account/delete/", **SIGNED_IN_ANY),
    posts("account_delete", lambda w: "/account/delete/", default=422, anonymous=302),
    api("account_signup", "POST", lambda w: "/api/v1/accounts/signup", body={"email": "", "password": ""},
        **ANYONE_MAY_TRY),
    api("account_signup_confirm", "POST", lambda w: "/api/v1/accounts/signup/confirm", body={"token": "vaara"},
        default=400),
    api("account_password_reset", "POST", lambda w: "/api/v1/accounts/password-reset",
        body={"email": "ei-ketaan@example.fi"}, default=202),
    # Nobody's but one's own, and an id that names no account is answered alike.
    api("account_deletion", "POST", lambda w: "/api/v1/accounts/0/deletion", anonymous=401),
    # Suomi.fi e-Identification exists only when configured (tests/accounts/test_suomifi.py).
    pages("suomifi_start", lambda w: "/oidc/suomifi/start/", default=404),
    pages("suomifi_callback", lambda w: "/oidc/suomifi/callback/", default=404),
    # The service's public keys for Suomi.fi, and Suomi.fi's return after signing out (test_suomifi_client.py).
    pages("suomifi_jwks", lambda w: "/oidc/suomifi/jwks/", default=404),
    pages("suomifi_signed_out", lambda w: "/oidc/suomifi/signed-out/?state=x", default=404),
    # Event sign-up (issue 19 item 4): without an account the empty form is refused (name and a
    # contact are needed); with one, nothing is required, so each person is signed up once and the
    # expert, already signed up, is refused. The link sent to the contact shows the sign-up to
    # whoever holds it; a forged one is 404.
    posts("activity_register", lambda w: f"/activities/{w.event.pk}/register/", default=302, anonymous=422,
          expert=422),
    api("register_guest", "POST", lambda w: f"/api/v1/activities/{w.event.pk}/guest-registrations", body={"name": ""},
        **ANYONE_MAY_TRY),
    pages("registration_manage", lambda w: f"/registrations/link/{registration_link(w)}/", **ANY),
    posts("registration_manage", lambda w: f"/registrations/link/{registration_link(w)}/", default=400),
    pages("registration_manage", lambda w: "/registrations/link/1:vaara/", default=404),
    api("registration_by_its_link", "GET", lambda w: f"/api/v1/registrations/link/{registration_link(w)}", **ANY),
    api("cancel_by_link", "POST", lambda w: "/api/v1/registrations/link/1:vaara/cancel", default=404),
    api("confirm_by_link", "POST", lambda w: "/api/v1/registrations/link/1:vaara/confirm", default=404),
    # Procedures as stages (issue 21): a published light-regime procedure whose requests stage is
    # open with the provider's sealed request. Anyone reads the stages and the call; the
    # procurement's official and staff compose (a published procedure refuses a change without a
    # new version's reason: 422, or 409 for what is frozen); only an official publishes, runs the
    # stages and opens the requests (409: not before the deadline, a round before the previous
    # closed); providers ask to participate; a request is reached only by its own organisation.
    pages("procedure", lambda w: f"/procurements/{w.selecting.pk}/procedure/", **ANY),
    posts("procedure_default", lambda w: f"/procurements/{w.selecting.pk}/procedure/default/", **STAFF_POST),
    posts("procedure_stage_add", lambda w: f"/procurements/{w.selecting.pk}/procedure/stages/", **STAFF_POST),
    posts("procedure_plan", lambda w: f"/procurements/{w.selecting.pk}/procedure/plan/", anonymous=302,
          official=409, staff=409),
    posts("procedure_publish", lambda w: f"/procurements/{w.selecting.pk}/procedure/publish/", anonymous=302,
          official=409),
    posts("stage_change", lambda w: f"/stages/{w.stages[2].pk}/", **STAFF_POST),
    posts("stage_remove", lambda w: f"/stages/{w.stages[2].pk}/remove/", **STAFF_POST),
    posts("stage_open", lambda w: f"/stages/{w.stages[1].pk}/open/", anonymous=302, official=409),
    posts("stage_close", lambda w: f"/stages/{w.stages[0].pk}/close/", anonymous=302, official=409),
    pages("call", lambda w: f"/stages/{w.stages[0].pk}/call/", **ANY),
    posts("call_save", lambda w: f"/stages/{w.stages[0].pk}/call/save/", **STAFF_POST),
    posts("call_requirement_add", lambda w: f"/stages/{w.stages[0].pk}/call/requirements/", **STAFF_POST),
    posts("request_submit", lambda w: f"/stages/{w.stages[0].pk}/call/request/", anonymous=302, provider=422,
          other_provider=422),
    posts("requests_open", lambda w: f"/stages/{w.stages[0].pk}/call/open/", anonymous=302, official=409),
    posts("request_check", lambda w: f"/stages/{w.stages[0].pk}/call/checks/", **STAFF_POST),
    posts("selection_decide", lambda w: f"/stages/{w.stages[0].pk}/call/selection/", anonymous=302, official=422),
    posts("request_withdraw", lambda w: f"/participation-requests/{w.other_request.pk}/withdraw/", default=404,
          anonymous=302, other_provider=302),
    api("get_procedure", "GET", lambda w: f"/api/v1/procurements/{w.selecting.pk}/procedure", **ANY),
    api("accept_default", "POST", lambda w: f"/api/v1/procurements/{w.selecting.pk}/procedure/default",
        body={"starts_at": "2027-01-04T09:00:00+02:00"}, anonymous=401, official=409, staff=409),
    api("add_stage", "POST", lambda w: f"/api/v1/procurements/{w.selecting.pk}/procedure/stages",
        body={"kind": "", "opens_at": "2027-01-04T09:00:00+02:00", "closes_at": "2027-01-24T09:00:00+02:00"},
        **STAFF_API),
    api("save_plan", "PUT", lambda w: f"/api/v1/procurements/{w.selecting.pk}/procedure/plan", body={},
        anonymous=401, official=409, staff=409),
    api("publish", "POST", lambda w: f"/api/v1/procurements/{w.selecting.pk}/procedure/publish", anonymous=401,
        official=409),
    api("change_stage", "PATCH", lambda w: f"/api/v1/stages/{w.stages[2].pk}",
        body={"opens_at": "2027-03-04T09:00:00+02:00", "closes_at": "2027-03-24T09:00:00+02:00"}, **STAFF_API),
    api("remove_stage", "DELETE", lambda w: f"/api/v1/stages/{w.stages[2].pk}", **STAFF_API),
    api("open_stage", "POST", lambda w: f"/api/v1/stages/{w.stages[1].pk}/open", anonymous=401, official=409),
    api("close_stage", "POST", lambda w: f"/api/v1/stages/{w.stages[0].pk}/close", anonymous=401, official=409),
    api("get_call", "GET", lambda w: f"/api/v1/stages/{w.stages[0].pk}/call", **ANY),
    api("save_call", "PUT", lambda w: f"/api/v1/stages/{w.stages[0].pk}/call", body={"min_candidates": 0},
        **STAFF_API),
    api("add_requirement", "POST", lambda w: f"/api/v1/stages/{w.stages[0].pk}/call/requirements",
        body={"text": {}}, **STAFF_API),
    api("submit_request", "POST", lambda w: f"/api/v1/stages/{w.stages[0].pk}/call/requests",
        body={"evidence": {}}, anonymous=401, provider=422, other_provider=422),
    api("withdraw_request", "POST", lambda w: "/api/v1/participation-requests/0/withdraw", default=404,
        anonymous=401),
    api("open_requests", "POST", lambda w: f"/api/v1/stages/{w.stages[0].pk}/call/open", anonymous=401,
        official=409),
    api("opened_requests", "GET", lambda w: f"/api/v1/stages/{w.stages[0].pk}/call/requests", anonymous=401,
        official=409, staff=409),
    api("check_requirement", "POST", lambda w: f"/api/v1/stages/{w.stages[0].pk}/call/checks",
        body={"request": 1, "requirement": 1, "met": True, "reason": ""}, **STAFF_API),
    api("decide_selection", "POST", lambda w: f"/api/v1/stages/{w.stages[0].pk}/call/selection",
        body={"candidates": [], "reasons": ""}, anonymous=401, official=409),
    api("get_selection", "GET", lambda w: f"/api/v1/stages/{w.stages[0].pk}/call/selection", default=404),
    # The selection decision's PDF: none before the decision, none for a stage of another kind (the
    # decided state, with who sees the candidates, in tests/procedures/test_selection_pdf.py).
    pages("selection_pdf", lambda w: f"/stages/{w.stages[0].pk}/call/selection.pdf", default=404),
    pages("selection_pdf", lambda w: f"/stages/{w.stages[1].pk}/call/selection.pdf", default=404),
    api("selection_pdf", "GET", lambda w: f"/api/v1/stages/{w.stages[0].pk}/call/selection.pdf", default=404),
    # Market dialogue (issue 21 item 1): a published light-regime procedure whose market dialogue
    # stage has the provider's confirmed registration, an answered question and a session. Anyone
    # reads the stage; organisations other than authorities register and ask (an empty form: 422);
    # the procurement's official and staff decide (409: already decided), answer, hold sessions,
    # publish minutes and learnings; only they read the registrations.
    pages("market_dialogue", lambda w: f"/stages/{w.dialogue_stage.pk}/market-dialogue/", **ANY),
    posts("market_dialogue_seats", lambda w: f"/stages/{w.dialogue_stage.pk}/market-dialogue/seats/", **STAFF_POST),
    posts("market_dialogue_register", lambda w: f"/stages/{w.dialogue_stage.pk}/market-dialogue/register/",
          anonymous=302, provider=422, other_provider=422),
    posts("market_dialogue_ask", lambda w: f"/stages/{w.dialogue_stage.pk}/market-dialogue/questions/",
          anonymous=302, provider=422, other_provider=422),
    posts("market_dialogue_session", lambda w: f"/stages/{w.dialogue_stage.pk}/market-dialogue/sessions/",
          **STAFF_POST),
    posts("market_dialogue_learning", lambda w: f"/stages/{w.dialogue_stage.pk}/market-dialogue/learnings/",
          **STAFF_POST),
    posts("market_dialogue_decide", lambda w: f"/dialogue-registrations/{w.dialogue_registration.pk}/decision/",
          anonymous=302, official=409, staff=409),
    posts("market_dialogue_answer", lambda w: f"/dialogue-questions/{w.dialogue_question.pk}/answer/", **STAFF_POST),
    posts("market_dialogue_minutes", lambda w: f"/dialogue-sessions/{w.dialogue_session.pk}/minutes/", **STAFF_POST),
    # A session's minutes as a PDF: 404 before they are published (the matrix's session). The leak
    # test's world has published minutes with a confidential part (``dialogue_minutes``): the same
    # routes read them there (audiences in tests/market_dialogue/test_minutes_pdf.py).
    pages("market_dialogue_minutes_pdf", lambda w: f"/dialogue-sessions/"
          f"{getattr(w, 'dialogue_minutes', w.dialogue_session).pk}/minutes.pdf", default=404),
    api("dialogue_minutes_pdf", "GET", lambda w: f"/api/v1/dialogue-sessions/"
        f"{getattr(w, 'dialogue_minutes', w.dialogue_session).pk}/minutes.pdf", default=404),
    api("get_market_dialogue", "GET", lambda w: f"/api/v1/stages/{w.dialogue_stage.pk}/market-dialogue", **ANY),
    api("save_dialogue_seats", "PUT", lambda w: f"/api/v1/stages/{w.dialogue_stage.pk}/market-dialogue/seats",
        body={"provider_seats": 0, "user_association_seats": 0}, **STAFF_API),
    api("register_for_dialogue", "POST",
        lambda w: f"/api/v1/stages/{w.dialogue_stage.pk}/market-dialogue/registrations",
        body={"contact_name": "", "contact_email": ""}, anonymous=401, provider=422, other_provider=422),
    api("dialogue_registrations", "GET",
        lambda w: f"/api/v1/stages/{w.dialogue_stage.pk}/market-dialogue/registrations",
        anonymous=401, official=200, staff=200),
    api("decide_dialogue_registration", "POST",
        lambda w: f"/api/v1/dialogue-registrations/{w.dialogue_registration.pk}/decision", body={"confirm": True},
        anonymous=401, official=409, staff=409),
    api("ask_in_dialogue", "POST", lambda w: f"/api/v1/stages/{w.dialogue_stage.pk}/market-dialogue/questions",
        body={"text": ""}, anonymous=401, provider=422, other_provider=422),
    api("answer_dialogue_question", "POST", lambda w: f"/api/v1/dialogue-questions/{w.dialogue_question.pk}/answer",
        body={"answer": ""}, **STAFF_API),
    api("add_dialogue_session", "POST", lambda w: f"/api/v1/stages/{w.dialogue_stage.pk}/market-dialogue/sessions",
        body={"starts_at": "2030-01-01T10:00:00+02:00", "agenda": ""}, **STAFF_API),
    api("publish_dialogue_minutes", "PUT", lambda w: f"/api/v1/dialogue-sessions/{w.dialogue_session.pk}/minutes",
        body={"minutes": ""}, **STAFF_API),
    api("add_dialogue_learning", "POST", lambda w: f"/api/v1/stages/{w.dialogue_stage.pk}/market-dialogue/learnings",
        body={"text": ""}, **STAFF_API),
    # The end of the competition (issue 21 item 3), in the negotiation rounds' procedure (below):
    # its final tenders stage lies ahead, nobody is invited and its first round is not opened. Only
    # the official invites and decides to award on the initial bids (an empty form: 422); nothing
    # is published yet (404).
    pages("procedure", lambda w: f"/procurements/{w.final_stage.procurement_id}/procedure/", **ANY),
    posts("final_invitation", lambda w: f"/stages/{w.final_stage.pk}/final-invitation/", anonymous=302,
          official=422),
    posts("initial_bids_award", lambda w: f"/stages/{w.round_stage.pk}/round/award-on-initial-bids/",
          anonymous=302, official=422),
    api("invite_final_tenders", "POST", lambda w: f"/api/v1/stages/{w.final_stage.pk}/final-invitation",
        body={"message": ""}, anonymous=401, official=422),
    api("get_final_invitation", "GET", lambda w: f"/api/v1/stages/{w.final_stage.pk}/final-invitation", default=404),
    api("award_on_initial_bids", "POST", lambda w: f"/api/v1/stages/{w.round_stage.pk}/round/award-on-initial-bids",
        body={"reason": ""}, anonymous=401, official=422),
    api("get_initial_bids_award", "GET",
        lambda w: f"/api/v1/stages/{w.round_stage.pk}/round/award-on-initial-bids", default=404),
    # Negotiation rounds (issue 21 item 3): a procedure whose provider and other provider were both
    # selected and whose first round (announced to reduce) is open, each with a sealed initial bid.
    # Anyone reads the round; only the selected candidates bid; an official opens (409: sealed
    # before the deadline) and reduces (409 before the opening); a bid is reached only by its own.
    pages("round", lambda w: f"/stages/{w.round_stage.pk}/round/", **ANY),
    posts("round_bid_submit", lambda w: f"/stages/{w.round_stage.pk}/round/bid/", anonymous=302, provider=422,
          other_provider=422),
    posts("round_open", lambda w: f"/stages/{w.round_stage.pk}/round/open/", anonymous=302, official=409),
    posts("reduction_decide", lambda w: f"/stages/{w.round_stage.pk}/round/reduction/", anonymous=302,
          official=422),
    posts("round_bid_withdraw", lambda w: f"/round-bids/{w.other_round_bid.pk}/withdraw/", default=404,
          anonymous=302, other_provider=302),
    api("get_round", "GET", lambda w: f"/api/v1/stages/{w.round_stage.pk}/round", **ANY),
    api("submit_round_bid", "POST", lambda w: f"/api/v1/stages/{w.round_stage.pk}/round/bids",
        body={"price": "1", "offer": ""}, anonymous=401, provider=422, other_provider=422),
    api("withdraw_round_bid", "POST", lambda w: "/api/v1/round-bids/0/withdraw", default=404, anonymous=401),
    api("open_round_bids", "POST", lambda w: f"/api/v1/stages/{w.round_stage.pk}/round/open", anonymous=401,
        official=409),
    api("opened_round_bids", "GET", lambda w: f"/api/v1/stages/{w.round_stage.pk}/round/bids", anonymous=401,
        official=409, staff=409),
    api("decide_reduction", "POST", lambda w: f"/api/v1/stages/{w.round_stage.pk}/round/reduction",
        body={"candidates": [], "reasons": ""}, anonymous=401, official=409),
    api("get_reduction", "GET", lambda w: f"/api/v1/stages/{w.round_stage.pk}/round/reduction", default=404),
    # Complaints against the procedure's decisions (issue 18 items 5 and 6): the negotiating
    # procedure's selection decision has a pending appeal without a ban on enforcement (it holds
    # nothing); its open round has no reduction decision yet (404). Providers complain (an empty
    # form: 422; the service refuses one the decision does not name); the procurement's official
    # records appeals and the court's decision, and never answers an appeal (409).
    pages("selection_complaint_file", lambda w: f"/stages/{w.selection_stage.pk}/call/complaints/new/",
          anonymous=302, provider=200, other_provider=200),
    posts("selection_complaint_file", lambda w: f"/stages/{w.selection_stage.pk}/call/complaints/new/",
          anonymous=302, provider=422, other_provider=422),
    pages("selection_appeal_record", lambda w: f"/stages/{w.selection_stage.pk}/call/appeals/new/", anonymous=302,
          official=200),
    posts("selection_appeal_record", lambda w: f"/stages/{w.selection_stage.pk}/call/appeals/new/", anonymous=302,
          official=422),
    pages("reduction_complaint_file", lambda w: f"/stages/{w.round_stage.pk}/round/complaints/new/", default=404,
          anonymous=302),
    pages("reduction_appeal_record", lambda w: f"/stages/{w.round_stage.pk}/round/appeals/new/", default=404,
          anonymous=302),
    pages("decision_complaint_answer", lambda w: f"/decision-complaints/{w.decision_appeal.pk}/answer/",
          anonymous=302, official=409),
    posts("decision_complaint_answer", lambda w: f"/decision-complaints/{w.decision_appeal.pk}/answer/",
          anonymous=302, official=409),
    pages("decision_court_decision", lambda w: f"/decision-complaints/{w.decision_appeal.pk}/court-decision/",
          anonymous=302, official=200),
    posts("decision_court_decision", lambda w: f"/decision-complaints/{w.decision_appeal.pk}/court-decision/",
          anonymous=302, official=422),
    api("selection_complaint_timeline", "GET", lambda w: f"/api/v1/stages/{w.selection_stage.pk}/call/selection/complaints",
        **ANY),
    api("selection_complaint_timeline", "GET", lambda w: f"/api/v1/stages/{w.stages[0].pk}/call/selection/complaints",
        default=404),
    api("selection_file_complaint", "POST", lambda w: f"/api/v1/stages/{w.selection_stage.pk}/call/selection/complaints",
        body={"kind": "", "grounds": ""}, anonymous=401, provider=422, other_provider=422),
    api("selection_record_appeal", "POST", lambda w: f"/api/v1/stages/{w.selection_stage.pk}/call/selection/appeals",
        body={"appellant": 0, "filed_on": "2027-01-04"}, anonymous=401, official=422),
    api("reduction_complaint_timeline", "GET", lambda w: f"/api/v1/stages/{w.round_stage.pk}/round/reduction/complaints",
        default=404),
    api("reduction_file_complaint", "POST", lambda w: f"/api/v1/stages/{w.round_stage.pk}/round/reduction/complaints",
        body={"kind": "", "grounds": ""}, default=404, anonymous=401),
    api("reduction_record_appeal", "POST", lambda w: f"/api/v1/stages/{w.round_stage.pk}/round/reduction/appeals",
        body={"appellant": 0, "filed_on": "2027-01-04"}, default=404, anonymous=401),
    api("answer_decision_complaint", "POST", lambda w: f"/api/v1/decision-complaints/{w.decision_appeal.pk}/answer",
        body={"outcome": "rejected", "answer": "Perustelut."}, anonymous=401, official=409),
    api("record_decision_court_decision", "POST",
        lambda w: f"/api/v1/decision-complaints/{w.decision_appeal.pk}/court-decision",
        body={"outcome": "unknown"}, anonymous=401, official=422),
    # The reduction decision's PDF: none before the decision (the decided state, with who sees the
    # candidates, in tests/procedures/test_reduction_pdf.py).
    pages("reduction_pdf", lambda w: f"/stages/{w.round_stage.pk}/round/reduction.pdf", default=404),
    api("reduction_pdf", "GET", lambda w: f"/api/v1/stages/{w.round_stage.pk}/round/reduction.pdf", default=404),
    # Negotiation meetings (issue 21 items 3 and 4): the open round has a meeting with the provider
    # to which the expert is named without a confidentiality commitment. A meeting is its own
    # candidate's and the staff's: 404 alike to everyone else, the uncommitted expert included;
    # only staff hold meetings and send information (to every candidate); the selected candidates
    # propose solutions (422: an empty form); only the meeting's candidate answers its minutes.
    pages("negotiation", lambda w: f"/stages/{w.round_stage.pk}/negotiation/", **ANY),
    posts("negotiation_meeting", lambda w: f"/stages/{w.round_stage.pk}/negotiation/meetings/", **STAFF_POST),
    posts("negotiation_information", lambda w: f"/stages/{w.round_stage.pk}/negotiation/information/",
          **STAFF_POST),
    posts("negotiation_tender_change", lambda w: f"/stages/{w.round_stage.pk}/negotiation/tender-change/",
          **STAFF_POST),
    posts("negotiation_solution", lambda w: f"/stages/{w.round_stage.pk}/negotiation/solutions/", anonymous=302,
          provider=422, other_provider=422),
    posts("negotiation_minutes", lambda w: f"/negotiation-meetings/{w.negotiation_meeting.pk}/minutes/", default=404,
          anonymous=302, official=422, staff=422, provider=403),
    posts("negotiation_response", lambda w: f"/negotiation-meetings/{w.negotiation_meeting.pk}/response/", default=404,
          anonymous=302, provider=422),
    posts("negotiation_representative", lambda w: f"/negotiation-meetings/{w.negotiation_meeting.pk}/representatives/",
          default=404, anonymous=302, official=422, staff=422, provider=403),
    api("list_meetings", "GET", lambda w: f"/api/v1/stages/{w.round_stage.pk}/meetings", default=200, anonymous=401),
    api("add_meeting", "POST", lambda w: f"/api/v1/stages/{w.round_stage.pk}/meetings",
        body={"organisation": 0, "starts_at": "2030-01-01T10:00:00+02:00", "participants": ""}, **STAFF_API),
    api("get_meeting", "GET", lambda w: f"/api/v1/negotiation-meetings/{w.negotiation_meeting.pk}", default=404, anonymous=401,
        official=200, staff=200, provider=200),
    # Its minutes as a PDF: 404 to everyone before they are written (the matrix's meeting); the leak
    # test writes them (audiences in tests/negotiation/test_minutes_pdf.py).
    pages("negotiation_minutes_pdf", lambda w: f"/negotiation-meetings/{w.negotiation_meeting.pk}/minutes.pdf",
          default=404),
    api("minutes_pdf", "GET", lambda w: f"/api/v1/negotiation-meetings/{w.negotiation_meeting.pk}/minutes.pdf",
        default=404, anonymous=401),
    api("write_minutes", "PUT", lambda w: f"/api/v1/negotiation-meetings/{w.negotiation_meeting.pk}/minutes",
        body={"minutes": ""}, default=404, anonymous=401, official=422, staff=422, provider=403),
    api("respond_to_minutes", "POST", lambda w: f"/api/v1/negotiation-meetings/{w.negotiation_meeting.pk}/response",
        body={"confirm": False}, default=404, anonymous=401, provider=422),
    api("name_representative", "POST", lambda w: f"/api/v1/negotiation-meetings/{w.negotiation_meeting.pk}/representatives",
        body={"person": 0}, default=404, anonymous=401, official=422, staff=422, provider=403),
    api("information_log", "GET", lambda w: f"/api/v1/stages/{w.round_stage.pk}/information", default=200,
        anonymous=401),
    api("send_information", "POST", lambda w: f"/api/v1/stages/{w.round_stage.pk}/information",
        body={"text": ""}, **STAFF_API),
    api("publish_tender_change", "POST", lambda w: f"/api/v1/stages/{w.round_stage.pk}/tender-change",
        body={"kind": ""}, **STAFF_API),
    api("list_solutions", "GET", lambda w: f"/api/v1/stages/{w.round_stage.pk}/solutions", default=200,
        anonymous=401),
    api("propose_solution", "POST", lambda w: f"/api/v1/stages/{w.round_stage.pk}/solutions", body={"text": ""},
        anonymous=401, provider=422, other_provider=422),
]


def failed_message():
    """A new message that failed every attempt (a retry changes it, so each request gets its own)."""
    return Message.objects.create(channel="email", cause=f"matrix:{Message.objects.count()}",
                                  recipient="x@example.org", state="failed", next_attempt_at=timezone.now())


class World:
    def __init__(self):
        authority = factories.AuthorityFactory()
        self.people = {
            "official": factories.UserFactory(organisation=authority, position="official"),
            "staff": factories.UserFactory(organisation=authority, position="staff"),
            "outsider": factories.UserFactory(organisation=factories.AuthorityFactory(), position="official"),
            "expert": factories.UserFactory(),
            "admin": factories.UserFactory(is_superuser=True, is_staff=True),
        }
        official = self.people["official"]
        self.public = factories.create_procurement(official, accountable_official=official)
        self.private = factories.create_procurement(official, is_public=False)
        self.drafting = factories.create_procurement(official, accountable_official=official)
        self.contracted = factories.create_procurement(official, accountable_official=official)
        for procurement in (self.public, self.private, self.drafting, self.contracted):
            services.assign_role(official, procurement, self.people["staff"], "staff")
            services.assign_role(official, procurement, self.people["expert"], "expert_by_experience")
        self.people["evaluator"] = evaluator(official, self.public)
        self.provider_org, self.service = factories.provider_with_service("Kulma Oy", text("Päihdekuntoutus"), text("Kuvaus"))
        self.people["provider"] = self.provider_org.people.get()
        other_org, _ = factories.provider_with_service("Toinen Oy", text("Palvelu"), text("Kuvaus"))
        self.people["other_provider"] = other_org.people.get()
        self.network = partner_services.create_network(self.people["provider"], {"name": text("Verkosto"), "theme": text("Teema")})
        self.activity = participation.create_activity(official, self.public, {
            "kind": "survey", "phase": "preparation", "title": text("Kysely"), "setting": "online"})
        self.survey = make_survey(official, self.activity)
        self.table = partner_services.save_table(official, participation.create_activity(official, self.public, {
            "kind": "partnership_table", "phase": "preparation", "title": text("Kumppanuuspöytä"), "setting": "online"}),
            {"agenda": text("Asialista")})
        self.action_point = partner_services.add_action_point(official, self.table, {
            "what": text("Kokous"), "who": "Anna", "due_on": date(2027, 1, 31)})
        self.interest = partner_services.express_interest(self.people["provider"], self.public, {
            "can_provide": text("Päihdekuntoutus"), "looking_for": text("Vertaistuki")})
        partner_services.invite_partner(self.people["provider"], self.interest, other_org.business_id, "Vertaistuki")
        partner_services.accept_invitation(self.people["other_provider"], self.interest)
        self._participation(official)
        self._tendering(official)
        self._procedure(official)
        self._market_dialogue(official)
        self._contract(official)
        self.tokens = {role: ApiToken.issue(user, "matrix")[1] for role, user in self.people.items()}

    def _participation(self, official):
        expert = self.people["expert"]
        self.event = participation.create_activity(official, self.public, {
            "kind": "discussion_event", "phase": "preparation", "title": text("Keskustelutilaisuus"),
            "setting": "service_centre", "capacity": 1, "registration": True, "confirmation_hours": 24,
            "starts_at": timezone.now() + timedelta(days=10)})
        # A cancelled sign-up can be neither cancelled nor confirmed again, so sending it to the
        # owner's routes changes nothing; the expert then holds the one place.
        self.cancelled = participation.cancel_registration(expert, participation.register(expert, self.event, {}))
        self.registration = participation.register(expert, self.event, {})
        self.insight = participation.create_insight(official, self.public, {"statement": text("Ilta-aukiolo")})
        text_key = f"q{self.survey.questions.get(kind='text').pk}"
        for number in range(5):
            participation.submit_response(self.survey, {f"q{self.survey.questions.get(kind='likert').pk}": 4,
                                                        text_key: f"Vastaus {number}"})
        self.published = participation.publish_answer(official, self.survey.questions.get(kind="text"), "Vastaus 3")
        self.empty_survey = participation.create_survey(official, self.activity, {"title": text("Tyhjä"),
                                                                                   "mode": "anonymous"})
        participation.create_insight(official, self.private, {"statement": text("Kotikäynnit")})
        self.contribution = participation.record_contribution(official, self.activity, {
            "person": expert, "hours": Decimal(2), "fee": Decimal(50), "travel_cost": Decimal(0)})

    def _tendering(self, official):
        provider = self.people["provider"]
        self.tender = make_tender(official, self.public)
        self.criterion = self.tender.criteria.first()
        self.section = tendering.add_section(official, self.tender, "minimum_requirements", {
            "heading": text("Luvat"), "text": text("Toimiluvat kunnossa")})
        tendering.publish_document(official, self.tender, "minimum_requirements")
        self.comment = tendering.comment_section(self.people["expert"], self.section, "Hyvä vaatimus")
        self.bid = tendering.submit_bid(provider, self.tender, {"price": Decimal("900000"), "answers": answers(self.tender)})
        self.attachment = tendering.add_attachment(provider, self.tender, "liite.pdf", b"%PDF-1.7 liite")
        self.question = tendering.ask_question(self.people["other_provider"], self.tender, "Saako alihankkijoita käyttää?")
        # Declared without conflict, so that what stops the evaluator before opening is the seal.
        tendering.declare_conflict(self.people["evaluator"], self.tender, False)
        self.draft = make_tender(official, self.drafting, publish=False)
        self.opened = make_tender(official, self.contracted)
        self.opened_bid = tendering.submit_bid(provider, self.opened, {"price": Decimal("950000"),
                                                                        "answers": answers(self.opened)})
        self.opened_attachment = tendering.add_attachment(provider, self.opened, "liite.pdf", b"%PDF-1.7 liite")
        pass_deadline(self.opened)
        open_bids(official, self.opened)
        self._award(official)

    def _market_dialogue(self, official):
        """A published light-regime procedure whose market dialogue stage has the provider's
        confirmed registration, its answered question and a session with published minutes."""
        self.dialogue = factories.create_procurement(official, procedure="light", accountable_official=official)
        services.assign_role(official, self.dialogue, self.people["staff"], "staff")
        services.assign_role(official, self.dialogue, self.people["expert"], "expert_by_experience")
        self.dialogue_stage, _tenders = procedure_helpers.compose(official, self.dialogue, ["market_dialogue", "tenders"])
        procedure_services.publish(official, self.dialogue)
        self.dialogue_registration = dialogue_services.decide_registration(
            official, dialogue_services.register(self.people["provider"], self.dialogue_stage, {
                "contact_name": "Kalle", "contact_email": "kalle@example.fi"}), True)
        self.dialogue_question = dialogue_services.ask(self.people["provider"], self.dialogue_stage,
                                                       {"text": "Kuinka monta asiakasta?"})
        dialogue_services.answer(official, self.dialogue_question, "Noin 300.")
        self.dialogue_session = dialogue_services.add_session(official, self.dialogue_stage, {
            "starts_at": timezone.now() + timedelta(days=3), "place": "", "online": True, "agenda": "Tavoitteet"})

    def _procedure(self, official):
        """A published light-regime procedure whose requests stage is open, with sealed requests."""
        self.selecting = factories.create_procurement(official, procedure="light", accountable_official=official)
        services.assign_role(official, self.selecting, self.people["staff"], "staff")
        services.assign_role(official, self.selecting, self.people["expert"], "expert_by_experience")
        self.stages, call = procedure_helpers.selection_procedure(official, self.selecting)
        procedure_helpers.begin(official, self.stages[0])
        call.refresh_from_db()
        procedure_services.submit_request(self.people["provider"], call, {"evidence": procedure_helpers.evidence(call)})
        self.other_request = procedure_services.submit_request(self.people["other_provider"], call, {
            "evidence": procedure_helpers.evidence(call)})
        negotiating = factories.create_procurement(official, procedure="light", accountable_official=official)
        services.assign_role(official, negotiating, self.people["staff"], "staff")
        services.assign_role(official, negotiating, self.people["expert"], "expert_by_experience")
        rounds = round_helpers.round_world(official, negotiating,
                                           [self.people["provider"], self.people["other_provider"]])
        self.final_stage = rounds["stages"][3]
        self.round_stage = rounds["stages"][1]
        self.selection_stage = rounds["stages"][0]
        self.decision_appeal = DecisionComplaint.objects.create(
            selection=self.selection_stage.call.decision, kind="market_court_appeal", grounds="",
            organisation=self.people["provider"].organisation, filed_by=official, filed_on=timezone.localdate())
        round_helpers.bid(rounds, 0)
        self.other_round_bid = round_helpers.bid(rounds, 1)
        self.negotiation_meeting = negotiation.add_meeting(official, self.round_stage, {
            "organisation": self.people["provider"].organisation_id, "starts_at": timezone.now(),
            "participants": "Neuvottelijat"})
        negotiation.name_representative(official, self.negotiation_meeting, {"person": self.people["expert"]})

    def _award(self, official):
        """A published award on the contract-phase tender whose standstill and complaint time are over."""
        person = evaluator(official, self.contracted)
        tendering.declare_conflict(person, self.opened, False)
        for criterion in self.opened.criteria.all():
            tendering.record_score(person, self.opened_bid, criterion, Decimal(4), "Perustelu")
            tendering.settle_score(official, self.opened_bid, criterion)
        decided = timezone.localdate() - timedelta(days=30)
        award = tendering.decide_award(official, self.opened, {
            "accountable_official": official, "reasons": text("Ainoa tarjous."), "decided_on": decided})
        tendering.publish_award(official, award)
        self.complaint = Complaint.objects.create(
            decision=award, kind="rectification_request", organisation=self.provider_org, filed_by=self.people["provider"],
            filed_on=decided + timedelta(days=3), grounds="Hinta väärin.", outcome="rejected", answer="Hinta oikein.",
            answered_by=official, answered_on=decided + timedelta(days=5))

    def _contract(self, official):
        to_contract_phase(official, self.contracted)
        self.contract = contracts.create_contract(official, self.contracted, {
            "kind": "partnership", "title": text("Kumppanuussopimus"), "description": text("Pitkä kumppanuus."),
            "starts_on": date(2025, 1, 1), "ends_on": date(2027, 12, 31), "options": {},
        })
        contracts.add_party(official, self.contract, {"organisation": self.provider_org, "name": self.provider_org.name,
                                                      "role": "provider"})
        self.document = contracts.add_document(official, self.contract, {"title": "Sopimus",
                                                                        "url": "https://example.org/sopimus.pdf"})
        self.member = contracts.add_member(official, self.contract, {
            "name": "Anna Kokemus", "role": "client_representative", "organisation": None, "user": None,
            "term_starts": date(2025, 1, 1), "term_ends": None, "deputy_for": None,
        })
        self.meeting = contracts.schedule_meeting(official, self.contract, {
            "starts_at": timezone.now() + timedelta(days=10), "place": "Tampere", "agenda": text("Asialista"),
            "materials": [],
        })
        contracts.publish_agenda(official, self.meeting)
        self.decision = contracts.record_decision(official, self.contract, decision_data(official, meeting=self.meeting))
        self.kra = contracts.add_kra(official, self.contract, {"name": text("Asumisen pysyvyys"), "description": {},
                                                               "weight": Decimal(1)})
        self.indicator = contracts.add_indicator(official, self.kra, {
            "code": "asuminen", "name": text("Asuu omassa kodissa"), "unit": "percent", "direction": "higher_is_better",
            "baseline": Decimal(70), "minimum": Decimal(70), "target": Decimal(80), "excellent": Decimal(90),
            "frequency": "monthly", "data_source": "provider_report", "reported_by": None,
        })
        self.flag = FigureFlag.objects.create(indicator=self.indicator, period_start=date(2025, 1, 1), kind="jump",
                                              detail="3 → 4")
        self.proposal = contracts.submit_proposal(self.contract, {"text": "Ilta-aukiolo", "proposer_kind": "service_user"})
        self._alliance(official)

    def spare(self, kind: str):
        """A contract record entered by mistake, with nothing depending on it."""
        official = self.people["official"]
        if kind == "member":
            return contracts.add_member(official, self.contract, {
                "name": "Väärä Nimi", "role": "peer", "organisation": None, "user": None,
                "term_starts": date(2025, 1, 1), "term_ends": None, "deputy_for": None})
        if kind == "kra":
            return contracts.add_kra(official, self.contract, {"name": text("Väärä"), "description": {},
                                                               "weight": Decimal(0)})
        if kind == "indicator":
            return contracts.add_indicator(official, self.kra, {
                "code": f"vaara-{Indicator.objects.count()}", "name": text("Väärä"), "unit": "percent",
                "direction": "higher_is_better", "baseline": None, "minimum": Decimal(1), "target": Decimal(2),
                "excellent": Decimal(3), "frequency": "monthly", "data_source": "register", "reported_by": None})
        return contracts.add_document(official, self.contract, {"title": "Väärä", "url": "https://example.org/v.pdf"})

    def _development(self, official):
        """The alliance's development phase done (the provider agreeing to every draft, the official
        beginning the service phase), and a second alliance still in it, with one draft."""
        drafts = [
            development.propose_draft(official, self.alliance, "target_cost", {"target_cost": Decimal(1000)}),
            development.propose_draft(official, self.alliance, "kras", {"kras": [{
                "name": text("Asuminen"), "indicator": text("Asuu kotona"), "code": "kotona", "weight": Decimal(1),
                "unit": "percent", "direction": "higher_is_better", "baseline": None, "minimum": Decimal(70),
                "target": Decimal(80), "excellent": Decimal(90), "frequency": "quarterly",
                "data_source": "register"}]}),
            development.propose_draft(official, self.alliance, "operating_model", {"text": "Yksi tiimi."})]
        for draft in drafts:
            development.take_position(self.people["provider"], draft, {"stance": "supports", "view": ""})
        development.start_service_phase(official, self.alliance)
        self.developing = contracts.create_contract(official, self.contracted, {
            "kind": "alliance", "title": text("Kehitettävä allianssi"), "description": {},
            "starts_on": date(2025, 1, 1), "ends_on": date(2027, 12, 31), "options": {}})
        contracts.add_party(official, self.developing, {"organisation": self.provider_org,
                                                         "name": self.provider_org.name, "role": "provider"})
        self.development_draft = development.propose_draft(official, self.developing, "operating_model",
                                                           {"text": "Luonnos."})

    def _alliance(self, official):
        self.alliance = contracts.create_contract(official, self.contracted, {
            "kind": "alliance", "title": text("Allianssi"), "description": {}, "starts_on": date(2025, 1, 1),
            "ends_on": date(2027, 12, 31), "options": {},
        })
        party = contracts.add_party(official, self.alliance, {"organisation": self.provider_org,
                                                              "name": self.provider_org.name, "role": "provider"})
        self._development(official)
        self.settlement = alliance.create_period(official, self.alliance, {
            "label": "2025", "starts_on": date(2025, 1, 1), "ends_on": date(2025, 12, 31), "target_cost": Decimal(1000),
            "fee_kind": "fixed", "fee_amount": Decimal(50), "gain_share": Decimal("0.5"), "pain_share": Decimal("0.5"),
            "gain_cap": None, "pain_cap": None, "kra_bonus_pool": Decimal(0), "kra_sanction_pool": Decimal(0),
            "split": {party: Decimal(100)},
        })
        alliance.record_leadership_decision(official, self.alliance, {
            **decision_data(official), "matter": "cost_categories", "categories": "henkilöstö",
            "positions": {each: {"stance": "supports", "representative": "", "view": ""}
                          for each in self.alliance.parties.all()}})
        alliance.appoint_auditor(official, self.alliance, {"user": self.people["evaluator"]})
        self.cost_line = alliance.report_cost(self.people["provider"], self.settlement, {
            "amount": Decimal(900), "category": "henkilöstö", "evidence": "Lasku 1"})


@pytest.fixture
def world(reference_data):
    return World()


def registration_link(world) -> str:
    """The token of the link sent to the contact of the expert's cancelled sign-up."""
    from coprocure.participation import codes

    return codes.registration_link_token(world.cancelled)


def finished_job(world):
    """The official's finished job with its file (made once per world, on first use)."""
    if not hasattr(world, "job"):
        world.job = Job.objects.create(owner=world.people["official"], title="Survey results (CSV)", filename="r.csv",
                                       content_type="text/csv", state=Job.State.DONE,
                                       expires_at=timezone.now() + timedelta(hours=1))
        work.result_dir().mkdir(parents=True, exist_ok=True)
        work.result_path(world.job).write_bytes(b"a,b\n")
    return world.job


def status(client, world, route: Route, role: str) -> int:
    client.logout()
    headers = {}
    if role != "anonymous":
        if route.api:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {world.tokens[role]}"
        else:
            client.force_login(world.people[role])
    path = route.path(world)
    if route.method == "GET":
        return client.get(path, **headers).status_code
    if route.upload:
        # Not a table: the reader refuses it, but only once the caller may report.
        upload = SimpleUploadedFile("mittaukset.txt", b"ei taulukko", content_type="text/plain")
        return client.post(path, {"file": upload}, **headers).status_code
    body = route.body(world) if callable(route.body) else route.body
    body = json.dumps(body if body is not None else {})
    return client.generic(route.method, path, body, content_type="application/json", **headers).status_code


def test_every_route_answers_every_role_as_the_matrix_says(client, world):
    differences = []
    for route in MATRIX:
        for role in ROLES:
            expected = route.expected.get(role, route.default)
            got = status(client, world, route, role)
            if got != expected:
                differences.append(f"{route.method} {route.path(world)} as {role}: expected {expected}, got {got}")
    assert differences == [], "\n".join(differences)


def _route_names(patterns):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            if getattr(pattern, "app_name", None) == "admin":
                continue
            yield from _route_names(pattern.url_patterns)
        elif pattern.name:
            yield pattern.name


def test_matrix_covers_every_route():
    covered = {route.name for route in MATRIX}
    # The API root only redirects nowhere (Ninja's placeholder); the admin has its own permissions.
    uncovered = set(_route_names(get_resolver().url_patterns)) - covered - {"api-root"}
    assert uncovered == set()


# The "password only" viewer (issue 17 item 1): an official who has given the password but not
# the second factor, on every route of the matrix, through the session the browser would use.
# Nothing answers but the second-factor step (and signing out); every API endpoint says 401.
# Signing in through the authority's provider is part of the sign-in itself (it may assert MFA);
# Suomi.fi fetches the service's keys without a session, and its return after signing out has none.
SECOND_FACTOR_STEP = {"two_factor", "logout", "login", "oidc_start", "oidc_callback", "suomifi_start", "suomifi_callback",
                      "suomifi_jwks", "suomifi_signed_out"}


def test_a_password_only_session_reaches_nothing_but_the_second_factor_step(client, world, settings):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.COPROCURE_REQUIRE_2FA = True
    official = world.people["official"]
    TOTPDevice.objects.get_or_create(user=official, name="authenticator", defaults={"confirmed": True})
    differences = []
    for route in MATRIX:
        client.logout()
        client.force_login(official)
        path = route.path(world)
        body = route.body(world) if callable(route.body) else route.body
        response = client.generic(route.method, path, json.dumps(body if body is not None else {}),
                                  content_type="application/json")
        if route.api:
            if response.status_code != 401 or response.json()["errors"][0]["code"] != "second_factor_required":
                differences.append(f"{route.method} {path}: {response.status_code}")
        elif route.name in SECOND_FACTOR_STEP:
            continue
        elif response.status_code != 302 or not response["Location"].startswith("/signin/confirm/"):
            differences.append(f"{route.method} {path}: {response.status_code}")
    assert differences == [], "\n".join(differences)


# Panels (issue 23): anyone reads a public procurement's panels and volunteers without an
# account; the procurement's official and staff run them; its peers and experts by experience
# (outreach partners) enter paper volunteers; the volunteers' names with their backgrounds are
# for the official and staff alone (404 for everyone else). A draw's file exists once it is drawn.
def matrix_panel(world):
    """The public procurement's panel with its call open, a volunteer, a support person's seat,
    a drawn draw and a committed one (made once per world, on first use)."""
    if not hasattr(world, "panel"):
        from coprocure.domain import panels as panel_rules
        from coprocure.panels import services as panels
        from coprocure.panels.models import Draw

        official = world.people["official"]
        world.panel = panels.set_call(official, panels.create_panel(official, world.public, {
            "kind": "resident", "title": text("Asukasraati"), "purpose": text("Tarkoitus"), "seats": 5,
            "term_starts": date(2027, 1, 1), "term_ends": date(2027, 12, 31), "areas": ["Keskusta"]}), True)
        world.volunteer = panels.volunteer(world.panel, {"name": "Vapaaehtoinen", "contact": "v@example.org"})
        world.seat = panels.add_person(official, world.panel, world.people["expert"], "support")
        world.drawn = Draw.objects.create(panel=world.panel, kind="initial", seed="ab",
                                          seed_commitment=panel_rules.commitment("ab"), committed_at=timezone.now(),
                                          drawn_at=timezone.now(), verification_file="{}\n")
        world.pending = panels.commit_seed(official, world.panel)
    return world.panel


PANEL_STAFF_PAGE = {"anonymous": 302, "official": 200, "staff": 200}
PANEL_STAFF_POST = {"anonymous": 302, "official": 302, "staff": 302}
MATRIX += [
    pages("procurement_panels", lambda w: f"/procurements/{w.public.pk}/panels/", **ANY),
    pages("panel_create", lambda w: f"/procurements/{w.public.pk}/panels/new/", **PANEL_STAFF_PAGE),
    pages("panel", lambda w: f"/panels/{matrix_panel(w).pk}/", **ANY),
    pages("panel_volunteer", lambda w: f"/panels/{matrix_panel(w).pk}/volunteer/", **ANY),
    posts("panel_volunteer", lambda w: f"/panels/{matrix_panel(w).pk}/volunteer/", **ANYONE_MAY_TRY),
    pages("panel_volunteer_thanks", lambda w: f"/panels/{matrix_panel(w).pk}/volunteer/thanks/", **ANY),
    pages("panel_edit", lambda w: f"/panels/{matrix_panel(w).pk}/edit/", **PANEL_STAFF_PAGE),
    pages("panel_quotas", lambda w: f"/panels/{matrix_panel(w).pk}/quotas/", **PANEL_STAFF_PAGE),
    posts("panel_call", lambda w: f"/panels/{matrix_panel(w).pk}/call/", **PANEL_STAFF_POST),
    pages("panel_volunteers", lambda w: f"/panels/{matrix_panel(w).pk}/volunteers/", default=404, **PANEL_STAFF_PAGE),
    pages("panel_paper_volunteer", lambda w: f"/panels/{matrix_panel(w).pk}/volunteers/paper/", expert=200,
          **PANEL_STAFF_PAGE),
    posts("panel_add_seat", lambda w: f"/panels/{matrix_panel(w).pk}/seats/", **PANEL_STAFF_POST),
    posts("panel_commit_seed", lambda w: f"/panels/{matrix_panel(w).pk}/seed/", **PANEL_STAFF_POST),
    posts("panel_make_draw", lambda w: (matrix_panel(w), f"/draws/{w.pending.pk}/draw/")[1], **PANEL_STAFF_POST),
    pages("panel_draw_file", lambda w: (matrix_panel(w), f"/draws/{w.drawn.pk}/verification.json")[1], **ANY),
    pages("panel_draw_file", lambda w: (matrix_panel(w), f"/draws/{w.pending.pk}/verification.json")[1], default=404),
    posts("panel_withdraw", lambda w: (matrix_panel(w), f"/panel-volunteers/{w.volunteer.pk}/withdraw/")[1],
          **PANEL_STAFF_POST),
    posts("panel_end_seat", lambda w: (matrix_panel(w), f"/panel-seats/{w.seat.pk}/end/")[1], **PANEL_STAFF_POST),
    api("list_panels", "GET", lambda w: f"/api/v1/procurements/{w.public.pk}/panels", **ANY),
    api("create_panel", "POST", lambda w: f"/api/v1/procurements/{w.public.pk}/panels", body={
        "kind": "", "title": {}, "purpose": {}, "seats": 0, "term_starts": "2027-01-01", "term_ends": "2027-01-01"},
        **STAFF_API),
    api("get_panel", "GET", lambda w: f"/api/v1/panels/{matrix_panel(w).pk}", **ANY),
    api("set_panel_quotas", "PUT", lambda w: f"/api/v1/panels/{matrix_panel(w).pk}/quotas", body={"quotas": {}},
        **STAFF_API),
    api("set_panel_call", "POST", lambda w: f"/api/v1/panels/{matrix_panel(w).pk}/call", **STAFF_API),
    api("volunteer_for_panel", "POST", lambda w: f"/api/v1/panels/{matrix_panel(w).pk}/volunteers",
        body={"name": "", "contact": "", "consent": False}, **ANYONE_MAY_TRY),
    api("list_panel_volunteers", "GET", lambda w: f"/api/v1/panels/{matrix_panel(w).pk}/volunteers", default=404,
        anonymous=401, official=200, staff=200),
    # A seed is already committed, so committing another is refused (409) after the rule allowed it.
    api("commit_panel_seed", "POST", lambda w: f"/api/v1/panels/{matrix_panel(w).pk}/draws", anonymous=401, official=409,
        staff=409),
    api("run_panel_draw", "POST", lambda w: (matrix_panel(w), f"/api/v1/draws/{w.pending.pk}/run")[1], **STAFF_API),
    # A draw's page and state are as public as its panel; a member's page is for those with a
    # seat on the panel only (the expert is its support person), 404 alike for everyone else.
    pages("panel_draw", lambda w: (matrix_panel(w), f"/draws/{w.drawn.pk}/")[1], **ANY),
    pages("panel_draw", lambda w: (matrix_panel(w), f"/draws/{w.pending.pk}/")[1], **ANY),
    api("get_panel_draw", "GET", lambda w: (matrix_panel(w), f"/api/v1/draws/{w.drawn.pk}")[1], **ANY),
    pages("panel_member", lambda w: f"/panels/{matrix_panel(w).pk}/member/", default=404, anonymous=302, expert=200),
    api("panel_member_page", "GET", lambda w: f"/api/v1/panels/{matrix_panel(w).pk}/member", default=404,
        anonymous=401, expert=200),
    # A panel of a contract follows the contract's procurement; an authority's standing panel
    # its own officials and staff (the outsider is an official of another authority).
    pages("contract_panels", lambda w: f"/contracts/{w.contract.pk}/panels/", **ANY),
    pages("contract_panel_create", lambda w: f"/contracts/{w.contract.pk}/panels/new/", **PANEL_STAFF_PAGE),
    pages("authority_panels", lambda w: f"/authorities/{w.people['official'].organisation_id}/panels/", **ANY),
    pages("authority_panel_create", lambda w: f"/authorities/{w.people['official'].organisation_id}/panels/new/",
          **PANEL_STAFF_PAGE),
    api("list_contract_panels", "GET", lambda w: f"/api/v1/contracts/{w.contract.pk}/panels", **ANY),
    api("create_contract_panel", "POST", lambda w: f"/api/v1/contracts/{w.contract.pk}/panels", body={
        "kind": "", "title": {}, "purpose": {}, "seats": 0, "term_starts": "2027-01-01", "term_ends": "2027-01-01"},
        **STAFF_API),
    api("list_authority_panels", "GET", lambda w: f"/api/v1/authorities/{w.people['official'].organisation_id}/panels",
        **ANY),
    api("create_authority_panel", "POST", lambda w: f"/api/v1/authorities/{w.people['official'].organisation_id}/panels",
        body={"kind": "", "title": {}, "purpose": {}, "seats": 0, "term_starts": "2027-01-01",
              "term_ends": "2027-01-01"}, **STAFF_API),
]


def api_volunteer(world):
    """A volunteer of the matrix's panel whom only the API withdraws (the page withdraws the other)."""
    if not hasattr(world, "api_volunteer"):
        from coprocure.panels import services as panels

        world.api_volunteer = panels.volunteer(matrix_panel(world), {"name": "Toinen", "contact": "t@example.org"})
    return world.api_volunteer


MATRIX += [
    api("add_panel_seat", "POST", lambda w: f"/api/v1/panels/{matrix_panel(w).pk}/seats",
        body={"username": "", "role": ""}, **STAFF_API),
    api("end_panel_seat", "POST", lambda w: (matrix_panel(w), f"/api/v1/panel-seats/{w.seat.pk}/end")[1],
        body={"reason": ""}, **STAFF_API),
    # The official's call withdraws the volunteer; the staff member's then finds it done (409).
    api("withdraw_panel_volunteer", "POST", lambda w: f"/api/v1/panel-volunteers/{api_volunteer(w).pk}/withdraw",
        anonymous=401, official=200, staff=409),
]


# The close of dialogue and the R&D milestones (issue 21 item 4): their rows and lazy stages. The
# module uses this one's helpers, so it is imported once they exist.
from .matrix_negotiation import ROWS as NEGOTIATION_DECISIONS  # noqa: E402

MATRIX += NEGOTIATION_DECISIONS
