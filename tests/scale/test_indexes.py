"""Every filter and sort the most visited pages use on the big tables has an index.

At test sizes PostgreSQL rightly prefers reading a small table whole, so the test turns
sequential scans off (``enable_seqscan = off``): the planner then uses an index whenever one
can serve the query, and still shows a Seq Scan when none can. A Seq Scan on a big table in
that plan means a missing index, which at national scale is a page that slows down as data grows.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coprocure.generate.data import generate
from coprocure.generate.scales import SCALES

from coprocure.generate.pages import most_visited, subject

pytestmark = pytest.mark.django_db

# The tables that grow with a national deployment (issue 9): thousands to millions of rows.
BIG_TABLES = {
    "core_procurement", "core_organisation", "partners_service", "participation_response", "participation_answer",
    "participation_insight", "participation_activity", "tendering_bid", "contracts_measurement", "contracts_indicator",
    "alliance_costline", "audit_auditentry",
}


def sequential_scans(sql: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = on")
    return set(re.findall(r"Seq Scan on (\w+)", plan)) & BIG_TABLES


def test_the_most_visited_pages_read_big_tables_through_indexes(client, reference_data):
    generate(SCALES["small"], seed=31)
    procurement, survey, contract, period = subject()
    client.force_login(procurement.accountable_official)
    unindexed = {}
    for name, path in most_visited(procurement, survey, contract, period).items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        for query in queries:
            if query["sql"].startswith("SELECT") and (tables := sequential_scans(query["sql"])):
                unindexed.setdefault(name, []).append((sorted(tables), query["sql"][:300]))
    assert unindexed == {}


def test_the_check_notices_a_filter_no_index_serves(reference_data):
    assert sequential_scans("SELECT id FROM alliance_costline WHERE category = 'Matkat'") == {"alliance_costline"}
    assert sequential_scans("SELECT id FROM alliance_costline WHERE period_id = 1") == set()
