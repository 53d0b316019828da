"""The administrator's attack on anonymous answers (issue 17 item 2).

Twelve people sign in and answer an anonymous survey one after another (three more answer
without an account in between); some answer through the API with their own bearer token, some
leave a follow-up address. Then the test plays the site administrator: it reads the database as
a dump would show it, with PostgreSQL's hidden columns (``xmin``, ``ctid``), the sessions, API
tokens, sign-in times, the audit trail, every sequence, the rate-limit counters (as if the
administrator knew everyone's address) and whatever the application logged, and tries every way
it can think of to line the answers up with the people.

Lined-up rows would give everyone away (on the code before this test, a dump taken while the
answers waited for their batch matched all twelve). Every anonymous answer now writes the
survey's waiting answers again around itself, so a dump taken while a batch is only partly
full matches no more than a chance few, and neither does one taken after the survey closed and
all its answers were mixed.
"""

import json
import logging
import random
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from coprocure.api.models import ApiToken
from coprocure.audit.models import AuditEntry
from coprocure.domain import ratelimit
from coprocure.participation import mixing, services
from coprocure.settings import CACHES

from .. import factories
from ..factories import text

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 12
ANONYMOUS_AT = {4, 9, 13}      # positions in the order of answering of people without an account
THROUGH_API = {2, 6, 10, 14}   # positions that answer through the API (with their own token if signed in)
FOLLOW_UP_EVERY = 3            # every third position leaves an address
CHANCE = 3                     # at most this many of the 12 matched: chance, not a method


@pytest.fixture
def scene(settings, reference_data):
    settings.CACHES = CACHES  # the production cache: the rate-limit counters are rows too
    call_command("createcachetable", verbosity=0)
    official = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    procurement = factories.create_procurement(official)
    activity = services.create_activity(official, procurement, {
        "kind": "survey", "phase": "preparation", "title": text("Kysely"), "setting": "online"})
    survey = services.create_survey(official, activity, {
        "title": text("Miten kotihoito toimii?"), "mode": "anonymous",
        "opens_at": timezone.now() - timedelta(days=1), "closes_at": timezone.now() + timedelta(days=30)})
    likert = services.add_question(official, survey, {"kind": "likert", "text": text("Arvio"), "required": True})
    # What each person answers here is the test's ground truth; the attack never reads it.
    marker = services.add_question(official, survey, {"kind": "number", "text": text("Numero"), "minimum": 0,
                                                      "maximum": 50})
    people = [factories.UserFactory(email=f"henkilo{n}@example.fi") for n in range(PEOPLE)]
    bearer = {person.pk: ApiToken.issue(person, "oma")[1] for person in people}
    return {"official": official, "survey": survey, "likert": likert, "marker": marker, "people": people,
            "bearer": bearer}


def address(position: int) -> str:
    return f"198.51.100.{position + 1}"


def answer_in_order(scene, caplog) -> dict:
    """Everyone answers in turn; returns who is at which position and the application's log
    records written while answering."""
    survey, people = scene["survey"], iter(scene["people"])
    position_of, sessions = {}, {}
    caplog.set_level(logging.DEBUG)
    caplog.clear()
    for position in range(PEOPLE + len(ANONYMOUS_AT)):
        client = Client(REMOTE_ADDR=address(position))
        person = None if position in ANONYMOUS_AT else next(people)
        headers = {}
        if person is not None:
            # Signing in just before answering: the sign-in times give the order of answering.
            signed_in = client.post("/signin/", {"username": person.username, "password": "salasana-testi-1"})
            assert signed_in.status_code == 302
            position_of[person.pk] = position
            sessions[client.session.session_key] = _session_row(client.session.session_key)
            if position in THROUGH_API:
                headers["HTTP_AUTHORIZATION"] = f"Bearer {scene['bearer'][person.pk]}"
        answers = {scene["likert"].key: 1 + position % 5, scene["marker"].key: position}
        if position in THROUGH_API:
            token = client.get(f"/api/v1/surveys/{survey.pk}/token", **headers).json()["token"]
            sent = client.post(f"/api/v1/surveys/{survey.pk}/responses", json.dumps({"answers": answers, "token": token}),
                               content_type="application/json", **headers)
            assert sent.status_code == 201, sent.content
            again = client.post(f"/api/v1/surveys/{survey.pk}/responses", json.dumps({"answers": answers, "token": token}),
                                content_type="application/json", **headers)
            assert again.status_code == 409  # a refused answer is not logged either
        else:
            token = client.get(f"/surveys/{survey.pk}/").context["form"].initial["token"]
            sent = client.post(f"/surveys/{survey.pk}/", {"token": token, **{k: str(v) for k, v in answers.items()}})
            assert sent.status_code == 302, sent.content
        if position % FOLLOW_UP_EVERY == 0:
            email = person.email if person else f"nimeton{position}@example.fi"
            assert client.post(f"/surveys/{survey.pk}/follow-up/", {"email": email}).status_code == 302
    return {"position_of": position_of, "logged": list(caplog.records),
            "sessions_unchanged": all(_session_row(key) == row for key, row in sessions.items())}


