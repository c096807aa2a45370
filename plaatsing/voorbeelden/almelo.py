"""Generate the synthetic demo scenario ``scenarios/almelo-2018.xlsx``.

The scenario is modelled on the Almelo reorganisation "Voor Stad en Resultaat" (2018):
the old sectors Samenleving and Stad en Economie, the concern staff and Publiekszaken
are regrouped into six new eenheden (Adviespool, Bedrijfsvoering, Strategie Veiligheid
en Communicatie, Uitvoering Fysiek, Toegang Sociaal Domein, KCC). The formatiehuis
shrinks by about 8 %, mostly in the management layer, the administrative and
secretarial functions, the policy advisers and the front offices merged into the KCC, so
the plan has functievolgers, contested places, herplaatsingskandidaten, some
boventalligen and some vacatures. Programmamanager, wijkmanager and data-analist are
brand-new functions (regels.md SS-5), open only to those with a judgment or a pin.

The was-wordt design is written out as data tables below (OUDE_EENHEDEN,
NIEUWE_EENHEDEN, MAPPING, GESCHIKTHEID, VASTGEZET); the people are generated from them
with random.Random(2018).

Everything is fictitious: names are drawn from lists of common Dutch names, the
departments and functions are plausible, not Almelo's real formatie. Salaries are an
indicative 2018 CAR-UWO-like table. The output follows docs/scenario-formaat.md (v1).

Deterministic, byte-identical on every run: `almelo_2018(pad)` writes the workbook;
`python scenarios/maak_almelo.py` regenerates the committed copy.
"""
import datetime as dt
import random
import tempfile
from pathlib import Path

from openpyxl import Workbook

from plaatsing.voorbeelden.werkboek import (FUNCTIE_KOLOMMEN, MEDEWERKER_KOLOMMEN, bewaar, blad, gewogen,
                                            nieuw_werkboek, plus_jaren, willekeurige_datum)

SEED = 2018
PEILDATUM = dt.date(2018, 10, 1)
FIXED_TIMESTAMP = dt.datetime(2018, 10, 1, 9, 0, 0)

