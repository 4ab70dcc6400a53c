"""URLs of the partnership's Wgr check, under /samenwerkingsverbanden/."""

from django.urls import URLPattern, path

from . import views_wgr

urlpatterns: list[URLPattern] = [
    path("<int:pk>/wgr/", views_wgr.wgr_edit, name="wgr"),
]
