"""Output paths × protected fields: a unique marker is planted in each protected field (a sealed
bid and a sealed request to participate, a private procurement, a confidential decision, a suppressed answer, a redacted excerpt,
registration needs, a follow-up contact, market dialogue minutes' confidential part and unpublished minutes, a
dialogue registration's contact, a panel volunteer's name and contact, an alliance's
development-phase drafts), and every output path is searched for it as every
viewer who must not see it: every page and API answer the permission matrix knows (so CSV/XLSX
exports, PDFs, OCDS and search included), the OCDS command, the e-mails sent, and the logs."""

import base64
import io
import logging
import pickle
import secrets
import subprocess
import zipfile
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from coprocure.alliance import services_development as development
from coprocure.alliance.models import DevelopmentDraft, DraftPosition
from coprocure.contracts import services as contracts
from coprocure.core.models import Procurement
from coprocure.core.visibility import may_show
from coprocure.followup import services as followup
from coprocure.market_dialogue import services as dialogue
from coprocure.market_dialogue.models import DialogueSession
from coprocure.negotiation import services as negotiation
from coprocure.negotiation.models import DialogueSolution, MilestoneResult
from coprocure.panels import services as panels
from coprocure.participation import services as participation
from coprocure.procedures import services as procedures
from coprocure.procedures.models import RoundBid
from coprocure.settings import CACHES
from coprocure.tendering import sealing
from coprocure.tendering import services as tendering

from .. import factories
from ..contracts.conftest import decision_data
from ..factories import text
from ..permissions.test_matrix import MATRIX, World, matrix_panel
from ..permissions.matrix_negotiation import milestone as matrix_milestone
from ..tendering.conftest import answers

# Everyone who must see none of the planted values: strangers, the other bidders, an evaluator
# before the opening, and people of the procurement who are not its staff.
VIEWERS = ("anonymous", "outsider", "expert", "evaluator", "provider", "other_provider")
# ...except where the matrix gives the viewer a role: the expert by experience is a member of the
# private procurement too, so its title is theirs to see.
ENTITLED = {"private_title": {"expert"}, "development_draft": {"provider"}, "development_target_cost": {"provider"},
            "unagreed_draft": {"provider"}, "agreed_view": {"provider"}, "negotiation_minutes": {"provider"},
            "dialogue_solution": {"provider"}, "milestone_result": {"provider"}}


def marker(field: str) -> str:
    return f"VUOTO{field.upper()}{secrets.token_hex(4)}"