# --- Old formatiehuis: eenheid -> [(code, functienaam, schaal, functiefamilie, aantal)] --
# `aantal` is the number of holders; formatie_fte is derived from their fte, plus posts
# kept open by the vacaturestop that preceded the reorganisation.
OUDE_EENHEDEN = {
    "Samenleving – Strategie en Advies": [
        ("OUD-SA-01", "Strategisch beleidsadviseur sociaal domein", 12, "Beleid sociaal", 4),
        ("OUD-SA-02", "Beleidsadviseur Wmo", 11, "Beleid sociaal", 5),
        ("OUD-SA-03", "Beleidsadviseur jeugd en onderwijs", 11, "Beleid sociaal", 4),
        ("OUD-SA-04", "Teamleider Strategie en Advies", 13, "Leidinggevend", 1)],
    "Samenleving – Contracten, Subsidies en Inkoop": [
        ("OUD-CSI-01", "Contractmanager sociaal domein", 10, "Inkoop en contracten", 5),
        ("OUD-CSI-02", "Medewerker subsidies", 8, "Administratief", 4)],
    "Samenleving – Werkplein": [
        ("OUD-WP-01", "Klantmanager Werk en Inkomen", 9, "Sociaal uitvoering", 16),
        ("OUD-WP-02", "Consulent inkomen", 8, "Sociaal uitvoering", 12),
        ("OUD-WP-03", "Medewerker terugvordering en verhaal", 7, "Administratief", 5),
        ("OUD-WP-04", "Werkgeversadviseur", 9, "Sociaal uitvoering", 4),
        ("OUD-WP-05", "Administratief medewerker sociaal domein", 6, "Administratief", 8),
        ("OUD-WP-06", "Teamleider Werk, Inkomen en Zorg", 12, "Leidinggevend", 3)],
    "Samenleving – Zorg": [
        ("OUD-ZRG-01", "Consulent Wmo", 9, "Sociaal uitvoering", 12),
        ("OUD-ZRG-02", "Regisseur jeugd", 10, "Sociaal uitvoering", 10)],
    "Stad en Economie – Kaders, Regie & Ondersteuning": [
        ("OUD-KRO-01", "Beleidsadviseur ruimtelijke ordening", 11, "Beleid fysiek", 5),
        ("OUD-KRO-02", "Beleidsadviseur milieu en mobiliteit", 11, "Beleid fysiek", 4),
        ("OUD-KRO-03", "Projectondersteuner", 7, "Administratief", 4),
        ("OUD-KRO-04", "Teamleider Kaders, Regie & Ondersteuning", 13, "Leidinggevend", 1),
        ("OUD-EZ-01", "Accountmanager bedrijven", 10, "Economie", 4)],
    "Stad en Economie – Advies & Ontwerp": [
        ("OUD-AO-01", "Stedenbouwkundige", 11, "Beleid fysiek", 3),
        ("OUD-AO-02", "Projectleider ruimtelijke projecten", 11, "Projectmanagement", 4),
        ("OUD-AO-03", "Ontwerper/tekenaar", 9, "Techniek", 3)],
    "Stad en Economie – Beheer Openbare Ruimte": [
        ("OUD-BOR-01", "Beheerder openbare ruimte", 9, "Beheer openbare ruimte", 6),
        ("OUD-BOR-02", "Toezichthouder civiele werken", 8, "Beheer openbare ruimte", 5),
        ("OUD-BOR-03", "Medewerker afvalbeheer", 6, "Beheer openbare ruimte", 4),
        ("OUD-BOR-04", "Verkeerskundige", 10, "Techniek", 2),
        ("OUD-BOR-05", "Teamleider Beheer Openbare Ruimte", 12, "Leidinggevend", 1),
        ("OUD-ING-01", "Civieltechnisch ontwerper", 9, "Techniek", 5)],
    "Stad en Economie – Uitvoering Groen en Reiniging": [
        ("OUD-UIT-01", "Medewerker groenvoorziening", 5, "Beheer openbare ruimte", 16),
        ("OUD-UIT-02", "Voorman buitendienst", 7, "Beheer openbare ruimte", 4),
        ("OUD-UIT-03", "Medewerker reiniging", 5, "Beheer openbare ruimte", 8)],
    "Stad en Economie – Vastgoed en Exploitatie": [
        ("OUD-VGE-01", "Concernprojectleider", 12, "Projectmanagement", 3),
        ("OUD-VGE-02", "Adviseur vastgoed en grondexploitatie", 11, "Financieel", 3)],
    "Stad en Economie – Regelgeving en Handhaving": [
        ("OUD-RH-01", "Vergunningverlener omgevingsrecht", 9, "Vergunningen", 7),
        ("OUD-RH-02", "Toezichthouder bouw en milieu", 9, "Handhaving", 4),
        ("OUD-RH-03", "Handhaver openbare ruimte (boa)", 7, "Handhaving", 7),
        ("OUD-RH-04", "Juridisch medewerker handhaving", 9, "Juridisch", 3),
        ("OUD-RH-05", "Teamleider Regelgeving en Handhaving", 12, "Leidinggevend", 1)],
    "Concernstaf – Financiën, Control en HRM": [
        ("OUD-FIN-01", "Medewerker financiële administratie", 7, "Financieel", 6),
        ("OUD-FIN-02", "Financieel adviseur", 10, "Financieel", 6),
        ("OUD-FIN-03", "Teamleider Financiën", 12, "Leidinggevend", 1),
        ("OUD-CA-01", "Concerncontroller", 12, "Financieel", 2),
        ("OUD-HRM-01", "HR-adviseur", 10, "P&O", 4),
        ("OUD-HRM-02", "Medewerker personeels- en salarisadministratie", 7, "Administratief", 4)],
    "Concernstaf – ICT en Informatiebeheer": [
        ("OUD-ICT-01", "Applicatiebeheerder", 9, "ICT", 5),
        ("OUD-ICT-02", "Medewerker servicedesk", 7, "ICT", 4),
        ("OUD-ICT-03", "Medewerker documentaire informatievoorziening", 6, "Administratief", 6),
        ("OUD-ICT-04", "Informatieanalist", 10, "ICT", 2)],
    "Concernstaf – Facilitaire Zaken en Secretariaten": [
        ("OUD-FAC-01", "Secretaresse", 6, "Secretarieel", 10),
        ("OUD-FAC-02", "Facilitair medewerker", 4, "", 3)],
    "Concernstaf – Bestuurszaken en Communicatie": [
        ("OUD-BC-01", "Communicatieadviseur", 10, "Communicatie", 5),
        ("OUD-BC-02", "Bestuursadviseur", 11, "Bestuurszaken", 3),
        ("OUD-BC-03", "Juridisch adviseur", 11, "Juridisch", 4),
        ("OUD-BC-04", "Beleidsadviseur openbare orde en veiligheid", 11, "Veiligheid", 3)],
    "Publiekszaken": [
        ("OUD-PZ-01", "Klantcontactmedewerker", 6, "Klantcontact", 13),
        ("OUD-PZ-02", "Medewerker Wmo-loket", 7, "Klantcontact", 5),
        ("OUD-PZ-03", "Medewerker burgerzaken", 7, "Klantcontact", 10),
        ("OUD-PZ-04", "Teamleider Publiekszaken", 11, "Leidinggevend", 2)],
    "Sectorleiding": [
        ("OUD-SM-01", "Sectormanager", 15, "Leidinggevend", 2)],
}

