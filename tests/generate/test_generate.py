"""`coprocure generate`: realistic data in every part of the app, reproducible from a seed."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from coprocure.alliance.models import CostLine, SettlementPeriod, Statement
from coprocure.audit.models import AuditEntry
from coprocure.audit.services import verify
from coprocure.contracts.models import Contract, Measurement
from coprocure.core.models import Organisation, Phase, Procurement
from coprocure.domain.identifiers import is_valid_business_id
from coprocure.generate.data import generate
from coprocure.generate.scales import SCALES
from coprocure.participation.models import Answer, Response, SurveyMode
from coprocure.tendering import sealing
from coprocure.tendering.models import Bid

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    """What a reader sees of the data, without keys, timestamps and random sealing."""
    return {
        "organisations": list(Organisation.objects.order_by("id").values_list("name", "business_id", "municipality")),
        "procurements": list(Procurement.objects.order_by("id").values_list("title", "phase", "procedure", "estimated_value")),
        "answers": list(Answer.objects.order_by("response__answered_on", "id").values_list("id", "value")),
        "measurements": list(Measurement.objects.order_by("id").values_list("period_start", "value")),
        "cost_lines": list(CostLine.objects.order_by("id").values_list("amount", "category", "status")),
    }


def test_small_scale_fills_every_part_and_leaves_the_audit_trail_intact(reference_data):
    out = StringIO()
    call_command("generate", "--scale", "small", "--seed", "7", "--no-progress", stdout=out)
    assert "Generated small scale (seed 7)" in out.getvalue()
    assert all(is_valid_business_id(o.business_id) for o in Organisation.objects.all())
    assert Organisation.objects.filter(kind="authority").count() == SCALES["small"].authorities
    assert set(Procurement.objects.values_list("phase", flat=True)) == set(Phase.values)
    assert set(Response.objects.values_list("mode", flat=True)) == set(SurveyMode.values)
    assert Response.objects.filter(mode=SurveyMode.IDENTIFIED, participant__isnull=True).count() == 0
    assert Measurement.objects.count() == SCALES["small"].measurements
    assert CostLine.objects.count() == SCALES["small"].cost_lines
    assert Statement.objects.exists() and Contract.objects.filter(kind="alliance").exists()
    # Generated data is nobody's activity: no audit entries, and the chain still verifies.
    assert AuditEntry.objects.count() == 0 and verify() is None


def test_bids_are_sealed_with_the_tenders_key_and_open_to_their_plain_figures(reference_data):
    generate(SCALES["small"], seed=3)
    bid = Bid.objects.filter(tender__opened_at__isnull=False).select_related("tender").first()
    content = sealing.unseal(sealing.unwrap(bid.tender.wrapped_private_key), bid.tender_id, bid.pk, bid.sealed_content)
    assert bid.price == Decimal(content["price"]) and bid.answers == content["answers"]
    sealed = Bid.objects.filter(tender__opened_at__isnull=True).first()
    assert sealed.price is None and sealed.answers is None and len(bytes(sealed.sealed_content)) > 44


def test_the_same_seed_gives_the_same_data(reference_data):
    runs = []
    for seed in (11, 11, 12):
        with transaction.atomic():
            generate(SCALES["small"], seed=seed)
            runs.append(snapshot())
            transaction.set_rollback(True)
    assert runs[0] == runs[1]
    assert runs[0]["procurements"] != runs[2]["procurements"]


def test_every_page_of_a_generated_procurement_answers(client, reference_data):
    generate(SCALES["small"], seed=5)
    contract = Contract.objects.filter(settlement_periods__statements__isnull=False).select_related("procurement").first()
    procurement = contract.procurement
    survey = procurement.activities.filter(surveys__isnull=False).first().surveys.get()
    period = SettlementPeriod.objects.filter(contract=contract, statements__isnull=False).first()
    tender = procurement.tender
    client.force_login(procurement.accountable_official)
    pages = [
        reverse("home"), reverse("procurement_detail", args=[procurement.pk]), reverse("participation", args=[procurement.pk]),
        reverse("participation_you_said_we_did", args=[procurement.pk]), reverse("survey_answer", args=[survey.pk]),
        reverse("survey_results", args=[survey.pk]), reverse("tender", args=[procurement.pk]),
        reverse("procurement_contracts", args=[procurement.pk]), reverse("contract_detail", args=[contract.pk]),
        reverse("contract_outcomes", args=[contract.pk]), reverse("contract_report", args=[contract.pk]),
        reverse("you_said_we_did", args=[contract.pk]), reverse("settlement_periods", args=[contract.pk]),
        reverse("settlement_statement", args=[period.pk]), reverse("provider_search"),
        reverse("tender_pdf", args=[tender.pk]),
    ]
    statuses = {page: client.get(page).status_code for page in pages}
    assert statuses == dict.fromkeys(pages, 200)
