"""manage.py load_gids: loads or updates the Gids, idempotent, never deletes anything."""

import io
import json

import pytest
from django.core.management import call_command

from assessments.models import Answer
from principles.loading import GIDS_FIXTURE
from principles.models import Actor, Framework, Part, PracticalItem, Recommendation, Theme
from tests.factories import make_assessment, make_partnership, make_round

pytestmark = pytest.mark.django_db

MODELS = (Part, Theme, Actor, Recommendation, PracticalItem)


def snapshot() -> dict[str, list[tuple[object, ...]]]:
    return {
        model.__name__: sorted(
            model.objects.values_list(*[f.attname for f in model._meta.concrete_fields])
        )
        for model in MODELS
    }


def run(*args: str, verbosity: int = 1) -> str:
    out = io.StringIO()
    call_command("load_gids", *args, verbosity=verbosity, stdout=out)
    return out.getvalue()


def test_loading_again_changes_nothing(gids):
    before = snapshot()
    output = run()
    assert snapshot() == before
    assert Theme.objects.count() == 29
    assert "29 thema's" in output
    assert "Nieuw: 0, gewijzigd: 0" in output


def test_loading_twice_restores_edited_text_on_the_same_row(gids):
    rec = Recommendation.objects.get(code="A7.1")
    original = rec.text
    Recommendation.objects.filter(pk=rec.pk).update(text="Aangepast")
    item = PracticalItem.objects.get(code="A7.1-1")
    PracticalItem.objects.filter(pk=item.pk).update(text="Weg")
    count = Recommendation.objects.count()

    output = run()

    rec.refresh_from_db()
    item.refresh_from_db()
    assert rec.text == original
    assert item.text.startswith("De raad kent het doel")
    assert Recommendation.objects.count() == count
    assert "gewijzigd: 2" in output


def test_updated_fixture_updates_rows_without_duplicates(gids, tmp_path):
    rows = json.loads(GIDS_FIXTURE.read_text(encoding="utf-8"))
    for row in rows:
        if row["model"] == "principles.theme" and row["fields"]["code"] == "A2":
            row["fields"]["title"] = "Doel en publieke waarden (herzien)"
    changed = tmp_path / "gids.json"
    changed.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    pk = Theme.objects.get(code="A2").pk
    counts = {model: model.objects.count() for model in MODELS}

    run("--fixture", str(changed))

    assert Theme.objects.get(pk=pk).title == "Doel en publieke waarden (herzien)"
    assert {model: model.objects.count() for model in MODELS} == counts


def test_answers_and_rows_outside_the_fixture_survive(gids):
    partnership = make_partnership()
    assessment = make_assessment(
        make_round(partnership, framework=gids),
        organisation=partnership.participations.first().organisation,
        answers={"A1.1": 3, "A5.7": "nvt"},
    )
    extra = PracticalItem.objects.create(
        recommendation=Recommendation.objects.get(code="A1.1"),
        code="A1.1-99",
        order=99,
        text="Een extra punt dat niet in de Gids staat.",
    )

    output = run()

    assert Answer.objects.filter(assessment=assessment).count() == 2
    assert Answer.objects.get(assessment=assessment, recommendation__code="A1.1").score == 3
    assert PracticalItem.objects.filter(pk=extra.pk).exists()
    assert "1 onderdeel staat niet in de fixture" in output


def test_verbosity_zero_prints_nothing(gids):
    assert run(verbosity=0) == ""


def test_missing_fixture_gives_a_dutch_error(gids, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="bestaat niet"):
        run("--fixture", str(tmp_path / "geen.json"))


def test_loading_makes_the_gids_the_current_framework(gids):
    Framework.objects.filter(pk=gids.pk).update(is_current=False)
    other = Framework.objects.create(
        slug="proef", title="Proefkader", version="0", year=2020, is_current=True
    )

    run(verbosity=0)

    assert Framework.objects.get(is_current=True).pk == gids.pk
    other.refresh_from_db()
    assert other.is_current is False
