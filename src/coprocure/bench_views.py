"""The baseline for bench/survey_burst.py: the least a Django view can do to store one row,
so the survey answer's cost can be read as a ratio; and the middleware `make bench` reads query
counts and server times from. Both exist only when COPROCURE_BENCH=1."""

import time

from django.db import connection, transaction
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST


@csrf_exempt
@require_POST
def insert_one(request):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_row (payload) VALUES (%s)", [request.body[:200].decode(errors="replace")])
    return HttpResponse(status=201)


class QueryCountMiddleware:
    """Benchmarks only (COPROCURE_BENCH=1, first in the middleware): each response says how many
    SQL queries it made and how long the server took, so `make bench` can read both over HTTP.
    Never installed otherwise: the headers would tell anyone how a page is built."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        queries = 0

        def counted(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(counted):
            response = self.get_response(request)
        response["X-CoProcure-Queries"] = str(queries)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.2f}"
        return response
