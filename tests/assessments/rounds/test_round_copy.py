"""Starting the next round from the previous one.

Same respondents, answers copied as a starting point and marked as taken over until the
respondent confirms or changes them; the old round is unchanged.
"""

from datetime import date

import pytest

from assessments.constants import AssessmentStatus, Perspective
from assessments.models import Answer, Assessment, AssessmentRound
from assessments.rounds.services import round_start_next
from assessments.scores import round_score
from partnerships.constants import Role
from tests.factories import make_assessment, make_partnership, make_round, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_round(gids):
    partnership = make_partnership(
        "Regio Rivierenland", participants=["Gemeente Aalstad", "Gemeente Beekdorp"]
    )
    round_ = make_round(partnership, period="2025", opens_on=date(2025, 3, 1))
    raad = make_assessment(
        round_,
        organisation="Gemeente Aalstad",
        submitted=True,
        answers={"A1.1": (3, "Goed geregeld."), "A1.2": ("nvt", "Geen eigen taak."), "A2.1": 1},
    )
    raad.respondent_email = "griffie@aalstad.nl"
    raad.save()
    make_assessment(
        round_,
        organisation="Gemeente Beekdorp",
        perspective=Perspective.COLLEGE,
        answers={"A1.1": "weet_niet"},
    )
    make_assessment(round_, perspective=Perspective.DB, submitted=True, answers={"A1.1": 1})
    return round_


def _snapshot(round_: AssessmentRound) -> list[tuple]:
    return sorted(
        Answer.objects.filter(assessment__round=round_).values_list(
            "assessment_id",
            "recommendation__code",
            "score",
            "special",
            "explanation",
            "is_taken_over",
            "version",
        )
    )


def _post_next(client, round_, **data):
    """Post the next round's form as the confirmation page does (see test_round_open_close)."""
    payload = {
        "period": "2026",
        "opens_on": "2026-03-01",
        "due_on": "2026-05-01",
        "target": "3",
        "confirmed": "True",
    }
    payload.update(data)
    return client.post(f"/rondes/{round_.pk}/volgende/", payload)


def test_next_round_copies_respondents_and_answers_as_taken_over(
    client, old_round, every_item_asked
):
    before = _snapshot(old_round)
    old_states = list(old_round.assessments.values_list("pk", "status", "respondent_email"))
    directeur = make_user(Role.DIRECTEUR, partnership=old_round.partnership)
    client.force_login(directeur)
    response = _post_next(client, old_round)

    new = AssessmentRound.objects.get(partnership=old_round.partnership, period="2026")
    assert response.status_code == 302 and response["Location"] == f"/rondes/{new.pk}/"
    assert new.previous == old_round and new.created_by == directeur
    assert new.framework_id == old_round.framework_id

    def respondents(round_):
        return sorted(
            (a.participation_id or 0, a.perspective, a.respondent_email)
            for a in round_.assessments.all()
        )

    assert respondents(new) == respondents(old_round)
    assert set(new.assessments.values_list("status", flat=True)) == {AssessmentStatus.DRAFT}

    copied = {
        (a.assessment.perspective, a.recommendation.code): (
            a.value,
            a.explanation,
            a.is_taken_over,
        )
        for a in Answer.objects.filter(assessment__round=new).select_related(
            "assessment", "recommendation"
        )
    }
    assert copied == {
        (Perspective.RAAD, "A1.1"): (3, "Goed geregeld.", True),
        (Perspective.RAAD, "A1.2"): ("nvt", "Geen eigen taak.", True),
        (Perspective.RAAD, "A2.1"): (1, "Toelichting.", True),
        (Perspective.COLLEGE, "A1.1"): ("weet_niet", "Toelichting.", True),
        (Perspective.DB, "A1.1"): (1, "Toelichting.", True),
    }
    # the old round is unchanged
    assert _snapshot(old_round) == before
    assert list(old_round.assessments.values_list("pk", "status", "respondent_email")) == (
        old_states
    )
    # nothing is confirmed or submitted: the new round has no statistics yet
    assert round_score(new).respondents == 0
    page = client.get(f"/rondes/{new.pk}/").content.decode()
    assert "3 overgenomen, nog niet bevestigd" in page
    assert "Vorige ronde" in page and f'href="/rondes/{old_round.pk}/"' in page


