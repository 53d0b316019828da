"""Organisations, providers with their profiles and services, and the people who work for them."""

from __future__ import annotations

from datetime import timedelta

from coprocure.core.models import Organisation, OrganisationKind, User
from coprocure.partners.models import ProviderProfile, Service
from coprocure.partners.services import refresh_search

from .common import (
    AREAS, COUNTIES, FIRST_NAMES, LAST_NAMES, MUNICIPALITIES, UNUSABLE_PASSWORD, batched, business_id, insert, t,
)


class Organisations:
    def organisations(self) -> None:
        s = self.scale
        first = Organisation.objects.order_by("-id").values_list("id", flat=True).first() or 0
        base = 2_000_000 + 3 * first  # bodies never collide with an earlier run's
        self.authorities = insert(Organisation, [
            Organisation(name=COUNTIES[i % len(COUNTIES)] + ("" if i < len(COUNTIES) else f" {i}"),
                         kind=OrganisationKind.AUTHORITY, business_id=business_id(base + 3 * i),
                         municipality=MUNICIPALITIES[i % len(MUNICIPALITIES)])
            for i in range(s.authorities)
        ], "authorities", self.progress)
        kinds = [OrganisationKind.COMPANY, OrganisationKind.ASSOCIATION, OrganisationKind.FOUNDATION,
                 OrganisationKind.SOCIAL_ENTERPRISE, OrganisationKind.USER_ASSOCIATION]
        suffix = {OrganisationKind.COMPANY: "Oy", OrganisationKind.ASSOCIATION: "ry", OrganisationKind.FOUNDATION: "sr",
                  OrganisationKind.SOCIAL_ENTERPRISE: "osk", OrganisationKind.USER_ASSOCIATION: "ry"}
        rows = []
        for i in range(s.organisations):
            kind = self.rng.choice(kinds)
            rows.append(Organisation(
                name=f"{self.rng.choice(['Hoiva', 'Tuki', 'Arki', 'Polku', 'Silta', 'Koti'])}palvelu {i} {suffix[kind]}",
                kind=kind, business_id=business_id(base + 3 * (s.authorities + i)),
                municipality=self.rng.choice(MUNICIPALITIES)))
        self.providers = insert(Organisation, rows, "organisations", self.progress)
        insert(ProviderProfile, [
            ProviderProfile(organisation=org, description=t(f"{org.name} tuottaa sosiaali- ja terveyspalveluja.",
                                                            f"{org.name} producerar social- och hälsovårdstjänster.",
                                                            f"{org.name} provides social and health services."),
                            areas_served=[org.municipality], languages=["fi", "sv"][: 1 + self.rng.randint(0, 1)],
                            ownership=self.rng.choice(["private", "non_profit", "cooperative"]),
                            last_confirmed_at=self.now - timedelta(days=self.rng.randint(0, 400)))
            for org in self.providers
        ], "provider profiles", self.progress)
        services, tags = [], []
        areas = list(AREAS.values())
        for org in self.providers:
            for _n in range(s.services_each):
                (fi, sv, en), service_class, group = self.rng.choice(areas)
                where = self.rng.sample(MUNICIPALITIES, 2)
                services.append(Service(
                    provider=org, name=t(fi, sv, en), summary=t(f"{fi}: {where[0]}", f"{sv}: {where[0]}", f"{en}: {where[0]}"),
                    description=t(f"{fi} alueella {', '.join(where)}.", f"{sv} i {', '.join(where)}.", f"{en} in {', '.join(where)}."),
                    service_class=service_class, areas=where, languages=["fi"], capacity=20,
                    capacity_available=self.rng.randint(0, 5), price_basis=self.rng.choice(["per_day", "per_month", "per_visit"])))
                tags.append(group)
        through = Service.target_groups.through
        for chunk, groups in self.progress("services", zip(batched(services), batched(tags), strict=True), len(services)):
            created = Service.objects.bulk_create(chunk)
            through.objects.bulk_create([through(service_id=service.pk, targetgroup_id=self.groups[group].pk)
                                         for service, group in zip(created, groups, strict=True) if group in self.groups])
            refresh_search([service.pk for service in created])
        self.counts = {"organisations": len(self.authorities) + len(self.providers), "services": len(services)}

    def people(self) -> None:
        start = User.objects.order_by("-id").values_list("id", flat=True).first() or 0

        def person(n: int, username: str, organisation, position: str) -> User:
            return User(username=f"{username}-{start + n}", first_name=self.rng.choice(FIRST_NAMES),
                        last_name=self.rng.choice(LAST_NAMES), email=f"{username}-{start + n}@generated.invalid",
                        organisation=organisation, position=position, password=UNUSABLE_PASSWORD)

        rows = []
        for authority in self.authorities:
            rows += [person(len(rows), "virkailija", authority, "official"), person(len(rows) + 1, "valmistelija", authority, "staff")]
        # One representative for every fifth provider: those are the ones that bid.
        rows += [person(len(rows) + i, "edustaja", org, "representative") for i, org in enumerate(self.providers[::5])]
        rows += [person(len(rows) + i, "asukas", None, "") for i in range(self.scale.residents)]
        users = insert(User, rows, "people", self.progress)
        count = 2 * len(self.authorities)
        self.officials = {u.organisation_id: u for u in users[:count:2]}
        self.staff = {u.organisation_id: u for u in users[1:count:2]}
        self.representatives = [u for u in users if u.position == "representative"]
        self.residents = users[-self.scale.residents:] if self.scale.residents else []
        self.counts["people"] = len(users)
