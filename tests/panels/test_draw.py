"""The draw as staff make it: a committed seed, one draw per seed, the result whole or not at
all, a file that recompute-draw accepts (and refuses when altered), replacements in quota."""

import json

import pytest
from django.core.management import call_command

from coprocure.audit.models import AuditEntry
from coprocure.domain import panels as rules
from coprocure.errors import ServiceError
from coprocure.outbox.models import Message
from coprocure.panels import services
from coprocure.panels.models import Draw, Membership

from .conftest import fill

pytestmark = pytest.mark.django_db


def test_a_draw_fills_the_seats_within_the_quotas_and_publishes_a_file_that_recomputes(official, panel, tmp_path):
    fill(panel)
    draw = services.commit_seed(official, panel)
    assert draw.seed_commitment == rules.commitment(draw.seed)
    draw = services.make_draw(official, draw)

    members = Membership.objects.filter(panel=panel, draw=draw).select_related("volunteer__background")
    assert members.count() == 6
    areas = [seat.volunteer.background.area for seat in members]
    assert areas.count("Keskusta") == 3 and areas.count("Pohjoinen") == 3
    body = json.loads(draw.verification_file)
    assert body["seed"] == draw.seed and body["seed_commitment"] == draw.seed_commitment
    assert sorted(body["selected"]) == sorted(seat.volunteer.code for seat in members)
    assert all(float(p) >= float(body["minimum_probability"]) for p in body["probabilities"].values())
    # The file names nobody: codes and categories only.
    assert "Vapaaehtoinen" not in draw.verification_file and "@example.org" not in draw.verification_file
    assert AuditEntry.objects.filter(action="panels.drawn", object_id=str(draw.pk)).exists()
    # Every volunteer hears the result, in the language they volunteered in.
    told = {m.recipient: m.body for m in Message.objects.filter(cause__startswith=f"panel-draw:{draw.pk}:")}
    assert len(told) == 18
    drawn_contacts = {seat.volunteer.contact for seat in members}
    assert all(("Sinut arvottiin" in body) == (to in drawn_contacts) for to, body in told.items())

    published = tmp_path / "draw.json"
    published.write_text(draw.verification_file, encoding="utf-8")
    call_command("recompute-draw", str(published))

    # Another member in place of a drawn one: the command says so and exits 1.
    outsider = next(code for code in body["pool"] if code not in body["selected"])
    body["selected"] = sorted([*body["selected"][1:], outsider])
    altered = tmp_path / "altered.json"
    altered.write_text(json.dumps(body), encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        call_command("recompute-draw", str(altered))
    assert exit_.value.code == 1

    # The same seed cannot be drawn again for another result; the attempt is in the trail.
    with pytest.raises(ServiceError) as refused:
        services.make_draw(official, draw)
    assert refused.value.status == 409 and "draw_already_made" in str(refused.value.errors)
    assert AuditEntry.objects.filter(action="panels.draw_repeat_refused", object_id=str(draw.pk)).exists()
    assert Membership.objects.filter(panel=panel).count() == 6

    # A member withdraws: a replacement draw fills the seat from the reserve within the quotas.
    leaving = members.first()
    services.withdraw(official, leaving.volunteer)
    replacement = services.make_draw(official, services.commit_seed(official, panel))
    assert replacement.kind == "replacement" and replacement.seats == 1
    active = Membership.objects.filter(panel=panel, ended_at__isnull=True).select_related("volunteer__background")
    assert active.count() == 6
    areas = [seat.volunteer.background.area for seat in active]
    assert areas.count("Keskusta") == 3 and areas.count("Pohjoinen") == 3


def test_quotas_the_volunteers_cannot_meet_store_nothing_and_say_why_in_finnish(official, panel):
    fill(panel, count=7)
    draw = services.commit_seed(official, panel)
    services.set_quotas(official, panel, {"area": {"Keskusta": [5, 6], "Pohjoinen": [0, 1]}}, "Testi")
    with pytest.raises(ServiceError) as refused:
        services.make_draw(official, draw)
    message = refused.value.errors["quotas"][0][1]
    assert "Keskusta" in message and "vapaaehtoi" in message.lower()
    draw.refresh_from_db()
    assert draw.drawn_at is None and draw.verification_file == ""
    assert not Membership.objects.filter(panel=panel).exists()


def test_one_pending_seed_at_a_time(official, panel):
    services.commit_seed(official, panel)
    with pytest.raises(ServiceError) as refused:
        services.commit_seed(official, panel)
    assert refused.value.status == 409
    assert Draw.objects.filter(panel=panel).count() == 1


def test_quotas_that_differ_from_the_reference_population_need_a_public_reason(official, panel):
    with pytest.raises(ServiceError) as refused:
        services.set_quotas(official, panel, {"area": {"Keskusta": [3, 3], "Pohjoinen": [3, 3]}}, "")
    assert "reason" in refused.value.errors


def test_a_file_that_is_not_a_draw_exits_1(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        call_command("recompute-draw", str(path))
    assert exit_.value.code == 1
