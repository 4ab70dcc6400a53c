"""URLs of the partnership's calendar, under /samenwerkingsverbanden/."""

from django.urls import URLPattern, path

from . import views_calendar

urlpatterns: list[URLPattern] = [
    path("<int:pk>/kalender/<int:year>/", views_calendar.calendar_year, name="calendar"),
    path(
        "<int:pk>/kalender/<int:year>/wijzigen/",
        views_calendar.calendar_edit,
        name="calendar_edit",
    ),
]
