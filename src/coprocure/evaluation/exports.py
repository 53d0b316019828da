"""The evaluation's open data: the report's public figures as plain JSON (described by
docs/schemas/evaluation.schema.json) and the same figures as CSV, one figure per row, every
text cell neutralised so that a spreadsheet never reads it as a formula.

Only the public report goes in: suppressed counts stay ``null`` and nothing from the
restricted part (the equality monitor, experts' pay) is ever exported here.
"""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal

from coprocure.core.fields import localised
from coprocure.domain.tables import neutralise

SCHEMA_VERSION = "1.0"
CENT = Decimal("0.01")


def _number(value):
    return None if value is None else str(value)


def _euros(value):
    """A euro amount in cents, as it is paid: two decimals, half up, a decimal point (the open
    data is for machines; pages and PDFs format money for people)."""
    return None if value is None else str(Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP))


def _counts(row: dict) -> dict:
    return {"counts": {item["code"]: item["count"] for item in row["rows"]}, "total": row["total"]}


def figures(report: dict, base_url: str = "") -> dict:
    """The public figures of one report as JSON types; decimals as exact strings."""
    procurement = report["procurement"]
    ledger, influence, outcomes = report["ledger"], report["influence"], report["outcomes"]
    return {
        "schema": SCHEMA_VERSION,
        "procurement": {"id": procurement.pk, "title": localised(procurement.title),
                        "authority": procurement.authority.name, "phase": procurement.phase,
                        "url": f"{base_url}/procurements/{procurement.pk}/evaluation/"},
        "k": report["k"],
        "experience": [
            {"phase": r["phase"], "round": r["round"], "respondents": r["respondents"],
             "dimensions": [{"dimension": s["dimension"], "answers": s["answers"], "mean": s["mean"],
                             "agree_percent": s["agree"],
                             "distribution": {str(d["value"]): d["count"] for d in s["distribution"]}}
                            for s in r["scores"]]}
            for r in report["experience"]["rounds"]
        ],
        "experience_changes": [
            {"phase": c["phase"], "dimension": d["dimension"], "change": d["change"],
             "means": {r["round"]: r["mean"] for r in d["rounds"]}}
            for c in report["experience"]["changes"] for d in c["dimensions"]
        ],
        "ledger": {
            "participations": ledger["participations"], "unstated_target_group": ledger["unstated"],
            "outreach_percent": ledger["outreach_share"],
            "roles": _counts(ledger["roles"]), "target_groups": _counts(ledger["groups"]),
            "phases": _counts(ledger["phases"]), "methods": _counts(ledger["methods"]),
            "published_at": ledger["published_at"].isoformat(),
        },
        "influence": {
            name: {"part": _number(influence[name]["part"]), "whole": _number(influence[name]["whole"]),
                   "percent": influence[name]["percent"]}
            for name in ("insights", "criteria", "proposals")
        },
        "outcomes": {
            "indicators": [
                {"code": row["indicator"].code, "name": localised(row["indicator"].name), "kra": localised(row["kra"].name),
                 "measurements": row["measurements"], "latest_value": _number(row["latest_value"]),
                 "latest_level": row["latest_level"], "years": row["years"]}
                for row in outcomes["indicators"]
            ],
            "settlements": [
                {"period": s["period"], "starts_on": s["starts_on"].isoformat(), "ends_on": s["ends_on"].isoformat(),
                 "target_cost": _euros(s["target_cost"]), "actual_cost": _euros(s["actual_cost"]),
                 "kra_score": _number(s["kra_score"]), "payment": _euros(s["payment"])}
                for s in outcomes["settlements"]
            ],
        },
        "self_assessment": None if report["assessment"] is None else {
            row["code"]: row["rating"] or None for row in report["assessment"]["rows"]
        },
        "missing": [str(gap) for gap in report["missing"]],
    }


def _flatten(prefix: str, value, rows: list) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), item, rows)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _flatten(f"{prefix}[{index}]", item, rows)
    else:
        rows.append([prefix, "" if value is None else value])


def csv_text(data: dict) -> str:
    """One row per figure: its path in the JSON document and its value; an empty value is a
    hidden or missing figure, exactly as ``null`` is in the JSON."""
    rows: list[list] = []
    _flatten("", data, rows)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["figure", "value"])
    for path, value in rows:
        writer.writerow([neutralise(path), value if isinstance(value, (int, float)) and not isinstance(value, bool)
                         else neutralise(str(value))])
    return out.getvalue()
