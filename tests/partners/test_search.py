from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from coprocure.partners.selectors import ServiceFilters, search_services

from .. import factories
from ..factories import text

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.fixture
def catalogue(db):
    rehab = factories.provider_with_service(
        "Kulma Oy", text("Päihdekuntoutus", "Missbrukarrehabilitering"),
        text("Yhteisöllistä päihdekuntoutusta kokemusasiantuntijoiden kanssa."),
        areas=("Tampere", "Nokia"), target_groups=("substance_use",), capacity_available=3,
    )[1]
    housing = factories.provider_with_service(
        "Koti ry", text("Asumisen tuki", "Boendestöd"), text("Tukea asunnon saamiseen ja pitämiseen."),
        areas=("Espoo",), languages=("fi", "sv"), target_groups=("homeless",), kind="association",
        service_class="P10.3", last_confirmed_at=timezone.now() - timedelta(days=400),
    )[1]
    return {"rehab": rehab, "housing": housing}


def names(filters):
    return [s.name["fi"]["text"] for s in search_services(filters)]


def test_finnish_inflected_forms_find_the_service(catalogue):
    if connection.vendor != "postgresql":
        pytest.fail("full-text search is tested on PostgreSQL (make test)")
    # The texts say "kokemusasiantuntijoiden", "päihdekuntoutusta", "asunnon"; people type other forms.
    assert names(ServiceFilters(q="kokemusasiantuntija")) == ["Päihdekuntoutus"]
    assert names(ServiceFilters(q="asunnoissa")) == ["Asumisen tuki"]
    assert names(ServiceFilters(q="päihdekuntoutus")) == ["Päihdekuntoutus"]
    assert names(ServiceFilters(q="päihdekuntoutus asunnot")) == []


def test_swedish_words_find_the_swedish_text(catalogue):
    assert names(ServiceFilters(q="boendestödet")) == ["Asumisen tuki"]


def test_filters_combine(catalogue):
    assert names(ServiceFilters(area="Espoo")) == ["Asumisen tuki"]
    assert names(ServiceFilters(language="sv")) == ["Asumisen tuki"]
    assert names(ServiceFilters(target_group="substance_use")) == ["Päihdekuntoutus"]
    assert names(ServiceFilters(kind="association")) == ["Asumisen tuki"]
    assert names(ServiceFilters(capacity_available=True)) == ["Päihdekuntoutus"]
    assert names(ServiceFilters(area="Espoo", target_group="substance_use")) == []


def test_search_page_marks_stale_information(client, catalogue):
    body = client.get("/providers/?q=").content.decode()
    assert body.count("Tiedot voivat olla vanhentuneita") == 1


def test_search_page_query_count_does_not_grow_with_results(client, catalogue, django_assert_max_num_queries):
    for i in range(6):
        factories.provider_with_service(f"Lisä {i} Oy", text(f"Palvelu {i}"), text("Kuvaus"), target_groups=("homeless",))
    with django_assert_max_num_queries(6):
        client.get("/providers/")


def test_compare_shows_same_facts_side_by_side(client, catalogue):
    body = client.get(f"/services/compare/?service={catalogue['rehab'].pk}&service={catalogue['housing'].pk}").content.decode()
    assert "Päihdekuntoutus" in body and "Asumisen tuki" in body
    assert "Kulma Oy" in body and "Koti ry" in body


def test_compare_with_garbage_ids_is_not_an_error(client, catalogue):
    response = client.get("/services/compare/?service=abc&service=99999")
    assert response.status_code == 200
    assert "Valitse haussa vähintään kaksi palvelua" in response.content.decode()
