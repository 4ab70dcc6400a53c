"""Recommendation A2.5 as a checklist against the regeling: the topics the Gids says the
regeling should cover (practical items A2.5-1.1 … A2.5-1.14), each answered ja / nee /
onbekend with the article where it is laid down.

The checklist informs the respondent's score for A2.5; it never sets it: "Uw score blijft
uw eigen oordeel". It is part of the answer (ChecklistAnswer rows of that Answer), saved in
one transaction with it, from the theme page's plain post and from save-as-you-go alike.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction

from assessments.access import acting_user
from assessments.models import Answer, Assessment, ChecklistAnswer
from partnerships.constants import CheckStatus
from partnerships.form_rules import CheckedInputMixin
from principles.models import PracticalItem, Recommendation

CHECKLIST_CODE = "A2.5"
CHECKLIST_PARENT = "A2.5-1"
PREFIX = "A2_5-toets"
MSG_STATUS = "Kies ja, nee of onbekend."


@dataclass(frozen=True)
class Topic:
    item_id: int
    code: str  # "A2.5-1.3"
    text: str

    @property
    def number(self) -> str:
        """ "1.3": what the form's field names carry."""
        return self.code.rsplit("-", 1)[-1]

    @property
    def slug(self) -> str:
        return self.number.replace(".", "_")


@dataclass(frozen=True)
class TopicAnswer:
    topic: Topic
    status: str  # "" when not filled in
    article: str

    @property
    def status_label(self) -> str:
        return CheckStatus(self.status).label if self.status else "Niet ingevuld"


@dataclass(frozen=True)
class ChecklistSummary:
    """ "9 van 14 onderwerpen geregeld; ontbreekt: …" """

    answers: list[TopicAnswer]

    @property
    def total(self) -> int:
        return len(self.answers)

    @property
    def settled(self) -> list[TopicAnswer]:
        return [a for a in self.answers if a.status == CheckStatus.JA]

    @property
    def missing(self) -> list[TopicAnswer]:
        return [a for a in self.answers if a.status == CheckStatus.NEE]

    @property
    def open(self) -> list[TopicAnswer]:
        """Onbekend, or not filled in."""
        return [a for a in self.answers if a.status not in (CheckStatus.JA, CheckStatus.NEE)]

    @property
    def is_filled(self) -> bool:
        return any(a.status for a in self.answers)

    @property
    def sentence(self) -> str:
        text = f"{len(self.settled)} van {self.total} onderwerpen geregeld"
        if self.missing:
            text += "; ontbreekt: " + "; ".join(_short(a.topic.text) for a in self.missing)
        if self.open:
            text += f"; {len(self.open)} onbekend of niet ingevuld"
        return text + "."


def _short(text: str) -> str:
    """The topic without the Gids' theme reference: "Periodieke evaluaties"."""
    return text.split(" (thema")[0].rstrip(".").strip()


def checklist_topics(framework_id: int, hidden: Iterable[str] = ()) -> list[Topic]:
    """The topics of A2.5-1 in Gids order (one query), without those that do not apply."""
    hidden = set(hidden)
    return [
        Topic(pk, code, text)
        for pk, code, text in PracticalItem.objects.filter(
            recommendation__theme__part__framework_id=framework_id,
            recommendation__code=CHECKLIST_CODE,
            parent__code=CHECKLIST_PARENT,
        )
        .order_by("order")
        .values_list("pk", "code", "text")
        if code not in hidden
    ]


def checklist_answers(assessment: Assessment, topics: list[Topic]) -> list[TopicAnswer]:
    """The stored checklist of the assessment's A2.5 answer, one entry per topic (one query)."""
    stored = {
        item_id: (status, article)
        for item_id, status, article in ChecklistAnswer.objects.filter(
            answer__assessment=assessment, answer__recommendation__code=CHECKLIST_CODE
        ).values_list("item_id", "status", "article")
    }
    return [TopicAnswer(t, *stored.get(t.item_id, ("", ""))) for t in topics]


