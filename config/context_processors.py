from django.http import HttpRequest

from partnerships.access import profile_of


def navigation(request: HttpRequest) -> dict[str, object]:
    """The signed-in user's role, for the navigation in base.html."""
    profile = profile_of(request.user) if hasattr(request, "user") else None
    return {"current_profile": profile, "current_role": profile.role if profile else None}
