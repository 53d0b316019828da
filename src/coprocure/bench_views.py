"""The baseline for bench/survey_burst.py: the least a Django view can do to store one row,
so the survey answer's cost can be read as a ratio. Mounted only when COPROCURE_BENCH=1."""

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
