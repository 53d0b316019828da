"""Sealed means not even counted, for requests to participate as for bids (issue 17 item 4):
before the opening nobody but the requesting organisation learns from any route that names a
request whether it exists. Every such route, page and API, answers everyone else alike (status,
body and the statements the server runs) for a request of this call, a request of another call
and an id that names nothing — the procurement's own official included, whose checks are refused
as sealed before any request is looked up."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coprocure.core import services as core
from coprocure.procedures import services
from coprocure.procedures.models import ParticipationRequest

from .. import factories
from ..tendering.conftest import evaluator, provider
from ..tendering.test_sealed_counting import answer, normalised, statements
from .conftest import begin, evidence, light_procurement, selection_procedure


@pytest.fixture
def world(official):
    here = light_procurement(official)
    stages, call = selection_procedure(official, here)
    begin(official, stages[0])
    other_official = factories.UserFactory(organisation=official.organisation, position="official")
    elsewhere = light_procurement(other_official)
    far_stages, far_call = selection_procedure(other_official, elsewhere)
    begin(other_official, far_stages[0])
    requester, far_requester = provider("Kulma Oy"), provider("Toipumo sr")
    mine = services.submit_request(requester, call, {"evidence": evidence(call)})
    far = services.submit_request(far_requester, far_call, {"evidence": evidence(far_call)})
    missing = ParticipationRequest.objects.order_by("-pk").first().pk + 1000
    viewers = {
        "official": official,
        "other_provider": provider("Ulkopuolinen Oy"),
        "evaluator": evaluator(official, here),
        "admin": factories.UserFactory(is_superuser=True, is_staff=True),
        "expert": factories.UserFactory(position="representative"),
        "anonymous": None,
    }
    core.assign_role(official, here, viewers["expert"], "expert_by_experience")
    return {"stage": stages[0].pk, "viewers": viewers, "requests": (mine.pk, far.pk, missing), "requester": requester}


def routes(world):
    stage = world["stage"]
    check = lambda i: {"request": i, "requirement": 1, "met": True, "reason": "Täyttyy."}  # noqa: E731
    return [
        ("api withdraw_request", "post", lambda i: f"/api/v1/participation-requests/{i}/withdraw", lambda i: {}),
        ("page request_withdraw", "post", lambda i: f"/participation-requests/{i}/withdraw/", lambda i: {}),
        ("api check_requirement", "post", lambda i: f"/api/v1/stages/{stage}/call/checks", check),
        ("page request_check", "post", lambda i: f"/stages/{stage}/call/checks/", check),
    ]


def test_every_request_route_answers_everyone_but_the_requester_alike(client, world):
    differences = []
    ids = world["requests"]
    for viewer, user in world["viewers"].items():
        client.logout() if user is None else client.force_login(user)
        for name, method, path, body in routes(world):
            answers_ = [answer(client, method, path(i), body(i)) for i in ids]
            same_path = path(1) == path(2)
            seen = {(r.status_code, normalised(r, () if same_path else ids)) for r in answers_}
            if len(seen) != 1:
                differences.append(f"{viewer} {name}: {[r.status_code for r in answers_]}")
    assert differences == []


def test_everyone_but_the_requester_makes_the_server_do_the_same_work(client, world):
    differences = []
    ids = world["requests"]
    for viewer, user in world["viewers"].items():
        client.logout() if user is None else client.force_login(user)
        for name, method, path, body in routes(world):
            answer(client, method, path(ids[0]), body(ids[0]))
            work = []
            for i in ids:
                with CaptureQueriesContext(connection) as queries:
                    answer(client, method, path(i), body(i))
                work.append(statements(queries.captured_queries, ids))
            if any(shape != work[0] for shape in work):
                differences.append(f"{viewer} {name}: {[len(shape) for shape in work]} statements")
    assert differences == []


def test_the_requester_still_reaches_its_own_request(client, world):
    client.force_login(world["requester"])
    response = client.post(f"/api/v1/participation-requests/{world['requests'][0]}/withdraw", "{}",
                           content_type="application/json")
    assert response.status_code == 200
