"""The public Gids pages: /gids/, /gids/<code>/ and /gids/zoeken/."""

import re

import pytest

from principles.models import Recommendation, Theme

pytestmark = pytest.mark.django_db


def test_index_lists_both_parts_and_all_themes_without_login(client, gids):
    response = client.get("/gids/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deel A: Samenwerking op basis van de Wet gemeenschappelijke regelingen" in html
    assert "Deel B: Netwerksamenwerking" in html
    for theme in Theme.objects.filter(part__framework=gids):
        assert f'href="/gids/{theme.code}/"' in html
        assert theme.title in html
    assert "Wie doet wat bij samenwerking?" in html


def test_theme_page_reads_as_a_document(client, gids):
    response = client.get("/gids/A7/")
    assert response.status_code == 200
    html = response.content.decode()
    theme = Theme.objects.get(code="A7")
    assert "<h1>A7. Het politieke orgaan in positie bij samenwerking</h1>" in html
    assert theme.statement in html
    recs = Recommendation.objects.filter(theme=theme).order_by("number")
    assert recs.count() == 10
    for rec in recs:
        assert f'id="{rec.anchor}"' in html
    assert "De griffier draagt zorg voor de lokale ondersteuning van raadsleden" in html
    assert "<details>" in html and "Praktische uitwerking (16 punten)" in html
    assert "De griffier bewaakt een juiste rolvervulling door de raad." in html
    assert 'href="/gids/A6/" rel="prev"' in html
    assert 'href="/gids/A8/" rel="next"' in html
    assert "Vrijwel gelijk aan A8.6" in html
    assert 'href="/gids/B7/#aanbeveling-B7-1"' in html  # Part B points here


def test_part_b_reference_links_to_the_part_a_chapter(client, gids):
    html = client.get("/gids/B9/").content.decode()
    assert 'href="/gids/A9/"' in html
    assert "Lees deel A, hoofdstuk 9: Financiële spelregels voor samenwerking" in html
    assert "Opmerking bij de bron" in html  # B9's title repeats B8's


def test_first_and_last_theme_have_one_neighbour(client, gids):
    first = client.get("/gids/A1/").content.decode()
    assert 'rel="prev"' not in first and 'href="/gids/A2/" rel="next"' in first
    last = client.get("/gids/B15/").content.decode()
    assert 'href="/gids/B14/" rel="prev"' in last and 'rel="next"' not in last


def test_lowercase_code_redirects_and_unknown_code_is_404(client, gids):
    response = client.get("/gids/a7/")
    assert response.status_code == 302 and response["Location"] == "/gids/A7/"
    assert client.get("/gids/C1/").status_code == 404


def test_theme_page_runs_a_constant_number_of_queries(client, gids, django_assert_max_num_queries):
    client.get("/gids/A1/")  # warm up
    with django_assert_max_num_queries(10) as small:
        client.get("/gids/A13/")  # 2 recommendations, 9 practical items
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/gids/A5/")  # 11 recommendations, 66 practical items


def test_search_finds_recommendations_and_practical_items(client, gids):
    response = client.get("/gids/zoeken/", {"q": "regiogriffier"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 aanbevelingen gevonden" in html
    assert 'href="/gids/A7/#aanbeveling-A7-7"' in html
    assert 'href="/gids/A8/#aanbeveling-A8-6"' in html
    assert "<mark>regiogriffier</mark>" in html


def test_search_in_recommendation_text_is_case_insensitive(client, gids):
    html = client.get("/gids/zoeken/", {"q": "DAGELIJKS BESTUUR treedt"}).content.decode()
    assert "1 aanbeveling gevonden" in html
    assert "<mark>dagelijks bestuur treedt</mark>" in html


def test_search_ignores_accents_in_the_query_and_in_the_gids(client, gids):
    """Nobody types the diaeresis: "financiele" finds "Financiële", on every database."""
    plain = client.get("/gids/zoeken/", {"q": "financiele"}).content.decode()
    accented = client.get("/gids/zoeken/", {"q": "FINANCIËLE"}).content.decode()
    assert "<mark>financiële</mark>" in plain or "<mark>Financiële</mark>" in plain
    assert "gevonden" in plain and "Geen aanbevelingen gevonden" not in plain
    assert plain.count("<mark>") == accented.count("<mark>") > 0


def test_highlight_marks_the_original_text_whatever_the_folding():
    from principles.selectors import highlight

    segments = highlight("De financiële afspraken, Financiële kaders.", "financiele")
    assert [s.text for s in segments if s.is_match] == ["financiële", "Financiële"]
    assert "".join(s.text for s in segments) == "De financiële afspraken, Financiële kaders."
    assert [s.text for s in highlight("Straße und STRASSE", "strasse") if s.is_match] == [
        "Straße",
        "STRASSE",
    ]


def test_search_explains_short_and_empty_queries(client, gids):
    assert "Typ minstens 3 tekens" in client.get("/gids/zoeken/", {"q": "ab"}).content.decode()
    html = client.get("/gids/zoeken/", {"q": "xyzzy"}).content.decode()
    assert "Geen aanbevelingen gevonden" in html


def test_pages_have_no_inline_styles_or_scripts(client, gids):
    for url in ("/gids/", "/gids/A7/", "/gids/zoeken/?q=contramal"):
        html = client.get(url).content.decode()
        assert "style=" not in html
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


def test_admin_shows_the_gids_read_only(admin_client, gids):
    rec = Recommendation.objects.get(code="A5.7")
    assert admin_client.get("/beheer/principles/recommendation/").status_code == 200
    detail = admin_client.get(f"/beheer/principles/recommendation/{rec.pk}/change/")
    assert detail.status_code == 200
    assert rec.text in detail.content.decode()
    assert admin_client.get("/beheer/principles/recommendation/add/").status_code == 403
    response = admin_client.post(
        f"/beheer/principles/recommendation/{rec.pk}/change/", {"text": "Gewijzigd"}
    )
    assert response.status_code == 403
    rec.refresh_from_db()
    assert rec.text != "Gewijzigd"


def test_the_footer_states_the_licence_without_claiming_permission(client, gids):
    """The colophon allows non-commercial use without explicit permission; we were given
    none, so the page must not say so."""
    html = client.get("/gids/").content.decode()
    assert "De Gids mag voor niet-commerciële doelen vrij" in html
    assert "overgenomen met toestemming" not in html
