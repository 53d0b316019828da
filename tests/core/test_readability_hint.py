from .. import factories

HARD = ("Palvelukokonaisuuden vaikuttavuusperusteinen kehittämissuunnitelma edellyttää monialaisen "
        "yhteistyöverkoston pitkäjänteistä sitoutumista asiakaslähtöisyysperiaatteiden johdonmukaiseen "
        "toteuttamiseen kaikissa palveluprosessin vaiheissa sekä jatkuvaa laadunseurantaa.")


def test_edit_form_shows_how_plain_the_summary_is(client, official):
    procurement = factories.create_procurement(official, summary=factories.text("Ostamme apua kotiin. Kerro, mitä tarvitset."))
    client.force_login(official)
    body = client.get(f"/procurements/{procurement.pk}/edit/").content.decode()
    assert 'id="id_summary_0_readability"' in body
    assert "Helppolukuinen." in body


def test_hint_follows_what_the_author_types(client, official):
    client.force_login(official)
    response = client.post("/readability/", {"field": "summary_fi", "language": "fi", "summary_fi": HARD,
                                              "target": "id_summary_0_readability"})
    body = response.content.decode()
    assert 'id="id_summary_0_readability"' in body
    assert "Lyhennä virkkeitä" in body and "Paljon pitkiä sanoja" in body


def test_hint_needs_sign_in(client, db):
    assert client.post("/readability/", {"field": "x", "language": "fi"}).status_code == 302


def test_hint_refuses_a_foreign_target(client, official):
    client.force_login(official)
    response = client.post("/readability/", {"field": "x", "language": "fi", "target": '"><script>'})
    assert response.status_code == 400


def test_a_hard_swedish_text_is_never_called_easy(client, official):
    """Short sentences of long words passed both old limits: LIX above 100 was called easy."""
    client.force_login(official)
    text = ("Upphandlingen förutsätter kontinuerlig utveckling, uppföljning, utvärdering, "
            "dokumentation, rapportering, samordning, finansiering, organisering och delaktighet.")
    response = client.post("/sv/readability/", {"field": "summary_sv", "language": "sv", "summary_sv": text,
                                                 "target": "id_summary_1_readability"})
    body = response.content.decode()
    assert "LIX över 40" in body
    assert "Lätt att läsa" not in body
