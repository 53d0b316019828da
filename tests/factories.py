"""Test data. Procurements are created through the service, as users create them."""

from decimal import Decimal

import factory

from coprocure.core import services
from coprocure.core.models import Organisation, OrganisationKind, User
from coprocure.demo.people import business_id


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Hyvinvointialue {n}")
    kind = OrganisationKind.AUTHORITY
    business_id = None


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Palvelu {n} Oy")
    kind = OrganisationKind.COMPANY
    business_id = factory.Sequence(lambda n: business_id(2000000 + n * 13))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Testi"
    last_name = factory.Sequence(lambda n: f"Henkilö{n}")
    password = factory.PostGenerationMethodCall("set_password", "salasana-testi-1")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


def text(fi: str, sv: str | None = None, en: str | None = None) -> dict:
    result = {"fi": {"text": fi, "origin": "human"}}
    if sv:
        result["sv"] = {"text": sv, "origin": "human"}
    if en:
        result["en"] = {"text": en, "origin": "human"}
    return result


def procurement_data(**overrides) -> dict:
    data = {
        "title": text("Päihdepalvelut", "Missbrukartjänster", "Substance-abuse services"),
        "summary": text("Hankimme päihdepalvelut.", "Vi upphandlar missbrukartjänster.", "We procure substance-abuse services."),
        "plain_summary": {},
        "service_area": "substance_abuse",
        "procedure": "negotiated",
        "target_groups": [],
        "estimated_value": Decimal("1000000.00"),
        "is_public": True,
        "accountable_official": None,
        "partnership_4p": {},
        "co_production": {},
        "outcome_based": {},
    }
    data.update(overrides)
    return data


def create_procurement(actor, **overrides):
    return services.create_procurement(actor, procurement_data(**overrides))


def provider_with_service(name: str, service_name: dict, summary: dict, *, areas=("Tampere",), languages=("fi",),
                          target_groups=(), capacity_available=0, last_confirmed_at=None, kind="company", service_class="P10.6"):
    """A provider profile with one service, written as its representative would (search index included)."""

    from coprocure.core.models import TargetGroup
    from coprocure.partners import services as partner_services
    from coprocure.partners.models import ProviderProfile

    organisation = ProviderFactory(name=name, kind=kind)
    representative = UserFactory(organisation=organisation, position="representative")
    partner_services.save_profile(representative, organisation, {
        "description": text(f"{name} kuvaus"), "areas_served": list(areas), "languages": list(languages),
        "ownership": "private",
    })
    if last_confirmed_at is not None:
        ProviderProfile.objects.filter(organisation=organisation).update(last_confirmed_at=last_confirmed_at)
    service = partner_services.save_service(representative, organisation, {
        "name": service_name, "summary": summary, "description": summary, "service_class": service_class,
        "areas": list(areas), "languages": list(languages), "capacity": 10, "capacity_available": capacity_available,
        "price_basis": "per_day", "target_groups": list(TargetGroup.objects.filter(code__in=target_groups)),
    })
    return organisation, service
