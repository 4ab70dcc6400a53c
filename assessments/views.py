"""Pages of their own that belong to no single feature: the glossary."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .presentation import GLOSSARY, GLOSSARY_SECTIONS


@require_safe
def glossary(request: HttpRequest) -> HttpResponse:
    """/begrippen/: the words pages, exports and reports use, in plain Dutch. Public, like the
    Gids pages: it holds no data of anyone."""
    sections = [(title, [GLOSSARY[key] for key in keys]) for title, keys in GLOSSARY_SECTIONS]
    return render(request, "assessments/glossary.html", {"sections": sections})
