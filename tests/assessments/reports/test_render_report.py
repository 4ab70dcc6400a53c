"""`render_report ID OUT.pdf [--round]` writes the same PDF the web page serves, all or
nothing; `benchmark_report` measures the largest round, or says clearly there is none."""

import io
from pathlib import Path

import pypdf
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from assessments.models import AssessmentRound
from partnerships.constants import Role
from tests.assessments.reports.test_report_html import make_report_scenario
from tests.factories import make_partnership, make_user


@pytest.fixture
def scenario(db):
    return make_report_scenario()


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("render_report", *args, stdout=out)
    return out.getvalue()


def _reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".part"))


def test_round_report_file_is_the_pdf_the_web_serves(client, scenario, tmp_path):
    out = tmp_path / "raadsrapport.pdf"
    message = _run(str(scenario.round.pk), str(out), "--round")
    assert "Raadsrapport Bedrijfsvoering Regio Test 2026" in message and str(out) in message
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    web = client.get(reverse("assessments:round_report_pdf", args=[scenario.round.pk])).content
    # Same day, same data: the same document. (Not byte for byte: WeasyPrint's PDF/UA tags
    # carry Python object ids for table headers.)
    from_file, from_web = _reader(out.read_bytes()), _reader(web)
    assert len(from_file.pages) == len(from_web.pages)
    assert [p.extract_text() for p in from_file.pages] == [p.extract_text() for p in from_web.pages]
    assert from_file.metadata == from_web.metadata
    assert _leftovers(tmp_path) == []


def test_assessment_report_file(scenario, tmp_path):
    out = tmp_path / "zelfevaluatie.pdf"
    _run(str(scenario.aalstad.pk), str(out))
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    reader = _reader(data)
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert reader.metadata.title.startswith("Zelfevaluatie Bedrijfsvoering Regio Test 2026")


def test_unknown_id_is_a_clear_dutch_error_and_writes_nothing(scenario, tmp_path):
    out = tmp_path / "x.pdf"
    with pytest.raises(CommandError, match="Ronde 999999 bestaat niet"):
        _run("999999", str(out), "--round")
    with pytest.raises(CommandError, match="Zelfevaluatie 999999 bestaat niet"):
        _run("999999", str(out))
    with pytest.raises(CommandError, match="bestaat niet"):
        _run(str(scenario.aalstad.pk), str(tmp_path / "geen-map" / "x.pdf"))
    assert list(tmp_path.iterdir()) == []


def test_a_failure_in_weasyprint_leaves_no_file_and_keeps_the_old_one(
    scenario, tmp_path, monkeypatch
):
    out = tmp_path / "raadsrapport.pdf"
    out.write_bytes(b"%PDF- previous good report")
    import weasyprint

    def broken(self, *args, **kwargs):
        raise RuntimeError("cairo ran out of memory")

    monkeypatch.setattr(weasyprint.Document, "write_pdf", broken)
    with pytest.raises(CommandError, match="kon niet worden gemaakt"):
        _run(str(scenario.round.pk), str(out), "--round")
    assert out.read_bytes() == b"%PDF- previous good report"
    assert _leftovers(tmp_path) == []


def test_a_failure_while_writing_removes_the_temporary_file(scenario, tmp_path, monkeypatch):
    import os

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    out = tmp_path / "raadsrapport.pdf"
    with pytest.raises(CommandError, match="No space left on device"):
        _run(str(scenario.round.pk), str(out), "--round")
    assert list(tmp_path.iterdir()) == []


# --- benchmark_report -------------------------------------------------------------------------


def test_benchmark_without_rounds_says_so(db):
    AssessmentRound.objects.all().delete()
    out = io.StringIO()
    call_command("benchmark_report", stdout=out)
    assert "Geen ronde met ingediende zelfevaluaties gevonden" in out.getvalue()
    assert "seed_demo" in out.getvalue()


def test_benchmark_measures_the_round_with_most_submitted_assessments(scenario):
    # A second round with a single submitted assessment must not be chosen.
    other = make_partnership("Kleine Regeling Test")
    small = AssessmentRound.objects.create(
        partnership=other,
        period="2026",
        framework=scenario.framework,
        opens_on=scenario.round.opens_on,
        due_on=scenario.round.due_on,
    )
    small.assessments.create(
        participation=other.participations.first(),
        perspective="raad",
        status="submitted",
        submitted_at=timezone.now(),
    )
    out = io.StringIO()
    call_command("benchmark_report", "--repeat", "1", stdout=out)
    report = out.getvalue()
    assert f"Raadsrapport van ronde {scenario.round.pk} " in report
    assert "2 ingediende zelfevaluaties" in report
    for label in ("view-model bouwen", "HTML renderen", "WeasyPrint", "totaal"):
        assert label in report
    assert "doel: onder 2 s" in report
