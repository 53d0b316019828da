def test_the_sign_in_page_is_titled_with_the_product_not_the_server(client, db):
    for prefix, signin in (("", "Kirjaudu"), ("/sv", "Logga in"), ("/en", "Sign in")):
        body = client.get(f"{prefix}/signin/", HTTP_HOST="testserver").content.decode()
        title = body.split("<title>", 1)[1].split("</title>", 1)[0]
        assert title.startswith(signin) and title.endswith("CoProcure"), title
        assert "testserver" not in title
