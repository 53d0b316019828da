"""The bad input catalogue (issue 10 item 7), property-based: every page form, every API write,
every import and every export gets unicode, right-to-left text, control characters, markup,
spreadsheet formulas and deeply nested JSON. Never a server error; markup always escaped;
no exported cell starts a formula."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from coprocure.domain.tables import FORMULA_STARTS

from ..permissions.test_matrix import MATRIX, ROLES, World

MARKUP = '<script>window.pwned=1</script><img src=x onerror="alert(1)">'
NASTY = [
    MARKUP, "=HYPERLINK(\"http://evil.example\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
    "שלום עולם مرحبا", "\u202eevil\u202c", "a\x00b\x01c\x1f", "\r\n\t", "Å" * 3000, "😀" * 50, "0201256-6",
    "' OR 1=1 --", "../../etc/passwd", "", " ", "١٢٣", "NaN", "-0", "1e309", "9" * 40,
]
nasty_text = st.one_of(st.sampled_from(NASTY), st.text(max_size=300))

FIELD = re.compile(r'<(?:input|textarea|select)[^>]*\bname="([^"]+)"')
UNESCAPED = ("<script>window.pwned", '<img src=x onerror')

# Writes of pages, each with a role the matrix says may use it (422 = allowed, empty input refused).
PAGE_FORMS = [(route, next(role for role in ROLES if route.expected.get(role, route.default) == 422))
              for route in MATRIX if route.method == "POST" and not route.api
              and any(route.expected.get(role, route.default) == 422 for role in ROLES)]
API_WRITES = [(route, next(role for role in ROLES if route.expected.get(role, route.default) in {200, 201, 409, 422}))
              for route in MATRIX if route.api and route.method in {"POST", "PUT", "PATCH"} and not route.upload
              and any(route.expected.get(role, route.default) in {200, 201, 409, 422} for role in ROLES)]


@pytest.fixture
def world(reference_data):
    return World()


def sign_in_as(client, world, role):
    client.logout()
    if role != "anonymous":
        client.force_login(world.people[role])


def fields_of(client, path) -> list[str]:
    page = client.get(path)
    names = FIELD.findall(page.content.decode()) if page.status_code == 200 else []
    return sorted({name for name in names if name not in {"csrfmiddlewaretoken", "language"}})


@pytest.fixture
def forms(client, world):
    """Each page form's path, role and field names, read from the form itself."""
    found = []
    for route, role in PAGE_FORMS:
        sign_in_as(client, world, role)
        path = route.path(world)
        found.append((route.name, path, role, fields_of(client, path) or ["text"]))
    return found


def test_the_catalogue_covers_the_forms_and_the_api():
    assert len(PAGE_FORMS) >= 10 and len(API_WRITES) >= 40


@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_page_form_takes_any_text_without_a_server_error_and_escapes_it(client, world, forms, data):
    for name, path, role, fields in forms:
        sign_in_as(client, world, role)
        body = {field: data.draw(nasty_text, label=f"{name}.{field}") for field in fields}
        response = client.post(path, body)
        assert response.status_code < 500, f"{name}: {response.status_code}"
        page = response.content.decode(errors="replace")
        assert not any(raw in page for raw in UNESCAPED), f"{name} showed markup unescaped"


def test_markup_saved_anywhere_is_escaped_on_every_page(client, world, forms):
    """After markup was sent to every form, no page shows it raw, whoever looks."""
    for _name, path, role, fields in forms:
        sign_in_as(client, world, role)
        client.post(path, {field: MARKUP for field in fields})
    for route in MATRIX:
        if route.method != "GET" or route.api:
            continue
        for role in ("official", "staff", "anonymous"):
            sign_in_as(client, world, role)
            response = client.get(route.path(world))
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                page = response.content.decode(errors="replace")
                assert not any(raw in page for raw in UNESCAPED), f"{route.name} as {role} shows markup unescaped"


def nested(depth: int) -> str:
    # Built as text: the json module itself cannot encode what it cannot decode.
    return '{"a":[' * depth + '"x"' + "]}" * depth


