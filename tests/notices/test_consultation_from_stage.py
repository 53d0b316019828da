"""The pre-market consultation notice (E1) of a procurement whose procedure has a market dialogue
stage takes the stage's deadline, dates and sessions as the procedure publishes them, not from
staff (docs/notices.md): a new published version gives a new E1 its new dates, and every E1
still passes the eForms XSDs and schematron. Tried with a procedure not published yet (nothing
to announce) and a session of another procurement's dialogue (never in this notice)."""

import re
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format

from coprocure.api.models import ApiToken
from coprocure.core.models import Organisation
from coprocure.market_dialogue import services as dialogue
from coprocure.notices import services
from coprocure.procedures import services as procedures

from .. import factories
from .helpers import DETAILS, fresh

NS = {"cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
      "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "efac": "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1"}


def consultation(official, *, publish=True):
    """A light-regime procurement being prepared: a market dialogue stage, then tenders."""
    procurement = factories.create_procurement(official, procedure="light")
    procurement.estimated_value = Decimal("300000")
    procurement.save(update_fields=["estimated_value"])
    Organisation.objects.filter(pk=procurement.authority_id).update(business_id="0201256-6", legal_type="ra")
    services.save_details(official, procurement, DETAILS)
    start = (timezone.now() + timedelta(days=3)).replace(hour=9, minute=0, second=0, microsecond=0)
    stage = procedures.add_stage(official, procurement, {"kind": "market_dialogue", "opens_at": start,
                                                         "closes_at": start + timedelta(days=20)})
    procedures.add_stage(official, procurement, {"kind": "tenders", "opens_at": start + timedelta(days=30),
                                                 "closes_at": start + timedelta(days=60)})
    if publish:
        procedures.publish(official, procurement)
    return procurement, stage


def answer_deadline(xml: bytes) -> datetime:
    from lxml import etree

    period = etree.fromstring(xml).find(".//efac:AnswerReceptionPeriod", NS)
    return datetime.fromisoformat(period.findtext("cbc:EndDate", namespaces=NS)[:10] + "T"
                                  + period.findtext("cbc:EndTime", namespaces=NS))


def lot_description(xml: bytes) -> str:
    from lxml import etree

    return etree.fromstring(xml).find(".//cac:ProcurementProjectLot/cac:ProcurementProject/cbc:Description", NS).text


def shown(moment) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def test_the_e1_takes_the_stages_dates_and_a_new_version_gives_a_new_e1_the_new_ones(
        client, official, eforms_rules):
    procurement, stage = consultation(official)
    dialogue.add_session(official, stage, {"starts_at": stage.opens_at + timedelta(days=7), "place": "Tampere-talo",
                                           "online": False, "agenda": "Palvelutarpeet"})
    other, other_stage = consultation(official)
    dialogue.add_session(official, other_stage, {"starts_at": other_stage.opens_at + timedelta(days=2),
                                                 "place": "Toisen hankinnan sali", "online": False, "agenda": "Muu"})
    first = services.render(fresh(procurement), "E1", "fi")
    assert eforms_rules(first) == []
    assert answer_deadline(first) == stage.closes_at
    text = lot_description(first)
    assert shown(stage.opens_at) in text and shown(stage.closes_at) in text and "Tampere-talo" in text
    assert "Toisen hankinnan sali" not in text

    moved = stage.opens_at + timedelta(days=2)
    procedures.change_stage(official, stage, {"opens_at": moved, "closes_at": moved + timedelta(days=25),
                                              "reason": "Vuoropuhelu siirtyy kahdella päivällä."})
    token = ApiToken.issue(official, "t")[1]
    response = client.get(f"/api/v1/procurements/{procurement.pk}/notices/E1/xml?lang=sv",
                          HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    second = response.content
    assert eforms_rules(second) == []
    assert answer_deadline(second) == moved + timedelta(days=25) != answer_deadline(first)
    assert "Marknadsdialog" in lot_description(second) and shown(moved) not in text

    client.force_login(official)
    page = client.get(f"/procurements/{procurement.pk}/notices/").content.decode()
    assert f'href="/stages/{stage.pk}/market-dialogue/"' in page


def test_a_stage_in_a_procedure_not_yet_published_announces_nothing(client, official):
    procurement, _stage = consultation(official, publish=False)
    token = ApiToken.issue(official, "t")[1]
    listed = client.get(f"/api/v1/procurements/{procurement.pk}/notices", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    e1 = next(row for row in listed if row["kind"] == "E1")
    assert [gap["field"] for gap in e1["missing"]] == ["market_dialogue"]
    response = client.get(f"/api/v1/procurements/{procurement.pk}/notices/E1/xml",
                          HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 422 and not re.search(rb"AnswerReceptionPeriod", response.content)
