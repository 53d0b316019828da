"""Plain words on public pages (issue 19 item 9): every figure of the evaluation, the outcomes and
the alliance settlement says in one sentence what it means, in the reader's language."""

import pytest

from ..permissions.test_matrix import World


@pytest.fixture
def world(reference_data):
    return World()


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_the_public_figures_say_what_they_mean(client, world):
    report = page(client, f"/en/procurements/{world.public.pk}/evaluation/")
    for sentence in ("How many times people answered a survey or came to an event.",
                     "Answering online does not count.",
                     "Of the things people told us, the share that became an objective of the procurement.",
                     "comes from criteria based on what people said.",
                     "the share that was taken up."):
        assert sentence in report
    assert "home visits, online" not in report
    assert "1 is the weakest and 5 the strongest" in page(client, "/en/evaluation/compare/")
    assert "−1 at or below the minimum, 0 at the target, +1 excellent" in page(
        client, f"/en/contracts/{world.contract.pk}/outcomes/")
    statement = page(client, f"/en/settlements/{world.settlement.pk}/").replace("&#x27;", "'")
    assert "−1 means at or below the minimum, 0 the target and +1 excellent" in statement
    assert "a positive score earns a bonus, a negative one a sanction" in statement


def test_the_same_explanations_in_finnish_and_swedish(client, world):
    assert "Verkossa vastaamista ei lasketa." in page(client, f"/procurements/{world.public.pk}/evaluation/")
    assert "Att svara på nätet räknas inte." in page(client, f"/sv/procurements/{world.public.pk}/evaluation/")
    assert "−1 betyder på eller under miniminivån" in page(client, f"/sv/settlements/{world.settlement.pk}/")


def test_the_you_said_we_did_page_has_natural_names(client, world):
    assert "<h1>Mitä palautteellenne tehtiin</h1>" in page(client, f"/procurements/{world.public.pk}/you-said-we-did/")
    assert "<h1>Vad vi gjorde med det ni sa</h1>" in page(client, f"/sv/procurements/{world.public.pk}/you-said-we-did/")
