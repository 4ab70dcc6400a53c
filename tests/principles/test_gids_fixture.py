"""The Gids as data: fixtures/gids.json against the source text, counted independently.

The counts here do not use principles.gids_source: they split the source text with
plain string tests ("Principe"/"Aandachtspunt" followed by "///", "Aanbeveling ///",
bullet "•" and indented "- " lines). Texts are compared after the documented noise
rules 1 and 2 (drop U+FFFD, no-break space to space, drop lines of at most five
characters not ending in ":" or ".") with all whitespace removed, so line breaks and
split words cannot hide a difference in the words themselves.
"""

import json
import re
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from principles.gids_source import parse_gids
from principles.models import Actor, Framework, Part, PracticalItem, Recommendation, Theme

SOURCE = Path(settings.BASE_DIR) / "fixtures" / "source" / "gids-2021.txt"
FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "gids.json"
CODES = [f"A{n}" for n in range(1, 15)] + [f"B{n}" for n in range(1, 16)]
ATTENTION_POINTS = {"A13", "A14", "B13", "B14", "B15"}

pytestmark = pytest.mark.django_db


@cache
def source_lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").splitlines()


@cache
def squashed_source() -> str:
    kept = []
    for line in source_lines():
        line = line.replace("\ufffd", "").replace("\xa0", " ")
        stripped = line.strip()
        if 0 < len(stripped) <= 5 and not stripped.endswith((":", ".")):
            continue
        kept.append(line)
    return squash("\n".join(kept))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@cache
def source_counts() -> dict[str, list[tuple[int, int]]]:
    """Per theme code: for each "Aanbeveling ///", (bullets "•", indented "-" sub-bullets)."""
    lines = source_lines()
    markers = [
        i
        for i in range(len(lines) - 1)
        if lines[i].strip() in ("Principe", "Aandachtspunt") and lines[i + 1].startswith("///")
    ]
    assert len(markers) == 29
    counts: dict[str, list[tuple[int, int]]] = {}
    for index, start in enumerate(markers):
        end = markers[index + 1] if index + 1 < len(markers) else len(lines)
        recs: list[list[int]] = []
        for line in lines[start:end]:
            if line.strip().startswith("Aanbeveling ///"):
                recs.append([0, 0])
            elif line.strip().startswith("•") and recs:
                recs[-1][0] += 1
            elif re.match(r"^\s+-\s", line) and recs:
                recs[-1][1] += 1
        counts[CODES[index]] = [(top, sub) for top, sub in recs]
    return counts


def test_twenty_nine_themes_with_codes_numbers_and_kinds(gids):
    themes = list(Theme.objects.filter(part__framework=gids).order_by("number"))
    assert [t.code for t in themes] == CODES
    assert [t.number for t in themes] == list(range(1, 30))
    assert {t.code for t in themes if t.kind == "aandachtspunt"} == ATTENTION_POINTS
    assert all(t.part.code == t.code[0] for t in themes)


def test_framework_and_parts(gids):
    assert (gids.slug, gids.title, gids.version, gids.year) == (
        "gids-2021",
        "De Gids voor Regionale Samenwerking",
        "1.0",
        2021,
    )
    assert gids.publisher == "KokxDeVoogd en Dirkzwager legal & tax"
    assert Framework.objects.get(is_current=True) == gids
    parts = {p.code: p for p in Part.objects.filter(framework=gids)}
    assert parts["A"].title == "Samenwerking op basis van de Wet gemeenschappelijke regelingen"
    assert parts["B"].title == "Netwerksamenwerking"
    assert parts["A"].introduction.startswith("Deel A van de Gids is geschreven")
    assert parts["B"].introduction.startswith("Bij netwerksamenwerking is co-creatie")


@pytest.mark.parametrize("code", CODES)
def test_recommendations_and_practical_items_per_theme_match_the_source(gids, code):
    recs = list(
        Recommendation.objects.filter(theme__part__framework=gids, theme__code=code).order_by(
            "number"
        )
    )
    expected = source_counts()[code]
    assert len(recs) == len(expected)
    for rec, (bullets, sub_bullets) in zip(recs, expected, strict=True):
        items = PracticalItem.objects.filter(recommendation=rec)
        assert items.filter(parent__isnull=True).count() == bullets, rec.code
        assert items.filter(parent__isnull=False).count() == sub_bullets, rec.code


def test_every_text_occurs_in_the_source(gids):
    source = squashed_source()
    texts = []
    for theme in Theme.objects.filter(part__framework=gids):
        texts += [theme.title, theme.statement, theme.introduction]
    for rec in Recommendation.objects.filter(theme__part__framework=gids):
        texts += [rec.text, rec.lead_in]
    texts += list(
        PracticalItem.objects.filter(recommendation__theme__part__framework=gids).values_list(
            "text", flat=True
        )
    )
    for part in Part.objects.filter(framework=gids):
        texts += [part.title, *part.introduction.split("\n\n")]
    for actor in Actor.objects.filter(framework=gids):
        texts += [actor.name, *actor.responsibilities.splitlines()]
    missing = [t for t in texts if t and squash(t) not in source]
    assert missing == []


