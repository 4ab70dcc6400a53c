"""Our plain-Dutch questions (fixtures/gids-vragen.json) and who each recommendation addresses."""

import io
import json

import pytest
from django.core.management import call_command

from principles.gids_source import ACTOR_HEADINGS, RECOMMENDATION_ACTORS
from principles.loading import GIDS_FIXTURE, QUESTIONS_FIXTURE
from principles.models import Question, Recommendation
from principles.selectors import question_texts

pytestmark = pytest.mark.django_db

ACTOR_CODES = {code for code, _heading in ACTOR_HEADINGS}


def test_every_recommendation_has_one_short_plain_question(gids):
    recs = Recommendation.objects.filter(theme__part__framework=gids)
    assert recs.count() == 103
    texts = question_texts(framework_id=gids.pk)
    assert set(texts) == {r.code for r in recs}
    for code, text in texts.items():
        assert text.strip() == text and text, code
        assert text.endswith("?"), code
        assert len(text) <= 200, code
        assert "mutatis mutandis" not in text and "governance" not in text.lower(), code
    assert texts["A2.4"] == (
        "Weet de raad wat het samenwerkingsverband minimaal voor alle gemeenten moet doen, "
        "en wat een gemeente apart kan afnemen?"
    )


def test_part_b_texts_that_refer_to_part_a_also_have_a_question(gids):
    referring = Recommendation.objects.filter(
        theme__part__framework=gids, refers_to__isnull=False
    ).values_list("code", flat=True)
    assert set(referring) == {"B6.1", "B7.1", "B8.1", "B9.1", "B10.1", "B11.2", "B12.1"}
    assert Question.objects.filter(recommendation__code__in=referring).count() == 7


def test_the_questions_fixture_uses_natural_keys_in_gids_order():
    rows = json.loads(QUESTIONS_FIXTURE.read_text(encoding="utf-8"))
    gids_rows = json.loads(GIDS_FIXTURE.read_text(encoding="utf-8"))
    order = [r["fields"]["code"] for r in gids_rows if r["model"] == "principles.recommendation"]
    assert all("pk" not in row and row["model"] == "principles.question" for row in rows)
    assert [row["fields"]["recommendation"] for row in rows] == [["gids-2021", c] for c in order]
    raw = QUESTIONS_FIXTURE.read_text(encoding="utf-8")
    assert "\\u00" not in raw and "ë" in raw  # UTF-8, not escaped


def test_loading_twice_keeps_one_question_per_recommendation(gids):
    before = sorted(Question.objects.values_list("recommendation__code", "text"))
    out = io.StringIO()
    call_command("load_gids", stdout=out)
    call_command("load_gids", stdout=out)
    assert sorted(Question.objects.values_list("recommendation__code", "text")) == before
    assert Question.objects.count() == 103
    assert "Nieuw: 0, gewijzigd: 0" in out.getvalue()


def test_every_recommendation_addresses_known_actors(gids):
    for rec in Recommendation.objects.filter(theme__part__framework=gids).prefetch_related(
        "actors"
    ):
        codes = [a.code for a in rec.actors.all()]
        assert codes, f"{rec.code} has no actor"
        assert set(codes) <= ACTOR_CODES, rec.code
        assert set(codes) == set(RECOMMENDATION_ACTORS[rec.code]), rec.code


def test_the_texts_that_name_their_actor_keep_it():
    # The grammatical subject of the recommendation's own text.
    named = {
        "A5.3": ("voorzitter",),
        "A5.7": ("dagelijks-bestuur",),
        "A7.1": ("politiek-orgaan",),
        "A7.4": ("college", "ambtenaar"),
        "A7.5": ("griffier",),
        "A7.6": ("griffier",),
        "A8.3": ("college",),
        "A12.2": ("algemeen-bestuur",),
        "B5.2": ("voorzitter",),
    }
    for code, actors in named.items():
        assert RECOMMENDATION_ACTORS[code] == actors, code
