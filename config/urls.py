from django.contrib import admin
from django.urls import include, path

from assessments.views.dashboard import home

admin.site.site_header = "Regiespiegel — beheer"
admin.site.site_title = "Regiespiegel"

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("partnerships.auth_urls")),
    path("gids/", include("principles.urls")),
    path("samenwerkingsverbanden/", include("partnerships.urls")),
    path("", include("assessments.urls")),
    path("beheer/", admin.site.urls),
]
