import pytest

from .. import factories


def test_pages_carry_a_strict_content_security_policy(client, db):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_sign_in_is_locked_at_the_fifth_failure(client):
    factories.UserFactory(username="hanna")
    for _attempt in range(4):
        response = client.post("/signin/", {"username": "hanna", "password": "väärin"})
        assert response.status_code == 200
    assert client.post("/signin/", {"username": "hanna", "password": "väärin"}).status_code == 429
    # Even the right password is refused until the cool-off has passed.
    locked = client.post("/signin/", {"username": "hanna", "password": "salasana-testi-1"})
    assert locked.status_code == 429
    assert "Liian monta yritystä" in locked.content.decode()
