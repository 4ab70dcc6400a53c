"""URLs of the partnership's documents, under /samenwerkingsverbanden/."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
