"""URLs of the partnership's wgr, under /samenwerkingsverbanden/."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
