"""URLs of the partnership's calendar, under /samenwerkingsverbanden/."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
