"""Login, logout, password change and reset, in Dutch (templates/registration/).

Every password check and every reset request goes through the limiter (partnerships/auth.py). Password change requires login (Django's view
is decorated with login_required); the reset pages are public by nature.
"""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.urls import path

from .auth import LimitedLoginView, LimitedPasswordChangeView, LimitedPasswordResetView

MSG_LOGGED_OUT = "U bent uitgelogd. Tot ziens."


class LogoutView(auth_views.LogoutView):
    """Django's logout, saying so on the page it leads to (the session is new by then)."""

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.info(request, MSG_LOGGED_OUT)
        return response


urlpatterns = [
    path("login/", LimitedLoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path(
        "wachtwoord/wijzigen/",
        LimitedPasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "wachtwoord/gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("wachtwoord/vergeten/", LimitedPasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord/vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord/herstellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord/hersteld/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
