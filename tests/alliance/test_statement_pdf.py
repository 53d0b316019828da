"""The settlement statement as a PDF for the steering group, read back with pdftotext, and the
KRA level chart on the statement page."""

import subprocess
from decimal import ROUND_HALF_UP, Decimal


from ..contracts.conftest import to_contract_phase
from .conftest import settled_alliance


def pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True,
                          check=True).stdout.decode()


def finnish(number: str) -> str:
    return number.replace(".", ",")


def money(number: str) -> str:
    """A euro figure as a Finnish reader sees it: two decimals after a comma, thousands grouped by spaces."""
    amount = Decimal(number).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, cents = f"{abs(amount):.2f}".split(".")
    grouped = f"{int(whole):,}".replace(",", " ")
    return f"{'-' if amount < 0 else ''}{grouped},{cents}"


def test_the_approved_statement_pdf_has_every_figure_the_levels_the_costs_and_the_approval(client, official, procurement):
    official.first_name, official.last_name = "Liisa", "Nieminen"
    official.save()
    contract, settled, _open = settled_alliance(official, to_contract_phase(official, procurement))
    document = settled.statements.get().document
    text = pdf_text(client.get(f"/settlements/{settled.pk}/statement.pdf")).replace("\xa0", " ")
    assert "Tilityslaskelma 2025-q1" in text and "Asumisen tuen allianssi" in text
    # Money as money: two decimals, Finnish grouping, never the fifty-digit exact figure.
    for figure in ("actual_cost", "fee", "deviation", "target_cost_incentive", "kra_incentive", "downside", "payment"):
        assert f"{money(document[figure])} €" in text, figure
    assert document["payment_exact"] not in text and finnish(document["payment_exact"]) not in text
    kra = document["kras"][0]
    assert finnish(kra["value"]) in text and finnish(kra["level"]) in text
    # The level chart's scale marks and row labels are drawn as text.
    assert "vähimmäistaso −1" in text and "tavoite 0" in text and "erinomainen +1" in text
    assert "1. Asumisen pysyvyys" in text
    assert "Henkilöstö" in text and "Vastaa kirjanpitoa." in text  # the approved cost line behind AC
    assert "Hyväksynyt Liisa Nieminen" in text and "Luvut on lukittu" in text
    for share in document["shares"]:
        assert f"{money(share['amount'])} €" in text


def test_a_draft_pdf_says_it_is_a_draft_and_follows_the_language(client, official, procurement):
    _contract, _settled, open_period = settled_alliance(official, to_contract_phase(official, procurement))
    assert "Luonnos" in pdf_text(client.get(f"/settlements/{open_period.pk}/statement.pdf"))
    english = pdf_text(client.get(f"/en/settlements/{open_period.pk}/statement.pdf"))
    assert "Settlement statement 2025-q2" in english and "Not approved yet" in english


def test_the_pdf_of_a_hidden_procurement_is_not_found(client, official, procurement):
    _contract, settled, _open = settled_alliance(official, to_contract_phase(official, procurement))
    procurement.is_public = False
    procurement.save()
    assert client.get(f"/settlements/{settled.pk}/statement.pdf").status_code == 404


def test_the_statement_page_draws_each_kra_level_with_a_title_a_description_and_the_table(client, official, procurement):
    _contract, settled, _open = settled_alliance(official, to_contract_phase(official, procurement))
    page = client.get(f"/settlements/{settled.pk}/")
    html = page.content.decode()
    assert '<svg class="chart"' in html and "<title" in html and "<desc" in html
    assert "1. Asumisen pysyvyys" in html
    bar = page.context["chart"].bars[0]
    # 86 between the target 80 and excellent 90: level +0.6, right of the target mark.
    assert bar.level == Decimal("0.6") and bar.x > page.context["chart"].marks[1].x
    assert f'href="/settlements/{settled.pk}/statement.pdf"' in html
