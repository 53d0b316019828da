"""Sealed means not even counted, for initial bids as for bids and requests: before the opening
nobody but the bidding organisation learns from any route that names an initial bid whether it
exists. Every such route answers everyone else alike (status, body and the statements the
server runs) for a bid of this round, a bid of another procurement's round and an id that names
nothing — another selected candidate and the procurement's own official included."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coprocure.procedures.models import RoundBid

from .. import factories
from ..tendering.conftest import evaluator
from ..tendering.test_sealed_counting import answer, normalised, statements
from .rounds import bid, round_world


@pytest.fixture
def world(official):
    here = round_world(official)
    elsewhere = round_world(factories.UserFactory(organisation=official.organisation, position="official"))
    mine, far = bid(here, 0), bid(elsewhere, 0)
    missing = RoundBid.objects.order_by("-pk").first().pk + 1000
    viewers = {"official": official, "other_candidate": here["bidders"][1], "outsider": here["outsider"],
               "evaluator": evaluator(official, here["procurement"]), "anonymous": None,
               "admin": factories.UserFactory(is_superuser=True, is_staff=True)}
    return {"stage": here["stages"][1].pk, "viewers": viewers, "bids": (mine.pk, far.pk, missing),
            "bidder": here["bidders"][0]}


def routes(world):
    stage = world["stage"]
    return [
        ("api withdraw_round_bid", "post", lambda i: f"/api/v1/round-bids/{i}/withdraw", lambda i: {}),
        ("page round_bid_withdraw", "post", lambda i: f"/round-bids/{i}/withdraw/", lambda i: {}),
        ("api opened_round_bids", "get", lambda i: f"/api/v1/stages/{stage}/round/bids", lambda i: {}),
        ("page round", "get", lambda i: f"/stages/{stage}/round/", lambda i: {}),
    ]


def test_every_initial_bid_route_answers_everyone_but_the_bidder_alike(client, world):
    differences = []
    ids = world["bids"]
    for viewer, user in world["viewers"].items():
        client.logout() if user is None else client.force_login(user)
        for name, method, path, body in routes(world):
            answers_ = [answer(client, method, path(i), body(i)) for i in ids]
            same_path = path(1) == path(2)
            seen = {(r.status_code, normalised(r, () if same_path else ids)) for r in answers_}
            if len(seen) != 1:
                differences.append(f"{viewer} {name}: {[r.status_code for r in answers_]}")
    assert differences == []


def test_everyone_but_the_bidder_makes_the_server_do_the_same_work(client, world):
    differences = []
    ids = world["bids"]
    for viewer, user in world["viewers"].items():
        client.logout() if user is None else client.force_login(user)
        for name, method, path, body in routes(world):
            if path(1) == path(2):
                continue  # the same request whatever the id: nothing to compare
            answer(client, method, path(ids[0]), body(ids[0]))
            work = []
            for i in ids:
                with CaptureQueriesContext(connection) as queries:
                    answer(client, method, path(i), body(i))
                work.append(statements(queries.captured_queries, ids))
            if any(shape != work[0] for shape in work):
                differences.append(f"{viewer} {name}: {[len(shape) for shape in work]} statements")
    assert differences == []


def test_nobody_but_the_bidder_is_told_a_bid_exists_on_the_round_page(client, world):
    """The page names no bid, no count and no bidder before the opening, to anyone else."""
    for viewer in ("official", "other_candidate", "evaluator"):
        client.force_login(world["viewers"][viewer])
        text = client.get(f"/stages/{world['stage']}/round/").content.decode()
        assert "round-bids/" not in text and "Konsortio 0 Oy" not in text, viewer


def test_the_bidder_still_reaches_its_own_bid(client, world):
    client.force_login(world["bidder"])
    assert f"/round-bids/{world['bids'][0]}/withdraw/" in client.get(f"/stages/{world['stage']}/round/").content.decode()
    response = client.post(f"/api/v1/round-bids/{world['bids'][0]}/withdraw", "{}", content_type="application/json")
    assert response.status_code == 200