# --- New formatiehuis: eenheid -> [(code, functienaam, schaal, functiefamilie, formatie)] --
# About 8 % less formatie than the old one: fewer managers, secretaresses, DIV and
# administrative staff, a smaller merged front office (KCC), fewer policy advisers.
NIEUWE_EENHEDEN = {
    "Adviespool": [
        ("AP-LG-01", "Hoofd Adviespool", 15, "Leidinggevend", 1.0),
        ("AP-LG-02", "Teammanager Adviespool", 13, "Leidinggevend", 2.0),
        ("AP-PM-01", "Programmamanager", 13, "Projectmanagement", 3.0),
        ("AP-WM-01", "Wijkmanager", 12, "", 3.0),
        ("AP-SOC-01", "Strategisch adviseur sociaal domein", 12, "Beleid sociaal", 3.5),
        ("AP-SOC-02", "Adviseur sociaal domein", 11, "Beleid sociaal", 8.0),
        ("AP-FYS-01", "Adviseur ruimtelijke ontwikkeling", 11, "Beleid fysiek", 7.0),
        ("AP-FYS-02", "Adviseur duurzaamheid en mobiliteit", 11, "Beleid fysiek", 3.0),
        ("AP-PRJ-01", "Concernprojectleider", 12, "Projectmanagement", 3.0),
        ("AP-OND-01", "Regisseur ondernemersteam", 10, "Economie", 3.0),
        ("AP-ONS-01", "Beleidsondersteuner", 7, "Administratief", 5.5)],
    "Bedrijfsvoering": [
        ("BV-LG-01", "Hoofd Bedrijfsvoering", 15, "Leidinggevend", 1.0),
        ("BV-LG-02", "Teammanager Bedrijfsvoering", 12, "Leidinggevend", 1.0),
        ("BV-FIN-01", "Medewerker financiële administratie", 7, "Financieel", 4.0),
        ("BV-FIN-02", "Medewerker financiële control", 7, "Financieel", 1.0),
        ("BV-FIN-03", "Financieel adviseur", 10, "Financieel", 7.5),
        ("BV-CON-01", "Concerncontroller", 12, "Financieel", 1.5),
        ("BV-INK-01", "Contractmanager en inkoopadviseur", 10, "Inkoop en contracten", 2.5),
        ("BV-SUB-01", "Medewerker subsidies en contracten", 8, "Administratief", 2.0),
        ("BV-HRM-01", "HR-adviseur", 10, "P&O", 4.0),
        ("BV-HRM-02", "Medewerker HR-administratie", 7, "Administratief", 3.0),
        ("BV-ICT-01", "Applicatiebeheerder", 9, "ICT", 5.0),
        ("BV-ICT-02", "Medewerker servicedesk", 7, "ICT", 3.0),
        ("BV-ICT-03", "Data-analist", 11, "ICT", 2.0),
        ("BV-ICT-04", "Adviseur informatiemanagement en BI", 10, "ICT", 1.5),
        ("BV-DIV-01", "Medewerker informatiebeheer", 6, "Administratief", 5.0),
        ("BV-FAC-01", "Secretaresse/managementondersteuner", 6, "Secretarieel", 8.5)],
    "Strategie Veiligheid en Communicatie": [
        ("SVC-LG-01", "Teammanager Strategie Veiligheid en Communicatie", 13, "Leidinggevend",
         1.0),
        ("SVC-STR-01", "Strategisch adviseur concernstrategie", 12, "Bestuurszaken", 1.0),
        ("SVC-BST-01", "Bestuursadviseur", 11, "Bestuurszaken", 2.0),
        ("SVC-COM-01", "Communicatieadviseur", 10, "Communicatie", 4.5),
        ("SVC-JUR-01", "Juridisch adviseur", 11, "Juridisch", 4.0),
        ("SVC-VEI-01", "Adviseur openbare orde en veiligheid", 11, "Veiligheid", 3.0)],
    "Uitvoering Fysiek": [
        ("UF-LG-01", "Hoofd Uitvoering Fysiek", 15, "Leidinggevend", 1.0),
        ("UF-LG-02", "Teammanager Uitvoering Fysiek", 12, "Leidinggevend", 1.0),
        ("UF-BOR-01", "Beheerder openbare ruimte", 9, "Beheer openbare ruimte", 6.0),
        ("UF-BOR-02", "Toezichthouder openbare ruimte", 8, "Beheer openbare ruimte", 4.0),
        ("UF-ING-01", "Civieltechnisch ontwerper", 9, "Techniek", 6.0),
        ("UF-ING-02", "Projectleider civiele techniek", 11, "Projectmanagement", 2.0),
        ("UF-VER-01", "Verkeerskundige", 10, "Techniek", 2.0),
        ("UF-AFV-01", "Medewerker afvalbeheer", 6, "Beheer openbare ruimte", 3.5),
        ("UF-GRN-01", "Vakman groen en reiniging", 5, "Beheer openbare ruimte", 19.5),
        ("UF-GRN-02", "Voorman buitendienst", 7, "Beheer openbare ruimte", 4.0),
        ("UF-BOA-01", "Handhaver openbare ruimte (boa)", 7, "Handhaving", 6.5)],
    "Toegang Sociaal Domein": [
        ("TSD-LG-01", "Hoofd Toegang Sociaal Domein", 15, "Leidinggevend", 1.0),
        ("TSD-LG-02", "Teammanager Toegang", 12, "Leidinggevend", 1.0),
        ("TSD-KM-01", "Klantmanager werk en inkomen", 9, "Sociaal uitvoering", 13.0),
        ("TSD-INK-01", "Consulent inkomen", 8, "Sociaal uitvoering", 10.0),
        ("TSD-WMO-01", "Consulent Wmo", 9, "Sociaal uitvoering", 11.5),
        ("TSD-REG-01", "Gezinsregisseur", 10, "Sociaal uitvoering", 9.0),
        ("TSD-WGD-01", "Werkgeversadviseur", 9, "Sociaal uitvoering", 4.0),
        ("TSD-ADM-01", "Administratief medewerker sociaal domein", 6, "Administratief", 6.5),
        ("TSD-CON-01", "Contractmanager sociaal domein", 10, "Inkoop en contracten", 3.0)],
    "KCC": [
        ("KCC-LG-01", "Teammanager KCC", 11, "Leidinggevend", 1.0),
        ("KCC-KC-01", "Klantcontactmedewerker", 6, "Klantcontact", 11.0),
        ("KCC-BZ-01", "Medewerker burgerzaken", 7, "Klantcontact", 8.5),
        ("KCC-WMO-01", "Medewerker Wmo-loket", 7, "Klantcontact", 3.5),
        ("KCC-VTH-01", "Vergunningverlener", 9, "Vergunningen", 7.0),
        ("KCC-VTH-02", "Toezichthouder bouw en milieu", 9, "Handhaving", 4.0),
        ("KCC-VTH-03", "Juridisch medewerker VTH", 9, "Juridisch", 2.0)],
}

