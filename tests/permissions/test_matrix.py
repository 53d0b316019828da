"""The permission matrix: every page and API endpoint × every role × the states that matter,
with the status each must get. A route that is not in the matrix fails the coverage test, so
no endpoint can be added without deciding who may use it.

Statuses: 200 shown, 302 sent to sign in (pages), 401 not signed in (API), 403 refused,
404 hidden (a private object's existence is not revealed), 422 allowed but the empty input
was refused, 405 method not offered.
"""

import json
from dataclasses import dataclass
from typing import Callable

import pytest
from django.urls import get_resolver

from coprocure.api.models import ApiToken
from coprocure.core import services
from coprocure.participation import services as participation
from coprocure.partners import services as partner_services

from .. import factories
from ..factories import text
from ..participation.conftest import make_survey

ROLES = ("anonymous", "outsider", "official", "staff", "expert", "provider", "other_provider", "admin")


@dataclass(frozen=True)
class Route:
    name: str          # the URL pattern's name
    method: str
    path: Callable     # world -> path
    expected: dict     # role -> status; roles not named get `default`
    default: int = 403
    api: bool = False
    body: dict | None = None  # writes: valid for the JSON schema, refused by the form


def pages(name, path, default=403, **expected):
    return Route(name, "GET", path, expected, default)


def api(name, method, path, default=403, body=None, **expected):
    return Route(name, method, path, expected, default, api=True, body=body)


SERVICE_BODY = {"name": {}, "summary": {}, "description": {}, "service_class": "", "areas": [], "languages": [],
                "price_basis": ""}
ANY = {role: 200 for role in ROLES}
SIGNED_IN_ANY = {**{role: 200 for role in ROLES}, "anonymous": 302}

MATRIX = [
    # Public pages.
    pages("home", lambda w: "/", **ANY),
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
    # Signed-in pages.
    pages("dashboard", lambda w: "/my/", **SIGNED_IN_ANY),
    pages("my_data", lambda w: "/my/data/", **SIGNED_IN_ANY),
    pages("my_data_download", lambda w: "/my/data/download/", **SIGNED_IN_ANY),
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
]


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
        for procurement in (self.public, self.private):
            services.assign_role(official, procurement, self.people["staff"], "staff")
            services.assign_role(official, procurement, self.people["expert"], "expert_by_experience")
        self.provider_org, self.service = factories.provider_with_service("Kulma Oy", text("Päihdekuntoutus"), text("Kuvaus"))
        self.people["provider"] = self.provider_org.people.get()
        other_org, _ = factories.provider_with_service("Toinen Oy", text("Palvelu"), text("Kuvaus"))
        self.people["other_provider"] = other_org.people.get()
        self.network = partner_services.create_network(self.people["provider"], {"name": text("Verkosto"), "theme": text("Teema")})
        self.activity = participation.create_activity(official, self.public, {
            "kind": "survey", "phase": "preparation", "title": text("Kysely"), "setting": "online"})
        self.survey = make_survey(official, self.activity)
        self.tokens = {role: ApiToken.issue(user, "matrix")[1] for role, user in self.people.items()}


@pytest.fixture
def world(reference_data):
    return World()


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
    body = json.dumps(route.body if route.body is not None else {})
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
