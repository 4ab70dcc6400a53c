from django.urls import path

from . import views
from .converters import CodeConverter  # noqa: F401 (importing registers <code:...>)

app_name = "principles"

urlpatterns = [
    path("", views.gids_index, name="index"),
    path("zoeken/", views.gids_search, name="search"),
    # Only a Gids code matches: NUL or other stray characters give a 404 before any query.
    path("<code:code>/", views.theme_detail, name="theme"),
]
