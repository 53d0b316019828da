from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from coprocure.core import services as core
from coprocure.participation import services as participation
from coprocure.tendering import services
from coprocure.tendering.models import Tender

from .. import factories
from ..factories import text


def make_tender(official, procurement, *, publish=True, **overrides):
    insight = participation.create_insight(official, procurement, {"statement": text("Vertaistuki auttaa toipumaan.")})
    objective = services.create_objective(official, procurement, {
        "statement": text("Asiakkaat saavat vertaistukea."), "insights": [insight],
        "agreed_how": text("Sovittu kokemusasiantuntijapaneelissa."), "agreed_on": timezone.localdate(),
    })
    data = {"service_description": text("Päihdekuntoutusta aikuisille."), "deadline": timezone.now() + timedelta(days=10),
            "consortia_allowed": True, "quality_method": "absolute", "tie_rule": "quality_then_earlier",
            "price_weight": Decimal("40")}
    data.update(overrides)
    tender = services.save_tender(official, procurement, data)
    services.add_criterion(official, tender, {"name": text("Vertaistuki"), "weight": Decimal("40"), "scale_max": 5,
                                              "levels": {"0": "Ei", "5": "Päivittäin"}, "objectives": [objective]})
    services.add_criterion(official, tender, {"name": text("Kokemusasiantuntijat"), "weight": Decimal("20"), "scale_max": 5,
                                              "objectives": [objective]})
    if publish:
        services.publish_tender(official, tender)
    return Tender.objects.get(pk=tender.pk)


def provider(name="Kulma Oy"):
    organisation = factories.ProviderFactory(name=name)
    return factories.UserFactory(organisation=organisation, position="representative")


def answers(tender, prefix="Vastaus"):
    return {c.key: f"{prefix} {c.pk}" for c in tender.criteria.all()}


def pass_deadline(tender):
    Tender.objects.filter(pk=tender.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    tender.refresh_from_db()


def evaluator(official, procurement, **kwargs):
    user = factories.UserFactory(**kwargs)
    core.assign_role(official, procurement, user, "evaluator")
    return user


def consent(lead, procurement, members):
    """The consortium's members confirm through the partners' invitations (issue 17 item 9): the
    lead's representative ``lead`` invites each organisation and its own representative accepts."""
    from coprocure.partners import services as partners
    from coprocure.partners.models import ExpressionOfInterest

    interest = ExpressionOfInterest.objects.filter(procurement=procurement, organisation=lead.organisation).first()
    if interest is None:
        interest = partners.express_interest(lead, procurement, {"can_provide": text("Kuntoutus"),
                                                                 "looking_for": text("Vertaistuki")})
    for organisation, role in members:
        partners.invite_partner(lead, interest, organisation.business_id, role)
        partners.accept_invitation(factories.UserFactory(organisation=organisation, position="representative"), interest)
    return interest


def second_official(official, procurement):
    """Another official of the same contracting authority, an official of the procurement too."""
    other = factories.UserFactory(organisation=official.organisation, position="official")
    core.assign_role(official, procurement, other, "official")
    return other


def open_bids(official, tender):
    """The two-official opening: ``official`` asks, a second official confirms."""
    services.open_bids(official, tender)
    return services.open_bids(second_official(official, tender.procurement), tender)


@pytest.fixture
def tender(official, procurement):
    return make_tender(official, procurement)


def published_award(official, procurement):
    """A tender taken through bids, opening, scoring and a published award, via the services."""
    tender = make_tender(official, procurement)
    for name, price in (("Kulma Oy", "900000"), ("Toipumo sr", "1000000")):
        services.submit_bid(provider(name), tender, {"price": Decimal(price), "answers": answers(tender)})
    pass_deadline(tender)
    open_bids(official, tender)
    person = evaluator(official, procurement)
    services.declare_conflict(person, tender, False)
    for bid in tender.bids.all():
        for criterion in tender.criteria.all():
            services.record_score(person, bid, criterion, Decimal(4), "Perustelu")
            services.settle_score(official, bid, criterion)
    decision = services.decide_award(official, tender, {
        "accountable_official": official, "reasons": text("Paras hinta-laatusuhde."), "decided_on": timezone.localdate(),
    })
    services.publish_award(official, decision)
    return tender