# --- Was-wordt: (oude functie, nieuwe functie, wijzigingspercentage) -------------------
# <= 30 = functievolger (SS-1), > 30 = gewijzigd but verwant. Design features:
# - splits: SA-02, SA-03, KRO-02, AO-02, CSI-01, CSI-02, WP-01, RH-04, FIN-01, BC-02, SM-01;
# - merges: AP-SOC-01/02, AP-FYS-01, AP-PRJ-01, AP-ONS-01, BV-FIN-03, SVC-JUR-01, UF-ING-01,
#   UF-GRN-01, TSD-REG-01;
# - vervallen (no row): KRO-04 and RH-05 (teamleiders), WP-03 (to the regional
#   Sociale Recherche), FAC-02 (bodediensten uitbesteed);
# - threshold edges: exactly 30 (still ongewijzigd) and FIN-01 -> BV-FIN-02 at 31,
#   BOR-02 -> UF-BOR-02 at 30.0001 (gewijzigd);
# - brand-new (no row, SS-5): AP-PM-01, AP-WM-01, BV-ICT-03, and the new leadership posts
#   BV-LG-01 and SVC-LG-01 (filled by pins).
MAPPING = [
    ("OUD-SA-01", "AP-SOC-01", 20), ("OUD-SA-02", "AP-SOC-01", 45), ("OUD-SA-03", "AP-SOC-01", 45),
    ("OUD-SA-02", "AP-SOC-02", 25), ("OUD-SA-03", "AP-SOC-02", 25),
    ("OUD-SA-04", "AP-LG-02", 40),
    ("OUD-KRO-01", "AP-FYS-01", 20), ("OUD-AO-01", "AP-FYS-01", 35),
    ("OUD-KRO-02", "AP-FYS-01", 40),
    ("OUD-KRO-02", "AP-FYS-02", 30),
    ("OUD-VGE-01", "AP-PRJ-01", 10), ("OUD-AO-02", "AP-PRJ-01", 45),
    ("OUD-EZ-01", "AP-OND-01", 30),
    ("OUD-KRO-03", "AP-ONS-01", 40), ("OUD-CSI-02", "AP-ONS-01", 50),
    ("OUD-SM-01", "AP-LG-01", 50), ("OUD-SM-01", "UF-LG-01", 50), ("OUD-SM-01", "TSD-LG-01", 50),
    ("OUD-FIN-03", "BV-LG-02", 40),
    ("OUD-FIN-01", "BV-FIN-01", None), ("OUD-FIN-01", "BV-FIN-02", 31),  # None: from Taken (SS-0)
    ("OUD-FIN-02", "BV-FIN-03", 15), ("OUD-CA-01", "BV-CON-01", 10),
    ("OUD-VGE-02", "BV-FIN-03", 40),
    ("OUD-CSI-01", "BV-INK-01", 35), ("OUD-CSI-02", "BV-SUB-01", 25),
    ("OUD-HRM-01", "BV-HRM-01", 10), ("OUD-HRM-02", "BV-HRM-02", 20),
    ("OUD-ICT-01", "BV-ICT-01", 10), ("OUD-ICT-02", "BV-ICT-02", 15),
    ("OUD-ICT-04", "BV-ICT-04", 40), ("OUD-ICT-03", "BV-DIV-01", 20),
    ("OUD-FAC-01", "BV-FAC-01", 25),
    ("OUD-BC-02", "SVC-STR-01", 40), ("OUD-BC-02", "SVC-BST-01", 20),
    ("OUD-BC-01", "SVC-COM-01", 10),
    ("OUD-BC-03", "SVC-JUR-01", 15), ("OUD-RH-04", "SVC-JUR-01", 45),
    ("OUD-BC-04", "SVC-VEI-01", 20),
    ("OUD-BOR-05", "UF-LG-02", 35), ("OUD-BOR-01", "UF-BOR-01", 15),
    ("OUD-BOR-02", "UF-BOR-02", 30.0001),
    ("OUD-ING-01", "UF-ING-01", 10), ("OUD-AO-03", "UF-ING-01", 35),
    ("OUD-AO-02", "UF-ING-02", 25), ("OUD-BOR-04", "UF-VER-01", 10),
    ("OUD-BOR-03", "UF-AFV-01", 20),
    ("OUD-UIT-01", "UF-GRN-01", 20), ("OUD-UIT-03", "UF-GRN-01", 35),
    ("OUD-UIT-02", "UF-GRN-02", 10), ("OUD-RH-03", "UF-BOA-01", 15),
    ("OUD-WP-06", "TSD-LG-02", 25),
    ("OUD-WP-01", "TSD-KM-01", 20), ("OUD-WP-02", "TSD-INK-01", 25),
    ("OUD-ZRG-01", "TSD-WMO-01", 30),
    ("OUD-ZRG-02", "TSD-REG-01", 25), ("OUD-WP-01", "TSD-REG-01", 45),
    ("OUD-WP-04", "TSD-WGD-01", 15), ("OUD-WP-05", "TSD-ADM-01", 20),
    ("OUD-CSI-01", "TSD-CON-01", 20),
    ("OUD-PZ-04", "KCC-LG-01", 35), ("OUD-PZ-01", "KCC-KC-01", 20),
    ("OUD-PZ-03", "KCC-BZ-01", 25), ("OUD-PZ-02", "KCC-WMO-01", 15),
    ("OUD-RH-01", "KCC-VTH-01", 15), ("OUD-RH-02", "KCC-VTH-02", 20),
    ("OUD-RH-04", "KCC-VTH-03", 25),
]

