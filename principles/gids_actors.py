"""Who each recommendation of the Gids addresses: the actors of "Wie doet wat bij samenwerking?".

Every recommendation has at least one addressee among the twelve actor codes of
``principles.gids_source.ACTOR_HEADINGS``. Where the recommendation's own text names who must
act (the grammatical subject: "De voorzitter ...", "Het college en de ambtelijke organisatie
..."), that is the entry. Where the text says "de deelnemers", "het samenwerkingsverband" or
"gemeenten", the entry names who the Gids' "Wie doet wat" makes responsible for that work, read
with the practical elaboration: the political body decides on taking part, the Regeling, the
zienswijzen and the financial contribution; the college decides the participant's position in
the partnership and sends a bestuurder; management and ambtenaren set up and staff the
contramal; the AB decides strategy, policy and finances; the DB keeps the organisation running
and steers the directeur; the directeur prepares and carries out policy and informs bestuur and
deelnemers. A Part B recommendation that refers to a Part A chapter names who acts in the
network on that subject.

Pure data, no database. ``manage.py build_gids_fixture`` writes it into fixtures/gids.json, and
``assessments.questionnaire.question_sets`` derives each perspective's questions from it.
"""

PO = "politiek-orgaan"
COLLEGE = "college"
BESTUURDER = "bestuurder"
MANAGEMENT = "management"
AMBTENAAR = "ambtenaar"
GRIFFIER = "griffier"
AB = "algemeen-bestuur"
DB = "dagelijks-bestuur"
COMMISSIE = "commissie"
VOORZITTER = "voorzitter"
PORTEFEUILLEHOUDER = "portefeuillehouder"
DIRECTEUR = "directeur"

