"""What the EU award notice needs of every tenderer (issue 22): postcode and region kept on the
organisation, and every bidder's size, the losers' too, since 33 and E4 count the tenders by
size. The notices page names what is missing; the organisation API takes and checks the fields."""

import json

import pytest
from django.core.management import call_command

from coprocure.core.models import Organisation
from coprocure.domain.notice_kinds import NoticeKind
from coprocure.notices import build, services
from coprocure.notices.eforms.writer import notice_xml

from .helpers import DETAILS, fresh, ready


def fields(procurement, kind=NoticeKind.AWARD_NOTICE_LIGHT) -> set[str]:
    return {gap.field for gap in build.missing(fresh(procurement), kind)}


def test_the_missing_list_names_every_tenderers_postcode_region_and_size(official, awarded):
    procurement, tender = awarded
    services.save_details(official, procurement, DETAILS)
    loser = next(bid.lead for bid in tender.bids.all() if bid.lead not in build.winners(tender))
    missing = fields(procurement)
    assert {"tenderer_postcode", "tenderer_nuts", f"size_{loser.pk}"} <= missing
    # E4 counts the bids by size too, but names no tenderer's address.
    assert f"size_{loser.pk}" in fields(procurement, NoticeKind.AWARD_NOTICE_NATIONAL) - {"tenderer_postcode"}


def test_with_every_tenderers_data_nothing_is_missing_and_the_losers_size_is_counted(official, awarded, eforms_rules):
    procurement, tender = awarded
    procurement = ready(official, procurement, tender)
    assert fields(procurement) == set()
    notice = build.notice(procurement, "33")
    assert dict(notice.results[0].statistics)["t-small"] == 2  # the winner's bid and the loser's
    assert eforms_rules(notice_xml(notice)) == []


def test_a_tenderer_without_a_region_is_missing_again(official, awarded):
    procurement, tender = awarded
    procurement = ready(official, procurement, tender)
    Organisation.objects.filter(pk=build.winners(tender)[0].pk).update(nuts_region="")
    assert fields(procurement) == {"tenderer_nuts"}


@pytest.fixture
def token(official, capsys):
    call_command("create-token", official.username)
    return capsys.readouterr().out.strip()


def create(client, token, **payload):
    body = {"name": "Testi Oy", "kind": "company", "business_id": "0201256-6", **payload}
    return client.post("/api/v1/organisations", json.dumps(body), content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {token}")


def test_the_api_keeps_an_organisations_postcode_and_region(client, token):
    assert create(client, token, postcode="33100", nuts_region="FI19B").status_code == 201
    organisation = Organisation.objects.get(business_id="0201256-6")
    assert (organisation.postcode, organisation.nuts_region) == ("33100", "FI19B")


@pytest.mark.parametrize("field, value", [("postcode", "331"), ("postcode", "3310O"), ("nuts_region", "FI999")])
def test_a_bad_postcode_or_region_is_refused_by_field_and_nothing_stored(client, token, field, value):
    response = create(client, token, **{field: value})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field
    assert not Organisation.objects.filter(business_id="0201256-6").exists()