# --- Task composition (sheet Taken, regels.md SS-0): (functiecode, taak, aandeel %) --------
# Some functions are described by their tasks, so the engine computes the wijzigingspercentage:
# - OUD-FIN-01 -> BV-FIN-01 is left empty in MAPPING: computed 30 (still ongewijzigd); the task
#   names differ in case and spaces on purpose ("Debiteuren administratie");
# - OUD-FIN-01 -> BV-FIN-02 computes to 31, the same as entered: with BV-FIN-01 (30) and
#   AP-FYS-02 (30) a near-identical change on the other side of the drempel (consistency flag);
# - the split OUD-KRO-02 -> AP-FYS-01 / AP-FYS-02 computes to 40 / 30, as entered;
# - the merge OUD-UIT-01 / OUD-UIT-03 -> UF-GRN-01 computes to 20 / 41: 41 against the entered
#   35 is a difference of 6 points, a warning (the entered 35 counts; both are above 30).
TAKEN = [
    ("OUD-FIN-01", "Crediteurenadministratie", 30), ("OUD-FIN-01", "Debiteurenadministratie", 25),
    ("OUD-FIN-01", "Grootboek en afsluiting", 20), ("OUD-FIN-01", "Betalingsverkeer", 15),
    ("OUD-FIN-01", "Archivering", 10),
    ("BV-FIN-01", "Crediteurenadministratie", 30), ("BV-FIN-01", "Debiteuren administratie", 25),
    ("BV-FIN-01", "grootboek en  afsluiting", 15), ("BV-FIN-01", "Digitale factuurverwerking", 20),
    ("BV-FIN-01", "Procesverbetering", 10),
    ("BV-FIN-02", "Grootboek en afsluiting", 20), ("BV-FIN-02", "Betalingsverkeer", 15),
    ("BV-FIN-02", "Archivering", 10), ("BV-FIN-02", "Crediteurenadministratie", 24),
    ("BV-FIN-02", "Planning en control", 21), ("BV-FIN-02", "Managementrapportages", 10),
    ("OUD-KRO-02", "Milieubeleid", 35), ("OUD-KRO-02", "Mobiliteitsbeleid", 25),
    ("OUD-KRO-02", "Verkeersveiligheid", 25), ("OUD-KRO-02", "Subsidieaanvragen", 15),
    ("AP-FYS-01", "Milieubeleid", 35), ("AP-FYS-01", "Subsidieaanvragen", 15),
    ("AP-FYS-01", "Mobiliteitsbeleid", 10), ("AP-FYS-01", "Gebiedsontwikkeling", 25),
    ("AP-FYS-01", "Omgevingsplan", 15),
    ("AP-FYS-02", "Verkeersveiligheid", 25), ("AP-FYS-02", "Mobiliteitsbeleid", 25),
    ("AP-FYS-02", "Milieubeleid", 20), ("AP-FYS-02", "Energietransitie", 30),
    ("UF-GRN-01", "Groenonderhoud", 40), ("UF-GRN-01", "Straatreiniging", 25),
    ("UF-GRN-01", "Zwerfafvalbestrijding", 15), ("UF-GRN-01", "Onkruidbestrijding", 10),
    ("UF-GRN-01", "Meldingen openbare ruimte", 10),
    ("OUD-UIT-01", "Groenonderhoud", 55), ("OUD-UIT-01", "Onkruid bestrijding", 10),
    ("OUD-UIT-01", "Meldingen openbare ruimte", 10), ("OUD-UIT-01", "Straatreiniging", 20),
    ("OUD-UIT-01", "Bomenonderhoud", 5),
    ("OUD-UIT-03", "Straatreiniging", 35), ("OUD-UIT-03", "Zwerfafvalbestrijding", 15),
    ("OUD-UIT-03", "Groenonderhoud", 19), ("OUD-UIT-03", "Kolkenreiniging", 31),
]

