def test_the_benchmark_baseline_view_is_not_mounted_outside_benchmarks(client, db):
    assert client.post("/bench/insert-one/", "{}", content_type="application/json").status_code == 404
