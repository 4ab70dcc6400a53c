"""Dashboards: the overview over all partnerships of an organisation (gemeentesecretaris,
page.py), one partnership's round (directeur, partnership.py) and a respondent's start page
(griffier, contramal, start.py).

facts.py holds the plain facts that selectors.py reads in a fixed number of queries, whatever
the number of partnerships; state.py the rules over them (a round's state, the next
evaluation); frameworks.py applicability shared between requests; views.py and exports.py
render the page objects.
"""
