"""The any_of lookup (assessments/lookups.py): the same rows as __in, sent on PostgreSQL as
one array parameter whatever the number of ids (issue 8)."""

import pytest
from django.db import connection

from assessments.models import AssessmentRound, NextStep
from partnerships.models import Partnership
from tests.factories import make_next_step, make_partnership, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def rounds(gids):
    found = []
    for n in range(3):
        partnership = make_partnership(f"GR Lookup {n}", participants=["Gemeente Aalstad"])
        for period in ("2025", "2026"):
            round_ = make_round(partnership, period=period)
            make_next_step(round_, description=f"Stap {n}-{period}")
            found.append(round_)
    return found


def _pks(queryset) -> list[int]:
    return sorted(queryset.values_list("pk", flat=True))


def test_any_of_finds_what_in_finds_on_keys_and_through_relations(rounds):
    partnerships = sorted({r.partnership_id for r in rounds})
    wanted = set(partnerships[:2])
    assert _pks(AssessmentRound.objects.filter(partnership_id__any_of=wanted)) == _pks(
        AssessmentRound.objects.filter(partnership_id__in=wanted)
    )
    assert len(_pks(AssessmentRound.objects.filter(partnership_id__any_of=wanted))) == 4
    # Through a relation, and with a list holding an id twice.
    in_two = [partnerships[0], partnerships[0], partnerships[2]]
    assert _pks(NextStep.objects.filter(round__partnership_id__any_of=in_two)) == _pks(
        NextStep.objects.filter(round__partnership_id__in=in_two)
    )
    assert _pks(Partnership.objects.filter(pk__any_of={partnerships[1]})) == [partnerships[1]]


def test_any_of_with_no_ids_finds_nothing_without_asking_the_database(
    rounds, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert list(AssessmentRound.objects.filter(pk__any_of=set())) == []


def test_any_of_refuses_a_query_or_a_string(rounds):
    with pytest.raises(TypeError):
        list(AssessmentRound.objects.filter(pk__any_of=Partnership.objects.values("pk")))
    with pytest.raises(TypeError):
        list(AssessmentRound.objects.filter(pk__any_of="12"))


def test_postgresql_gets_one_array_parameter_however_many_ids(rounds):
    def sql(ids):
        query = AssessmentRound.objects.filter(pk__any_of=ids).values("pk").query
        return query.get_compiler(connection=connection).as_sql()

    few, few_params = sql({1, 2, 3})
    many, many_params = sql(set(range(1, 301)))
    if connection.vendor == "postgresql":
        assert "= ANY(" in many
        assert few == many  # the same text: built once, parsed once
        assert len(many_params) == 1
    else:  # SQLite: an IN list, as __in
        assert " IN (" in many
        assert len(few_params) == 3 and len(many_params) == 300
