from django.urls import path

from principles.converters import CodeConverter  # noqa: F401 (importing registers <code:...>)

from . import urls_calendar
from .action_plan import views as action_plan
from .dashboard import raad_views
from .dashboard import views as dashboard
from .questionnaire import views as assessment
from .questionnaire.panel import views as panel
from .reports import views as reports
from .reports.council import views as council
from .reports.verbonden_partijen import views as verbonden_partijen
from .rounds import views as rounds
from .views import glossary

app_name = "assessments"

urlpatterns = [
    path("begrippen/", glossary, name="glossary"),
    # One respondent's assessment
    path("evaluaties/", assessment.assessment_list, name="list"),
    path("evaluaties/<int:pk>/", assessment.assessment_detail, name="detail"),
    path("evaluaties/<int:pk>/thema/<code:code>/", assessment.assessment_theme, name="theme"),
    path("evaluaties/<int:pk>/antwoord/<code:item>/", assessment.answer_save, name="answer_save"),
    path("evaluaties/<int:pk>/indienen/", assessment.assessment_submit, name="submit"),
    path("evaluaties/<int:pk>/heropenen/", assessment.assessment_reopen, name="reopen"),
    path("evaluaties/<int:pk>/resultaten/", assessment.assessment_results, name="results"),
    path("evaluaties/<int:pk>/export.csv", assessment.assessment_export_csv, name="export_csv"),
    path("evaluaties/<int:pk>/export.xlsx", assessment.assessment_export_xlsx, name="export_xlsx"),
    # The raad panel: the griffier's page, and a raadslid's own pages
    path("evaluaties/<int:pk>/raadspanel/", panel.panel_manage, name="panel"),
    path(
        "evaluaties/<int:pk>/raadspanel/antwoord/<code:item>/",
        panel.panel_raad_answer,
        name="panel_raad_answer",
    ),
    path("raadspanel/", panel.panel_invitations, name="panel_invitations"),
    path("raadspanel/<int:pk>/", panel.panel_member, name="panel_member"),
    path("raadspanel/<int:pk>/overzicht/", panel.panel_overview, name="panel_overview"),
    # The round's action plan (next steps)
    path("rondes/<int:pk>/vervolgstappen/", action_plan.next_step_list, name="next_steps"),
    path(
        "rondes/<int:pk>/vervolgstappen/nieuw/",
        action_plan.next_step_create,
        name="next_step_create",
    ),
    path("vervolgstappen/<int:pk>/", action_plan.next_step_edit, name="next_step_edit"),
    path(
        "vervolgstappen/<int:pk>/verwijderen/",
        action_plan.next_step_delete,
        name="next_step_delete",
    ),
    path(
        "rondes/<int:pk>/vervolgstappen.csv",
        action_plan.next_steps_export_csv,
        name="next_steps_export_csv",
    ),
    path(
        "rondes/<int:pk>/vervolgstappen.xlsx",
        action_plan.next_steps_export_xlsx,
        name="next_steps_export_xlsx",
    ),
    # Rounds with several respondents, side by side, trends
    path(
        "samenwerkingsverbanden/<int:partnership_pk>/rondes/nieuw/",
        rounds.round_create,
        name="round_create",
    ),
    path("rondes/<int:pk>/", rounds.round_detail, name="round"),
    path("rondes/<int:pk>/naast-elkaar/", rounds.round_compare, name="round_compare"),
    path("rondes/<int:pk>/herinneringen/", rounds.round_remind, name="round_remind"),
    path("rondes/<int:pk>/volgende/", rounds.round_next, name="round_next"),
    path("rondes/<int:pk>/afsluiten/", rounds.round_close, name="round_close"),
    path("rondes/<int:pk>/uitnodigingen/", rounds.round_invite, name="round_invite"),
    path("rondes/<int:pk>/trend/", rounds.round_trend, name="round_trend"),
    path("evaluaties/<int:pk>/trend/", rounds.assessment_trend, name="trend"),
    path(
        "evaluaties/<int:pk>/thema/<code:code>/overgenomen-bevestigen/",
        rounds.confirm_taken_over,
        name="confirm_taken_over",
    ),
    # Reports
    path("evaluaties/<int:pk>/rapport/", reports.assessment_report_preview, name="report_preview"),
    path("evaluaties/<int:pk>/rapport.pdf", reports.assessment_report_pdf, name="report_pdf"),
    path("rondes/<int:pk>/rapport/", reports.round_report_preview, name="round_report_preview"),
    path("rondes/<int:pk>/rapport.pdf", reports.round_report_pdf, name="round_report_pdf"),
    # Council documents (raadsstukken) per round and participating organisation
    path("rondes/<int:pk>/raadsstukken/", council.council_index, name="council_index"),
    path(
        "rondes/<int:pk>/raadsstukken/<int:organisation_pk>/sjablonen/",
        council.council_templates,
        name="council_templates",
    ),
    path(
        "rondes/<int:pk>/raadsstukken/<int:organisation_pk>/<slug:kind>/",
        council.council_document,
        name="council_document",
    ),
    path(
        "rondes/<int:pk>/raadsstukken/<int:organisation_pk>/<slug:kind>/opstellen/",
        council.council_generate,
        name="council_generate",
    ),
    path(
        "rondes/<int:pk>/raadsstukken/<int:organisation_pk>/<slug:kind>.docx",
        council.council_download,
        {"fmt": "docx"},
        name="council_docx",
    ),
    path(
        "rondes/<int:pk>/raadsstukken/<int:organisation_pk>/<slug:kind>.pdf",
        council.council_download,
        {"fmt": "pdf"},
        name="council_pdf",
    ),
    path("raadsstukken/standaardsjabloon.docx", council.default_template, name="council_default"),
    # The organisation's paragraaf verbonden partijen (BBV)
    path(
        "organisaties/<int:pk>/verbonden-partijen/",
        verbonden_partijen.paragraaf_start,
        name="verbonden_partijen_start",
    ),
    path(
        "organisaties/<int:pk>/verbonden-partijen/<int:year>/",
        verbonden_partijen.paragraaf_page,
        name="verbonden_partijen",
    ),
    path(
        "organisaties/<int:pk>/verbonden-partijen/<int:year>/paragraaf.docx",
        verbonden_partijen.paragraaf_docx_download,
        name="verbonden_partijen_docx",
    ),
    path(
        "organisaties/<int:pk>/verbonden-partijen/<int:year>/paragraaf.xlsx",
        verbonden_partijen.paragraaf_xlsx_download,
        name="verbonden_partijen_xlsx",
    ),
    # Dashboards
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/export.xlsx", dashboard.dashboard_export_xlsx, name="dashboard_export"),
    path(
        "samenwerkingsverbanden/<int:pk>/dashboard/",
        dashboard.partnership_dashboard,
        name="partnership_dashboard",
    ),
    # The raad's overview of all its partnerships, and the raad's attention level per row
    path("raad/overzicht/", raad_views.raad_overview, name="raad_overview"),
    path("raad/overzicht.pdf", raad_views.raad_overview_pdf, name="raad_overview_pdf"),
    path("raad/overzicht.docx", raad_views.raad_overview_docx, name="raad_overview_docx"),
    path(
        "samenwerkingsverbanden/<int:pk>/aandacht-raad/",
        raad_views.attention_level_set,
        name="attention_level",
    ),
]

urlpatterns += urls_calendar.urlpatterns
