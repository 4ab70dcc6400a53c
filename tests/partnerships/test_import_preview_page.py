"""The upload page shows every change a CSV file makes before anything is saved: new
partnerships and organisations (with a warning when a name is close to an existing one),
participants added and removed, fields changed; it saves only after confirmation, exactly
what was shown, and says "geen wijzigingen" for a file that is already in."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.constants import Role
from partnerships.models import Organisation, Participation, Partnership
from tests.factories import make_partnership, make_user
from tests.htmlforms import post_forms

pytestmark = pytest.mark.django_db

HEADER = "naam;vorm;netwerkvariant;deelnemers;centrum;filosofie;beleidsterrein;wettelijk_verplicht"
# The example of the help page's first row.
EXAMPLE_ROW = (
    "Omgevingsdienst Zuidland;openbaar lichaam;;Gemeente Aalstad|Gemeente Beekdorp|"
    "Provincie Zuidland;;overdragen;omgevingsrecht;ja"
)
URL = reverse("partnerships:import")


def upload(client, text: str, name: str = "verbanden.csv"):
    file = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    return client.post(URL, {"file": file}, follow=True)


def confirm_form(page) -> dict[str, str]:
    [form] = [f for f in post_forms(page.content.decode()) if "controle" in f.names()]
    return form.data()


def participants(name: str) -> list[str]:
    return sorted(
        Participation.objects.filter(partnership__name=name).values_list(
            "organisation__name", flat=True
        )
    )


@pytest.fixture
def beheerder(client):
    client.force_login(make_user(Role.BEHEERDER))
    return client


@pytest.fixture
def omgevingsdienst():
    return make_partnership(
        "Omgevingsdienst Zuidland",
        participants=[
            "Gemeente Aalstad",
            "Gemeente Beekdorp",
            "Gemeente Cederveen",
            "Gemeente Dalwijk",
            "Provincie Zuidland",
        ],
        policy_domain="omgevingsrecht",
    )


def test_a_row_that_drops_participants_is_shown_first_and_saved_only_on_confirmation(
    beheerder, omgevingsdienst
):
    page = upload(beheerder, f"{HEADER}\n{EXAMPLE_ROW}\n")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Import controleren" in html and "Er is nog niets opgeslagen" in html
    assert "De import maakt: 0 nieuw, 1 bijgewerkt, 0 ongewijzigd" in html
    assert "Bijgewerkt (regel 2): Omgevingsdienst Zuidland" in html
    assert "deelnemer eraf: Gemeente Cederveen" in html
    assert "deelnemer eraf: Gemeente Dalwijk" in html
    assert "Gemeente Cederveen gaat eruit bij Omgevingsdienst Zuidland" in html  # "Let op"
    assert "wettelijk verplicht: nee → ja" in html.lower()
    assert len(participants("Omgevingsdienst Zuidland")) == 5  # nothing saved yet

    done = beheerder.post(URL, confirm_form(page), follow=True)
    assert done.redirect_chain[-1][0] == reverse("partnerships:list")
    assert "Import gelukt: 0 nieuw, 1 bijgewerkt, 0 ongewijzigd" in done.content.decode()
    assert participants("Omgevingsdienst Zuidland") == [
        "Gemeente Aalstad",
        "Gemeente Beekdorp",
        "Provincie Zuidland",
    ]


def test_a_typing_error_in_a_name_is_flagged_with_the_existing_name(beheerder, omgevingsdienst):
    row = EXAMPLE_ROW.replace("Gemeente Aalstad|", "Gemeente Aalstadd|")
    html = upload(beheerder, f"{HEADER}\n{row}\n").content.decode()
    assert "Let op: controleer dit voordat u bevestigt" in html
    assert (
        "Nieuwe organisatie: Gemeente Aalstadd: lijkt op de bestaande organisatie "
        "&#x27;Gemeente Aalstad&#x27;. Is dit een tikfout?" in html
    )
    assert "deelnemer erbij: Gemeente Aalstadd" in html
    assert "deelnemer eraf: Gemeente Aalstad" in html
    assert not Organisation.objects.filter(name="Gemeente Aalstadd").exists()


def test_a_new_partnership_lists_its_fields_and_participants(beheerder):
    page = upload(beheerder, f"{HEADER}\n{EXAMPLE_ROW}\n")
    html = page.content.decode()
    assert "Nieuw samenwerkingsverband (regel 2): Omgevingsdienst Zuidland" in html
    assert "deelnemers: Gemeente Aalstad, Gemeente Beekdorp, Provincie Zuidland" in html
    assert "Nieuwe organisatie: Provincie Zuidland" in html
    assert not Partnership.objects.exists()


def test_an_unchanged_file_says_geen_wijzigingen_and_offers_nothing_to_save(beheerder):
    upload_text = f"{HEADER}\n{EXAMPLE_ROW}\n"
    beheerder.post(URL, confirm_form(upload(beheerder, upload_text)))
    history = Partnership.history.count()
    page = upload(beheerder, upload_text)
    html = page.content.decode()
    assert "Geen wijzigingen" in html and "1 ongewijzigd" in html
    assert not [f for f in post_forms(html) if "controle" in f.names()]  # nothing to confirm
    assert Partnership.history.count() == history


def test_nothing_is_saved_when_the_data_changed_after_the_preview(beheerder, omgevingsdienst):
    page = upload(beheerder, f"{HEADER}\n{EXAMPLE_ROW}\n")
    # Meanwhile someone else adds a participant, which the file would remove as well.
    Participation.objects.create(
        partnership=omgevingsdienst,
        organisation=Organisation.objects.create(name="Gemeente Eikenrode", kind="gemeente"),
    )
    again = beheerder.post(URL, confirm_form(page), follow=True)
    html = again.content.decode()
    assert "De opgeslagen gegevens zijn veranderd sinds het overzicht" in html
    assert "deelnemer eraf: Gemeente Eikenrode" in html
    assert len(participants("Omgevingsdienst Zuidland")) == 6

    # Confirming the new overview saves it.
    beheerder.post(URL, confirm_form(again))
    assert len(participants("Omgevingsdienst Zuidland")) == 3


def test_the_button_of_an_older_preview_does_not_save_a_later_file(beheerder):
    first = upload(beheerder, f"{HEADER}\n{EXAMPLE_ROW}\n")
    upload(beheerder, f"{HEADER}\n{EXAMPLE_ROW.replace('Zuidland;', 'Noordland;', 1)}\n")
    response = beheerder.post(URL, confirm_form(first), follow=True)
    assert "Kies het bestand opnieuw" in response.content.decode()
    assert not Partnership.objects.exists()


def test_cancelling_saves_nothing_and_forgets_the_file(beheerder):
    page = upload(beheerder, f"{HEADER}\n{EXAMPLE_ROW}\n")
    form = confirm_form(page)
    cancelled = beheerder.post(URL, {**form, "actie": "annuleren"}, follow=True)
    assert "De import is afgebroken. Er is niets opgeslagen." in cancelled.content.decode()
    response = beheerder.post(URL, form, follow=True)
    assert "Kies het bestand opnieuw" in response.content.decode()
    assert not Partnership.objects.exists()


@pytest.mark.parametrize(
    "posted", [{}, {"bestand": "x", "controle": "y"}, {"bestand": "0" * 64, "controle": "0" * 64}]
)
def test_a_confirmation_without_a_waiting_file_saves_nothing(beheerder, posted):
    response = beheerder.post(URL, {"controle": "", **posted}, follow=True)
    assert "Kies het bestand opnieuw" in response.content.decode()
    assert not Partnership.objects.exists()