# --- Decisions, naming a person as "the k-th holder (personeelsnummer order) of function" --
PAC = "Oordeel plaatsingsadviescommissie 12-06-2018"
GESCHIKTHEID = [
    ("OUD-AO-02", 2, "AP-PRJ-01", "passend", PAC),
    ("OUD-SA-01", 0, "AP-PM-01", "geschikt", "Assessment programmamanagement 28-05-2018"),
    ("OUD-AO-02", 1, "AP-PM-01", "geschikt", "Assessment programmamanagement 28-05-2018"),
    ("OUD-ZRG-02", 0, "AP-WM-01", "passend", PAC),
    ("OUD-KRO-01", 2, "AP-WM-01", "geschikt", PAC + ", na leertraject wijkgericht werken"),
    ("OUD-WP-06", 2, "AP-WM-01", "passend", PAC),
    ("OUD-ICT-04", 0, "BV-ICT-03", "geschikt", "Na opleiding data-analyse (2018-2019)"),
    ("OUD-FIN-02", 3, "BV-ICT-03", "niet", "Assessment data-analist 04-06-2018"),
    ("OUD-PZ-01", 4, "KCC-BZ-01", "passend", PAC),
    ("OUD-WP-03", 0, "BV-FIN-01", "passend", PAC + ", ervaring debiteurenbeheer"),
    ("OUD-WP-03", 1, "TSD-INK-01", "geschikt", PAC),
    ("OUD-RH-05", 0, "KCC-VTH-01", "passend", PAC),
    ("OUD-KRO-04", 0, "AP-PRJ-01", "passend", PAC),
    ("OUD-FAC-02", 0, "BV-FAC-01", "geschikt", "Na cursus secretariële vaardigheden"),
    ("OUD-AO-01", 0, "AP-FYS-01", "niet", PAC),
    ("OUD-KRO-03", 1, "BV-SUB-01", "passend", PAC),
]
VASTGEZET = [
    ("OUD-SM-01", 0, "AP-LG-01", "Benoemd door de directie 15-05-2018, kwartiermaker Adviespool"),
    ("OUD-SM-01", 1, "UF-LG-01", "Benoemd door de directie, 15-05-2018"),
    ("OUD-FIN-03", 0, "BV-LG-01", "Kwartiermaker Bedrijfsvoering, benoemd 01-03-2018"),
    ("OUD-WP-06", 0, "TSD-LG-01", "Geselecteerd na open sollicitatieronde hoofden, 22-05-2018"),
    ("OUD-BC-02", 0, "SVC-LG-01", "Kwartiermaker SVC, benoemd 01-03-2018"),
    ("OUD-VGE-01", 0, "AP-PM-01", "Aangewezen als programmamanager Werk en Economie"),
]

PARAMETERS = [
    ("peildatum", PEILDATUM), ("drempel_wijziging", 30), ("selectiemethode", "anciënniteit"),
    ("max_schalen_lager", 1), ("max_schalen_hoger", 0), ("fte_marge", 0),
    ("beleid", "maximaal plaatsen"), ("tijdslimiet", 300),
]
# Indicative maximum monthly salary per schaal (CAR-UWO, 2018), euro.
SALARISTABEL = [1907, 2034, 2166, 2328, 2509, 2712, 2998, 3393, 3771, 4153, 4791, 5436,
                5999, 6609, 7150, 7681, 8318, 9021]

VOORNAMEN_M = """Jan Peter Johan Gerrit Henk Erik Mark Bas Tim Thomas Sander Martijn Dennis
    Jeroen Rob Wim Frank Ruud Arjan Bart Maarten Niels Kevin Stefan Rick Vincent Hans Joost
    Bram Daan Lars Sven Wouter Marco Richard Gert Hendrik Albert Ronald Koen""".split()
VOORNAMEN_V = """Anna Maria Ingrid Linda Sandra Monique Petra Marieke Esther Anouk Lisa Sanne
    Femke Eva Ilse Karin Wilma Annemiek Janneke Marloes Miriam Judith Saskia Ellen Heleen
    Nicole Yvonne Bianca Renate Lotte Iris Fleur Manon Carla Hennie Gerda Ria Mieke Els""".split()