@pytest.mark.parametrize("depth", [50, 5000])
def test_deeply_nested_json_never_gets_a_server_error_from_any_api_write(client, world, depth):
    """A 4xx, or, where every field is optional, the unknown key ignored: never a server error."""
    body = nested(depth)
    for route, role in API_WRITES:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {world.tokens[role]}"} if role != "anonymous" else {}
        response = client.generic(route.method, route.path(world), body, content_type="application/json", **headers)
        assert response.status_code < 500, f"{route.method} {route.name}: {response.status_code}"


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(cells=st.lists(st.lists(nasty_text, min_size=1, max_size=5), min_size=1, max_size=6),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_every_import_takes_any_table_without_a_server_error(client, world, cells, encoding):
    text = "\n".join(";".join(row) for row in cells)
    data = text.encode(encoding, errors="replace")
    reporter, staff = world.people["provider"], world.people["staff"]
    for user, path, api in ((reporter, f"/contracts/{world.contract.pk}/report/", False),
                            (reporter, f"/api/v1/contracts/{world.contract.pk}/measurements/upload?dry_run=true", True),
                            (staff, "/organisations/import/", False),
                            (staff, "/api/v1/organisations/import?dry_run=true", True)):
        client.force_login(user)
        form = {"file": SimpleUploadedFile("lista.csv", data)}
        if not api:
            form["action"] = "preview"
        response = client.post(path, form)
        assert response.status_code < 500, f"{path}: {response.status_code}"
        assert not any(raw in response.content.decode(errors="replace") for raw in UNESCAPED)


def exported_cells(response) -> list[str]:
    if response["Content-Type"].startswith("text/csv"):
        # The payroll CSV is for Finnish Excel: semicolons between cells.
        delimiter = ";" if "payroll" in response["Content-Disposition"] else ","
        return [cell for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=delimiter)
                for cell in row]
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    return [cell for row in sheet.iter_rows(values_only=True) for cell in row if isinstance(cell, str)]


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts=st.lists(st.sampled_from(FORMULA_STARTS).flatmap(lambda start: nasty_text.map(lambda t: start + t)),
                      min_size=3, max_size=3))
def test_no_cell_of_any_export_starts_a_formula(client, world, texts):
    """Every export: the survey results as CSV and XLSX (page and API) and the experts' payroll."""
    from coprocure.core import services as core_services
    from coprocure.participation import services as participation

    from ..participation.conftest import make_survey

    official = world.people["official"]
    # Staff texts go through forms, which refuse NUL before a service sees it; answers do not.
    titles = [text.replace("\x00", "") for text in texts]
    activity = participation.create_activity(official, world.public, {
        "kind": "survey", "phase": "preparation", "title": {"fi": {"text": titles[0], "origin": "human"}},
        "setting": "online"})
    survey = make_survey(official, activity, title={"fi": {"text": titles[1], "origin": "human"}})
    likert, text_question = survey.questions.get(kind="likert"), survey.questions.get(kind="text")
    for _ in range(6):  # enough answers for the texts to be shown above the suppression limit
        participation.submit_response(survey, {likert.key: 3, text_question.key: texts[2]})
    expert = world.people["expert"]
    expert.first_name = titles[0][:150]
    expert.save()
    if not world.public.roles.filter(user=expert, role="expert_by_experience").exists():
        core_services.assign_role(official, world.public, expert, "expert_by_experience")
    participation.record_contribution(official, activity, {"person": expert, "hours": Decimal(1), "fee": Decimal(10), "travel_cost": Decimal(0),
                                                           "work": titles[2][:300]})
    client.force_login(official)
    exports = [f"/surveys/{survey.pk}/results.csv", f"/surveys/{survey.pk}/results.xlsx",
               f"/api/v1/surveys/{survey.pk}/results.csv", f"/procurements/{world.public.pk}/participation/payroll.csv"]
    for path in exports:
        response = client.get(path)
        assert response.status_code == 200, path
        cells = exported_cells(response)
        assert cells and not [cell for cell in cells if cell.startswith(FORMULA_STARTS)], path
