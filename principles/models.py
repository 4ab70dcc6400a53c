"""The framework as data: De Gids voor Regionale Samenwerking (2021).

Every row has a natural key built from stable codes (framework slug, "A", "A5",
"A5.7"), so loading the fixture again updates rows instead of duplicating them.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse


class ThemeKind(models.TextChoices):
    PRINCIPE = "principe", "Principe"
    AANDACHTSPUNT = "aandachtspunt", "Aandachtspunt"


class FrameworkManager(models.Manager["Framework"]):
    def get_by_natural_key(self, slug: str) -> "Framework":
        return self.get(slug=slug)

    def current(self) -> "Framework":
        return self.get(is_current=True)


class Framework(models.Model):
    slug = models.SlugField("code", max_length=50, unique=True)
    title = models.CharField("titel", max_length=200)
    version = models.CharField("versie", max_length=20)
    year = models.PositiveSmallIntegerField("jaar")
    publisher = models.CharField("uitgever", max_length=200, blank=True)
    is_current = models.BooleanField("huidige versie", default=False)

    objects = FrameworkManager()

    class Meta:
        verbose_name = "kader"
        verbose_name_plural = "kaders"
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="framework_one_current",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year}, versie {self.version})"

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class PartManager(models.Manager["Part"]):
    def get_by_natural_key(self, framework_slug: str, code: str) -> "Part":
        return self.get(framework__slug=framework_slug, code=code)


class Part(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="parts")
    code = models.CharField("deel", max_length=1)
    title = models.CharField("titel", max_length=300)
    introduction = models.TextField("inleiding", blank=True)
    note = models.TextField(
        "opmerking bij de bron",
        blank=True,
        help_text="Een bekende onvolkomenheid in de tekst van de Gids, bewust overgenomen.",
    )

    objects = PartManager()

    class Meta:
        verbose_name = "deel"
        verbose_name_plural = "delen"
        ordering = ["framework", "code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="part_unique_code"),
            models.CheckConstraint(condition=Q(code__in=["A", "B"]), name="part_code_a_or_b"),
        ]

    def __str__(self) -> str:
        return f"Deel {self.code}: {self.title}"

    def natural_key(self) -> tuple[str, str]:
        return (*self.framework.natural_key(), self.code)

    # Read by Django's serialisers; the type checker knows no attributes on methods.
    natural_key.dependencies = ["principles.framework"]  # type: ignore[attr-defined]


class ThemeManager(models.Manager["Theme"]):
    def get_by_natural_key(self, framework_slug: str, code: str) -> "Theme":
        return self.get(part__framework__slug=framework_slug, code=code)


class Theme(models.Model):
    """A principle (A1-A12, B1-B12) or attention point (A13-A14, B13-B15) of the Gids."""

    part = models.ForeignKey(Part, on_delete=models.CASCADE, related_name="themes")
    number = models.PositiveSmallIntegerField("themanummer")
    code = models.CharField("code", max_length=4)
    kind = models.CharField("soort", max_length=20, choices=ThemeKind.choices)
    title = models.CharField("titel", max_length=300)
    statement = models.TextField("principe", blank=True)
    introduction = models.TextField("toelichting", blank=True)
    note = models.TextField(
        "opmerking bij de bron",
        blank=True,
        help_text="Een bekende onvolkomenheid in de tekst van de Gids, bewust overgenomen.",
    )

    objects = ThemeManager()

    class Meta:
        verbose_name = "thema"
        verbose_name_plural = "thema's"
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["part", "code"], name="theme_unique_code"),
            models.UniqueConstraint(fields=["part", "number"], name="theme_unique_number"),
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=29), name="theme_number_1_29"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["principe", "aandachtspunt"]), name="theme_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"

    def natural_key(self) -> tuple[str, str]:
        return (self.part.framework.slug, self.code)

    # Read by Django's serialisers; the type checker knows no attributes on methods.
    natural_key.dependencies = ["principles.part"]  # type: ignore[attr-defined]

    def get_absolute_url(self) -> str:
        return reverse("principles:theme", args=[self.code])


class ActorManager(models.Manager["Actor"]):
    def get_by_natural_key(self, framework_slug: str, code: str) -> "Actor":
        return self.get(framework__slug=framework_slug, code=code)


class Actor(models.Model):
    """An actor from "Wie doet wat bij samenwerking?" with its responsibilities."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="actors")
    code = models.SlugField("code", max_length=50)
    name = models.CharField("naam", max_length=200)
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    responsibilities = models.TextField("verantwoordelijkheden", blank=True)

    objects = ActorManager()

    class Meta:
        verbose_name = "actor"
        verbose_name_plural = "actoren"
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="actor_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str, str]:
        return (*self.framework.natural_key(), self.code)

    # Read by Django's serialisers; the type checker knows no attributes on methods.
    natural_key.dependencies = ["principles.framework"]  # type: ignore[attr-defined]


