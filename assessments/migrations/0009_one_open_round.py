"""One open round per partnership; the invitation status of each respondent.

Before this migration nothing stopped a partnership from having two open rounds (the new-round
form sent twice, or a next round started while the current one stayed open). The constraint
cannot be added over such data, so the migration first closes every open round of a
partnership but its latest (by opening date, then by id). Closing changes nothing in a
round's answers: a closed round keeps its respondents, answers, scores and reports; it only
stops counting as the partnership's current round. Each round it closes is printed, so whoever
runs the migration sees which.
"""

from django.db import migrations, models


def close_all_but_latest_open_round(apps, schema_editor):
    Round = apps.get_model("assessments", "AssessmentRound")
    latest_seen = set()
    closed = []
    for round_ in (
        Round.objects.filter(status="open")
        .select_related("partnership")
        .order_by("partnership_id", "-opens_on", "-pk")
    ):
        if round_.partnership_id in latest_seen:
            closed.append(round_)
        else:
            latest_seen.add(round_.partnership_id)
    if not closed:
        return
    Round.objects.filter(pk__in=[r.pk for r in closed]).update(status="closed")
    print()  # the migration command prints "Applying ..." without a line break
    for round_ in closed:
        print(
            f"  Ronde {round_.period} van {round_.partnership.name} is afgesloten: "
            "er was een latere open ronde."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0008_frozen_applicability"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessment",
            name="invitation_error",
            field=models.CharField(
                blank=True, editable=False, max_length=200, verbose_name="uitnodiging mislukt"
            ),
        ),
        migrations.AddField(
            model_name="assessment",
            name="invited_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="uitgenodigd op"),
        ),
        migrations.RunPython(close_all_but_latest_open_round, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="assessmentround",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "open")),
                fields=("partnership",),
                name="round_one_open_per_partnership",
            ),
        ),
    ]
