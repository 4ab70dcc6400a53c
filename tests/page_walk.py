"""Where the page walks of the browser console check and the HTML validity check start, and
what they never follow: files, downloads, the admin and links that log out or delete."""

import re

SKIP = re.compile(
    r"^/(static|media|beheer|accounts/logout)|\.(pdf|xlsx|csv|docx|ics|json)$|/export|/bestand/$"
    r"|/verwijderen/$"
)
# A visitor who is not logged in.
VISITOR_START = ["/", "/accounts/login/", "/accounts/wachtwoord/vergeten/", "/gids/", "/gids/A1/"]
# Every signed-in role.
START = [
    "/",
    "/dashboard/",
    "/evaluaties/",
    "/samenwerkingsverbanden/",
    "/gids/",
    "/gids/A1/",
    "/gids/zoeken/?q=begroting",
    "/begrippen/",
    "/agenda/",
]
