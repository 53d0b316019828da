import io
import json
from datetime import date
from decimal import Decimal

from django.urls import reverse
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from coprocure.contracts import services
from coprocure.contracts.models import Measurement
from coprocure.errors import ServiceError

from .. import factories

GOOD = "Mittari;Jakso;Arvo;Yksikkö\npysyvyys;2025-01;78,5;%\npysyvyys;2/2025;81,0;%\n"
BAD = "Mittari;Jakso;Arvo;Yksikkö\npysyvyys;2025-01;78,5;%\npysyvyys;2024-12;80;%\npysyvyys;2025-03;12;pv\npysyvyys;2025-01;79;%\n"


def upload(client, contract, content: bytes, name="raportti.csv", **params):
    url = f"/api/v1/contracts/{contract.pk}/measurements/upload"
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return client.post(url, {"file": _file(content, name)})


def _file(content: bytes, name: str):
    return SimpleUploadedFile(name, content)


def test_finnish_csv_in_each_encoding_is_stored(client, contract, indicator, reporter):
    client.force_login(reporter)
    for encoding, months in [("cp1252", ("2025-01", "2/2025")), ("utf-8-sig", ("2025-03", "4/2025")), ("utf-8", ("5.2025", "2025-06"))]:
        content = f"Mittari;Jakso;Arvo;Yksikkö\npysyvyys;{months[0]};78,5;%\npysyvyys;{months[1]};81,0;%\n".encode(encoding)
        response = upload(client, contract, content)
        assert response.status_code == 201, (encoding, response.content)
    assert Measurement.objects.count() == 6
    assert Measurement.objects.get(period_start=date(2025, 2, 1)).value == Decimal("81.0")


def test_a_file_with_bad_rows_stores_nothing_and_names_each_row(client, contract, indicator, reporter):
    client.force_login(reporter)
    response = upload(client, contract, BAD.encode("cp1252"))
    assert response.status_code == 422
    assert {(e["field"], e["code"]) for e in response.json()["errors"]} == {
        ("rows.3.period", "upload_period_outside_contract"), ("rows.4.unit", "upload_wrong_unit"),
        ("rows.5.period", "upload_duplicate_period"),
    }
    assert not Measurement.objects.exists()


def test_xlsx_with_number_and_date_cells(client, contract, indicator, reporter):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Mittari", "Jakso", "Arvo"])
    sheet.append(["pysyvyys", date(2025, 7, 1), 82.5])
    sheet.append(["pysyvyys", "2025-08", 84])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(reporter)
    checked = upload(client, contract, buffer.getvalue(), name="raportti.xlsx", dry_run="true")
    assert checked.status_code == 200 and checked.json()["stored"] is False
    assert not Measurement.objects.exists()
    stored = upload(client, contract, buffer.getvalue(), name="raportti.xlsx")
    assert stored.status_code == 201
    assert [m.value for m in Measurement.objects.order_by("period_start")] == [Decimal("82.5"), Decimal(84)]


def test_json_report_and_a_second_report_of_the_same_period(client, contract, indicator, reporter):
    client.force_login(reporter)
    url = f"/api/v1/contracts/{contract.pk}/measurements"
    body = {"rows": [{"indicator": "pysyvyys", "period": "2025-01", "value": "80,5"}]}
    assert client.post(url, json.dumps(body), content_type="application/json").status_code == 201
    again = client.post(url, json.dumps(body), content_type="application/json")
    assert again.status_code == 422 and again.json()["errors"][0]["code"] == "upload_duplicate_period"


def test_people_outside_the_contract_cannot_report(client, contract, indicator):
    client.force_login(factories.UserFactory(organisation=factories.ProviderFactory(), position="representative"))
    assert upload(client, contract, GOOD.encode()).status_code == 403


def test_preview_then_store_on_the_page(client, contract, indicator, reporter):
    client.force_login(reporter)
    url = reverse("contract_report", args=[contract.pk])
    bad = client.post(url, {"action": "preview", "file": _file(BAD.encode("cp1252"), "r.csv")})
    assert bad.status_code == 422
    page = bad.content.decode()
    assert "Tämä jakso on sopimuskauden ulkopuolella." in page and "Mitään ei tallennettu" in page
    good = client.post(url, {"action": "preview", "file": _file(GOOD.encode("utf-8-sig"), "r.csv")})
    assert good.status_code == 200 and not Measurement.objects.exists()
    signed = good.context["signed_rows"]
    stored = client.post(url, {"action": "store", "rows": signed})
    assert stored.status_code == 302 and Measurement.objects.count() == 2
    tampered = client.post(url, {"action": "store", "rows": signed + "x"})
    assert tampered.status_code == 302 and Measurement.objects.count() == 2


def test_one_value_through_the_form(client, contract, indicator, reporter):
    client.force_login(reporter)
    url = reverse("contract_report", args=[contract.pk])
    outside = client.post(url, {"action": "entry", "indicator": "pysyvyys", "period": "2030-01", "value": "80"})
    assert outside.status_code == 422
    assert client.post(url, {"action": "entry", "indicator": "pysyvyys", "period": "2025-01", "value": "80"}).status_code == 302
    assert Measurement.objects.get().value == 80


def test_indicator_levels_must_run_in_its_direction(official, contract):
    kra = services.add_kra(official, contract, {"name": factories.text("Odotus"), "description": {}, "weight": "0.2"})
    with pytest.raises(ServiceError) as refused:
        services.add_indicator(official, kra, {
            "code": "odotus", "name": factories.text("Odotuspäivät"), "unit": "days", "direction": "lower_is_better",
            "baseline": None, "minimum": 10, "target": 20, "excellent": 30, "frequency": "monthly",
            "data_source": "register", "reported_by": None,
        })
    assert refused.value.errors == {"target": [("kra_levels_order", refused.value.errors["target"][0][1])]}


def test_dashboard_draws_levels_and_a_data_table(client, official, contract, indicator):
    services.report_measurements(official, contract, [["mittari", "jakso", "arvo"], ["pysyvyys", "2025-01", "75"],
                                                     ["pysyvyys", "2025-02", "85"]], source="ui")
    page = client.get(reverse("contract_outcomes", args=[contract.pk])).content.decode()
    assert "<svg" in page and "<title" in page and "<desc" in page and "<polyline" in page
    assert "Tavoite saavutettu" in page and "parempi kuin edellisellä jaksolla" in page
    api = client.get(f"/api/v1/contracts/{contract.pk}/outcomes").json()
    assert api[0]["level"] == "0.5" and api[0]["trend"] == "better"
    # The months since February have ended without a value and are long past their deadline: missing.
    assert api[0]["missing"][0] == {"start": "2025-03-01", "end": "2025-03-31", "deadline": "2025-04-30"}
    assert "Puuttuvat raportit" in page
    kras = client.get(f"/api/v1/contracts/{contract.pk}/kras").json()
    assert kras[0]["weight"] == "0.5000" and kras[0]["indicators"][0]["target"] == "80.0000"
