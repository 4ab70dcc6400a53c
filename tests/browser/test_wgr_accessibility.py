"""The Wgr check's pages pass axe at desktop and phone width, and the form works from the
keyboard: Tab into a radio group, arrow to another answer, submit with Enter."""

import pytest

from partnerships.models import Partnership, WgrClause

from .conftest import force_login, format_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_the_wgr_pages_are_accessible(page, context, live_server, axe, problems, demo, width):
    page.set_viewport_size({"width": width, "height": 900})
    force_login(context, live_server, demo.user("beheerder"))
    gr = Partnership.objects.get(name="Belastingsamenwerking Zuidland")
    failures = []
    for url in (
        f"/samenwerkingsverbanden/{gr.pk}/wgr/",
        f"/samenwerkingsverbanden/{gr.pk}/",
        "/dashboard/",
        f"/samenwerkingsverbanden/{gr.pk}/dashboard/",
    ):
        page.goto(url)
        violations = axe()
        if violations:
            failures.append(f"{url}:\n{format_violations(violations)}")
    assert not failures, "\n".join(failures)
    assert not problems.page_errors


def test_the_wgr_form_works_from_the_keyboard(page, context, live_server, demo):
    force_login(context, live_server, demo.user("beheerder"))
    gr = Partnership.objects.get(name="Belastingsamenwerking Zuidland")
    page.goto(f"/samenwerkingsverbanden/{gr.pk}/wgr/")
    uittreding_nee = page.locator("input[name='uittreding-status'][value='nee']")
    uittreding_nee.focus()
    page.keyboard.press("ArrowRight")  # to "onbekend"
    page.keyboard.press("ArrowLeft")  # back to "nee"
    page.keyboard.press("ArrowLeft")  # to "ja"
    article = page.get_by_role("group", name="Voorwaarden en gevolgen van uittreding").get_by_label(
        "Artikel van de regeling"
    )
    article.fill("art. 9 lid 2")
    article.press("Enter")
    page.wait_for_load_state()
    assert page.url.endswith(f"/samenwerkingsverbanden/{gr.pk}/#wgr")
    row = WgrClause.objects.get(partnership=gr, code="uittreding")
    assert (row.status, row.article) == ("ja", "art. 9 lid 2")