def test_saving_an_answer_through_the_form_service_ends_taken_over(old_round):
    from assessments.questionnaire.services import AnswerInput, answer_save

    new = round_start_next(
        old_round, period="2026", opens_on=date(2026, 3, 1), due_on=date(2026, 5, 1)
    )
    raad = new.assessments.get(perspective=Perspective.RAAD)
    answer = Answer.objects.get(assessment=raad, recommendation__code="A1.1")
    user = make_user(Role.GRIFFIER, organisation="Gemeente Aalstad")
    answer_save(
        assessment=raad,
        code="A1.1",
        data=AnswerInput(value=4, explanation="Nu volledig.", version=answer.version),
        user=user,
    )
    answer.refresh_from_db()
    assert (answer.score, answer.is_taken_over) == (4, False)
    still = Answer.objects.get(assessment=raad, recommendation__code="A2.1")
    assert still.is_taken_over is True


def test_confirm_taken_over_answers_per_theme(client, old_round):
    new = round_start_next(
        old_round, period="2026", opens_on=date(2026, 3, 1), due_on=date(2026, 5, 1)
    )
    raad = new.assessments.get(perspective=Perspective.RAAD)
    griffier = make_user(Role.GRIFFIER, organisation="Gemeente Aalstad")
    client.force_login(griffier)
    response = client.post(f"/evaluaties/{raad.pk}/thema/A1/overgenomen-bevestigen/")
    assert response.status_code == 302
    taken = dict(
        Answer.objects.filter(assessment=raad).values_list("recommendation__code", "is_taken_over")
    )
    assert taken == {"A1.1": False, "A1.2": False, "A2.1": True}
    confirmed = Answer.objects.get(assessment=raad, recommendation__code="A1.1")
    assert confirmed.score == 3 and confirmed.version == 2 and confirmed.updated_by == griffier
    # the raad's answers are not the contramal's to confirm
    client.force_login(make_user(Role.CONTRAMAL, organisation="Gemeente Aalstad"))
    assert client.post(f"/evaluaties/{raad.pk}/thema/A2/overgenomen-bevestigen/").status_code in (
        403,
        404,
    )
    assert Answer.objects.get(assessment=raad, recommendation__code="A2.1").is_taken_over


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"period": "2025"}, "Er is al een ronde met de periode 2025"),
        ({"opens_on": "2025-01-01", "due_on": "2025-02-01"}, "moet later beginnen"),
        ({"due_on": "2026-01-01"}, "De einddatum ligt vóór de begindatum."),
    ],
)
def test_bad_next_round_input_changes_nothing(client, old_round, data, message):
    client.force_login(make_user(Role.DIRECTEUR, partnership=old_round.partnership))
    counts = (AssessmentRound.objects.count(), Assessment.objects.count(), Answer.objects.count())
    response = _post_next(client, old_round, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    after = (AssessmentRound.objects.count(), Assessment.objects.count(), Answer.objects.count())
    assert after == counts


def test_only_one_next_round_per_round(client, old_round):
    client.force_login(make_user(Role.DIRECTEUR, partnership=old_round.partnership))
    assert _post_next(client, old_round).status_code == 302
    response = _post_next(
        client, old_round, period="2027", opens_on="2027-03-01", due_on="2027-05-01"
    )
    assert response.status_code == 400
    assert (
        "Er is al een volgende ronde gestart vanuit deze ronde: 2026." in response.content.decode()
    )
    assert AssessmentRound.objects.filter(partnership=old_round.partnership).count() == 2


def test_only_a_manager_starts_the_next_round(client, old_round):
    client.force_login(make_user(Role.GRIFFIER, organisation="Gemeente Aalstad"))
    assert _post_next(client, old_round).status_code == 403
    assert client.get(f"/rondes/{old_round.pk}/volgende/").status_code == 403
    assert AssessmentRound.objects.count() == 1


def test_next_round_form_is_prefilled(client, old_round):
    client.force_login(make_user(Role.BEHEERDER))
    html = client.get(f"/rondes/{old_round.pk}/volgende/").content.decode()
    assert 'value="2026"' in html and 'value="2026-03-01"' in html
