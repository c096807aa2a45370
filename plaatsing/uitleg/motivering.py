"""Motiveringen: per person, in plain Dutch, which rule decided and why nothing better was given.

Colleagues are never named: "een collega met langere diensttijd", "een functievolger".
"""
from __future__ import annotations

from plaatsing.regels.kandidaten import ONGENOEMD, TIER_NAAM
from plaatsing.parameters import AFSPIEGELING
from plaatsing.procedure.antwoord import beantwoord
from plaatsing.regels.selectievolgorde import afspiegeling_feiten
from plaatsing.invoer.cellen import formatteer_getal

UITLEG_TIER = {
    "SS-1": "uw functie gaat over in deze functie en wijzigt niet meer dan {drempel}% (SS-1, functievolger)",
    "SS-2": "dit is een verwante functie in uw eigen schaal (SS-2, passende functie)",
    "SS-3": "dit is een verwante functie in een lagere schaal (SS-3, passend lager)",
    "SS-4": "dit is een verwante functie in een hogere schaal (SS-4, geschikte functie)",
}


class Motiveerder:
    """Writes the motivering of each person from the plan and the candidate table."""

    def __init__(self, scenario, kandidaten, toewijzing, selectie):
        self.s = scenario
        self.k = kandidaten
        self.toewijzing = toewijzing
        self.selectie = selectie
        self.opties = {(r.personeelsnummer, r.functie): r for r in kandidaten.opties.itertuples(index=False)}
        self.per_persoon: dict[str, list] = {}
        for r in kandidaten.opties.itertuples(index=False):
            self.per_persoon.setdefault(r.personeelsnummer, []).append(r)
        self.bezetting: dict[str, list[str]] = {}
        for p, f in toewijzing.items():
            if f is not None:
                self.bezetting.setdefault(f, []).append(p)
        self.gepind = set(scenario.vastgezet.index)
        self.rijen = scenario.medewerkers.to_dict("index")  # one dict per person: fast lookups
        self.functies = scenario.nieuwe_functies.to_dict("index")
        self.mapping = {(r.oude_functie, r.nieuwe_functie): r.wijzigingspercentage
                        for r in scenario.mapping.itertuples(index=False)}
        self.oordelen = {(r.personeelsnummer, r.nieuwe_functie): r for r in scenario.geschiktheid.itertuples(index=False)}

    def functie_tekst(self, f: str) -> str:
        n = self.functies[f]
        return f"{f} {n['functienaam']} ({n['eenheid']}, schaal {int(n['schaal'])})"

    def motiveer(self, p: str) -> tuple[str, list[str]]:
        f = self.toewijzing[p]
        regels: list[str] = []
        zinnen: list[str] = []
        mw = self.rijen[p]
        if p in self.gepind:
            toel = self.s.vastgezet.at[p, "toelichting"]
            zinnen.append(f"U wordt geplaatst in {self.functie_tekst(f)}. Deze plaatsing is vooraf vastgesteld "
                          f"(SS-7, H3){': ' + str(toel) if isinstance(toel, str) and toel else ''}.")
            regels += ["SS-7", "H3"]
        elif f is not None:
            o = self.opties[p, f]
            zinnen.append(f"U wordt geplaatst in {self.functie_tekst(f)}: {self._grond(p, o)}.")
            regels.append(o.regel)
            if o.regel == "SS-6":
                regels.append("SS-5" if f in self.k.nieuwe_functies_ss5 else "SS-6")
            if o.tier == 1:
                regels.append("H4")
            elif any(r.tier == 1 for r in self.per_persoon.get(p, [])):
                regels += self._waarom_niet_eigen(p, o, zinnen)
        else:
            regels += self._niet_geplaatst(p, mw, zinnen)
        if f is not None and int(self.functies[f]["schaal"]) < int(mw["schaal"]):
            zinnen.append("De nieuwe functie is lager ingeschaald dan uw eigen schaal; u behoudt uw salaris "
                          "(salarisgarantie).")
        regels += self._hogere_wensen(p, f, zinnen)
        zinnen, regels = beantwoord(self.s, p, f, zinnen, regels)  # regels.md P1/P2: answer every advice
        return " ".join(zinnen), _uniek(regels)

    def _grond(self, p, o) -> str:
        if o.regel == "SS-6":
            oordeel = self.oordelen.get((p, o.functie))
            toel = f" ({oordeel.toelichting})" if oordeel is not None and isinstance(oordeel.toelichting, str) else ""
            soort = "passend" if o.tier in (2, 3) else "geschikt"
            nieuw = " Het is een nieuwe functie (SS-5); u komt ervoor in aanmerking door dit oordeel." \
                if o.functie in self.k.nieuwe_functies_ss5 else ""
            return f"u bent voor deze functie {soort} beoordeeld (SS-6){toel}.{nieuw}".rstrip(".")
        if o.regel == "SS-1":
            oud = self.s.medewerkers.at[p, "functie"]
            pct = formatteer_getal(self.mapping.get((oud, o.functie), 0))
            return (f"uw functie {oud} gaat over in deze functie en wijzigt {pct}%, niet meer dan de drempel van "
                    f"{formatteer_getal(self.s.parameters.drempel_wijziging)}% (SS-1); u volgt uw functie (H4)")
        return UITLEG_TIER[o.regel].format(drempel=formatteer_getal(self.s.parameters.drempel_wijziging))

    def _waarom_niet_eigen(self, p, o, zinnen) -> list[str]:
        """A functievolger placed elsewhere: opted out (H4a) or lost the selection (H4b)."""
        t1 = [r for r in self.per_persoon[p] if r.tier == 1]
        if o.vpos < min(r.vpos for r in t1):
            zinnen.append(f"U had deze functie als voorkeur {o.vpos} opgegeven, vóór de functie(s) waarin u "
                          "functievolger bent; die voorkeur is gevolgd (H4a).")
            return ["H4"]
        for r in t1:
            zinnen.append(self._verloren_selectie(p, r.functie))
        return ["H4", self._sel_regel()]

    def _sel_regel(self) -> str:
        return "SEL-B" if self.s.parameters.selectiemethode == AFSPIEGELING else "SEL-A"

    def _verloren_selectie(self, p, f) -> str:
        wie = "collega's die bij afspiegeling voor u gaan (SEL-B)" if self._sel_regel() == "SEL-B" \
            else "collega's met langere diensttijd (SEL-A)"
        formatie = formatteer_getal(self.functies[f]["formatie_fte"])
        tijdelijk = " Als medewerker met een tijdelijk dienstverband komt u na collega's in vaste dienst (H5)." \
            if self.s.medewerkers.at[p, "dienstverband"] == "tijdelijk" else ""
        feiten = afspiegeling_feiten(self.selectie, f, p) if self._sel_regel() == "SEL-B" else None
        feiten = f" Afspiegeling: {feiten}." if feiten else ""
        return (f"U bent functievolger voor {self.functie_tekst(f)}, maar de formatie van {formatie} fte biedt "
                f"geen ruimte meer voor u naast {wie} en vooraf geplaatste collega's (H4b).{feiten}{tijdelijk}")

    def _niet_geplaatst(self, p, mw, zinnen) -> list[str]:
        regels = ["O1"]
        opties = self.per_persoon.get(p, [])
        if mw["dienstverband"] == "tijdelijk":
            zinnen.append("U hebt een tijdelijk dienstverband: u wordt niet geplaatst en niet boventallig "
                          "verklaard (H5).")
            regels.append("H5")
        else:
            zinnen.append("U wordt boventallig en komt in het van-werk-naar-werktraject (O1: zo min mogelijk "
                          "medewerkers boventallig, maar voor u is geen plaats).")
        if not opties:
            zinnen.append(f"Uw functie {mw['functie']} komt in de nieuwe organisatie niet terug als functie die "
                          "niet meer dan de drempel wijzigt, en er is geen verwante of voor u passende of "
                          "geschikte functie (SS-1 tot en met SS-6).")
            regels += ["SS-1", "SS-2", "SS-3", "SS-4"]
        for r in sorted(opties, key=lambda r: (r.tier, r.vpos, r.functie)):
            if r.tier == 1:
                zinnen.append(self._verloren_selectie(p, r.functie))
                regels += ["H4", self._sel_regel()]
            else:
                wens = f", uw voorkeur {r.vpos}" if r.vpos < ONGENOEMD else ""
                zinnen.append(f"Voor {self.functie_tekst(r.functie)} ({TIER_NAAM[r.tier]}{wens}) "
                              f"{self._waarom_bezet(p, r)}")
                regels.append("O2")
        return regels

    def _waarom_bezet(self, p, r) -> str:
        voor, na = self._wie_gaan_voor(p, r.functie)
        if not na:
            return f"is de formatie vol met {_opsomming(voor)} die voor u gaan."
        redenen = [self._niet_te_vervangen(p, q, r.functie) for q in na]
        return (f"is de formatie vol. Wie daar zit en niet voor u gaat, kan niet voor u plaats maken: "
                f"{'; '.join(dict.fromkeys(redenen))}.")

    def _niet_te_vervangen(self, p, q, f) -> str:
        """Why an unplaced p cannot take the place of q, who does not outrank p at f (O2)."""
        fte = self.s.medewerkers["fte"]
        if fte[p] > fte[q]:
            return "uw aanstelling (fte) past niet in de ruimte die dan vrijkomt (H1)"
        return ("die collega heeft als functievolger recht op een andere functie en koos deze als voorkeur; "
                "zonder deze plaats zou dat recht gelden (H4)")

    def _wie_gaan_voor(self, p, f) -> tuple[list[str], list[str]]:
        """Descriptions of occupants of f who outrank p at f, and of those who do not."""
        eigen = self.opties.get((p, f))
        sel_a = self.k.sel_a
        voor, na = [], []
        for q in sorted(self.bezetting.get(f, [])):
            if q in self.gepind:
                voor.append("een vooraf geplaatste collega")
                continue
            oq = self.opties[q, f]
            if eigen is None or oq.tier < eigen.tier:
                voor.append("een functievolger" if oq.tier == 1 else "een collega voor wie de functie passender is")
            elif oq.tier == eigen.tier and sel_a[q] < sel_a[p]:
                voor.append("een collega met langere diensttijd" if oq.tier != 1 else "een functievolger die voor u gaat")
            else:
                na.append(q)
        return voor, na

    def _hogere_wensen(self, p, f, zinnen) -> list[str]:
        """Why a voorkeur ranked above the outcome was not given (O3/O4, or not eligible)."""
        mw = self.rijen[p]
        huidig = self.opties.get((p, f)) if f is not None else None
        grens = huidig.vpos if huidig is not None else ONGENOEMD
        if f is None:
            grens = ONGENOEMD
        regels = []
        for positie in range(1, grens):
            code = mw.get(f"voorkeur_{positie}")
            if not isinstance(code, str) or code == f:
                continue
            r = self.opties.get((p, code))
            if f is None and r is not None:
                continue  # explained with the options above
            if r is None or (p in self.gepind):
                reden = "vooraf vastgestelde plaatsing (SS-7)" if p in self.gepind else self._niet_in_aanmerking(p, code)
                zinnen.append(f"Uw voorkeur {positie} ({code}) is niet gehonoreerd: {reden}.")
                continue
            if huidig is not None and r.tier > huidig.tier:
                zinnen.append(f"Uw voorkeur {positie} ({code}) is niet gehonoreerd: een plaatsing als "
                              f"{TIER_NAAM[huidig.tier]} gaat voor een voorkeur (O3 vóór O4; een voorkeur is een "
                              "wens, geen recht).")
                regels += ["O3", "O4"]
            else:
                voor, na = self._wie_gaan_voor(p, code)
                if voor and not na:
                    zinnen.append(f"Uw voorkeur {positie} ({code}) is niet gehonoreerd: de formatie is vol met "
                                  f"{_opsomming(voor)} die voor u gaan (O2).")
                    regels.append("O2")
                else:
                    zinnen.append(f"Uw voorkeur {positie} ({code}) is niet gehonoreerd: dat zou elders tot minder "
                                  "geplaatste medewerkers, minder passende plaatsingen of minder gehonoreerde "
                                  "voorkeuren leiden (O1, O3, O4).")
                    regels += ["O4"]
        return regels

    def _niet_in_aanmerking(self, p, code) -> str:
        oordeel = self.oordelen.get((p, code))
        if oordeel is not None and oordeel.oordeel == "niet":
            return "u bent voor deze functie niet passend of geschikt beoordeeld (SS-6)"
        if code in self.k.nieuwe_functies_ss5:
            return "het is een nieuwe functie die via werving wordt vervuld (SS-5)"
        return ("de functie is voor u niet passend of geschikt: niet verwant aan uw functie of een te groot "
                "verschil in schaal (SS-2 tot en met SS-4)")


def _opsomming(items: list[str]) -> str:
    """'collega's (een functievolger, een collega met langere diensttijd)'."""
    return f"collega's ({', '.join(dict.fromkeys(items))})"


def _uniek(regels: list[str]) -> list[str]:
    return [r for r in dict.fromkeys(regels) if r]
