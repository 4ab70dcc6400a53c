import pytest
from django.core.management import call_command

from principles.models import Framework


def _ensure_gids() -> Framework:
    if not Framework.objects.filter(is_current=True).exists():
        call_command("load_gids", verbosity=0)
    return Framework.objects.get(is_current=True)


def _load_gids() -> None:
    if not Framework.objects.filter(is_current=True).exists():
        call_command("load_gids", verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the Gids once into the test database; every test then sees it."""
    with django_db_blocker.unblock():
        _load_gids()


@pytest.fixture
def gids(db) -> Framework:
    """The current framework (reloaded when a transactional test flushed the database)."""
    return _ensure_gids()


@pytest.fixture
def every_item_asked(monkeypatch):
    """Every applicable item is one of each perspective's own questions: for tests of other
    rules (copying, exports, submitting) that must not depend on which items a perspective
    may skip. The split itself is tested with `question_set` as it is."""
    from assessments.questionnaire import question_sets

    def all_own(applic, perspective):
        codes = tuple(dict.fromkeys(code for code, _theme in applic.item_pairs()))
        return question_sets.QuestionSet(perspective=perspective, items=codes, optional=())

    monkeypatch.setattr(question_sets, "question_set", all_own)