def _session_row(key: str) -> tuple:
    """A session's row as the database keeps it: its transaction id and expiry move when it is saved."""
    return tuple(_rows("SELECT xmin::text, expire_date FROM django_session WHERE session_key = %s", [key])[0])


def _rows(sql: str, params=()) -> list:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _ctid(text_value: str) -> tuple:
    block, item = text_value.strip("()").split(",")
    return int(block), int(item)


def dump(survey) -> dict:
    """What the administrator reads from the database."""
    responses = [
        {"id": str(pk), "xmin": int(xmin), "cmin": int(cmin), "ctid": _ctid(ctid)}
        for pk, xmin, cmin, ctid in _rows("SELECT id, xmin::text, cmin::text, ctid::text FROM participation_response "
                                          "WHERE survey_id = %s", [survey.pk])]
    answers = _rows("SELECT response_id, xmin::text, ctid::text FROM participation_answer")
    for response in responses:
        mine = [(int(xmin), _ctid(ctid)) for rid, xmin, ctid in answers if str(rid) == response["id"]]
        response["answer_xmin"], response["answer_ctid"] = min(x for x, _c in mine), min(c for _x, c in mine)
    sessions = {}
    for data, xmin in _rows("SELECT session_data, xmin::text FROM django_session"):
        user = SessionStore().decode(data).get("_auth_user_id")
        if user:
            sessions[int(user)] = int(xmin)
    return {
        "survey": survey.pk,
        "responses": responses,
        "sessions": sessions,
        "contacts": [(email, int(xmin), _ctid(ctid)) for email, xmin, ctid in
                     _rows("SELECT email, xmin::text, ctid::text FROM followup_followupcontact")],
        "nonces": [(int(xmin), _ctid(ctid)) for xmin, ctid in _rows("SELECT xmin::text, ctid::text FROM participation_spentanswertoken")],
        "counters": {key: int(xmin) for key, xmin in _rows("SELECT cache_key, xmin::text FROM coprocure_cache")},
        "logins": [pk for pk, _at in sorted(get_user_model().objects.filter(last_login__isnull=False)
                                            .values_list("pk", "last_login"), key=lambda row: row[1])],
        "emails": dict(get_user_model().objects.values_list("email", "pk")),
    }


def _next_response(responses, after_xmin):
    """The response written first after a moment (a transaction id), ties by place on disk."""
    later = [r for r in responses if r["xmin"] > after_xmin]
    return min(later, key=lambda r: (r["xmin"], r["ctid"]))["id"] if later else None


def strategies(seen: dict) -> dict:
    """Each strategy's guess: person → response id."""
    responses, people = seen["responses"], seen["logins"]
    # The administrator knows where the signed-in people were in the order of answering (the
    # sign-in times) and, being generous to the attack, where the anonymous ones were too.
    positions = [p for p in range(PEOPLE + len(ANONYMOUS_AT)) if p not in ANONYMOUS_AT]
    guesses = {}
    for name, key in {"row order (xmin, ctid)": lambda r: (r["xmin"], r["ctid"]), "place on disk (ctid)": lambda r: r["ctid"],
                      "command in the transaction (xmin, cmin)": lambda r: (r["xmin"], r["cmin"], r["ctid"]),
                      "key (pk)": lambda r: r["id"], "answers' place on disk": lambda r: r["answer_ctid"],
                      "answers' xmin": lambda r: (r["answer_xmin"], r["answer_ctid"])}.items():
        ordered = sorted(responses, key=key)
        guesses[name] = {person: ordered[position]["id"] for person, position in zip(people, positions)}
    # The first response written after each person's session row was (last) written.
    guesses["session written before the answer"] = {
        person: _next_response(responses, seen["sessions"][person]) for person in people if person in seen["sessions"]}
    # A follow-up address names its person; the response written just before it is theirs.
    by_contact = {}
    for email, xmin, _ctid_value in seen["contacts"]:
        before = [r for r in responses if r["xmin"] < xmin]
        if email in seen["emails"] and before:
            by_contact[seen["emails"][email]] = max(before, key=lambda r: (r["xmin"], r["ctid"]))["id"]
    guesses["follow-up written after the answer"] = by_contact
    # Contacts in their order on disk, matched to the people who left them in turn.
    leaving = [people[i] for i, p in enumerate(positions) if p % FOLLOW_UP_EVERY == 0]
    in_order = sorted(responses, key=lambda r: r["ctid"])
    contacts = [seen["emails"].get(email) for email, _x, _c in sorted(seen["contacts"], key=lambda c: c[2])]
    guesses["contacts' order"] = {person: in_order[positions[people.index(person)]]["id"]
                                  for person in contacts if person in leaving}
    # Spent tokens are written in the answer's transaction, in the order of answering.
    same = {r["xmin"]: r["id"] for r in responses}
    nonces = [xmin for xmin, _c in sorted(seen["nonces"], key=lambda nonce: nonce[1])]
    guesses["spent tokens"] = {person: same.get(nonces[position]) for person, position in zip(people, positions)}
    # The rate-limit counter of a person's address (as if the administrator knew the addresses,
    # from logs they should not keep; the secret is theirs) is written just before the answer.
    guesses["rate-limit counters"] = {}
    for person, position in zip(people, positions):
        digest = ratelimit.counter_key(settings.SECRET_KEY, "survey_answer", str(seen["survey"]), address(position),
                                       0, ratelimit.Limit(1, 1)).rsplit(":", 1)[1]
        moment = next((xmin for key, xmin in seen["counters"].items() if key.endswith(digest)), None)
        guesses["rate-limit counters"][person] = _next_response(responses, moment) if moment else None
    return guesses