VOORNAMEN_X = ["Sam", "Robin", "Kim", "Noa"]
ACHTERNAMEN = """de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Visser|Smit|Meijer|de Boer|
    Mulder|de Groot|Bos|Vos|Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|
    de Graaf|van der Meer|van der Linden|Kok|Jacobs|de Haan|Vermeulen|van den Heuvel|
    van der Veen|van den Broek|de Bruijn|van der Heijden|Schouten|van Beek|Willems|
    van Vliet|Hoekstra|Maas|Verhoeven|Koster|van Dam|Prins|Blom|Huisman|Kuipers|Post|
    Scholten|Nijhuis|ter Horst|ten Brinke|Kamphuis|Lammertink|Wessels|Hulshof|Bruggink|
    Oude Velthuis|ter Braak|Kuiper|Groen|Gerritsen|Jonker|van Loon|Wolters|Boerrigter""".split("|")

FTE_KEUZES = [(1.0, 50), (0.8889, 20), (0.7778, 10), (0.5556, 8), (0.5, 6), (0.6, 6)]
LEEFTIJDSGROEPEN = [((19, 25), 6), ((25, 35), 19), ((35, 45), 25), ((45, 55), 27), ((55, 63), 23)]
AANDEEL_TIJDELIJK = 0.05
AANDEEL_MET_VOORKEUR = 0.40

def oude_functies():
    """OUDE_EENHEDEN as {code: functie-dict}."""
    return {c: dict(code=c, naam=n, eenheid=e, schaal=s, familie=f, aantal=a)
            for e, rows in OUDE_EENHEDEN.items() for c, n, s, f, a in rows}


def nieuwe_functies():
    """NIEUWE_EENHEDEN as {code: functie-dict}."""
    return {c: dict(code=c, naam=n, eenheid=e, schaal=s, familie=f, formatie=x)
            for e, rows in NIEUWE_EENHEDEN.items() for c, n, s, f, x in rows}


def make_naam(rng, geslacht, taken):
    """A fictitious, not yet used combination of a common first name and surname."""
    voornamen = {"M": VOORNAMEN_M, "V": VOORNAMEN_V, "X": VOORNAMEN_X}[geslacht]
    while True:
        naam = f"{rng.choice(voornamen)} {rng.choice(ACHTERNAMEN).strip()}"
        if naam not in taken:
            taken.add(naam)
            return naam


def make_medewerker(rng, functie, taken):
    """One fictitious holder of an old function (personeelsnummer follows later)."""
    leidinggevend = functie["familie"] == "Leidinggevend"
    # Nobody too young for the job: managers 35+, scale 11+ 25+, scale 9-10 22+.
    min_age = 35 if leidinggevend else 25 if functie["schaal"] >= 11 else (
        22 if functie["schaal"] >= 9 else 19)
    low, high = gewogen(rng, [(g, w) for g, w in LEEFTIJDSGROEPEN if g[1] > min_age])
    age = rng.uniform(max(low, min_age), high)
    geboren = PEILDATUM - dt.timedelta(days=round(age * 365.25))
    start = max(dt.date(1980, 1, 1), plus_jaren(geboren, 18 if functie["schaal"] < 9 else 21))
    schaal = functie["schaal"] + gewogen(rng, [(0, 88), (-1, 9), (1, 3)])
    geslacht = gewogen(rng, [("V", 52), ("M", 46), ("X", 2)])
    fte_keuzes = FTE_KEUZES[:2] if leidinggevend else FTE_KEUZES  # managers (almost) full-time
    return dict(naam=make_naam(rng, geslacht, taken), geboortedatum=geboren,
                datum_in_dienst=willekeurige_datum(rng, start, dt.date(2018, 6, 1)),
                functie=functie["code"], schaal=max(1, min(18, schaal)),
                fte=gewogen(rng, fte_keuzes), dienstverband="vast", einddatum=None,
                geslacht=geslacht, voorkeuren=[])


def make_tijdelijk(rng, mensen, oud):
    """Turn a few non-managers into recent temporary hires."""
    pool = [m for m in mensen
            if m["schaal"] <= 10 and oud[m["functie"]]["familie"] != "Leidinggevend"]
    for m in rng.sample(pool, round(AANDEEL_TIJDELIJK * len(mensen))):
        m["dienstverband"] = "tijdelijk"
        start = max(dt.date(2016, 9, 1), plus_jaren(m["geboortedatum"], 18))
        m["datum_in_dienst"] = willekeurige_datum(rng, start, dt.date(2018, 6, 1))
        m["einddatum"] = willekeurige_datum(rng, dt.date(2018, 12, 31), dt.date(2019, 12, 31))


