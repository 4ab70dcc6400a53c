"""The network facts in the CSV import (DESIGN.md "CSV import"): several network variants in
one column, `zwaarte` and `raad_bevoegdheden` only with `netwerk` and `gemeenschappelijk
orgaan`, importing again changes them, a file without the columns keeps its meaning, and the
dry run lists the changes in Dutch."""

import pytest

from partnerships.constants import LegalForm, NetworkVariant, NetworkWeight
from partnerships.csv_parse import ImportFailed, parse
from partnerships.import_preview import preview_import
from partnerships.importer import import_partnerships
from partnerships.models import Organisation, Partnership
from tests.factories import make_partnership

pytestmark = pytest.mark.django_db

HEADER = "naam;vorm;netwerkvariant;deelnemers;zwaarte;raad_bevoegdheden"
FILE = "\n".join(
    [
        HEADER,
        "Economic Board;netwerk;triple helix|keten;Gemeente Aalstad|Hogeschool Zuidland;licht;nee",
        "Regionaal Archief;gemeenschappelijk orgaan;;Gemeente Aalstad|Gemeente Beekdorp;licht;ja",
        "Omgevingsdienst;openbaar lichaam;;Gemeente Aalstad|Gemeente Beekdorp;;",
        "Bereikbaarheid;netwerk;provincie;Provincie Zuidland|Gemeente Aalstad;;",
    ]
)


def run(text: str):
    return import_partnerships(text.encode("utf-8"))


def facts(name: str) -> tuple:
    p = Partnership.objects.get(name=name)
    return (p.is_triple_helix, p.is_chain, p.network_weight, p.council_powers)


def refused(text: str) -> list[str]:
    before = list(Partnership.objects.order_by("pk").values())
    with pytest.raises(ImportFailed) as failure:
        run(text)
    assert list(Partnership.objects.order_by("pk").values()) == before
    return [str(e) for e in failure.value.errors]


# --- Reading and writing the facts --------------------------------------------------------------


def test_the_new_columns_are_written_to_the_partnership():
    run(FILE)
    assert facts("Economic Board") == (True, True, NetworkWeight.LICHT, False)
    assert Partnership.objects.get(name="Economic Board").network_variants == {
        NetworkVariant.TRIPLE_HELIX,
        NetworkVariant.KETEN,
    }
    assert facts("Regionaal Archief") == (False, False, NetworkWeight.LICHT, True)
    # empty means heavy and with powers; 'provincie' sets nothing
    assert facts("Omgevingsdienst") == (False, False, NetworkWeight.ZWAAR, True)
    assert facts("Bereikbaarheid") == (False, False, NetworkWeight.ZWAAR, True)


def test_the_parser_gives_the_variants_in_a_fixed_order_and_skips_provincie():
    rows = parse(
        (
            HEADER + "\nNetwerk;netwerk; Keten | triple_helix |provincie|keten;Gemeente Aalstad;;\n"
        ).encode()
    )
    assert rows[0].variants == (NetworkVariant.TRIPLE_HELIX, NetworkVariant.KETEN)
    assert (rows[0].weight, rows[0].council_powers) == (NetworkWeight.ZWAAR, True)


def test_importing_again_changes_the_facts_both_ways():
    run(FILE)
    run(
        FILE.replace("triple helix|keten;", "keten;")
        .replace("Hogeschool Zuidland;licht;nee", "Hogeschool Zuidland;zwaar;ja")
        .replace("Gemeente Beekdorp;licht;ja", "Gemeente Beekdorp;;nee")
    )
    assert facts("Economic Board") == (False, True, NetworkWeight.ZWAAR, True)
    assert facts("Regionaal Archief") == (False, False, NetworkWeight.ZWAAR, False)
    run(FILE)
    assert facts("Economic Board") == (True, True, NetworkWeight.LICHT, False)
    assert facts("Regionaal Archief") == (False, False, NetworkWeight.LICHT, True)


def test_a_light_network_can_become_a_heavy_wgr_regeling():
    run(FILE)
    run(HEADER + "\nRegionaal Archief;openbaar lichaam;;Gemeente Aalstad|Gemeente Beekdorp;;\n")
    archief = Partnership.objects.get(name="Regionaal Archief")
    assert archief.legal_form == LegalForm.OPENBAAR_LICHAAM
    assert (archief.network_weight, archief.council_powers) == (NetworkWeight.ZWAAR, True)


def test_a_file_without_the_new_columns_keeps_its_meaning():
    old = (
        "naam;vorm;netwerkvariant;deelnemers;centrum;filosofie;beleidsterrein;wettelijk_verplicht\n"
        "Rivierpark;netwerk;provincie;Provincie Zuidland|Gemeente Cederveen;;co-creatie;natuur;nee\n"
        "Innovatiepact;netwerk;triple helix;Gemeente Aalstad|Hogeschool Zuidland;;;;\n"
        "Archief;gemeenschappelijk orgaan;;Gemeente Aalstad|Gemeente Beekdorp;;;;\n"
    )
    run(old)
    assert facts("Rivierpark") == (False, False, NetworkWeight.ZWAAR, True)
    assert facts("Innovatiepact") == (True, False, NetworkWeight.ZWAAR, True)
    assert facts("Archief") == (False, False, NetworkWeight.ZWAAR, True)
    assert Partnership.objects.get(name="Rivierpark").policy_domain == "natuur"


# --- Wrong values and forms: line and column named, nothing saved -------------------------------


