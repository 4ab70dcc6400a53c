from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Samenwerkingsverbanden"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deploy checks)