def score(scene, seen, position_of) -> dict:
    truth = {}
    for rid, value in _rows("SELECT a.response_id, a.value FROM participation_answer a WHERE a.question_id = %s",
                            [scene["marker"].pk]):
        truth[str(rid)] = int(value) if not isinstance(value, int) else value
    return {name: sum(1 for person, rid in guess.items() if rid and truth.get(rid) == position_of[person])
            for name, guess in strategies(seen).items()}


def test_the_administrator_matches_no_more_than_chance_while_the_batch_fills_and_after_mixing(
        scene, settings, monkeypatch, caplog):
    settings.COPROCURE_MIX_BATCH = 1000  # no batch is full while the survey is open: every answer waits
    chance = random.Random(20261205)
    monkeypatch.setattr(mixing, "randomness", lambda: chance)
    sequences = _rows("SELECT sequencename, last_value FROM pg_sequences ORDER BY 1")
    audited = AuditEntry.objects.count()
    run = answer_in_order(scene, caplog)
    # The side channels hold nothing: no sequence moved and nothing was audited while people
    # answered, no API token was stamped, nothing was logged about the requests.
    assert _rows("SELECT sequencename, last_value FROM pg_sequences ORDER BY 1") == sequences
    assert AuditEntry.objects.count() == audited
    assert not ApiToken.objects.filter(last_used_at__isnull=False).exists()
    assert run["sessions_unchanged"]
    # The one line per request (ops.middleware) is written for the sign-ins, whose times the
    # database keeps anyway (last_login); the answering flow writes no line of any kind.
    signing_in = [r for r in run["logged"] if r.name == "coprocure.request" and r.route == "/signin/"]
    assert len(signing_in) == PEOPLE
    answering = [r for r in run["logged"] if r.name.startswith(("django.request", "coprocure", "django.security"))
                 and r not in signing_in]
    assert answering == [], [(r.getMessage(), getattr(r, "route", None)) for r in answering]

    assert scene["survey"].responses.filter(unmixed=True).count() == PEOPLE + len(ANONYMOUS_AT)
    # Not by luck: the waiting answers were all written by the newest answer's one statement.
    assert len(_rows("SELECT DISTINCT xmin::text, cmin::text FROM participation_response WHERE unmixed")) == 1
    waiting = score(scene, dump(scene["survey"]), run["position_of"])
    assert max(waiting.values()) <= CHANCE, waiting

    services.close_survey(scene["official"], scene["survey"])  # mixes all its answers at once
    after = score(scene, dump(scene["survey"]), run["position_of"])
    assert max(after.values()) <= CHANCE, after


def test_batches_mixed_while_the_survey_is_open_and_the_rest_at_closing(scene, monkeypatch, caplog):
    """The default set-up: every ten answers are mixed as they arrive; the survey's closing
    (here, the cron command once it has closed on its own) mixes the rest with them."""
    chance = random.Random(7)
    monkeypatch.setattr(mixing, "randomness", lambda: chance)
    run = answer_in_order(scene, caplog)
    survey = scene["survey"]
    assert survey.responses.filter(unmixed=True).count() == PEOPLE + len(ANONYMOUS_AT) - mixing.batch_size()
    assert len(_rows("SELECT DISTINCT xmin::text, cmin::text FROM participation_response WHERE unmixed")) == 1
    middle = score(scene, dump(survey), run["position_of"])
    # A dump taken while the second batch is only half full: its waiting answers share the
    # newest answer's transaction and lie in random order, so they line up with no one.
    assert max(middle.values()) <= CHANCE, middle

    type(survey).objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    call_command("mix-answers", stdout=open("/dev/null", "w"))
    after = score(scene, dump(survey), run["position_of"])
    assert max(after.values()) <= CHANCE, after
    assert survey.responses.count() == PEOPLE + len(ANONYMOUS_AT)


MAKEFILE = Path(__file__).resolve().parents[2] / "Makefile"


def test_the_default_set_up_writes_no_access_log_that_times_each_answer():
    """gunicorn writes no access log unless asked to; `make run` must not ask (docs/security.md)."""
    servers = [line for line in MAKEFILE.read_text(encoding="utf-8").splitlines() if "gunicorn coprocure.wsgi" in line]
    assert servers and not any("--access-log" in line for line in servers)
