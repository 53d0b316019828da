#!/usr/bin/env python3
"""Provider search at national scale: 20 000 organisations and 100 000 services.

Issue 5 asks that search answers in well under a second on PostgreSQL with a constant number of
queries. The script generates the registry with bulk inserts into a fresh database of a
throwaway PostgreSQL cluster (reproducible from --seed), builds the full-text index the way the
app does (partners.services.refresh_search), then requests the search page /providers/ through
Django's test client for several Finnish queries and filters, repeated, and reports the median
and p95 server time and the number of SQL queries, at a small and at the full scale.

    scripts/with-postgres .venv/bin/python bench/provider_search.py --organisations 20000 --services-each 5

(Started without scripts/with-postgres it re-runs itself under it.) Results go to
bench/results/provider_search-<time>.json and .md.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from datetime import UTC, datetime

from inprocess import ROOT, django_on_fresh_postgres


WORDS = [
    ("Päihdekuntoutus", "Yhteisöllistä päihdekuntoutusta kokemusasiantuntijoiden kanssa.", "P10.6", "substance_use"),
    ("Matalan kynnyksen päiväkeskus", "Päiväkeskus ja vertaistukea ilman ajanvarausta.", "P10.6", "homeless"),
    ("Asumisen tuki", "Tukea asunnon saamiseen ja pitämiseen.", "P10.3", "homeless"),
    ("Klubitalo", "Työpainotteista yhteisöllistä kuntoutusta mielenterveyskuntoutujille.", "P10.5", "mental_health"),
    ("Kotihoidon tukipalvelut", "Siivous-, asiointi- ja ulkoiluapua ikääntyneille.", "P10.2", "older_people"),
    ("Kuntouttava työtoiminta", "Työtoimintaa omaan tahtiin ja ohjausta kohti työtä.", "P10.7", "mental_health"),
    ("Perhetyö", "Kotiin annettavaa tukea lapsiperheille arjen haasteisiin.", "P10.1", "families"),
    ("Henkilökohtainen apu", "Avustajapalvelut vammaisille henkilöille kotona ja työssä.", "P10.4", "disabled"),
]
MUNICIPALITIES = ["Tampere", "Nokia", "Ylöjärvi", "Kangasala", "Espoo", "Vantaa", "Helsinki", "Turku", "Oulu",
                  "Jyväskylä", "Kuopio", "Lahti", "Pori", "Joensuu", "Vaasa", "Seinäjoki", "Rovaniemi", "Kotka"]
QUERIES = [
    ("q=päihdekuntoutus", {"q": "päihdekuntoutus"}),
    ("q=kokemusasiantuntijoiden", {"q": "kokemusasiantuntijoiden"}),
    ("q=asunnon tuki", {"q": "asunnon tuki"}),
    ("q=vertaistukea + area", {"q": "vertaistukea", "area": "Tampere"}),
    ("target group + places", {"target_group": "older_people", "capacity_available": "on"}),
    ("no words (browse)", {}),
]


def t(text: str) -> dict:
    return {"fi": {"text": text, "origin": "human"}}


def generate(organisations: int, services_each: int, seed: int, first: int = 0) -> None:
    from django.db import transaction

    from coprocure.core.models import Organisation, OrganisationKind, TargetGroup
    from coprocure.demo.people import business_id
    from coprocure.partners.models import ProviderProfile, Service
    from coprocure.partners.services import refresh_search

    rng = random.Random(seed)
    kinds = [OrganisationKind.COMPANY, OrganisationKind.ASSOCIATION, OrganisationKind.FOUNDATION,
             OrganisationKind.SOCIAL_ENTERPRISE]
    groups = {group.code: group for group in TargetGroup.objects.all()}
    through = Service.target_groups.through
    batch = 2000
    for start in range(first, first + organisations, batch):
        with transaction.atomic():
            orgs = Organisation.objects.bulk_create([
                Organisation(name=f"Palveluntuottaja {i} {rng.choice(['Oy', 'ry', 'sr', 'osk'])}", kind=rng.choice(kinds),
                             business_id=business_id(1000000 + i * 3), municipality=rng.choice(MUNICIPALITIES))
                for i in range(start, min(start + batch, first + organisations))
            ])
            ProviderProfile.objects.bulk_create([
                ProviderProfile(organisation=org, description=t(f"{org.name} tuottaa sosiaalipalveluja."),
                                areas_served=[org.municipality], languages=["fi"], ownership="private")
                for org in orgs
            ])
            services = []
            for org in orgs:
                for _n in range(services_each):
                    name, summary, service_class, _group = rng.choice(WORDS)
                    areas = rng.sample(MUNICIPALITIES, 2)
                    services.append(Service(
                        provider=org, name=t(name), summary=t(summary), description=t(f"{summary} Alue: {', '.join(areas)}."),
                        service_class=service_class, areas=areas, languages=["fi"], capacity=20,
                        capacity_available=rng.randint(0, 3), price_basis="per_day",
                    ))
            created = Service.objects.bulk_create(services)
            through.objects.bulk_create([
                through(service_id=service.pk, targetgroup_id=groups[next(w[3] for w in WORDS if w[0] == service.name["fi"]["text"])].pk)
                for service in created
            ])
            refresh_search([service.pk for service in created])
        print(f"  {min(start + batch, first + organisations)} organisations", flush=True)


def measure(repeats: int) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    rows = []
    for label, params in QUERIES:
        client.get("/providers/", params)  # warm caches and the connection
        times, queries, results = [], 0, 0
        for _ in range(repeats):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get("/providers/", params)
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
            queries = len(captured.captured_queries)
            results = response.context["services"].__len__()
        times.sort()
        rows.append({"query": label, "median_ms": round(statistics.median(times), 1),
                     "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1), "queries": queries, "shown": results})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=20000)
    parser.add_argument("--services-each", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    django_on_fresh_postgres(__file__)
    print("small scale (200 organisations)")
    generate(200, args.services_each, args.seed)
    small = measure(args.repeats)
    print(f"full scale ({args.organisations} organisations, {args.organisations * args.services_each} services)")
    generate(args.organisations - 200, args.services_each, args.seed + 1, first=200)
    started = time.perf_counter()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    full = measure(args.repeats)
    result = {
        "benchmark": "provider_search", "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "organisations": args.organisations, "services": args.organisations * args.services_each,
        "repeats": args.repeats, "small": small, "full": full,
        "queries_constant": [s["queries"] for s in small] == [f["queries"] for f in full],
        "analyze_s": round(time.perf_counter() - started, 1),
    }
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"provider_search-{stamp}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    lines = [f"# Provider search, {result['organisations']} organisations / {result['services']} services ({result['when']})", "",
             "| query | median ms (200 orgs) | median ms (full) | p95 ms (full) | SQL queries (200 / full) | shown |",
             "|---|---|---|---|---|---|"]
    for s, f in zip(small, full):
        lines.append(f"| {f['query']} | {s['median_ms']} | {f['median_ms']} | {f['p95_ms']} | {s['queries']} / {f['queries']} | {f['shown']} |")
    lines.append("")
    lines.append(f"Query count constant across scales: {'yes' if result['queries_constant'] else 'NO'}.")
    (out / f"provider_search-{stamp}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
