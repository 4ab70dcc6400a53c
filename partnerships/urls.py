from django.urls import path

from . import urls_calendar, urls_documents, urls_wgr, views, views_bbv

app_name = "partnerships"

urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("nieuw/", views.partnership_create, name="create"),
    path("importeren/", views.partnership_import, name="import"),
    path("<int:pk>/", views.partnership_detail, name="detail"),
    path("<int:pk>/bewerken/", views.partnership_edit, name="edit"),
    path(
        "<int:pk>/deelnemers/<int:organisation_pk>/verbonden-partij/<int:year>/",
        views_bbv.verbonden_partij,
        name="verbonden_partij",
    ),
]

urlpatterns += urls_calendar.urlpatterns + urls_wgr.urlpatterns + urls_documents.urlpatterns