class ChecklistForm(CheckedInputMixin, forms.Form):
    """One status and one article per topic; nothing is required (fill in what you know)."""

    def __init__(self, *args: Any, topics: list[Topic], stored: list[TopicAnswer], **kwargs: Any):
        kwargs.setdefault("prefix", PREFIX)
        super().__init__(*args, **kwargs)
        self.topics = topics
        by_code = {a.topic.code: a for a in stored}
        for topic in topics:
            answer = by_code.get(topic.code)
            self.fields[f"status_{topic.slug}"] = forms.ChoiceField(
                label=topic.text,
                choices=CheckStatus.choices,
                required=False,
                widget=forms.RadioSelect,
                initial=answer.status if answer else "",
                error_messages={"invalid_choice": MSG_STATUS},
            )
            self.fields[f"article_{topic.slug}"] = forms.CharField(
                label=f"Artikel bij {topic.number}",
                required=False,
                max_length=100,
                initial=answer.article if answer else "",
            )

    def is_sent(self) -> bool:
        """Whether the post carries the checklist at all (a post without it leaves the
        stored checklist as it is). The article boxes are always sent with the fieldset."""
        if not self.is_bound:
            return False
        names = [
            self.add_prefix(f"{k}_{t.slug}") for t in self.topics for k in ("status", "article")
        ]
        return any(name in self.data for name in names)

    def rows(self) -> list["ChecklistRow"]:
        """Per topic its bound fields, for the template."""
        return [
            ChecklistRow(t, self[f"status_{t.slug}"], self[f"article_{t.slug}"])
            for t in self.topics
        ]

    def entries(self) -> dict[int, tuple[str, str]]:
        """{practical item id: (status, article)} of the topics filled in."""
        data = self.cleaned_data
        result: dict[int, tuple[str, str]] = {}
        for topic in self.topics:
            status = data.get(f"status_{topic.slug}") or ""
            article = (data.get(f"article_{topic.slug}") or "").strip()
            if status or article:
                result[topic.item_id] = (status or CheckStatus.ONBEKEND, article)
        return result


@dataclass(frozen=True)
class ChecklistRow:
    topic: Topic
    status: forms.BoundField
    article: forms.BoundField


def checklist_save(
    *,
    assessment: Assessment,
    entries: Mapping[int, tuple[str, str]],
    user: User | AnonymousUser | None,
) -> None:
    """Replace the checklist of the assessment's A2.5 answer with `entries` (item id:
    (status, article)). Without an answer yet, an empty one holds it (no score: the
    checklist never sets one)."""
    with transaction.atomic():
        answer = Answer.objects.filter(
            assessment=assessment, recommendation__code=CHECKLIST_CODE
        ).first()
        if answer is None:
            if not entries:
                return
            answer = Answer.objects.create(
                assessment=assessment,
                recommendation=Recommendation.objects.get(
                    theme__part__framework_id=assessment.round.framework_id, code=CHECKLIST_CODE
                ),
                updated_by=acting_user(user),
            )
        ChecklistAnswer.objects.filter(answer=answer).exclude(item_id__in=list(entries)).delete()
        existing = {c.item_id: c for c in ChecklistAnswer.objects.filter(answer=answer)}
        for item_id, (status, article) in entries.items():
            row = existing.get(item_id) or ChecklistAnswer(answer=answer, item_id=item_id)
            if row.pk and (row.status, row.article) == (status, article):
                continue
            row.status, row.article = status, article
            row.full_clean(exclude=["answer", "item"])
            row.save()


def checklist_form(
    assessment: Assessment, hidden: Iterable[str], data: Mapping[str, Any] | None = None
) -> ChecklistForm | None:
    """The checklist form of the assessment's A2.5 (two queries); None when the Gids version
    has no such topics."""
    topics = checklist_topics(assessment.round.framework_id, hidden)
    if not topics:
        return None
    return ChecklistForm(data, topics=topics, stored=checklist_answers(assessment, topics))


def checklist_summary(
    assessment: Assessment, hidden: Iterable[str] = ()
) -> ChecklistSummary | None:
    """The filled-in checklist of the assessment (two queries); None when nothing is filled in."""
    topics = checklist_topics(assessment.round.framework_id, hidden)
    summary = ChecklistSummary(checklist_answers(assessment, topics))
    return summary if topics and summary.is_filled else None


def checklist_copy(assessments: Mapping[int, int]) -> None:
    """Copy the A2.5 checklists into the next round: `assessments` maps each previous
    assessment's id to its successor's, whose answers were copied already (two queries and
    one insert)."""
    old = ChecklistAnswer.objects.filter(
        answer__assessment_id__in=list(assessments), answer__recommendation__code=CHECKLIST_CODE
    ).values_list("answer__assessment_id", "item_id", "status", "article")
    new_answers = dict(
        Answer.objects.filter(
            assessment_id__in=list(assessments.values()), recommendation__code=CHECKLIST_CODE
        ).values_list("assessment_id", "pk")
    )
    ChecklistAnswer.objects.bulk_create(
        ChecklistAnswer(
            answer_id=new_answers[assessments[assessment_id]],
            item_id=item_id,
            status=status,
            article=article,
        )
        for assessment_id, item_id, status, article in old
        if assessments[assessment_id] in new_answers
    )
