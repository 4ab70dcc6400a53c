"""URLs of the partnership's documents, under /samenwerkingsverbanden/."""

from django.urls import URLPattern, path

from . import views_documents

urlpatterns: list[URLPattern] = [
    path("<int:pk>/documenten/", views_documents.document_list, name="documents"),
    path("<int:pk>/documenten/nieuw/", views_documents.document_create, name="document_add"),
    path(
        "<int:pk>/documenten/<int:doc_pk>/wijzigen/",
        views_documents.document_edit,
        name="document_edit",
    ),
    path(
        "<int:pk>/documenten/<int:doc_pk>/verwijderen/",
        views_documents.document_remove,
        name="document_delete",
    ),
    path(
        "<int:pk>/documenten/<int:doc_pk>/bestand/",
        views_documents.document_file,
        name="document_file",
    ),
]