def make_voorkeuren(rng, m, oud, nieuw):
    """1-3 plausible wishes: mostly successors of the own function, then related ones,
    and for the higher scales now and then one of the brand-new functions."""
    successors = [n for o, n, _ in MAPPING if o == m["functie"]]
    brand_new = sorted(set(nieuw) - {n for _, n, _ in MAPPING})
    weights = {code: 6 for code in successors}
    for n in nieuw.values():
        related = n["familie"] and n["familie"] == oud[m["functie"]]["familie"]
        if related and abs(n["schaal"] - m["schaal"]) <= 1 and n["code"] not in weights:
            weights[n["code"]] = 2
    if m["schaal"] >= 10:
        weights.update({code: 1 for code in brand_new if code not in weights})
    for _ in range(min(len(weights), gewogen(rng, [(1, 50), (2, 30), (3, 20)]))):
        code = gewogen(rng, sorted(weights.items()))
        m["voorkeuren"].append(code)
        del weights[code]


def make_medewerkers(rng, oud, nieuw):
    """All holders, numbered A0001... in order of service (as an HR system would)."""
    taken = set()
    mensen = [make_medewerker(rng, f, taken) for f in oud.values() for _ in range(f["aantal"])]
    make_tijdelijk(rng, mensen, oud)
    for m in mensen:
        if rng.random() < AANDEEL_MET_VOORKEUR:
            make_voorkeuren(rng, m, oud, nieuw)
    mensen.sort(key=lambda m: (m["datum_in_dienst"], m["geboortedatum"], m["naam"]))
    for i, m in enumerate(mensen, start=1):
        m["personeelsnummer"] = f"A{i:04d}"
    return mensen


def oude_formatie(rng, functie, mensen):
    """Budgeted fte: the holders' fte, often plus posts kept open by the vacaturestop,
    sometimes slightly overfilled."""
    bezet = sum(m["fte"] for m in mensen if m["functie"] == functie["code"])
    if functie["familie"] == "Leidinggevend":
        return round(bezet, 4)
    extra = gewogen(rng, [(0, 40), (0.5, 20), (1.0, 25), (2.0, 5), (-0.1111, 10)])
    return round(bezet + extra, 4)


def holder(mensen, functiecode, index):
    """Personeelsnummer of the index-th holder (personeelsnummer order) of an old function."""
    return [m for m in mensen if m["functie"] == functiecode][index]["personeelsnummer"]


def medewerker_row(m):
    voorkeuren = (m["voorkeuren"] + [None] * 5)[:5]
    return ([m[k] for k in MEDEWERKER_KOLOMMEN[:9]] + voorkeuren + [m["geslacht"]])


def _blad(wb, titel, koppen, rijen):
    blad(wb, titel, koppen, rijen, breedtes=True)  # a workbook people open: fitted column widths


def build_workbook() -> Workbook:
    rng = random.Random(SEED)
    oud, nieuw = oude_functies(), nieuwe_functies()
    mensen = make_medewerkers(rng, oud, nieuw)
    wb = nieuw_werkboek("scenarios/maak_almelo.py", "Synthetisch demoscenario reorganisatie Almelo 2018",
                        FIXED_TIMESTAMP)
    _blad(wb, "Medewerkers", MEDEWERKER_KOLOMMEN, map(medewerker_row, mensen))
    _blad(wb, "Oude functies", FUNCTIE_KOLOMMEN, (
        [f["code"], f["naam"], f["eenheid"], f["schaal"], oude_formatie(rng, f, mensen),
         f["familie"] or None] for f in oud.values()))
    _blad(wb, "Nieuwe functies", FUNCTIE_KOLOMMEN, (
        [f["code"], f["naam"], f["eenheid"], f["schaal"], f["formatie"], f["familie"] or None]
        for f in nieuw.values()))
    _blad(wb, "Functiemapping", ["oude_functie", "nieuwe_functie", "wijzigingspercentage"],
              MAPPING)
    _blad(wb, "Geschiktheid", ["personeelsnummer", "nieuwe_functie", "oordeel", "toelichting"],
              ([holder(mensen, o, i), n, oordeel, t] for o, i, n, oordeel, t in GESCHIKTHEID))
    _blad(wb, "Vastgezet", ["personeelsnummer", "nieuwe_functie", "toelichting"],
              ([holder(mensen, o, i), n, t] for o, i, n, t in VASTGEZET))
    _blad(wb, "Parameters", ["parameter", "waarde"], PARAMETERS)
    _blad(wb, "Salaristabel", ["schaal", "maandsalaris"], enumerate(SALARISTABEL, start=1))
    _blad(wb, "Taken", ["functiecode", "taak", "aandeel"], TAKEN)
    return wb


def almelo_2018(pad=None) -> Path:
    """Write the demo scenario (the same bytes as scenarios/almelo-2018.xlsx) to `pad`, by default
    plaatsing_voorbeelden/almelo-2018.xlsx in the temporary folder, so a notebook needs no copy of the
    repository; returns the path."""
    if pad is None:
        pad = Path(tempfile.gettempdir()) / "plaatsing_voorbeelden" / "almelo-2018.xlsx"  # plaatsing-*: private runs
    return bewaar(build_workbook(), pad, FIXED_TIMESTAMP)
