"""`python manage.py export_round ID --json` (DESIGN.md contract), matching the pages."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from assessments.constants import Perspective
from assessments.rounds.selectors import round_side_by_side
from assessments.scores import round_score
from tests.factories import make_assessment, make_partnership, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(gids):
    partnership = make_partnership("Regio Rivierenland", participants=["Gemeente Aalstad"])
    round_ = make_round(partnership, period="2026")
    make_assessment(
        round_,
        organisation="Gemeente Aalstad",
        submitted=True,
        answers={"A1.1": 4, "A1.2": "nvt", "A2.1": 1},
    )
    make_assessment(
        round_,
        perspective=Perspective.DB,
        submitted=True,
        answers={"A1.1": 1, "A1.2": "weet_niet", "A2.1": 2},
    )
    make_assessment(round_, perspective=Perspective.DIRECTEUR, answers={"A1.1": 0})  # draft
    return round_


def _export(pk: int) -> dict:
    out = io.StringIO()
    call_command("export_round", str(pk), "--json", stdout=out)
    return json.loads(out.getvalue())


def test_export_round_follows_the_contract(round_):
    data = _export(round_.pk)
    assert set(data) == {
        "id",
        "partnership",
        "period",
        "assessments",
        "items",
        "themes",
        "overall_pct",
    }
    submitted = sorted(round_.assessments.filter(status="submitted").values_list("pk", flat=True))
    assert (data["id"], data["partnership"], data["period"]) == (
        round_.pk,
        "Regio Rivierenland",
        "2026",
    )
    assert data["assessments"] == submitted  # the draft is left out
    items = {i["id"]: i for i in data["items"]}
    assert all(
        set(i) == {"id", "n", "mean", "min", "max", "spread", "divergent"} for i in data["items"]
    )
    assert items["A1.1"] == {
        "id": "A1.1",
        "n": 2,
        "mean": 2.5,
        "min": 1,
        "max": 4,
        "spread": 3,
        "divergent": True,
    }
    assert items["A1.2"] == {
        "id": "A1.2",
        "n": 0,
        "mean": None,
        "min": None,
        "max": None,
        "spread": None,
        "divergent": False,
    }
    assert items["A2.1"] == {
        "id": "A2.1",
        "n": 2,
        "mean": 1.5,
        "min": 1,
        "max": 2,
        "spread": 1,
        "divergent": False,
    }
    themes = {t["code"]: t["score_pct"] for t in data["themes"]}
    assert all(set(t) == {"code", "score_pct"} for t in data["themes"])
    assert themes["A1"] == 62.5 and themes["A2"] == 37.5  # 2.5 / 4 and 1.5 / 4
    assert data["overall_pct"] == 50.0


def test_export_matches_selector_and_page(round_, client):
    data = _export(round_.pk)
    score = round_score(round_)
    assert [i["id"] for i in data["items"]] == [s.id for s in score.items]
    assert data["overall_pct"] == score.overall_pct
    view = round_side_by_side(round_)
    page_items = {row.code: row.stats for block in view.themes for row in block.items}
    for item in data["items"]:
        stats = page_items[item["id"]]
        assert (
            item["n"],
            item["mean"],
            item["min"],
            item["max"],
            item["spread"],
            item["divergent"],
        ) == (stats.n, stats.mean, stats.min, stats.max, stats.spread, stats.divergent)
    assert {t["code"]: t["score_pct"] for t in data["themes"]} == {
        b.code: b.score_pct for b in view.themes
    }


def test_export_round_text_and_errors(round_):
    out = io.StringIO()
    call_command("export_round", str(round_.pk), stdout=out)
    text = out.getvalue()
    assert "Regio Rivierenland" in text and "2 ingediende" in text
    assert "Verschillen van inzicht" in text and "A1.1" in text
    with pytest.raises(CommandError, match="Ronde 999999 bestaat niet."):
        call_command("export_round", "999999", "--json")
