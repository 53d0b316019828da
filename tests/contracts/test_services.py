from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from coprocure.audit.models import AuditEntry
from coprocure.contracts import services
from coprocure.contracts.models import Amendment, Decision
from coprocure.errors import ServiceError

from .. import factories
from ..factories import text
from .conftest import decision_data


def codes(error: ServiceError) -> set[tuple]:
    return {(field, code) for field, items in error.errors.items() for code, _message in items}


def test_contract_needs_the_contract_phase(official, procurement):
    with pytest.raises(ServiceError) as raised:
        services.create_contract(official, procurement, {
            "kind": "partnership", "title": text("Sopimus"), "starts_on": date(2025, 1, 1), "ends_on": date(2026, 1, 1),
        })
    assert raised.value.status == 409


def test_contract_starts_with_the_authority_and_takes_providers(contract, provider):
    parties = {(party.name, party.role) for party in contract.parties.all()}
    assert (provider.name, "provider") in parties
    assert (contract.procurement.authority.name, "authority") in parties


def test_second_authority_and_duplicate_party_are_refused(official, contract, provider):
    with pytest.raises(ServiceError) as duplicate:
        services.add_party(official, contract, {"organisation": provider, "name": provider.name, "role": "provider"})
    assert duplicate.value.status == 409
    with pytest.raises(ServiceError) as authority:
        services.add_party(official, contract, {"organisation": None, "name": "Toinen alue", "role": "authority"})
    assert codes(authority.value) == {("role", "party_second_authority")}


def test_consortium_member_can_be_named_without_an_account(official, contract):
    party = services.add_party(official, contract, {"organisation": None, "name": "Vertaisvoima ry", "role": "consortium_member"})
    assert party.organisation is None and party.get_role_display() == "Konsortion jäsen"


def test_decision_needs_an_official_of_the_authority(official, staff, contract):
    outsider = factories.UserFactory(organisation=factories.AuthorityFactory(), position="official")
    provider_person = factories.UserFactory(organisation=contract.parties.exclude(role="authority").first().organisation,
                                            position="representative")
    cases = [(None, "accountable_required"), (staff, "accountable_not_official"),
             (outsider, "accountable_not_of_authority"), (provider_person, "accountable_not_of_authority")]
    for person, code in cases:
        with pytest.raises(ServiceError) as refused:
            services.record_decision(official, contract, decision_data(person))
        assert codes(refused.value) == {("accountable_official", code)}
    assert not Decision.objects.exists()


def test_decisions_are_numbered_and_audited(official, contract):
    first = services.record_decision(official, contract, decision_data(official))
    second = services.record_decision(official, contract, decision_data(official))
    assert (first.number, second.number) == (1, 2)
    assert AuditEntry.objects.filter(action="contracts.decision_record").count() == 2


def test_confidential_decision_needs_a_legal_reason(official, contract):
    with pytest.raises(ServiceError) as refused:
        services.record_decision(official, contract, decision_data(official, is_confidential=True))
    assert codes(refused.value) == {("confidentiality_reason", "decision_confidential_reason")}


def test_amendment_raises_the_version_and_names_its_decision(official, contract):
    decision = services.record_decision(official, contract, decision_data(official))
    amendment = services.amend_contract(official, contract, {
        "summary": text("Optiovuosi käyttöön."), "reason": text("Hyvät tulokset."), "decision": decision,
        "new_ends_on": date(2028, 12, 31),
    })
    contract.refresh_from_db()
    assert (amendment.version, contract.version, contract.ends_on) == (2, 2, date(2028, 12, 31))


def test_amendment_with_another_contracts_decision_is_refused(official, contract, procurement):
    other = services.create_contract(official, procurement, {
        "kind": "conventional", "title": text("Toinen"), "starts_on": date(2025, 1, 1), "ends_on": date(2026, 1, 1),
    })
    foreign = services.record_decision(official, other, decision_data(official))
    with pytest.raises(ServiceError) as refused:
        services.amend_contract(official, contract, {"summary": text("x"), "reason": text("y"), "decision": foreign,
                                                     "new_ends_on": None})
    assert codes(refused.value) == {("decision", "amendment_decision_other_contract")}
    assert not Amendment.objects.exists()


def test_fee_only_for_client_representatives_who_attended(official, contract, meeting, client_rep):
    chair = services.add_member(official, contract, {
        "name": "Puheenjohtaja", "role": "chair", "organisation": None, "user": official,
        "term_starts": date(2025, 1, 1), "term_ends": None, "deputy_for": None,
    })
    with pytest.raises(ServiceError) as absent:
        services.record_compensation(official, meeting, {"member": client_rep, "hours": 2, "fee": 60})
    assert codes(absent.value) == {("member", "compensation_not_attended")}
    services.record_minutes(official, meeting, {"minutes": text("Pöytäkirja"), "attendees": [client_rep, chair]})
    with pytest.raises(ServiceError) as not_expert:
        services.record_compensation(official, meeting, {"member": chair, "hours": 2, "fee": 60})
    assert codes(not_expert.value) == {("member", "compensation_not_expert")}
    paid = services.record_compensation(official, meeting, {"member": client_rep, "hours": 2, "fee": 60})
    assert paid.fee == 60


def test_agenda_is_published_only_before_the_meeting(official, meeting):
    with pytest.raises(ServiceError) as late:
        services.publish_agenda(official, meeting, now=meeting.starts_at + timedelta(minutes=1))
    assert late.value.status == 409
    services.publish_agenda(official, meeting, now=timezone.now())
    meeting.refresh_from_db()
    assert meeting.agenda_published_at is not None


def test_people_outside_the_procurement_cannot_decide(contract, official):
    stranger = factories.UserFactory(organisation=contract.procurement.authority, position="official")
    with pytest.raises(PermissionDenied):
        services.record_decision(stranger, contract, decision_data(official))
