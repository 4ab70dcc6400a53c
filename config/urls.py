from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from assessments.dashboard.views import home

admin.site.site_header = "Regiespiegel — beheer"
admin.site.site_title = "Regiespiegel"

handler400 = "config.middleware_db.bad_request"
handler500 = "config.middleware_db.server_error"

urlpatterns = [
    path("", home, name="home"),
    # Browsers ask for /favicon.ico where no page names the icon (a PDF): the site's SVG.
    path(
        "favicon.ico",
        RedirectView.as_view(url=f"{settings.STATIC_URL}favicon.svg", permanent=True),
        name="favicon",
    ),
    path("accounts/", include("partnerships.auth_urls")),
    path("gids/", include("principles.urls")),
    path("samenwerkingsverbanden/", include("partnerships.urls")),
    path("", include("assessments.urls")),
    path("beheer/", admin.site.urls),
]
