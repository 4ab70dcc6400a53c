from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("nieuw/", views.partnership_create, name="create"),
    path("importeren/", views.partnership_import, name="import"),
    path("<int:pk>/", views.partnership_detail, name="detail"),
    path("<int:pk>/bewerken/", views.partnership_edit, name="edit"),
]