def test_texts_are_clean_of_pdf_noise(gids):
    values = list(
        PracticalItem.objects.filter(recommendation__theme__part__framework=gids).values_list(
            "text", flat=True
        )
    )
    for rec in Recommendation.objects.filter(theme__part__framework=gids):
        values += [rec.text, rec.lead_in]
    for theme in Theme.objects.filter(part__framework=gids):
        values += [theme.title, theme.statement]
    for value in values:
        assert "\ufffd" not in value and "\xa0" not in value
        assert value == " ".join(value.split()), value
        assert not re.search(r"\b(dAh4|dBhi|p1>12)\b", value), value
        assert not value.startswith(("•", "- ", "///")), value


def test_split_words_are_joined_and_titles_keep_their_spaces(gids):
    a1 = Theme.objects.get(part__framework=gids, code="A1")
    assert a1.title == "Gezamenlijke regionale uitvoering in plaats van zelfstandige uitvoering"
    assert a1.statement.startswith(
        "Door samenwerking kunnen maatschappelijke of uitvoeringsvraagstukken waarvoor"
    )
    assert "De overheidsorganisaties staan" in a1.statement
    b15 = Theme.objects.get(part__framework=gids, code="B15")
    assert b15.title == "Bijzonderheden bij ketensamenwerking, voorbeeld sociale veiligheid"
    item = PracticalItem.objects.get(recommendation__theme__part__framework=gids, code="A8.1-1.1")
    assert (
        item.text == "Constitueren: gezamenlijke uitgangspunten, standaardiseren van GR-bepalingen"
    )


def test_words_glued_by_the_pdf_extraction_are_mended():
    # The source text keeps the glued words as extracted; the parser mends them (rule 5).
    text = SOURCE.read_text(encoding="utf-8")
    assert "enrolvastheid" in text and "opzijn" in text
    gids = parse_gids(text)
    a13 = next(theme for theme in gids.themes if theme.code == "A13")
    a13_1 = next(rec for rec in a13.recommendations if rec.code == "A13.1")
    texts = " ".join(item.text for item in a13_1.items)
    assert "rolduidelijkheid en rolvastheid" in texts
    assert "op zijn eigen merites" in texts
    assert "enrolvastheid" not in texts and "opzijn" not in texts


def test_practical_items_nest_one_level_with_codes(gids):
    items = PracticalItem.objects.filter(recommendation__theme__part__framework=gids)
    for item in items.select_related("parent", "recommendation"):
        if item.parent is None:
            assert re.fullmatch(re.escape(item.recommendation.code) + r"-\d+", item.code)
        else:
            assert item.parent.parent_id is None
            assert item.code.startswith(item.parent.code + ".")
    a1 = PracticalItem.objects.get(recommendation__code="A1.1", code="A1.1-2")
    assert a1.text == "De verantwoordelijkheid houdt in:"
    assert [c.code for c in a1.children.order_by("order")] == [f"A1.1-2.{n}" for n in range(1, 9)]


def test_lead_in_holds_the_text_before_the_bullets(gids):
    rec = Recommendation.objects.get(theme__part__framework=gids, code="A8.4")
    assert rec.lead_in == "De burgemeesters maken afspraken over:"
    assert Recommendation.objects.get(code="A1.1").lead_in == ""


def test_part_b_references_to_part_a(gids):
    refs = dict(
        Recommendation.objects.filter(
            theme__part__framework=gids, refers_to__isnull=False
        ).values_list("code", "refers_to__code")
    )
    assert refs == {
        "B6.1": "A6",
        "B7.1": "A7",
        "B8.1": "A8",
        "B9.1": "A9",
        "B10.1": "A10",
        "B11.2": "A11",
        "B12.1": "A12",
    }
    for code, target in refs.items():
        assert f"Zie deel A, hoofdstuk {target[1:]}" in Recommendation.objects.get(code=code).text


def test_known_slips_are_kept_and_noted(gids):
    themes = {t.code: t for t in Theme.objects.filter(part__framework=gids)}
    assert themes["B11"].statement == themes["B10"].statement
    assert themes["B11"].note and "B10" in themes["B11"].note
    assert themes["B9"].title == themes["B8"].title
    assert themes["B9"].note and "financi" in themes["B9"].note
    recs = {r.code: r for r in Recommendation.objects.filter(theme__part__framework=gids)}
    assert recs["A4.5"].text == recs["A4.6"].text
    assert "integriteit" in recs["A4.6"].note
    assert recs["A7.7"].text == recs["A8.6"].text
    assert "A8.6" in recs["A7.7"].note and "A7.7" in recs["A8.6"].note
    part_b = Part.objects.get(framework=gids, code="B")
    assert "eerste negen thema’s (15 t/m 26)" in part_b.introduction
    assert "15 t/m 26" in part_b.note


def test_actors_of_wie_doet_wat(gids):
    actors = list(Actor.objects.filter(framework=gids).order_by("order"))
    assert len(actors) == 12
    assert actors[0].name == (
        "Het politieke orgaan (Gemeenteraad, Provinciale Staten, AB waterschap)"
    )
    assert all(actor.responsibilities for actor in actors)
    griffier = Actor.objects.get(framework=gids, code="griffier")
    assert len(griffier.responsibilities.splitlines()) == 4
    voorzitter = Recommendation.objects.get(code="A5.3").actors.get()
    assert voorzitter.code == "voorzitter"


def test_fixture_uses_natural_keys_only_and_is_up_to_date():
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert rows and all("pk" not in row for row in rows)
    # Raises CommandError when fixtures/gids.json differs from what the parser makes now.
    call_command("build_gids_fixture", "--check", verbosity=0)
