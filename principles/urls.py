from django.urls import path

from . import views

app_name = "principles"

urlpatterns = [
    path("", views.gids_index, name="index"),
    path("zoeken/", views.gids_search, name="search"),
    path("<str:code>/", views.theme_detail, name="theme"),
]
