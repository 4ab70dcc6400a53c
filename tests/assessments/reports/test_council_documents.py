"""Council documents (raadsstukken): a raadsinformatiebrief, raadsvoorstel and zienswijze per
round and organisation, in Word and as a tagged PDF, with the round's own numbers."""

import io
import re

import docx
import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from assessments.council_models import CouncilDocument, CouncilTemplate
from assessments.presentation import fmt_number, fmt_pct
from assessments.reports.council.constants import CouncilKind
from assessments.reports.council.content import build
from assessments.reports.council.default_template import build_default_template
from assessments.reports.council.facts import read_facts
from assessments.rounds.exports import round_export
from partnerships.constants import Role
from partnerships.models import Organisation
from tests.assessments.reports.test_report_html import _answer, make_report_scenario
from tests.factories import make_user

KINDS = list(CouncilKind.values)
PCT = re.compile(r"(\d+)%")


@pytest.fixture
def scenario(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    s = make_report_scenario()
    # The raad's position (A7) and the financial rules (A9): a difference of view and a gap,
    # for the zienswijze.
    _answer(s.aalstad, s.framework, "A7.1", 0)
    _answer(s.beekdorp, s.framework, "A7.1", 4)
    _answer(s.aalstad, s.framework, "A9.1", 1)
    _answer(s.beekdorp, s.framework, "A9.1", 1)
    return s


@pytest.fixture
def aalstad(scenario):
    return Organisation.objects.get(name="Gemeente Aalstad")


@pytest.fixture
def griffier(client, aalstad):
    user = make_user(Role.GRIFFIER, organisation=aalstad)
    client.force_login(user)
    return user


def _command(*args: str) -> str:
    out = io.StringIO()
    call_command("render_council_document", *args, stdout=out)
    return out.getvalue()


def _word(path) -> docx.document.Document:
    return docx.Document(str(path))


def _headings(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


def _text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def _url(name: str, scenario, organisation, kind: str | None = None) -> str:
    args = [scenario.round.pk, organisation.pk] + ([kind] if kind else [])
    return reverse(f"assessments:{name}", args=args)


# --- Word: the sections in order ------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_each_document_opens_in_word_with_its_sections_in_order(scenario, aalstad, kind, tmp_path):
    out = tmp_path / f"{kind}.docx"
    message = _command(
        str(scenario.round.pk), str(out), "--kind", kind, "--organisation", "Gemeente Aalstad"
    )
    assert str(out) in message
    document = _word(out)
    draft = build(kind, read_facts(scenario.round, aalstad))
    assert _headings(document) == [s.title for s in draft.sections]
    titles = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert titles == [draft.title]
    assert document.core_properties.title == draft.title
    assert document.core_properties.language == "nl-NL"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    if kind == CouncilKind.RAADSVOORSTEL:
        assert [s.key for s in draft.sections] == [
            "onderwerp",
            "beslispunten",
            "aanleiding",
            "beoogd_effect",
            "argumenten",
            "kanttekeningen",
            "financien",
            "vervolg",
            "bijlagen",
        ]


# --- The numbers are the export's ---------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_numbers_equal_export_round(scenario, aalstad, kind, tmp_path):
    out = tmp_path / "stuk.docx"
    _command(str(scenario.round.pk), str(out), "--kind", kind, "--organisation", "Gemeente Aalstad")
    text = _text(_word(out))
    export = round_export(scenario.round)
    previous = round_export(scenario.previous)
    items = {i["id"]: i for i in export["items"]}
    facts = read_facts(scenario.round, aalstad)

    # Every percentage is one of the round's (or the previous round's) exported scores, the
    # target, or a perspective group's score over the same submitted answers.
    allowed = {fmt_pct(export["overall_pct"]), fmt_pct(previous["overall_pct"]), "75%"}
    allowed |= {fmt_pct(t["score_pct"]) for t in export["themes"] + previous["themes"]}
    allowed |= {f"{n}%" for n in PCT.findall(facts.perspective_sentence)}
    found = {f"{n}%" for n in PCT.findall(text)}
    assert found, text
    assert found <= allowed, found - allowed
    if kind != CouncilKind.ZIENSWIJZE:
        assert f"totaalscore is {fmt_pct(export['overall_pct'])}" in text
    # Every recommendation named with a mean carries the export's mean, lowest and highest.
    named = re.findall(
        r"(A\d+\.\d+) [^\n]*?: gemiddeld ([\d,]+) \(laagste (\d), hoogste (\d)\)", text
    )
    spreads = re.findall(r"(A\d+\.\d+) [^\n]*?: scores van (\d) tot (\d), gemiddeld ([\d,]+)", text)
    assert named or spreads
    for code, mean, low, high in named:
        item = items[code]
        assert (mean, int(low), int(high)) == (fmt_number(item["mean"]), item["min"], item["max"])
    for code, low, high, mean in spreads:
        item = items[code]
        assert item["divergent"]
        assert (mean, int(low), int(high)) == (fmt_number(item["mean"]), item["min"], item["max"])


def test_raadsinformatiebrief_says_what_changed_since_the_previous_round(scenario, aalstad):
    draft = build(CouncilKind.RAADSINFORMATIEBRIEF, read_facts(scenario.round, aalstad))
    findings = next(s for s in draft.sections if s.key == "bevindingen").text
    previous = round_export(scenario.previous)["overall_pct"]
    assert "vorige ronde (2025)" in findings and fmt_pct(previous) in findings


def test_zienswijze_names_the_term_and_the_p_and_c_findings(scenario, griffier, client, aalstad):
    url = _url("council_generate", scenario, aalstad, "zienswijze")
    response = client.post(url, {"subject": "ontwerpbegroting", "received_on": "2026-03-02"})
    assert response.status_code == 302
    document = CouncilDocument.objects.get(kind="zienswijze")
    text = "\n".join(s["text"] for s in document.sections)
    assert "12 weken" in text and "25 mei 2026" in text  # 2 March + 12 weeks
    assert "A7.1" in text and "A9.1" in text
    assert document.title == "Zienswijze op de ontwerpbegroting van Bedrijfsvoering Regio Test"
    client.post(url, {"subject": "ontwerp_regeling", "received_on": "2026-03-02"})
    text = "\n".join(s["text"] for s in CouncilDocument.objects.get(kind="zienswijze").sections)
    assert "8 weken" in text and "27 april 2026" in text
    client.post(url, {"subject": "kadernota"})
    text = "\n".join(s["text"] for s in CouncilDocument.objects.get(kind="zienswijze").sections)
    assert "geen wettelijke termijn" in text and "weken" not in text


def test_a_zienswijze_without_a_subject_is_refused_in_dutch(scenario, griffier, client, aalstad):
    response = client.post(_url("council_generate", scenario, aalstad, "zienswijze"), {})
    assert response.status_code == 400
    assert "Kies waarover de zienswijze gaat." in response.content.decode()
    assert not CouncilDocument.objects.exists()


# --- PDF ----------------------------------------------------------------------------------


def test_the_pdf_is_tagged_dutch_and_holds_the_sections(scenario, aalstad, tmp_path):
    out = tmp_path / "raadsvoorstel.pdf"
    _command(
        str(scenario.round.pk),
        str(out),
        "--kind",
        "raadsvoorstel",
        "--organisation",
        "Gemeente Aalstad",
    )
    reader = pypdf.PdfReader(str(out))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title.startswith("Raadsvoorstel")
    text = " ".join(p.extract_text() for p in reader.pages)
    for title in ("Beslispunten", "Beoogd effect", "Kanttekeningen", "Financiën", "Bijlagen"):
        assert title in text


def test_web_downloads_are_word_and_pdf(scenario, griffier, client, aalstad):
    client.post(_url("council_generate", scenario, aalstad, "raadsvoorstel"))
    response = client.get(_url("council_docx", scenario, aalstad, "raadsvoorstel"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    assert "Beslispunten" in _headings(docx.Document(io.BytesIO(response.content)))
    response = client.get(_url("council_pdf", scenario, aalstad, "raadsvoorstel"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


# --- Edits survive, regenerating asks first --------------------------------------------------


def test_edits_survive_and_regenerating_asks_first(scenario, griffier, client, aalstad, tmp_path):
    generate = _url("council_generate", scenario, aalstad, "raadsvoorstel")
    page = _url("council_document", scenario, aalstad, "raadsvoorstel")
    assert client.post(generate).status_code == 302
    document = CouncilDocument.objects.get()
    assert not document.is_edited
    form = {"title": "Raadsvoorstel over onze GR & de raad"}
    for s in document.sections:
        form[f"sectie_{s['key']}"] = s["text"]
    form["sectie_financien"] = "Geen kosten <b>vet</b> & niets meer."
    assert client.post(page, form).status_code == 302
    document.refresh_from_db()
    assert document.is_edited
    assert "Geen kosten <b>vet</b> & niets meer." in client.get(page).content.decode().replace(
        "&lt;", "<"
    ).replace("&gt;", ">").replace("&amp;", "&")

    # The Word file carries the edit, escaped properly.
    out = tmp_path / "rv.docx"
    _command(
        str(scenario.round.pk),
        str(out),
        "--kind",
        "raadsvoorstel",
        "--organisation",
        "Gemeente Aalstad",
    )
    text = _text(_word(out))
    assert "Geen kosten <b>vet</b> & niets meer." in text
    assert "Raadsvoorstel over onze GR & de raad" in text

    # Regenerating: the page asks; a POST without confirmation changes nothing.
    ask = client.get(generate).content.decode()
    assert "U hebt dit" in ask or "U hebt deze" in ask
    response = client.post(generate)
    assert response.status_code == 200
    assert "Ja, vervang mijn tekst" in response.content.decode()
    document.refresh_from_db()
    assert document.is_edited and document.title == "Raadsvoorstel over onze GR & de raad"
    # Confirmed: a new text, and the history keeps every version.
    assert client.post(generate, {"confirm": "True"}).status_code == 302
    document.refresh_from_db()
    assert not document.is_edited and document.title.startswith("Raadsvoorstel: zelfevaluatie")
    reasons = list(
        document.history.order_by("history_date").values_list("history_change_reason", flat=True)
    )
    assert reasons == ["Opgesteld", "Bewerkt", "Opnieuw opgesteld"]
    edited = document.history.get(history_change_reason="Bewerkt")
    assert edited.title == "Raadsvoorstel over onze GR & de raad"


def test_bad_edit_input_changes_nothing(scenario, griffier, client, aalstad):
    client.post(_url("council_generate", scenario, aalstad, "raadsinformatiebrief"))
    document = CouncilDocument.objects.get()
    page = _url("council_document", scenario, aalstad, "raadsinformatiebrief")
    response = client.post(page, {"title": "Titel\x0bmet tab", "sectie_vervolg": "x"})
    assert response.status_code == 400
    assert "onzichtbaar teken" in response.content.decode()
    before = document.sections
    document.refresh_from_db()
    assert document.sections == before and not document.is_edited


# --- Own templates ------------------------------------------------------------------------


def _template(*lines: str) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _upload(client, scenario, organisation, data: bytes, kind: str = "", name="huisstijl.docx"):
    return client.post(
        _url("council_templates", scenario, organisation),
        {"kind": kind, "file": SimpleUploadedFile(name, data)},
    )


@pytest.mark.parametrize(
    "data, message",
    [
        (
            _template("{{ titel }}", "{{ foo }}"),
            "Het sjabloon gebruikt {{ foo }}, dat kent Regiespiegel niet.",
        ),
        (_template("{{ titel "), "placeholder die niet goed is geschreven"),
        (
            _template("{% for x in secties %}{{ x.titel }}"),
            "placeholder die niet goed is geschreven",
        ),
        (_template("{{ onderdeel.beslispunten.tekst }}"), "….beslispunten"),
        (b"PK\x03\x04 geen echt zip-bestand", "geen Word-document"),
        (b"%PDF-1.7 een pdf", "geen Word-document"),
    ],
    ids=["unknown", "unclosed", "unclosed-loop", "missing-section", "bad-zip", "pdf"],
)
def test_a_broken_template_is_refused_with_a_dutch_message(
    scenario, griffier, client, aalstad, data, message
):
    response = _upload(client, scenario, aalstad, data)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not CouncilTemplate.objects.exists()


def test_an_own_template_is_checked_stored_and_used(scenario, griffier, client, aalstad, tmp_path):
    # Beslispunten exist only in a raadsvoorstel: fine for that kind alone.
    data = _template("HUISSTIJL AALSTAD {{ organisatie }}", "{{ onderdeel.beslispunten.tekst }}")
    assert _upload(client, scenario, aalstad, data, kind="raadsvoorstel").status_code == 302
    stored = CouncilTemplate.objects.get()
    assert stored.kind == "raadsvoorstel" and stored.original_name == "huisstijl.docx"
    out = tmp_path / "rv.docx"
    _command(
        str(scenario.round.pk),
        str(out),
        "--kind",
        "raadsvoorstel",
        "--organisation",
        "Gemeente Aalstad",
    )
    text = _text(_word(out))
    assert "HUISSTIJL AALSTAD Gemeente Aalstad" in text and "De raad besluit:" in text
    # Other kinds keep the default template.
    out = tmp_path / "rib.docx"
    _command(
        str(scenario.round.pk),
        str(out),
        "--kind",
        "raadsinformatiebrief",
        "--organisation",
        "Gemeente Aalstad",
    )
    assert "HUISSTIJL" not in _text(_word(out))
    # Removing it goes back to the default.
    client.post(_url("council_templates", scenario, aalstad), {"verwijderen": "raadsvoorstel"})
    assert not CouncilTemplate.objects.exists()


def test_the_shipped_default_template_passes_its_own_check():
    from assessments.reports.council.default_template import default_template_bytes
    from assessments.reports.council.word_templates import check_template

    check_template(default_template_bytes())
    check_template(build_default_template())


# --- Who may -------------------------------------------------------------------------------


def test_a_griffier_of_another_organisation_sees_nothing(scenario, client, aalstad):
    beekdorp = Organisation.objects.get(name="Gemeente Beekdorp")
    client.force_login(make_user(Role.GRIFFIER, organisation=aalstad))
    client.post(_url("council_generate", scenario, aalstad, "raadsvoorstel"))
    client.force_login(make_user(Role.GRIFFIER, organisation=beekdorp))
    for name in ("council_document", "council_generate", "council_docx"):
        response = client.get(_url(name, scenario, aalstad, "raadsvoorstel"))
        assert response.status_code == 404, name
    assert client.get(_url("council_templates", scenario, aalstad)).status_code == 404
    # Their own organisation's page works, and does not list Aalstad's draft.
    index = client.get(reverse("assessments:council_index", args=[scenario.round.pk]))
    assert index.status_code == 200
    assert "Gemeente Beekdorp" in index.content.decode()
    assert (
        reverse(
            "assessments:council_document", args=[scenario.round.pk, aalstad.pk, "raadsvoorstel"]
        )
        not in index.content.decode()
    )


def test_the_gemeentesecretaris_reads_but_does_not_write(scenario, client, aalstad):
    client.force_login(make_user(Role.GRIFFIER, organisation=aalstad))
    client.post(_url("council_generate", scenario, aalstad, "raadsvoorstel"))
    client.force_login(make_user(Role.GEMEENTESECRETARIS, organisation=aalstad))
    page = _url("council_document", scenario, aalstad, "raadsvoorstel")
    assert client.get(page).status_code == 200
    assert client.get(_url("council_docx", scenario, aalstad, "raadsvoorstel")).status_code == 200
    assert client.post(page, {"title": "Anders"}).status_code == 403
    assert (
        client.post(_url("council_generate", scenario, aalstad, "raadsvoorstel")).status_code == 403
    )
    assert CouncilDocument.objects.get().title.startswith("Raadsvoorstel: zelfevaluatie")


@pytest.mark.parametrize("role", [Role.CONTRAMAL, Role.RAADSLID])
def test_other_roles_find_no_council_documents(scenario, client, aalstad, role):
    client.force_login(make_user(role, organisation=aalstad))
    assert (
        client.get(reverse("assessments:council_index", args=[scenario.round.pk])).status_code
        == 404
    )
    assert (
        client.get(_url("council_document", scenario, aalstad, "raadsvoorstel")).status_code == 404
    )


# --- The command's errors -----------------------------------------------------------------


def test_the_command_refuses_clearly(scenario, tmp_path):
    round_pk = str(scenario.round.pk)
    out = str(tmp_path / "x.docx")
    cases = [
        (
            (round_pk, out, "--kind", "brief", "--organisation", "Gemeente Aalstad"),
            "Onbekende soort",
        ),
        (
            (
                round_pk,
                str(tmp_path / "x.txt"),
                "--kind",
                "zienswijze",
                "--organisation",
                "Gemeente Aalstad",
            ),
            ".docx of .pdf",
        ),
        (
            ("999999", out, "--kind", "zienswijze", "--organisation", "Gemeente Aalstad"),
            "Ronde 999999 bestaat niet",
        ),
        (
            (round_pk, out, "--kind", "zienswijze", "--organisation", "Gemeente Nergens"),
            "bestaat niet",
        ),
    ]
    Organisation.objects.create(name="Gemeente Elders", kind="gemeente")
    cases.append(
        (
            (round_pk, out, "--kind", "zienswijze", "--organisation", "Gemeente Elders"),
            "neemt niet deel",
        )
    )
    for args, message in cases:
        with pytest.raises(CommandError, match=re.escape(message)):
            _command(*args)
    assert list(tmp_path.iterdir()) == [tmp_path / "media"] or not list(tmp_path.iterdir())
