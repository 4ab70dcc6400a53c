from django.contrib import admin
from django.urls import include, path

from assessments.dashboard.views import home

admin.site.site_header = "Regiespiegel — beheer"
admin.site.site_title = "Regiespiegel"

handler400 = "config.middleware_db.bad_request"
handler500 = "config.middleware_db.server_error"

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("partnerships.auth_urls")),
    path("gids/", include("principles.urls")),
    path("samenwerkingsverbanden/", include("partnerships.urls")),
    path("", include("assessments.urls")),
    path("beheer/", admin.site.urls),
]