@pytest.fixture
def planted(reference_data, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world = World()
    official = world.people["official"]
    found = {}

    # Sealed: a third provider's bid, before the deadline and the opening.
    third, _service = factories.provider_with_service("Kolmas Oy", text("Palvelu"), text("Kuvaus"))
    found["sealed_answer"] = marker("sealed")
    bid_answers = {key: found["sealed_answer"] for key in answers(world.tender)}
    world.sealed_bid = tendering.submit_bid(third.people.get(), world.tender,
                                            {"price": Decimal("123456.78"), "answers": bid_answers})
    found["sealed_price"] = "123456"

    # Confidential: the private procurement's title and a confidential decision's content.
    found["private_title"] = marker("private")
    Procurement.objects.filter(pk=world.private.pk).update(title=text(found["private_title"]))
    found["confidential_decision"] = marker("decision")
    world.secret_decision = contracts.record_decision(official, world.contract, decision_data(
        official, decided=text(found["confidential_decision"]), reasoning=text(found["confidential_decision"]),
        client_view=text(found["confidential_decision"]), is_confidential=True,
        confidentiality_reason="Liikesalaisuus (JulkL 24 § 20 k)"))

    # Suppressed: one person's free-text answer, fewer than k.
    found["suppressed_answer"] = marker("answer")
    likert, free = world.survey.questions.get(kind="likert"), world.survey.questions.get(kind="text")
    participation.submit_response(world.survey, {likert.key: 2, free.key: found["suppressed_answer"]})

    # Redacted: the hidden part of a public insight's excerpt.
    found["redacted_part"] = marker("redacted")
    excerpt = f"Palvelu oli hyvä. {found['redacted_part']} Kiitos."
    insight = participation.create_insight(official, world.public, {"statement": text("Hyvä palvelu"),
                                                                      "excerpts": [excerpt]})
    start = excerpt.index(found["redacted_part"])
    participation.redact_excerpt(official, insight, {"excerpt": 0, "start": start,
                                                     "end": start + len(found["redacted_part"]),
                                                     "reason": "personal_data"})

    # Personal: what a participant needs to take part, and a follow-up contact.
    found["needs"] = marker("needs")
    participation.register(factories.UserFactory(), world.event, {"needs": found["needs"], "dietary": found["needs"]})
    found["contact"] = marker("contact").lower()
    followup.follow(world.survey, f"{found['contact']}@example.fi", phone="")
    # Personal: a panel volunteer's name and contact, which only the procurement's staff may see
    # (with the volunteer's background); the matrix's panel pages and API are searched for them.
    found["volunteer"] = marker("volunteer")
    panels.volunteer(matrix_panel(world), {"name": found["volunteer"], "contact": f"{found['volunteer']}@example.fi"})
    # Negotiated: an alliance's development-phase drafts and a party's view on one, which only its
    # parties and the authority's staff see until an agreed draft is in force; and a draft of the
    # alliance in its service phase that is not in force (planted directly: the services refuse
    # every new draft after the switch), which stays theirs.
    found["development_draft"] = marker("draft")
    draft = development.propose_draft(official, world.developing, "operating_model",
                                      {"text": found["development_draft"], "note": found["development_draft"]})
    development.propose_draft(official, world.developing, "target_cost", {"target_cost": Decimal("7654321.98")})
    found["development_target_cost"] = "7654321"
    development.take_position(world.people["provider"], draft, {"stance": "opposes", "view": found["development_draft"]})
    found["unagreed_draft"] = marker("unagreed")
    # A party's view on an agreed draft stays the parties' even once the draft itself is public.
    found["agreed_view"] = marker("view")
    DraftPosition.objects.filter(draft__contract=world.alliance).update(view=found["agreed_view"])
    DevelopmentDraft.objects.create(contract=world.alliance, element="operating_model", version=9,
                                    party=world.alliance.parties.get(role="authority"), proposed_by=official,
                                    text=found["unagreed_draft"], note=found["unagreed_draft"])
    # Sealed: a fourth provider's request to participate, before its stage's deadline and opening.
    fourth, _service = factories.provider_with_service("Neljäs Oy", text("Palvelu"), text("Kuvaus"))
    found["sealed_request"] = marker("request")
    call = world.stages[0].call
    world.sealed_request = procedures.submit_request(fourth.people.get(), call, {
        "evidence": {str(r.number): found["sealed_request"] for r in call.requirements.all()}})
    # Sealed: that provider's initial bid in the matrix's open negotiation round (planted directly,
    # sealed with the round's key: the services take bids only from selected candidates).
    found["sealed_round_bid"] = marker("initialbid")
    box = world.round_stage.sealed_round
    world.sealed_round_bid = RoundBid.objects.create(round=box, lead=fourth, submitted_by=fourth.people.get(),
                                                     submitted_at=box.stage.opens_at, sealed_content=b"")
    world.sealed_round_bid.sealed_content = sealing.seal(bytes(box.public_key), box.pk, world.sealed_round_bid.pk,
                                                         {"price": "1.00", "offer": found["sealed_round_bid"]})
    world.sealed_round_bid.save(update_fields=["sealed_content"])
    # Negotiation: the minutes of the provider's meeting (its own; the expert named to it without a
    # confidentiality commitment and the other candidate must not see them), their confidential part
    # (the authority's only) and the provider's proposed solution (its own and the authority's).
    found["negotiation_minutes"] = marker("negminutes")
    found["negotiation_confidential"] = marker("negconfidential")
    negotiation.write_minutes(official, world.negotiation_meeting, {"minutes": found["negotiation_minutes"],
                                                        "confidential_minutes": found["negotiation_confidential"]})
    found["dialogue_solution"] = marker("solution")
    world.solution = DialogueSolution.objects.create(
        stage=world.round_stage, organisation_id=world.people["provider"].organisation_id,
        text=found["dialogue_solution"], submitted_by=world.people["provider"])
    # Market dialogue: the confidential part of published minutes (the authority's own), the
    # minutes of a session not yet published, and a registered organisation's contact e-mail
    # (personal: its own organisation and the staff only; a fifth provider's, so no viewer owns it).
    found["confidential_minutes"] = marker("minutes")
    session = dialogue.add_session(official, world.dialogue_stage, {
        "starts_at": world.dialogue_session.starts_at, "place": "", "online": True, "agenda": "Hinnoittelu"})
    world.dialogue_minutes = dialogue.publish_minutes(official, session, {
        "minutes": "Keskusteltiin hinnoittelusta.", "confidential_minutes": found["confidential_minutes"]})
    found["unpublished_minutes"] = marker("draftminutes")
    world.unpublished_session = DialogueSession.objects.create(
        stage=world.dialogue_stage, starts_at=session.starts_at, agenda="Luonnos", minutes=found["unpublished_minutes"])
    fifth, _service = factories.provider_with_service("Viides Oy", text("Palvelu"), text("Kuvaus"))
    found["dialogue_contact"] = marker("dialoguecontact").lower()
    world.dialogue_contact = dialogue.register(fifth.people.get(), world.dialogue_stage, {
        "contact_name": "Viides", "contact_email": f"{found['dialogue_contact']}@example.fi"})
    # An innovation partner's R&D milestone result (trade secrets: its own and the authority's),
    # on the matrix's milestone; the milestone pages and API are walked with every role.
    found["milestone_result"] = marker("milestoneresult")
    world.milestone_result = MilestoneResult.objects.create(
        milestone=matrix_milestone(world), organisation_id=world.people["provider"].organisation_id,
        text=found["milestone_result"], submitted_by=world.people["provider"])
    world.found = found
    return world


def text_of(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf"):
        return subprocess.run(["pdftotext", "-", "-"], input=body, capture_output=True).stdout.decode(errors="replace")
    if body.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return " ".join(archive.read(name).decode(errors="replace") for name in archive.namelist())
    return body.decode(errors="replace")


def leaks(text: str, found: dict) -> list[str]:
    return [name for name, value in found.items() if value in text]


def test_no_output_path_shows_a_protected_field_to_anyone_who_must_not_see_it(client, planted, caplog,
                                                                               django_capture_on_commit_callbacks):
    world, found = planted, planted.found
    caplog.set_level(logging.DEBUG)
    problems = []
    routes = [route for route in MATRIX if route.method == "GET"]
    assert len(routes) > 60  # pages, API, exports, PDFs, OCDS and search all come from the matrix
    for route in routes:
        for role in VIEWERS:
            client.logout()
            headers = {}
            if role != "anonymous":
                if route.api:
                    headers["HTTP_AUTHORIZATION"] = f"Bearer {world.tokens[role]}"
                else:
                    client.force_login(world.people[role])
            path = route.path(world)
            response = client.get(path, **headers)
            for name in leaks(text_of(response), found):
                if role not in ENTITLED.get(name, ()):
                    problems.append(f"{name} leaked through {path} to {role}")
    for value in found.values():
        # Search is an output path too. The page repeats the query, so it searches for all but
        # the marker's last characters: the whole marker on the page can only come from the data.
        query = value[:-3]
        for path in (f"/providers/?q={query}", f"/procurements/?q={query}", f"/api/v1/procurements?q={query}"):
            response = client.get(path)
            for name in leaks(text_of(response), found):
                problems.append(f"{name} leaked through {path}")
    ocds = io.StringIO()
    call_command("export-ocds", stdout=ocds)
    problems += [f"{name} leaked into export-ocds" for name in leaks(ocds.getvalue(), found)]
    # Notifications: the procurement's update reaches followers; it must carry none of it.
    with django_capture_on_commit_callbacks(execute=True):  # delivered by the outbox once committed
        followup.notify_followers(world.public)
    for message in mail.outbox:
        body = message.subject + message.body + "".join(str(alt[0]) for alt in getattr(message, "alternatives", []))
        problems += [f"{name} leaked into an e-mail" for name in leaks(body.replace(f"{found['contact']}@example.fi", ""), found)
                     if name != "contact"]
    problems += [f"{name} leaked into the logs" for name in leaks(caplog.text, found)]
    assert problems == [], "\n".join(problems)


def test_the_policy_decides_for_the_planted_objects(planted):
    world = planted
    official, stranger = world.people["official"], world.people["outsider"]
    assert not may_show(official, world.sealed_bid, "price")  # sealed even for the official until opened
    assert not may_show(official, world.sealed_request, "content")  # a request too, until two officials open them
    assert not may_show(official, world.sealed_round_bid, "content")  # and an initial bid of a round
    provider = world.people["provider"]
    assert not may_show(provider, world.negotiation_meeting, "confidential_minutes")  # the authority's own part of its minutes
    assert may_show(official, world.negotiation_meeting, "confidential_minutes")
    assert not may_show(stranger, world.solution, "text") and may_show(provider, world.solution, "text")
    result = world.milestone_result
    assert not may_show(stranger, result, "text") and not may_show(world.people["other_provider"], result, "text")
    assert may_show(provider, result, "text") and may_show(official, result, "text")
    assert not may_show(stranger, world.secret_decision, "reasoning")
    assert may_show(official, world.secret_decision, "reasoning")
    assert not may_show(stranger, world.private, "title") and may_show(official, world.private, "title")
    registration = world.event.registrations.exclude(needs="").get()
    assert not may_show(stranger, registration, "needs") and may_show(official, registration, "needs")
    assert may_show(registration.participant, registration, "needs")
    assert may_show(stranger, world.public, "title") and may_show(stranger, world.contract, "title")
    draft = world.developing.development_drafts.get(element="operating_model", version=2)
    assert not may_show(stranger, draft, "text") and not may_show(world.people["other_provider"], draft, "text")
    assert may_show(official, draft, "text") and may_show(world.people["provider"], draft, "text")
    in_force = world.alliance.development_drafts.get(element="operating_model", version=1)
    not_in_force = world.alliance.development_drafts.get(version=9)
    assert may_show(None, in_force, "text") and not may_show(None, not_in_force, "text")
    assert not may_show(stranger, world.dialogue_minutes, "confidential_minutes")
    assert may_show(official, world.dialogue_minutes, "confidential_minutes")
    assert may_show(stranger, world.dialogue_minutes, "minutes")
    assert not may_show(stranger, world.unpublished_session, "minutes")
    assert not may_show(world.people["provider"], world.dialogue_contact, "contact_email")
    assert may_show(official, world.dialogue_contact, "contact_email")


def cached_entries() -> list:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {CACHES['default']['LOCATION']}")
        return [pickle.loads(base64.b64decode(value)) for (value,) in cursor.fetchall()]


def test_the_shared_cache_holds_no_protected_field(client, planted, settings):
    """Cached copies are served to every anonymous reader: a signed-in visit never fills the
    cache, and what anonymous visits put there holds no protected value."""
    settings.CACHES = CACHES
    call_command("createcachetable", verbosity=0)
    world, found = planted, planted.found
    pages = [route for route in MATRIX if route.method == "GET" and not route.api]
    for role in ("official", "staff", "expert", "provider"):
        client.logout()
        client.force_login(world.people[role])
        for route in pages:
            client.get(route.path(world))
    assert [entry for entry in cached_entries() if isinstance(entry, tuple)] == []
    client.logout()
    for route in pages:
        client.get(route.path(world))
    pages_cached = [content for entry in cached_entries() if isinstance(entry, tuple) for content in entry[1:]]
    assert len(pages_cached) >= 3, "the public pages were not cached, so this test would prove nothing"
    assert leaks(" ".join(content.decode(errors="replace") for content in pages_cached), found) == []


def test_the_admin_shows_protected_fields_only_as_the_policy_allows(client, planted):
    """The Django admin is an output path too (issue 17 item 5): a site administrator, who has
    no role in the procurements, browses every list and every object's page of every model the
    admin offers, and sees none of the planted values."""
    from django.contrib import admin

    world, found = planted, planted.found
    administrator = world.people["admin"]
    assert administrator.is_superuser and administrator.is_staff
    client.force_login(administrator)
    problems, pages = [], 0
    for model in admin.site._registry:
        meta = model._meta
        listing = client.get(f"/admin/{meta.app_label}/{meta.model_name}/")
        assert listing.status_code == 200, meta.label
        paths = [f"/admin/{meta.app_label}/{meta.model_name}/"] + [
            f"/admin/{meta.app_label}/{meta.model_name}/{pk}/change/" for pk in model.objects.values_list("pk", flat=True)]
        for path in paths:
            response = client.get(path)
            pages += 1
            problems += [f"{name} leaked through {path}" for name in leaks(text_of(response), found)]
    assert pages > 50
    assert problems == [], "\n".join(problems)
