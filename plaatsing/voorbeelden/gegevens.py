"""Fixed tables of the synthetic generator (synthetisch.py): families, names, salaries."""
from __future__ import annotations

# Function families: (name, lowest schaal, highest schaal, shrinkage, holders (low, high), weight).
# Shrinkage is a fraction of the old fte; negative = growth. Tuned so the total is about 8 %.
FAMILIES = [
    ("Leidinggevend", 11, 15, 0.22, (1, 3), 7),
    ("Administratief", 5, 8, 0.20, (2, 30), 12),
    ("Secretarieel", 5, 7, 0.25, (2, 20), 4),
    ("Klantcontact", 5, 8, 0.16, (3, 60), 8),
    ("Beleid sociaal", 10, 12, 0.04, (2, 12), 6),
    ("Beleid fysiek", 10, 12, 0.04, (2, 10), 5),
    ("Sociaal uitvoering", 8, 10, 0.02, (4, 60), 10),
    ("Beheer openbare ruimte", 4, 9, 0.10, (3, 60), 10),
    ("Techniek", 8, 11, 0.00, (1, 12), 5),
    ("Financieel", 7, 12, 0.08, (1, 15), 6),
    ("ICT", 7, 11, -0.06, (1, 12), 5),
    ("Juridisch", 9, 11, 0.03, (1, 8), 3),
    ("Handhaving", 7, 9, 0.00, (2, 20), 4),
    ("Vergunningen", 8, 10, 0.05, (2, 15), 3),
    ("Communicatie", 9, 11, 0.05, (1, 8), 3),
    ("P&O", 7, 11, 0.08, (1, 10), 3),
    ("Projectmanagement", 10, 13, 0.00, (1, 8), 3),
    ("", 3, 6, 0.15, (1, 6), 2),  # facilitair: no family (§8.3: never verwant through family)
]
WERKWOORDEN = {
    "Leidinggevend": ["Teamleider", "Afdelingshoofd", "Manager", "Coördinator"],
    "Administratief": ["Administratief medewerker", "Medewerker administratie", "Medewerker DIV"],
    "Secretarieel": ["Secretaresse", "Managementondersteuner", "Office manager"],
    "Klantcontact": ["Klantcontactmedewerker", "Medewerker publiekszaken", "Baliemedewerker"],
    "Beleid sociaal": ["Beleidsadviseur", "Senior beleidsadviseur", "Strategisch adviseur"],
    "Beleid fysiek": ["Beleidsadviseur", "Adviseur ruimtelijke ordening", "Stedenbouwkundige"],
    "Sociaal uitvoering": ["Consulent", "Klantmanager", "Regisseur"],
    "Beheer openbare ruimte": ["Medewerker buitendienst", "Voorman", "Beheerder", "Vakman"],
    "Techniek": ["Ontwerper", "Technisch adviseur", "Projectleider techniek"],
    "Financieel": ["Financieel medewerker", "Financieel adviseur", "Controller"],
    "ICT": ["Applicatiebeheerder", "Medewerker servicedesk", "Informatieadviseur"],
    "Juridisch": ["Juridisch medewerker", "Juridisch adviseur"],
    "Handhaving": ["Handhaver", "Toezichthouder", "Boa"],
    "Vergunningen": ["Vergunningverlener", "Medewerker vergunningen"],
    "Communicatie": ["Communicatieadviseur", "Webredacteur"],
    "P&O": ["HR-adviseur", "Medewerker salarisadministratie"],
    "Projectmanagement": ["Projectleider", "Programmamanager"],
    "": ["Facilitair medewerker", "Bode", "Medewerker catering"],
}
ONDERWERPEN = ["Wonen", "Zorg", "Jeugd", "Werk", "Inkomen", "Economie", "Mobiliteit", "Groen",
               "Reiniging", "Onderwijs", "Sport", "Cultuur", "Veiligheid", "Milieu", "Wijken",
               "Vastgoed", "Belastingen", "Burgerzaken", "Dienstverlening", "Informatie"]
VOORNAMEN = {"M": "Jan Peter Johan Henk Erik Mark Bas Tim Sander Dennis Rob Wim Frank Bart Niels".split(),
             "V": "Anna Maria Linda Sandra Petra Esther Anouk Lisa Sanne Femke Eva Ilse Karin Iris".split(),
             "X": ["Sam", "Robin", "Kim", "Noa"]}
ACHTERNAMEN = ("de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Visser|Smit|Meijer|de Boer|"
               "Mulder|de Groot|Bos|Vos|Peters|Hendriks|Dekker|Brouwer|de Wit|Dijkstra|Kok|"
               "Jacobs|de Haan|Vermeulen|Schouten|Willems|Hoekstra|Maas|Prins|Blom").split("|")
SALARISTABEL = [1907, 2034, 2166, 2328, 2509, 2712, 2998, 3393, 3771, 4153, 4791, 5436,
                5999, 6609, 7150, 7681, 8318, 9021]

# Realistic shape (default): HR21-style families that run through every directie. Each kind of
# function above belongs to one of them; a family is split into columns of FUNCTIES_PER_FAMILIE
# old functions drawn from all directies (as HR21 does with its families and subfamilies), so a
# person is verwant to 8–40 new functions wherever they are in the organisation.
HR21 = {
    "Leidinggevend": "Leidinggevend", "Administratief": "Administratief", "Secretarieel": "Administratief",
    "Klantcontact": "Uitvoering", "Sociaal uitvoering": "Uitvoering", "Beheer openbare ruimte": "Uitvoering",
    "Handhaving": "Uitvoering", "Vergunningen": "Uitvoering", "Beleid sociaal": "Beleid",
    "Beleid fysiek": "Beleid", "Techniek": "Advies", "Financieel": "Advies", "Juridisch": "Advies",
    "Communicatie": "Advies", "P&O": "Advies", "Projectmanagement": "Advies", "ICT": "ICT", "": "",
}
FUNCTIES_PER_FAMILIE = 30
