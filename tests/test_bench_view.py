def test_the_benchmark_baseline_view_is_not_mounted_outside_benchmarks(client, db):
    assert client.post("/bench/insert-one/", "{}", content_type="application/json").status_code == 404


def test_pages_do_not_tell_how_many_queries_they_make_outside_benchmarks(client, db):
    response = client.get("/")
    assert "X-CoProcure-Queries" not in response and "Server-Timing" not in response


def test_the_benchmark_middleware_counts_the_queries_of_a_request(rf, db):
    from django.db import connection
    from django.http import HttpResponse

    from coprocure.bench_views import QueryCountMiddleware

    def view(request):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.execute("SELECT 2")
        return HttpResponse()

    response = QueryCountMiddleware(view)(rf.get("/"))
    assert response["X-CoProcure-Queries"] == "2" and response["Server-Timing"].startswith("app;dur=")
