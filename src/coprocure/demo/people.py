"""Demo organisations and one demo user per role. The password is printed by `coprocure demo`."""

from __future__ import annotations

from coprocure.core.models import BuyerLegalType, Organisation, OrganisationKind, User
from coprocure.domain.identifiers import business_id_check_digit

PASSWORD = "demo-salasana-2026"


def business_id(body: int) -> str:
    """A well-formed business ID from a seven-digit body (skipping bodies with no valid check digit)."""
    while True:
        digits = f"{body:07d}"
        check = business_id_check_digit(digits)
        if check is not None:
            return f"{digits}-{check}"
        body += 1


ORGANISATIONS = [
    # key, name, kind, business-id body, municipality
    ("pirkanmaa", "Pirkanmaan hyvinvointialue", OrganisationKind.AUTHORITY, 3221308, "Tampere"),
    ("lansi_uusimaa", "Länsi-Uudenmaan hyvinvointialue", OrganisationKind.AUTHORITY, 3221319, "Espoo"),
    ("kulma", "Päihdepalvelut Kulma Oy", OrganisationKind.COMPANY, 3120441, "Tampere"),
    ("sillanrakentajat", "Sillanrakentajat ry", OrganisationKind.ASSOCIATION, 2213874, "Tampere"),
    ("toipumo", "Toipumon säätiö sr", OrganisationKind.FOUNDATION, 1987650, "Tampere"),
    ("vertaisvoima", "Vertaisvoima ry", OrganisationKind.USER_ASSOCIATION, 2874512, "Tampere"),
    ("asumispalvelu", "Asumisen Tuki Aalto Oy", OrganisationKind.COMPANY, 2540731, "Espoo"),
    ("polku", "Nuorisosäätiö Polku sr", OrganisationKind.FOUNDATION, 1055120, "Espoo"),
    ("kotisatama", "Kotisatama-säätiö sr", OrganisationKind.FOUNDATION, 1190245, "Espoo"),
    ("kotipolku", "Kotipolku ry", OrganisationKind.ASSOCIATION, 2671093, "Espoo"),
    ("arjentuki", "Arjentuki osk", OrganisationKind.SOCIAL_ENTERPRISE, 3011862, "Vantaa"),
    ("uusisuunta", "Uusi Suunta ry", OrganisationKind.ASSOCIATION, 2390417, "Tampere"),
]

# A postcode and region (NUTS 3) by home municipality, as EU award notices name every tenderer's.
ADDRESSES = {"Tampere": ("33100", "FI19B"), "Espoo": ("02100", "FI1B1"), "Vantaa": ("01300", "FI1B1")}

USERS = [
    # username, first, last, organisation key, position, site admin, what they demonstrate
    ("admin", "Ylläpito", "Pääkäyttäjä", None, "", True, "site administrator"),
    ("virkailija", "Hanna", "Virtanen", "pirkanmaa", "official", False, "official (accountable)"),
    ("valmistelija", "Mikko", "Laine", "pirkanmaa", "staff", False, "authority staff"),
    ("hankinta", "Ville", "Koivisto", "pirkanmaa", "official", False, "official, second at the opening of bids"),
    ("espoo", "Liisa", "Nieminen", "lansi_uusimaa", "official", False, "official, housing alliance"),
    ("tuottaja", "Jari", "Heikkinen", "kulma", "representative", False, "provider representative"),
    ("jarjesto", "Maija", "Aaltonen", "sillanrakentajat", "representative", False, "association, coordinates a competence network"),
    ("kokemus", "Sari", "Koskinen", None, "", False, "expert by experience"),
    ("vertainen", "Antti", "Mäkelä", None, "", False, "peer"),
    ("asiakas", "Tiina", "Järvinen", None, "", False, "service user"),
    ("omainen", "Pirjo", "Lehtonen", None, "", False, "relative"),
    ("asukas", "Kalle", "Salo", None, "", False, "resident"),
    ("arvioija", "Eeva", "Hiltunen", "pirkanmaa", "staff", False, "evaluator"),
]


def create_organisations() -> dict[str, Organisation]:
    result = {}
    for key, name, kind, body, municipality in ORGANISATIONS:
        result[key] = Organisation.objects.create(
            name=name, kind=kind, business_id=business_id(body) if body else None, municipality=municipality,
            postcode=ADDRESSES[municipality][0], nuts_region=ADDRESSES[municipality][1],
            # Both demo authorities are wellbeing services counties: regional authorities in eForms.
            legal_type=BuyerLegalType.REGIONAL if kind == OrganisationKind.AUTHORITY else "",
        )
    return result


def create_users(organisations: dict[str, Organisation]) -> dict[str, User]:
    result = {}
    for username, first, last, org_key, position, admin, _about in USERS:
        user = User.objects.create_user(
            username=username, password=PASSWORD, first_name=first, last_name=last,
            email=f"{username}@demo.invalid", organisation=organisations.get(org_key) if org_key else None,
            position=position, is_superuser=admin, is_staff=admin,
        )
        result[username] = user
    return result


def representative(username: str, organisation: Organisation) -> User:
    """A provider's representative in the demo's history, who cannot sign in (one per name, so
    that every part of the history names the same person)."""
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing
    user = User(username=username, first_name="Demo", last_name=organisation.name, organisation=organisation,
                email=f"{username}@demo.invalid", position="representative")
    user.set_unusable_password()
    user.save()
    return user
