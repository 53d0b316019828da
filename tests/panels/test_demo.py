"""The demo's resident panel: 12 seats drawn from 60 volunteers with quotas by target group,
age band and area, and a verification file that recompute-draw accepts."""

import json

from django.core.management import call_command

from coprocure.panels.models import Draw, Membership, Panel


def test_the_demo_draws_a_resident_panel_whose_file_recomputes(db, capsys, tmp_path):
    call_command("demo")
    panel = Panel.objects.get(kind="resident")
    assert panel.volunteers.count() == 60 and panel.seats == 12
    assert set(panel.quotas) == {"target_group", "age_band", "area"}
    draw = Draw.objects.get(panel=panel)
    members = Membership.objects.filter(panel=panel, draw=draw).select_related("volunteer__background")
    assert members.count() == 12
    for category, values in panel.quotas.items():
        for value, (low, high) in values.items():
            held = sum(getattr(seat.volunteer.background, category) == value for seat in members)
            assert low <= held <= high, (category, value, held)
    body = json.loads(draw.verification_file)
    assert len(body["pool"]) == 60 and float(body["minimum_probability"]) > 0
    path = tmp_path / "demo-draw.json"
    path.write_text(draw.verification_file, encoding="utf-8")
    capsys.readouterr()
    call_command("recompute-draw", str(path))
    assert "Matches" in capsys.readouterr().out
