"""URLs of the agenda subscription (appended to assessments.urls)."""

from django.urls import URLPattern, path

from . import calendar_views

urlpatterns: list[URLPattern] = [
    path("agenda/", calendar_views.agenda, name="agenda"),
    path("agenda/link/", calendar_views.agenda_link, name="agenda_link"),
    path("agenda/<str:token>.ics", calendar_views.agenda_feed, name="agenda_feed"),
]
