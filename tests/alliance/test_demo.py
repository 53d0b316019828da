from decimal import Decimal

import pytest
from django.core.management import call_command

from coprocure.alliance.models import Statement
from coprocure.domain import settlement


@pytest.mark.django_db
def test_demo_alliance_has_a_bonus_a_sanction_and_a_capped_period(reference_data):
    call_command("demo")
    documents = [statement.document for statement in Statement.objects.order_by("period__starts_on")]
    assert len(documents) == 3
    bonus, sanction, capped = documents
    assert Decimal(bonus["kra_incentive"]) > 0
    assert Decimal(sanction["kra_incentive"]) < 0
    assert capped["cap_applied"] is True
    assert all(settlement.recompute(document)[1] for document in documents)
