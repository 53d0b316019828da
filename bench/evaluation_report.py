#!/usr/bin/env python3
"""The evaluation report of a procurement with 100 000 survey answers and 5 years of monthly
indicator values.

Issue 8 asks that this report renders in well under a second, aggregated in SQL. The script
loads the demo into a fresh database of a throwaway PostgreSQL cluster, measures the report of
the substance-abuse procurement as the demo has it, then bulk-inserts experience-survey
answers (reproducible from --seed) and monthly values of several indicators over five years,
runs ANALYZE and measures again: the public report page, its JSON figures and the API, each
repeated, with the median and p95 server time and the number of SQL queries.

    scripts/with-postgres .venv/bin/python bench/evaluation_report.py --answers 100000 --indicators 4 --years 5

(Started without scripts/with-postgres it re-runs itself under it.) Results go to
bench/results/evaluation_report-<time>.json and .md.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

from inprocess import ROOT, django_on_fresh_postgres

TARGETS = [
    ("report page", "/procurements/{pk}/evaluation/"),
    ("figures.json", "/procurements/{pk}/evaluation/figures.json"),
    ("API", "/api/v1/procurements/{pk}/evaluation"),
]


def grow(procurement, answers: int, indicators: int, years: int, seed: int) -> None:
    from django.db import transaction

    from coprocure.contracts.models import Indicator, Measurement
    from coprocure.evaluation.models import ExperienceSurvey
    from coprocure.participation.models import Answer, Response

    rng = random.Random(seed)
    experience = ExperienceSurvey.objects.filter(procurement=procurement).select_related("survey").first()
    questions = [int(pk) for pk in experience.items]
    people = answers // len(questions)
    batch = 5000
    for start in range(0, people, batch):
        with transaction.atomic():
            responses = Response.objects.bulk_create([
                Response(id=uuid.uuid4(), survey=experience.survey, mode="anonymous", channel=rng.choice(["online", "paper"]),
                         answered_on=date(2026, 1 + rng.randrange(10), 1 + rng.randrange(28)))
                for _ in range(min(batch, people - start))
            ])
            Answer.objects.bulk_create([
                Answer(id=uuid.uuid4(), response=response, question_id=question, value=rng.choice([2, 3, 3, 4, 4, 4, 5, 5]))
                for response in responses for question in questions
            ])
    kra = procurement.contracts.first().kras.first()
    for number in range(indicators):
        indicator = Indicator.objects.create(
            kra=kra, code=f"bench-{number}", name={"fi": {"text": f"Mittari {number}", "origin": "human"}}, unit="percent",
            direction="higher_is_better", minimum=Decimal(60), target=Decimal(75), excellent=Decimal(90),
            frequency="monthly", data_source="provider_report",
        )
        Measurement.objects.bulk_create([
            Measurement(indicator=indicator, period_start=date(2021 + month // 12, 1 + month % 12, 1),
                        period_end=date(2021 + month // 12, 1 + month % 12, 28),
                        value=Decimal(rng.randrange(550, 950)) / 10, source="api")
            for month in range(12 * years)
        ])


def measure(procurement, repeats: int) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    rows = []
    for label, path in TARGETS:
        url = path.format(pk=procurement.pk)
        client.get(url)  # warm caches and the connection
        times, queries = [], 0
        for _ in range(repeats):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            queries = len(captured.captured_queries)
        times.sort()
        rows.append({"target": label, "median_ms": round(statistics.median(times), 1),
                     "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1), "queries": queries})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=100000)
    parser.add_argument("--indicators", type=int, default=4)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    django_on_fresh_postgres(__file__)
    from django.core.management import call_command

    call_command("demo", verbosity=0)
    from coprocure.core.models import Procurement
    from coprocure.participation.models import Answer

    procurement = Procurement.objects.filter(self_assessment__isnull=False, contracts__isnull=False).order_by("pk").first()
    print(f"demo scale ({Answer.objects.filter(question__survey__experience__procurement=procurement).count()} answers)")
    small = measure(procurement, args.repeats)
    started = time.perf_counter()
    grow(procurement, args.answers, args.indicators, args.years, args.seed)
    insert_s = round(time.perf_counter() - started, 1)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    total = Answer.objects.filter(question__survey__experience__procurement=procurement).count()
    print(f"full scale ({total} answers, {args.indicators} indicators × {12 * args.years} months)")
    full = measure(procurement, args.repeats)
    result = {
        "benchmark": "evaluation_report", "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "answers": total, "indicators": args.indicators, "months": 12 * args.years, "repeats": args.repeats,
        "insert_s": insert_s, "small": small, "full": full,
        "queries_constant": [s["queries"] for s in small] == [f["queries"] for f in full],
    }
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"evaluation_report-{stamp}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    lines = [f"# Evaluation report, {total} survey answers / {args.indicators} indicators × {12 * args.years} months "
             f"({result['when']})", "",
             "| target | median ms (demo) | median ms (full) | p95 ms (full) | SQL queries (demo / full) |",
             "|---|---|---|---|---|"]
    for s, f in zip(small, full):
        lines.append(f"| {f['target']} | {s['median_ms']} | {f['median_ms']} | {f['p95_ms']} | {s['queries']} / {f['queries']} |")
    lines.append("")
    lines.append(f"Query count constant across scales: {'yes' if result['queries_constant'] else 'NO'}.")
    (out / f"evaluation_report-{stamp}.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