class RecommendationManager(models.Manager["Recommendation"]):
    def get_by_natural_key(self, framework_slug: str, code: str) -> "Recommendation":
        return self.get(theme__part__framework__slug=framework_slug, code=code)


class Recommendation(models.Model):
    """An aanbeveling. Its code ("A5.7") is stable and never reused."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField("nummer")
    code = models.CharField("code", max_length=8)
    text = models.TextField("aanbeveling")
    lead_in = models.TextField(
        "inleidende zin", blank=True, help_text="Tekst vóór de praktische uitwerking."
    )
    refers_to = models.ForeignKey(
        Theme,
        verbose_name="verwijst naar deel A, hoofdstuk",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referenced_by",
        help_text="Voor een aanbeveling van deel B die het hoofdstuk van deel A "
        "mutatis mutandis van toepassing verklaart.",
    )
    actors = models.ManyToManyField(Actor, blank=True, related_name="recommendations")
    note = models.TextField("opmerking bij de bron", blank=True)

    objects = RecommendationManager()

    class Meta:
        verbose_name = "aanbeveling"
        verbose_name_plural = "aanbevelingen"
        ordering = ["theme__number", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["theme", "number"], name="recommendation_unique_number"
            ),
            models.UniqueConstraint(fields=["theme", "code"], name="recommendation_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:80]}"

    def natural_key(self) -> tuple[str, str]:
        return (self.theme.part.framework.slug, self.code)

    # Read by Django's serialisers; the type checker knows no attributes on methods.
    natural_key.dependencies = ["principles.theme", "principles.actor"]  # type: ignore[attr-defined]

    @property
    def theme_code(self) -> str:
        """The theme's code, read from this code ("A5.7" -> "A5") without a query."""
        return self.code.split(".", 1)[0]

    @property
    def anchor(self) -> str:
        """The id of this recommendation on its theme page ("aanbeveling-A5-7")."""
        return "aanbeveling-" + self.code.replace(".", "-")

    def get_absolute_url(self) -> str:
        return reverse("principles:theme", args=[self.theme_code]) + "#" + self.anchor


class PracticalItemManager(models.Manager["PracticalItem"]):
    def get_by_natural_key(self, framework_slug: str, code: str) -> "PracticalItem":
        return self.get(recommendation__theme__part__framework__slug=framework_slug, code=code)


class PracticalItem(models.Model):
    """A bullet of "Praktische uitwerking"; sub-bullets ("-") have a parent."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="practical_items"
    )
    code = models.CharField("code", max_length=20)  # "A5.7-3" or "A5.7-3.2"
    order = models.PositiveSmallIntegerField("volgorde")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    text = models.TextField("tekst")

    objects = PracticalItemManager()

    class Meta:
        verbose_name = "praktische uitwerking"
        verbose_name_plural = "praktische uitwerkingen"
        ordering = ["recommendation", "order"]
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "code"], name="item_unique_code"),
            models.UniqueConstraint(fields=["recommendation", "order"], name="item_unique_order"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def natural_key(self) -> tuple[str, str]:
        return (self.recommendation.theme.part.framework.slug, self.code)

    # Read by Django's serialisers; the type checker knows no attributes on methods.
    natural_key.dependencies = ["principles.recommendation"]  # type: ignore[attr-defined]


class QuestionManager(models.Manager["Question"]):
    def get_by_natural_key(self, framework_slug: str, code: str) -> "Question":
        return self.get(
            recommendation__theme__part__framework__slug=framework_slug,
            recommendation__code=code,
        )


class Question(models.Model):
    """The plain-Dutch question for one recommendation, written by us (B1), not by the Gids.

    Kept apart from the Gids text, in a fixture of its own (fixtures/gids-vragen.json), so
    that the verbatim recommendation stays as the Gids wrote it and is shown under it."""

    recommendation = models.OneToOneField(
        Recommendation,
        on_delete=models.CASCADE,
        related_name="question",
        verbose_name="aanbeveling",
    )
    text = models.TextField("vraag")

    objects = QuestionManager()

    class Meta:
        verbose_name = "vraag"
        verbose_name_plural = "vragen"
        ordering = ["recommendation"]

    def __str__(self) -> str:
        return self.text[:80]

    def natural_key(self) -> tuple[str, str]:
        return self.recommendation.natural_key()

    natural_key.dependencies = ["principles.recommendation"]  # type: ignore[attr-defined]
