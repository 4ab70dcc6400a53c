from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Zelfevaluaties"

    def ready(self) -> None:
        from . import lookups  # noqa: F401  (registers the any_of lookup)