def test_wrong_values_name_line_and_column():
    existing = make_partnership("Bestaand Verband")
    errors = refused(
        HEADER + "\n"
        "Een;netwerk;triple helix|stad;Gemeente Aalstad;middel;misschien\n"
        "Twee;netwerk;;Gemeente Aalstad;licht;nee\n"
    )
    assert errors == [
        "Regel 2, kolom netwerkvariant: onbekende netwerkvariant 'stad'. Kies uit "
        "'triple helix', 'keten' (meerdere gescheiden door een verticale streep) of laat leeg.",
        "Regel 2, kolom zwaarte: onbekende zwaarte 'middel'. Kies uit 'licht', 'zwaar' of "
        "laat leeg.",
        "Regel 2, kolom raad_bevoegdheden: vul 'ja' of 'nee' in, of laat leeg.",
    ]
    assert Partnership.objects.get() == existing


@pytest.mark.parametrize(
    "form", ["openbaar lichaam", "bedrijfsvoeringsorganisatie", "regeling zonder meer"]
)
def test_the_network_facts_with_a_wgr_form_are_errors(form):
    errors = refused(
        HEADER + f"\nFout Verband;{form};triple helix|keten;Gemeente Aalstad;zwaar;ja\n"
    )
    columns = [e.split(":")[0] for e in errors]
    assert columns == [
        "Regel 2, kolom netwerkvariant",
        "Regel 2, kolom zwaarte",
        "Regel 2, kolom raad_bevoegdheden",
    ]
    assert "alleen bij de vorm 'netwerk'" in errors[0]
    assert "alleen bij de vormen 'netwerk' en 'gemeenschappelijk orgaan'" in errors[1]
    assert "alleen bij de vormen 'netwerk' en 'gemeenschappelijk orgaan'" in errors[2]


def test_provincie_with_a_wgr_form_stays_an_error():
    errors = refused(HEADER + "\nFout Verband;openbaar lichaam;provincie;Gemeente Aalstad;;\n")
    assert errors[0].startswith("Regel 2, kolom netwerkvariant: een netwerkvariant hoort alleen")


def test_a_variant_with_a_gemeenschappelijk_orgaan_is_an_error():
    errors = refused(HEADER + "\nArchief;gemeenschappelijk orgaan;keten;Gemeente Aalstad;licht;\n")
    assert len(errors) == 1
    assert errors[0].startswith("Regel 2, kolom netwerkvariant:")


# --- The dry run --------------------------------------------------------------------------------


def test_the_dry_run_lists_changed_network_facts_in_dutch_and_saves_nothing():
    run(FILE)
    before = list(Partnership.objects.order_by("pk").values())
    lines = preview_import(
        FILE.replace("triple helix|keten;", "keten;")
        .replace("Hogeschool Zuidland;licht;nee", "Hogeschool Zuidland|Gemeente Beekdorp;zwaar;ja")
        .replace("Gemeente Aalstad|Gemeente Beekdorp;licht;ja", "Gemeente Aalstad;;")
        .encode()
    )
    assert list(Partnership.objects.order_by("pk").values()) == before
    assert lines == [
        "Bijgewerkt (regel 2): Economic Board",
        "  triple helix (B14): ja → nee",
        "  zwaarte: Licht → Zwaar",
        "  politieke organen hebben bevoegdheden: nee → ja",
        "  deelnemer erbij: Gemeente Beekdorp",
        "Bijgewerkt (regel 3): Regionaal Archief",
        "  zwaarte: Licht → Zwaar",
        "  deelnemer eraf: Gemeente Beekdorp",
        "Proefimport: 0 nieuw, 2 bijgewerkt, 2 ongewijzigd, 0 nieuwe organisaties. "
        "Er is niets opgeslagen.",
    ]


def test_the_dry_run_lists_new_partnerships_organisations_and_near_misses():
    make_partnership("Economic Bord", participants=["Gemeente Aalstad"])
    lines = preview_import(FILE.encode())
    assert not Partnership.objects.filter(name="Economic Board").exists()
    assert not Organisation.objects.filter(name="Hogeschool Zuidland").exists()
    board = lines.index("Nieuw samenwerkingsverband (regel 2): Economic Board")
    assert lines[board + 1] == "  lijkt op het bestaande samenwerkingsverband 'Economic Bord'"
    assert "  zwaarte: Licht" in lines[board:]
    assert "  ketensamenwerking (B15): ja" in lines[board:]
    assert "  deelnemers: Gemeente Aalstad, Hogeschool Zuidland" in lines[board:]
    assert "Nieuwe organisatie: Hogeschool Zuidland" in lines
    assert lines[-1].startswith("Proefimport: 4 nieuw, 0 bijgewerkt, 0 ongewijzigd, 3 nieuwe")


def test_the_dry_run_refuses_what_the_import_refuses():
    with pytest.raises(ImportFailed) as failure:
        preview_import((HEADER + "\nFout;openbaar lichaam;;Gemeente Aalstad;licht;\n").encode())
    assert str(failure.value.errors[0]).startswith("Regel 2, kolom zwaarte:")


def test_the_command_dry_run_prints_the_preview_and_saves_nothing(tmp_path):
    import io

    from django.core.management import call_command

    path = tmp_path / "verbanden.csv"
    path.write_text(FILE, encoding="utf-8")
    out = io.StringIO()
    call_command("import_partnerships", str(path), "--dry-run", stdout=out)
    assert "Nieuw samenwerkingsverband (regel 2): Economic Board" in out.getvalue()
    assert "Er is niets opgeslagen." in out.getvalue()
    assert not Partnership.objects.exists()
