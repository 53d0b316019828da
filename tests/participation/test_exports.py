import csv
import io

from openpyxl import load_workbook

from coprocure.participation import services

from .. import factories
from .conftest import keys


def fill(survey, official):
    likert, single, _multiple, _number, text = keys(survey)
    for index in range(6):
        services.submit_response(survey, {likert: 4, single: "1", text: f"=HYPERLINK(\"http://x.example\",\"{index}\")\x01"})
    for _ in range(6):
        services.submit_response(survey, {likert: 5, single: "1"}, channel="paper", entered_by=official)
    services.submit_response(survey, {likert: 2, single: "2"}, channel="phone", entered_by=official)


def rows_of(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_has_the_suppressed_figures_split_by_channel_and_no_formulas(client, official, survey):
    fill(survey, official)
    client.force_login(official)
    response = client.get(f"/en/surveys/{survey.pk}/results.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = rows_of(response)
    assert rows[0] == ["Question number", "Question", "Answer", "Channel", "People"]
    likert = {(row[2], row[3]): row[4] for row in rows if row[0] == "1"}
    assert likert[("5 – Very good", "All channels")] == "6" and likert[("5 – Very good", "Paper")] == "6"
    # The one phone answer is hidden, and so is what would give it away in its row and column.
    assert likert[("2 – Poor", "Phone interview")] == "hidden" and likert[("2 – Poor", "All channels")] == "hidden"
    assert likert[("Answered", "Phone interview")] == "hidden"
    texts = [row[2] for row in rows if row[0] == "5" and row[2] != "Answered"]
    assert len(texts) == 6 and all(text.startswith("'=HYPERLINK") and "\x01" not in text for text in texts)


def test_xlsx_holds_the_same_figures_as_text_not_formulas(client, official, survey):
    fill(survey, official)
    client.force_login(official)
    csv_rows = rows_of(client.get(f"/en/surveys/{survey.pk}/results.csv"))
    response = client.get(f"/en/surveys/{survey.pk}/results.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    xlsx_rows = [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert xlsx_rows == csv_rows
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_exports_are_for_the_procurements_staff(client, official, survey):
    client.force_login(factories.UserFactory())
    assert client.get(f"/surveys/{survey.pk}/results.csv").status_code == 403
    assert client.get(f"/api/v1/surveys/{survey.pk}/results.xlsx").status_code == 403
    client.force_login(official)
    api = client.get(f"/api/v1/surveys/{survey.pk}/results.csv", HTTP_ACCEPT_LANGUAGE="fi")
    assert api.status_code == 200 and rows_of(api)[0][0] == "Kysymyksen numero"


def test_results_page_offers_downloads_and_the_channel_split(client, official, survey):
    fill(survey, official)
    client.force_login(official)
    html = client.get(f"/en/surveys/{survey.pk}/results/").content.decode()
    assert f"/surveys/{survey.pk}/results.xlsx" in html and "By answering channel" in html