RECOMMENDATION_ACTORS: dict[str, tuple[str, ...]] = {
    # A1 Gezamenlijke regionale uitvoering
    "A1.1": (PO, COLLEGE),
    "A1.2": (PO, COLLEGE),
    "A1.3": (PO, COLLEGE),
    "A1.4": (COLLEGE, AMBTENAAR, AB),
    # A2 Doel en publieke waarden
    "A2.1": (PO, COLLEGE),
    "A2.2": (PO, COLLEGE),
    "A2.3": (PO, COLLEGE),
    "A2.4": (COLLEGE, AB),
    "A2.5": (PO, COLLEGE, AMBTENAAR),
    "A2.6": (COLLEGE, DB, DIRECTEUR),
    # A3 Verlengd lokaal bestuur
    "A3.1": (COLLEGE, AMBTENAAR),
    "A3.2": (PO, COLLEGE, AMBTENAAR),
    "A3.3": (PO, COLLEGE, MANAGEMENT),
    # A4 Rolneming
    "A4.1": (COLLEGE, AB),
    "A4.2": (COLLEGE,),
    "A4.3": (BESTUURDER, DB),
    "A4.4": (PO, COLLEGE, DIRECTEUR),
    "A4.5": (COLLEGE, AMBTENAAR, AB),
    "A4.6": (AB, DB, VOORZITTER),
    # A5 Professioneel bestuur
    "A5.1": (AB, DB),
    "A5.2": (BESTUURDER, AMBTENAAR),
    "A5.3": (VOORZITTER,),
    "A5.4": (VOORZITTER,),
    "A5.5": (AB, DB),
    "A5.6": (AB,),
    "A5.7": (DB,),
    "A5.8": (DB,),
    "A5.9": (AB, DB),
    "A5.10": (DB, DIRECTEUR),
    "A5.11": (DB, DIRECTEUR),
    # A6 Soft controls
    "A6.1": (AB, DB),
    "A6.2": (COLLEGE, AB, DB),
    "A6.3": (MANAGEMENT,),
    "A6.4": (AB, DB),
    # A7 Het politieke orgaan in positie
    "A7.1": (PO,),
    "A7.2": (PO,),
    "A7.3": (COLLEGE, DB),
    "A7.4": (COLLEGE, AMBTENAAR),
    "A7.5": (GRIFFIER,),
    "A7.6": (GRIFFIER,),
    "A7.7": (GRIFFIER,),
    "A7.8": (DB, DIRECTEUR),
    "A7.9": (DIRECTEUR, AMBTENAAR),
    "A7.10": (PO, BESTUURDER, DIRECTEUR),
    # A8 Regie bij meerdere samenwerkingsverbanden
    "A8.1": (COLLEGE, MANAGEMENT),
    "A8.2": (COLLEGE,),
    "A8.3": (COLLEGE,),
    "A8.4": (COLLEGE,),
    "A8.5": (MANAGEMENT,),
    "A8.6": (GRIFFIER,),
    # A9 Financiële spelregels
    "A9.1": (PO, COLLEGE, AB),
    # A10 Ambtelijke ondersteuning individuele deelnemer
    "A10.1": (MANAGEMENT,),
    "A10.2": (MANAGEMENT, AMBTENAAR),
    "A10.3": (MANAGEMENT, AMBTENAAR),
    # A11 Ambtelijke ondersteuning gezamenlijke deelnemers
    "A11.1": (MANAGEMENT, AMBTENAAR),
    "A11.2": (MANAGEMENT,),
    "A11.3": (AMBTENAAR,),
    "A11.4": (AMBTENAAR,),
    "A11.5": (AMBTENAAR, DIRECTEUR),
    "A11.6": (AMBTENAAR,),
    # A12 Continuïteit bij bestuurlijke wisselingen
    "A12.1": (DB,),
    "A12.2": (AB,),
    # A13 Meerdere overheidslagen
    "A13.1": (COLLEGE,),
    "A13.2": (COLLEGE, AB, DB),
    # A14 Centrumregeling
    "A14.1": (PO, COLLEGE, MANAGEMENT),
    "A14.2": (PO, COLLEGE),
    "A14.3": (DIRECTEUR, MANAGEMENT),
    "A14.4": (COLLEGE, MANAGEMENT),
    "A14.5": (COLLEGE,),
    "A14.6": (COLLEGE, MANAGEMENT),
    # B1 Samenwerking in plaats van zelfstandige uitvoering
    "B1.1": (COLLEGE, BESTUURDER),
    "B1.2": (PO, COLLEGE),
    "B1.3": (COLLEGE,),
    "B1.4": (COLLEGE, AMBTENAAR),
    # B2 Doel en publieke waarden
    "B2.1": (COLLEGE, BESTUURDER),
    "B2.2": (COLLEGE, BESTUURDER),
    "B2.3": (COLLEGE, BESTUURDER),
    # B3 Governance van netwerksamenwerking
    "B3.1": (COLLEGE, BESTUURDER),
    "B3.2": (PO, COLLEGE),
    # B4 Rolneming
    "B4.1": (BESTUURDER,),
    "B4.2": (BESTUURDER,),
    "B4.3": (BESTUURDER, COLLEGE),
    # B5 Professioneel bestuur
    "B5.1": (BESTUURDER, AMBTENAAR),
    "B5.2": (VOORZITTER,),
    # B6-B12: the Part B text of a theme that refers to a Part A chapter
    "B6.1": (BESTUURDER, AMBTENAAR),
    "B7.1": (PO,),
    "B8.1": (COLLEGE, MANAGEMENT),
    "B9.1": (COLLEGE, BESTUURDER),
    "B10.1": (MANAGEMENT, AMBTENAAR),
    "B11.1": (MANAGEMENT, AMBTENAAR),
    "B11.2": (MANAGEMENT, AMBTENAAR),
    "B12.1": (BESTUURDER,),
    # B13 Meerdere overheidslagen
    "B13.1": (COLLEGE, BESTUURDER),
    "B13.2": (BESTUURDER, COLLEGE),
    "B13.3": (COLLEGE,),
    "B13.4": (BESTUURDER, VOORZITTER),
    # B14 Triple helix
    "B14.1": (COLLEGE, BESTUURDER),
    "B14.2": (COLLEGE, BESTUURDER),
    "B14.3": (BESTUURDER, MANAGEMENT),
    "B14.4": (BESTUURDER, VOORZITTER),
    # B15 Ketensamenwerking
    "B15.1": (COLLEGE, BESTUURDER),
    "B15.2": (COLLEGE, AMBTENAAR),
    "B15.3": (COLLEGE, MANAGEMENT),
}
