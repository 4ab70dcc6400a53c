"""CSV import of partnerships (DESIGN.md "CSV import"): all or nothing, errors with line and
column, ; and , and BOM, and importing again updates without duplicating."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from partnerships.constants import (
    BodyKind,
    CooperationModel,
    LegalForm,
    NetworkVariant,
    OrganisationKind,
    Philosophy,
    Role,
)
from partnerships.csv_parse import ImportFailed
from partnerships.importer import import_partnerships
from partnerships.models import Body, Organisation, Participation, Partnership
from tests.factories import make_assessment, make_partnership, make_round, make_user
from tests.htmlforms import post_forms

pytestmark = pytest.mark.django_db

HEADER = "naam;vorm;netwerkvariant;deelnemers;centrum;filosofie;beleidsterrein;wettelijk_verplicht"
GOOD = "\n".join(
    [
        HEADER,
        "Omgevingsdienst Zuidland;openbaar lichaam;;Gemeente Aalstad|Gemeente Beekdorp|"
        "Provincie Zuidland|Waterschap De Dijken;;overdragen;omgevingsrecht;ja",
        "Sociaal Domein Aalstad;centrumregeling;;Gemeente Aalstad|Gemeente Beekdorp;"
        "Gemeente Aalstad;opdragen;sociaal domein;nee",
        "Bereikbaarheid Zuidland;netwerk;provincie;Provincie Zuidland|Gemeente Aalstad;;"
        "co-creatie;mobiliteit;",
        "Zorg en Veiligheid;netwerk;keten;Gemeente Aalstad|Politie-eenheid Zuidland;;;;",
    ]
)


def run(text: str | bytes):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return import_partnerships(data)


def snapshot() -> tuple:
    return (
        list(Partnership.objects.order_by("name").values()),
        list(Organisation.objects.order_by("name").values_list("name", "kind")),
        list(
            Participation.objects.order_by("pk").values_list(
                "partnership__name", "organisation__name", "is_centre"
            )
        ),
        Body.objects.count(),
    )


def refused(text: str | bytes) -> list[str]:
    """Import must fail and leave the database exactly as it was; returns the errors."""
    before = snapshot()
    with pytest.raises(ImportFailed) as failure:
        run(text)
    assert snapshot() == before
    return [str(e) for e in failure.value.errors]


@pytest.fixture
def existing():
    """A partnership already in the database, which a failed import must leave alone."""
    return make_partnership(
        "Bestaand Verband", participants=["Gemeente Aalstad", "Gemeente Cederveen"]
    )


# --- A good file --------------------------------------------------------------------------------


def test_a_semicolon_file_creates_partnerships_participants_and_organisations():
    result = run(GOOD)
    assert sorted(result.created) == sorted(
        [
            "Omgevingsdienst Zuidland",
            "Sociaal Domein Aalstad",
            "Bereikbaarheid Zuidland",
            "Zorg en Veiligheid",
        ]
    )
    od = Partnership.objects.get(name="Omgevingsdienst Zuidland")
    assert (od.cooperation_model, od.legal_form) == (
        CooperationModel.WGR,
        LegalForm.OPENBAAR_LICHAAM,
    )
    assert od.philosophy == Philosophy.OVERDRAGEN and od.is_statutory
    assert od.policy_domain == "omgevingsrecht"
    assert od.participations.count() == 4
    kinds = dict(Organisation.objects.values_list("name", "kind"))
    assert kinds["Gemeente Aalstad"] == OrganisationKind.GEMEENTE
    assert kinds["Provincie Zuidland"] == OrganisationKind.PROVINCIE
    assert kinds["Waterschap De Dijken"] == OrganisationKind.WATERSCHAP
    assert kinds["Politie-eenheid Zuidland"] == OrganisationKind.OVERIG_PUBLIEK
    centre = Participation.objects.get(partnership__name="Sociaal Domein Aalstad", is_centre=True)
    assert centre.organisation.name == "Gemeente Aalstad"
    # every participant gets its raad, college and contramal
    assert Body.objects.filter(participation__partnership=od).count() == 4 * 3


def test_netwerk_becomes_network_cooperation_on_a_convenant_with_its_variant():
    run(GOOD)
    network = Partnership.objects.get(name="Bereikbaarheid Zuidland")
    assert network.cooperation_model == CooperationModel.NETWORK
    assert network.legal_form == LegalForm.CONVENANT
    # 'provincie' is accepted and sets nothing: B13 follows from the participants.
    assert network.network_variants == frozenset()
    assert network.philosophy == Philosophy.CO_CREATIE and not network.is_statutory
    chain = Partnership.objects.get(name="Zorg en Veiligheid")
    assert chain.network_variants == {NetworkVariant.KETEN}
    assert chain.is_chain and not chain.is_triple_helix


def test_a_comma_separated_file_is_detected():
    text = (
        "naam,vorm,deelnemers,beleidsterrein\n"
        'Archief Zuidland,gemeenschappelijk orgaan,Gemeente Aalstad|Gemeente Beekdorp,"archief, '
        'informatiebeheer"\n'
    )
    run(text)
    archief = Partnership.objects.get(name="Archief Zuidland")
    assert archief.legal_form == LegalForm.GEMEENSCHAPPELIJK_ORGAAN
    assert archief.policy_domain == "archief, informatiebeheer"


def test_a_file_with_a_byte_order_mark_and_windows_line_ends_is_read():
    data = "\ufeff" + GOOD.replace("\n", "\r\n")
    run(data.encode("utf-8"))
    assert Partnership.objects.filter(name="Omgevingsdienst Zuidland").exists()
    assert not Partnership.objects.filter(name__startswith="\ufeff").exists()


def test_importing_the_same_file_again_updates_and_never_duplicates():
    run(GOOD)
    before = snapshot()
    history = Partnership.history.count()
    result = run(GOOD)
    assert result.created == [] and result.updated == [] and len(result.unchanged) == 4
    assert result.organisations_created == [] and not result.has_changes
    assert snapshot() == before
    assert Partnership.history.count() == history  # nothing written, nothing in the history
    assert Partnership.objects.count() == 4

    changed = GOOD.replace("omgevingsrecht", "vergunningen").replace("|Waterschap De Dijken", "")
    result = run(changed)
    assert result.updated == ["Omgevingsdienst Zuidland"] and len(result.unchanged) == 3
    od = Partnership.objects.get(name="Omgevingsdienst Zuidland")
    assert od.policy_domain == "vergunningen"
    assert not od.participations.filter(organisation__name="Waterschap De Dijken").exists()
    assert Organisation.objects.filter(name="Waterschap De Dijken").exists()


def test_reimport_keeps_an_existing_network_legal_form():
    run(GOOD)
    Partnership.objects.filter(name="Zorg en Veiligheid").update(legal_form=LegalForm.AFSPRAKENSET)
    run(GOOD)
    assert Partnership.objects.get(name="Zorg en Veiligheid").legal_form == LegalForm.AFSPRAKENSET


def test_reimport_can_move_the_centre_and_change_a_centrumregeling_into_another_form():
    run(GOOD)
    run(GOOD.replace(";Gemeente Aalstad;opdragen", ";Gemeente Beekdorp;opdragen"))
    centre = Participation.objects.get(partnership__name="Sociaal Domein Aalstad", is_centre=True)
    assert centre.organisation.name == "Gemeente Beekdorp"
    run(
        GOOD.replace(
            "Sociaal Domein Aalstad;centrumregeling;;Gemeente Aalstad|Gemeente Beekdorp;"
            "Gemeente Aalstad;",
            "Sociaal Domein Aalstad;openbaar lichaam;;Gemeente Aalstad|Gemeente Beekdorp;;",
        )
    )
    sd = Partnership.objects.get(name="Sociaal Domein Aalstad")
    assert sd.legal_form == LegalForm.OPENBAAR_LICHAAM
    assert not sd.participations.filter(is_centre=True).exists()


def test_a_participant_left_out_is_removed_when_it_has_no_assessments(existing):
    run("naam;vorm;deelnemers\nBestaand Verband;openbaar lichaam;Gemeente Aalstad\n")
    assert list(existing.participations.values_list("organisation__name", flat=True)) == [
        "Gemeente Aalstad"
    ]


def test_a_participant_left_out_with_assessments_is_an_error(existing, gids):
    round_ = make_round(existing)
    make_assessment(round_, organisation="Gemeente Cederveen")
    errors = refused("naam;vorm;deelnemers\nBestaand Verband;openbaar lichaam;Gemeente Aalstad\n")
    assert len(errors) == 1
    assert errors[0].startswith("Regel 2, kolom deelnemers: Gemeente Cederveen staat niet meer")
    assert "zelfevaluaties" in errors[0]


def test_changing_to_a_bedrijfsvoeringsorganisatie_while_it_has_an_ab_is_an_error(existing):
    Body.objects.create(partnership=existing, kind=BodyKind.AB)
    errors = refused(
        "naam;vorm;deelnemers\n"
        "Bestaand Verband;bedrijfsvoeringsorganisatie;Gemeente Aalstad|Gemeente Cederveen\n"
    )
    assert errors[0].startswith("Regel 2, kolom vorm:")
    assert "één bestuur" in errors[0]


# --- Bad files: every error names line and column, and nothing changes --------------------------


def test_missing_column(existing):
    errors = refused("naam;vorm\nNieuw Verband;openbaar lichaam\n")
    assert errors == [
        "Regel 1, kolom deelnemers: de verplichte kolom 'deelnemers' ontbreekt in de kopregel."
    ]


def test_unknown_column(existing):
    errors = refused("naam;vorm;deelnemers;opmerking\nNieuw;netwerk;Gemeente Aalstad;x\n")
    assert errors[0].startswith("Regel 1, kolom opmerking: onbekende kolom 'opmerking'")


def test_unknown_legal_form(existing):
    errors = refused(
        "naam;vorm;deelnemers\n"
        "Goed Verband;openbaar lichaam;Gemeente Aalstad\n"
        "Fout Verband;stichting;Gemeente Aalstad\n"
    )
    assert len(errors) == 1
    assert errors[0].startswith("Regel 3, kolom vorm: onbekende vorm 'stichting'.")
    assert not Partnership.objects.filter(name="Goed Verband").exists()


def test_centre_that_is_not_a_participant(existing):
    errors = refused(
        "naam;vorm;deelnemers;centrum\n"
        "Centrum Verband;centrumregeling;Gemeente Aalstad|Gemeente Beekdorp;Gemeente Dalwijk\n"
    )
    assert errors == [
        "Regel 2, kolom centrum: het centrum 'Gemeente Dalwijk' staat niet in de kolom "
        "deelnemers. Het centrum moet een van de deelnemers zijn."
    ]


def test_centrumregeling_without_centre_and_centre_on_another_form(existing):
    errors = refused(
        "naam;vorm;deelnemers;centrum\n"
        "Zonder Centrum;centrumregeling;Gemeente Aalstad|Gemeente Beekdorp;\n"
        "Met Centrum;openbaar lichaam;Gemeente Aalstad|Gemeente Beekdorp;Gemeente Aalstad\n"
    )
    assert errors[0].startswith("Regel 2, kolom centrum: een centrumregeling heeft een centrum")
    assert errors[1].startswith("Regel 3, kolom centrum: alleen een centrumregeling")


def test_the_same_participant_twice(existing):
    errors = refused(
        "naam;vorm;deelnemers\nDubbel Verband;openbaar lichaam;Gemeente Aalstad|gemeente aalstad\n"
    )
    assert errors == [
        "Regel 2, kolom deelnemers: 'gemeente aalstad' staat twee keer in de lijst met deelnemers."
    ]


def test_the_same_partnership_twice(existing):
    errors = refused(
        "naam;vorm;deelnemers\n"
        "Twee Keer;openbaar lichaam;Gemeente Aalstad\n"
        "twee keer;openbaar lichaam;Gemeente Beekdorp\n"
    )
    assert errors[0].startswith("Regel 3, kolom naam: 'twee keer' staat ook op regel 2.")


def test_an_empty_file(existing):
    assert refused("")[0].startswith("Regel 1, kolom naam: het bestand is leeg.")
    assert refused("\ufeff\n  \n")[0].startswith("Regel 1, kolom naam: het bestand is leeg.")


def test_a_header_without_rows(existing):
    errors = refused("naam;vorm;deelnemers\n")
    assert errors == ["Regel 2, kolom naam: het bestand bevat geen samenwerkingsverbanden."]


def test_a_file_that_is_not_utf8(existing):
    text = "naam;vorm;deelnemers\nSamenwerking Zuid;openbaar lichaam;Gemeente Ölstad\n"
    errors = refused(text.encode("latin-1"))
    assert len(errors) == 1
    assert errors[0].startswith("Regel 2, kolom deelnemers: het bestand is geen UTF-8-tekst")


def test_a_control_character_is_refused(existing):
    errors = refused("naam;vorm;deelnemers\nNul\x00Verband;netwerk;Gemeente Aalstad\n")
    assert errors[0].startswith("Regel 2, kolom naam: de regel bevat een ongeldig teken (code 0)")


def test_a_network_variant_on_a_wgr_form(existing):
    errors = refused(
        "naam;vorm;netwerkvariant;deelnemers\n"
        "Variant Verband;openbaar lichaam;keten;Gemeente Aalstad|Gemeente Beekdorp\n"
    )
    assert len(errors) == 1
    assert errors[0].startswith("Regel 2, kolom netwerkvariant: een netwerkvariant hoort alleen")


def test_other_bad_values_are_all_reported_at_once(existing):
    errors = refused(
        "naam;vorm;netwerkvariant;deelnemers;filosofie;wettelijk_verplicht\n"
        ";netwerk;stad;;sturen;misschien\n"
        "Te Kort;netwerk\n"
    )
    columns = [e.split(":")[0] for e in errors]
    assert columns == [
        "Regel 2, kolom naam",
        "Regel 2, kolom netwerkvariant",
        "Regel 2, kolom deelnemers",
        "Regel 2, kolom filosofie",
        "Regel 2, kolom wettelijk_verplicht",
        "Regel 3, kolom vorm",
    ]
    assert "deze regel heeft 2 kolommen, de kopregel 6" in errors[-1]


def test_the_example_file_imports_cleanly_and_twice():
    from django.conf import settings

    data = (settings.BASE_DIR / "fixtures" / "examples" / "samenwerkingsverbanden.csv").read_bytes()
    assert len(import_partnerships(data).created) == 6
    assert len(import_partnerships(data).unchanged) == 6
    assert Partnership.objects.count() == 6


# --- The command --------------------------------------------------------------------------------


def test_command_imports_a_file(tmp_path):
    path = tmp_path / "verbanden.csv"
    path.write_text(GOOD, encoding="utf-8")
    out = io.StringIO()
    call_command("import_partnerships", str(path), stdout=out)
    assert "Import gelukt: 4 nieuw, 0 bijgewerkt" in out.getvalue()
    assert Partnership.objects.count() == 4


def test_command_says_geen_wijzigingen_for_a_file_already_imported(tmp_path):
    path = tmp_path / "verbanden.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("import_partnerships", str(path), stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_partnerships", str(path), "--dry-run", stdout=out)
    assert out.getvalue().strip() == "Proefimport: geen wijzigingen. Er is niets opgeslagen."
    out = io.StringIO()
    call_command("import_partnerships", str(path), stdout=out)
    assert out.getvalue().strip() == "Import gelukt: geen wijzigingen."


def test_command_dry_run_names_the_existing_organisation_a_new_name_resembles(tmp_path, existing):
    path = tmp_path / "verbanden.csv"
    path.write_text(
        "naam;vorm;deelnemers\nBestaand Verband;openbaar lichaam;"
        "Gemeente Aalstadd|Gemeente Cederveen\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("import_partnerships", str(path), "--dry-run", stdout=out)
    lines = out.getvalue().splitlines()
    assert "  deelnemer erbij: Gemeente Aalstadd" in lines
    assert "  deelnemer eraf: Gemeente Aalstad" in lines
    found = lines.index("Nieuwe organisatie: Gemeente Aalstadd")
    assert lines[found + 1] == "  lijkt op de bestaande organisatie 'Gemeente Aalstad'"
    assert not Organisation.objects.filter(name="Gemeente Aalstadd").exists()


def test_command_fails_with_errors_on_stderr_and_saves_nothing(tmp_path, existing):
    path = tmp_path / "fout.csv"
    path.write_text("naam;vorm;deelnemers\nFout;stichting;Gemeente Aalstad\n", encoding="utf-8")
    err = io.StringIO()
    before = snapshot()
    with pytest.raises(CommandError, match="Er is niets opgeslagen"):
        call_command("import_partnerships", str(path), stderr=err)
    assert "Regel 2, kolom vorm: onbekende vorm 'stichting'." in err.getvalue()
    assert snapshot() == before


def test_command_missing_file_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="Kan .* niet lezen"):
        call_command("import_partnerships", str(tmp_path / "bestaat-niet.csv"))


# --- The upload page ----------------------------------------------------------------------------


def upload(client, text: str):
    return client.post(
        reverse("partnerships:import"),
        {"file": SimpleUploadedFile("verbanden.csv", text.encode(), content_type="text/csv")},
        follow=True,
    )


def confirm(client, preview_page):
    """Press "Bevestigen en opslaan" on the preview page."""
    [form] = [f for f in post_forms(preview_page.content.decode()) if "controle" in f.names()]
    return client.post(reverse("partnerships:import"), form.data(), follow=True)


def test_the_upload_page_imports_for_a_beheerder_after_the_preview(client):
    client.force_login(make_user(Role.BEHEERDER))
    assert client.get(reverse("partnerships:import")).status_code == 200
    preview = upload(client, GOOD)
    assert "De import maakt: 4 nieuw, 0 bijgewerkt, 0 ongewijzigd" in preview.content.decode()
    assert not Partnership.objects.exists()
    response = confirm(client, preview)
    assert response.redirect_chain[-1][0] == reverse("partnerships:list")
    assert "Import gelukt: 4 nieuw, 0 bijgewerkt" in response.content.decode()
    assert Partnership.objects.count() == 4


def test_the_upload_page_shows_every_error_and_saves_nothing(client, existing):
    client.force_login(make_user(Role.BEHEERDER))
    before = snapshot()
    response = upload(client, "naam;vorm;deelnemers\nA;stichting;Gemeente Aalstad\nB;netwerk;\n")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Het bestand is niet geïmporteerd" in html
    assert "Regel 2, kolom vorm: onbekende vorm" in html
    assert "Regel 3, kolom deelnemers: vul de deelnemers in" in html
    assert snapshot() == before


@pytest.mark.parametrize("role", [Role.CONTRAMAL, Role.GRIFFIER, Role.DIRECTEUR])
def test_only_a_beheerder_may_import(client, role):
    client.force_login(make_user(role, partnership=make_partnership()))
    assert client.get(reverse("partnerships:import")).status_code == 403
    assert upload(client, GOOD).status_code == 403
    confirmation = {"bestand": "0" * 64, "controle": "0" * 64}
    assert client.post(reverse("partnerships:import"), confirmation).status_code == 403
    assert not Partnership.objects.filter(name="Omgevingsdienst Zuidland").exists()


def test_an_upload_over_the_row_limit_is_refused_whole(client, settings, monkeypatch):
    """One upload is one request: a file too large for it is refused with a clear message
    instead of outlasting the proxy while it still commits."""
    monkeypatch.setattr("partnerships.views.MAX_IMPORT_ROWS", 3)
    client.force_login(make_user(Role.BEHEERDER))
    rows = "\n".join(f"Verband {n};netwerk;Gemeente Aalstad" for n in range(4))
    response = upload(client, f"naam;vorm;deelnemers\n{rows}\n")
    html = response.content.decode()
    assert "Het bestand is niet geïmporteerd" in html
    assert "Regel 5, kolom naam: het bestand bevat 4 samenwerkingsverbanden" in html
    assert "hoogstens 3 worden geïmporteerd" in html
    assert not Partnership.objects.exists()
    # At the limit itself the file is imported.
    rows = "\n".join(f"Verband {n};netwerk;Gemeente Aalstad" for n in range(3))
    response = confirm(client, upload(client, f"naam;vorm;deelnemers\n{rows}\n"))
    assert "Import gelukt: 3 nieuw" in response.content.decode()


def test_the_upload_page_names_the_row_limit(client):
    client.force_login(make_user(Role.BEHEERDER))
    html = client.get(reverse("partnerships:import")).content.decode()
    assert "Hoogstens 1.000 samenwerkingsverbanden per bestand" in html
