"""Write `training/events/events_g.jsonl`: terse headline / note-style ACLED examples (session 6, events3).

    python training/make_events_g.py

Every template below was written by hand for this file from the ACLED codebook's definitions
(`../shared/ontology/ACLED_codebook.md`) and general knowledge; no evaluation text was read while writing
them. The slots are filled from invented place names and generic actor phrases, with real country names
spread over every continent, by a seeded random generator, so the output is reproducible. Counts per
sub-event type follow how common the codebook and its examples make each type (armed clashes, attacks
on civilians and peaceful protests most, chemical weapons least); hard negatives (crime without organised
violence, accidents, disasters, statements, diplomacy, strikes) are outside ACLED's scope.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROV = ("invented by a sitrep developer (session 6, branch events3, 2026-12-03) from hand-written headline "
        "templates following the ACLED codebook; training/make_events_g.py")

COUNTRIES = [
    # Africa
    "Nigeria", "Mali", "Burkina Faso", "DR Congo", "Sudan", "Ethiopia", "Mozambique", "Cameroon", "Niger",
    "Chad", "Uganda", "Togo", "Senegal", "Zimbabwe", "South Africa", "Madagascar", "Guinea", "Malawi",
    # Asia and the Middle East
    "India", "Pakistan", "Philippines", "Myanmar", "Bangladesh", "Indonesia", "Thailand", "Afghanistan",
    "Nepal", "Sri Lanka", "Yemen", "Syria", "Iraq", "Lebanon", "Kyrgyzstan", "Tajikistan",
    # Americas
    "Mexico", "Colombia", "Brazil", "Haiti", "Peru", "Ecuador", "Honduras", "Chile", "Bolivia",
    "United States", "Venezuela", "Guatemala", "Argentina",
    # Europe
    "Ukraine", "Russia", "France", "Serbia", "Georgia", "Greece", "Spain", "United Kingdom", "Armenia",
    "Azerbaijan", "Kosovo", "Moldova",
    # Oceania
    "Papua New Guinea", "Solomon Islands", "Fiji", "New Caledonia", "Vanuatu",
]
PLACES = [
    "Talvora", "Kessang", "Mbereni", "Dorlak", "Yaruba", "Ostrevo", "Quilanto", "Bahrani", "Tesselo",
    "Nyamoko", "Kirvash", "Pelindra", "Sanjoro", "Umbalo", "Vrelica", "Tamsay", "Koundegha", "Marvello",
    "Hadrissa", "Zebiri", "Lomaki", "Ferrazo", "Gulbenai", "Atokpa", "Rishtar", "Bonsavo", "Chelemba",
    "Ivankiv Dolny", "Santa Orlina", "Port Mereau", "Wakunai", "Esterlo", "Makuyo", "Dandara", "Pirlak",
    "Oyanga", "Kalbeni", "Tirvano", "Sefadu Kebe", "Nouvelle-Arlane", "Gorvashi", "Malindo", "Quebrada Alta",
]
STATE = ["Soldiers", "Troops", "Police", "Security forces", "Gendarmes", "Army troops", "Marines",
         "Border guards", "Riot police", "Military forces", "Paramilitary police", "National guard troops"]
REBELS = ["Rebels", "Insurgents", "Separatist fighters", "Guerrillas", "Militants", "Rebel fighters",
          "Fighters of the Liberation Front", "Armed separatists", "Dissident fighters", "Rebel militiamen"]
JIHAD = ["Suspected jihadists", "Islamist militants", "IS-linked fighters", "Jihadist fighters",
         "Suspected Islamic State militants", "Al-Qaeda-linked militants", "Suspected Boko Haram fighters",
         "Al-Shabaab militants", "JNIM fighters", "Extremist fighters"]
MILITIA = ["Ethnic militiamen", "Herder militia", "Clan militia", "Vigilantes", "Communal militia",
           "Village self-defence fighters", "Farmer militia", "Tribal fighters", "Local militia",
           "Pro-government militia"]
GUNMEN = ["Gunmen", "Unidentified gunmen", "Armed men", "Masked gunmen", "Suspected bandits",
          "Unknown assailants", "Men on motorbikes", "Armed assailants", "Cartel gunmen", "Hooded men"]
PROPER = {"JNIM", "IS-linked", "Al-Shabaab", "Al-Qaeda-linked", "Islamist"}
ARMED = STATE + REBELS + JIHAD + MILITIA + GUNMEN
NONSTATE = REBELS + JIHAD + MILITIA + GUNMEN
RIOTERS = ["Youths", "Rioters", "A mob", "Angry residents", "Villagers", "Angry youths", "Football fans",
           "A crowd", "Market traders", "Motorcycle taxi riders", "Residents", "Mourners"]
PROTESTERS = ["Students", "Teachers", "Traders", "Farmers", "Nurses", "Opposition supporters",
              "Taxi drivers", "Miners", "Women", "Residents", "Pensioners", "Lawyers", "Fishermen",
              "Health workers", "Market vendors", "Unemployed graduates", "Factory workers", "Doctors"]
VICTIMS = ["two traders", "a village chief", "three farmers", "a teacher", "four herders", "a reporter",
           "a local official", "five villagers", "a pastor", "an imam", "two aid workers", "a councillor",
           "six miners", "a bus driver", "three women", "a schoolboy", "a nurse", "two fishermen",
           "a former mayor", "a journalist", "seven civilians", "a shopkeeper", "a family of four",
           "an activist", "two students", "a tribal elder"]
NUMS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "10", "12", "14", "15", "17",
        "20", "23", "30"]
CAUSES = ["fuel price rises", "power cuts", "unpaid salaries", "a land grab", "police brutality",
          "election results", "rising food prices", "a new tax", "water shortages", "a mine closure",
          "the arrest of an activist", "school fees", "insecurity", "a killing by police",
          "the postponement of elections", "a dam project", "pension cuts", "eviction orders"]
SITES = ["market", "checkpoint", "mosque", "church", "school", "bus station", "police post", "army base",
         "village", "camp for displaced people", "farm", "mine", "border post", "town hall", "bridge"]
OFFICES = ["police station", "party office", "governor's office", "courthouse", "tax office",
           "electoral commission office", "town hall", "toll booth", "mining company office"]


def S(rng: random.Random, key: str) -> str:
    return rng.choice({
        "state": STATE, "rebels": REBELS, "jihad": JIHAD, "militia": MILITIA, "gunmen": GUNMEN,
        "armed": ARMED, "nonstate": NONSTATE, "rioters": RIOTERS, "protesters": PROTESTERS,
        "victims": VICTIMS, "n": NUMS, "m": NUMS, "cause": CAUSES, "site": SITES, "office": OFFICES,
        "place": PLACES, "place2": PLACES, "country": COUNTRIES,
    }[key])


# (event type, sub-event type, count, templates). Slots: {state} {rebels} {jihad} {militia} {gunmen}
# {armed} {nonstate} {rioters} {protesters} {victims} {n} {m} {cause} {site} {office} {place} {place2}
# {country}.
T: list[tuple[str | None, str | None, int, list[str]]] = [
    ("Battles", "Armed clash", 40, [
        "{state} clash with {rebels} near {place}",
        "{state} and {jihad} trade fire in {place}; {n} dead",
        "{n} killed as {militia} fight {militia_b} in {place}",
        "{jihad} attack army post in {place}, {n} soldiers and militants killed",
        "Fighting between {rebels} and {state} in {place} ({country})",
        "{militia} and {militia_b} clash over grazing land near {place}",
        "{state} repel {nonstate} assault on {place} base",
        "Heavy gunfire as {state} battle {gunmen} outside {place}",
        "{n} dead in clashes between rival armed groups in {place}, {country}",
        "{rebels} ambush army patrol near {place}; soldiers return fire",
        "Gun battle between {state} and {gunmen} in {place} leaves {n} dead",
        "{nonstate} and {state} exchange fire at {place} checkpoint",
    ]),
    ("Battles", "Government regains territory", 8, [
        "{state} retake {place} from {rebels}",
        "Army recaptures {place} after driving out {jihad}",
        "{state} regain control of {place} following fighting with {nonstate}",
        "Government troops seize back {place} town from {rebels} ({country})",
    ]),
    ("Battles", "Non-state actor overtakes territory", 10, [
        "{rebels} seize {place} after battle with army",
        "{jihad} overrun army base and take control of {place}",
        "{rebels} capture {place} town as troops flee",
        "{jihad} take over {place} district after clashes with {state}",
        "{militia} drive {militia_b} out of {place} and occupy the village",
    ]),
    ("Explosions/Remote violence", "Air/drone strike", 18, [
        "Air strike hits {place}, {n} killed",
        "Drone strike kills {n} {rebels_l} in {place}",
        "Warplanes bomb {site} in {place} ({country})",
        "Military jets strike {jihad_l} positions near {place}",
        "Drone attack on {place} {site} kills {victims}",
        "Helicopter gunship fires on {place}; {n} dead",
    ]),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 18, [
        "Shelling of {place} kills {victims}",
        "Missile strike hits {place} {site}; {n} wounded",
        "Artillery fire pounds {place} overnight",
        "Mortar rounds land on {place} {site}, {n} hurt",
        "{rebels} shell army positions near {place}",
        "Rocket attack on {place} ({country}) kills {n}",
    ]),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 16, [
        "Roadside bomb kills {n} soldiers near {place}",
        "Landmine blast kills {victims} in {place}",
        "IED hits army convoy on {place} road",
        "Car bomb explodes near {place} {site}; {n} dead",
        "Bus hits landmine in {place}, {n} killed",
        "Explosive device goes off at {place} {site}, wounding {n}",
    ]),
    ("Explosions/Remote violence", "Grenade", 10, [
        "Grenade attack on {place} {site} wounds {n}",
        "{gunmen} hurl grenade at {place} {site}",
        "Hand grenade thrown into {place} bar kills {victims}",
        "Grenade blast at {place} {site} injures {n} ({country})",
    ]),
    ("Explosions/Remote violence", "Suicide bomb", 8, [
        "Suicide bomber kills {n} at {place} {site}",
        "Suicide car bomb hits army base in {place}",
        "Female suicide bomber blows herself up at {place} {site}",
        "Suicide attack on {place} {site} leaves {n} dead",
    ]),
    ("Explosions/Remote violence", "Chemical weapon", 5, [
        "Chlorine gas attack reported in {place}; {n} treated for choking",
        "Poison gas dropped on {place} ({country}), villagers say",
        "Suspected sarin attack kills {n} in {place}",
        "Toxic gas shells fired at {place}, doctors report breathing problems",
    ]),
    ("Violence against civilians", "Attack", 40, [
        "{gunmen} kill {victims} near {place} {site}",
        "{jihad} kill {victims} in {place}",
        "{gunmen} shoot dead {victims} in {place}",
        "{state} kill {victims} in {place}, residents say",
        "{militia} attack {place} village, kill {n}",
        "{nonstate} attack {victims} in {place}",
        "{victims_c} killed by {gunmen_l} in {place} ({country})",
        "{gunmen} open fire on {place} {site}, {n} civilians dead",
        "{jihad} behead {victims} near {place}",
        "{nonstate} torch homes and kill {n} villagers in {place}",
        "{state} accused of executing {victims} in {place}",
        "{victims_c} shot dead at {place} {site}",
    ]),
    ("Violence against civilians", "Abduction/forced disappearance", 20, [
        "{jihad} abduct {victims} in {place}",
        "{gunmen} kidnap {victims} near {place}",
        "{nonstate} seize {n} passengers from bus near {place}",
        "{victims_c} abducted by {gunmen_l} in {place} ({country})",
        "{state} take away {victims}; family says whereabouts unknown",
        "{gunmen} kidnap {n} pupils from {place} school",
    ]),
    ("Violence against civilians", "Sexual violence", 10, [
        "{armed} rape {n} women in {place}",
        "Women raped by {armed_l} during raid on {place}",
        "{nonstate} sexually assault girls at {place} camp",
        "{state} accused of raping {n} women in {place} ({country})",
    ]),
    ("Protests", "Peaceful protest", 36, [
        "{protesters} protest {cause} in {place}",
        "{protesters} march in {place} against {cause}",
        "{protesters} rally outside {place} {office} over {cause}",
        "Hundreds demonstrate in {place} over {cause}",
        "{protesters} stage sit-in at {place} {office}",
        "{protesters} hold peaceful march in {place} ({country})",
        "{protesters} picket {office} in {place} demanding action on {cause}",
        "Demonstrators gather in {place} to denounce {cause}",
        "{protesters} block main road in {place} over {cause}",
    ]),
    ("Protests", "Protest with intervention", 20, [
        "Police disperse {protesters_l} with tear gas in {place}",
        "Police break up {protesters_l}' protest over {cause} in {place}; {n} arrested",
        "{protesters} protesting {cause} arrested in {place}",
        "Tear gas fired at {protesters_l} rallying in {place}",
        "Riot police scatter peaceful march in {place} ({country})",
    ]),
    ("Protests", "Excessive force against protesters", 12, [
        "Police shoot dead {n} protesters in {place}",
        "{state} open fire on peaceful marchers in {place}, killing {n}",
        "Protester killed as police fire live rounds at {place} rally",
        "{n} demonstrators killed when troops shoot into crowd protesting {cause} in {place}",
    ]),
    ("Riots", "Violent demonstration", 24, [
        "Police disperse protesters with tear gas in {place}; {n} hurt as stones thrown",
        "{protesters} torch {office} in {place} over {cause}",
        "Protesters burn tyres, stone police in {place}",
        "Rioting protesters loot shops in {place} after {cause}",
        "Protest over {cause} turns violent in {place}; cars set on fire",
        "{protesters} storm {place} {office}, smash windows",
        "Demonstrators clash with police in {place} over {cause}",
        "Angry protesters set fire to {place} {office} ({country})",
    ]),
    ("Riots", "Mob violence", 24, [
        "{rioters} attack reporter in {place}",
        "{rioters} lynch suspected thief in {place}",
        "Mob burns alleged witch to death in {place}",
        "{rioters} attack police post in {place}",
        "{rioters} beat {victims} in {place} ({country})",
        "{rioters} torch homes of rival clan in {place}",
        "Rival supporters fight with machetes and stones in {place}",
        "{rioters} set upon officials in {place}, {n} injured",
    ]),
    ("Strategic developments", "Arrests", 16, [
        "{state} arrest opposition leader in {place}",
        "Police detain {n} activists in {place}",
        "Journalist arrested in {place} ({country})",
        "{state} round up {n} people accused of helping {rebels_l} in {place}",
        "Opposition MP detained by police in {place}",
    ]),
    ("Strategic developments", "Looting/property destruction", 16, [
        "{nonstate} loot shops and burn houses in {place}",
        "{armed} raid {place} village, steal cattle and torch granaries",
        "{state} demolish homes of suspected {rebels_l} in {place}",
        "{nonstate} burn down {place} school",
        "{armed} loot health centre in {place} ({country})",
    ]),
    ("Strategic developments", "Disrupted weapons use", 14, [
        "Army defuses bomb near {place} {site}",
        "{state} seize weapons cache in {place}",
        "Police find explosives hidden in {place} house",
        "Landmines cleared from {place} road by army",
        "Suicide bomber stopped before blast at {place} {site}",
    ]),
    ("Strategic developments", "Agreement", 8, [
        "{rebels} and government sign ceasefire in {place}",
        "Rival militias agree truce in {place}",
        "Peace deal signed between {militia_l} and {militia_b_l} ({country})",
        "Prisoner swap agreed between army and {rebels_l}",
    ]),
    ("Strategic developments", "Change to group/activity", 11, [
        "{rebels} announce merger with rival faction",
        "{rebels_l} leader defects to government with {n} fighters",
        "Militia group in {place} disbands and hands over arms",
        "{jihad} pledge allegiance to Islamic State",
        # the codebook: "any other non-violent security measures enacted by armed actors"
        "{rebels} impose curfew on {place}",
        "{jihad} set up checkpoints and tax traders in {place}",
        "Army imposes state of emergency and curfew in {place} ({country})",
    ]),
    ("Strategic developments", "Headquarters or base established", 6, [
        "{rebels} set up new base in {place}",
        "{jihad} establish camp in forest near {place}",
        "{militia} open headquarters in {place} ({country})",
    ]),
    ("Strategic developments", "Non-violent transfer of territory", 6, [
        "{rebels} withdraw from {place}; army moves in without a fight",
        "{jihad} take {place} after troops pull out",
        "Army hands {place} over to allied militia",
    ]),
    ("Strategic developments", "Other", 6, [
        # the codebook's examples of Other: a coup, displacement by fighting, mass graves
        "Soldiers seize power in {country} coup, dissolve government",
        "Thousands flee {place} as fighting nears the town",
        "Mass grave with {n} bodies discovered near {place}",
    ]),
    # outside ACLED's scope: hard negatives
    (None, "crime", 16, [
        "Man stabs neighbour to death over land dispute in {place}",
        "Robbers steal cash from {place} bank; nobody hurt",
        "Police seize two tonnes of cocaine at {place} port",
        "Man kills wife in domestic dispute in {place}",
        "Fraudsters arrested over pyramid scheme in {place}",
        "Shopkeeper robbed at knifepoint in {place}",
        "Police arrest {n} over car theft ring in {place}",
        "Drunk driver kills pedestrian in {place}",
    ]),
    (None, "accident", 14, [
        "Bus plunges into ravine near {place}, {n} dead",
        "Gas explosion at {place} factory kills {n}",
        "Fire guts {place} market overnight",
        "Boat capsizes on river near {place}; {n} missing",
        "Soldier dies in road crash near {place}",
        "Fuel tanker explodes on highway in {place}, {n} killed",
        "Mine collapse traps {n} workers in {place}",
    ]),
    (None, "disaster", 28, [
        "Tornado strikes {place}, {n} dead",
        "Storm hits {place}; roofs torn off and {n} killed",
        "Volcano erupts near {place}, villages evacuated",
        "Quake of magnitude 6.1 hits {place} ({country}); {n} dead",
        "Typhoon batters {place}, {n} missing",
        "Wildfire destroys homes in {place}",
        "Hailstorm pounds {place}, crops wiped out",
        "Avalanche kills {n} climbers near {place}",
        "Floods kill {n} in {place}",
        "Earthquake flattens homes in {place} ({country})",
        "Lightning strike kills {victims} in {place}",
        "Landslide buries {place} village after heavy rain",
        "Cyclone hits {place}; thousands displaced",
        "Drought forces herders from {place}",
    ]),
    (None, "statement", 12, [
        "Minister condemns attack on {place} {site}",
        "President vows to crush {rebels_l}",
        "UN calls for restraint after violence in {place}",
        "Army denies killing civilians in {place}",
        "Opposition leader warns of protests over {cause}",
        "Rights group urges probe into {place} killings",
    ]),
    (None, "diplomacy", 8, [
        "President meets {country} counterpart for talks on trade",
        "Foreign ministers discuss border security in {place}",
        "{country} recalls ambassador over spying row",
        "Envoy visits {place} to push for peace talks",
    ]),
    (None, "politics", 8, [
        "Electoral commission announces results in {place}",
        "Parliament passes new security law",
        "Governor of {place} sacked by president",
        "Court sentences former minister to ten years for graft",
    ]),
    (None, "other", 8, [
        "Teachers' strike enters third week; schools shut in {place}",
        "Army holds joint exercise with {country} troops",
        "Government lifts curfew in {place} as calm returns",
        "Troops deployed to {place} ahead of elections",
        "Aid convoy reaches {place} after months of siege",
        "Mourners bury victims of last week's attack in {place}",
    ]),
]


def fill(rng: random.Random, tpl: str) -> str:
    out = tpl
    for key in ("state", "rebels", "jihad", "militia", "gunmen", "armed", "nonstate", "rioters",
                "protesters", "victims", "n", "m", "cause", "site", "office", "place", "place2", "country"):
        for suffix in ("_b_l", "_b", "_l", "_c", ""):
            slot = "{" + key + suffix + "}"
            if slot not in out:
                continue
            v = S(rng, key)
            if suffix.startswith("_b"):  # a second, different party of the same kind
                while v in out:
                    v = S(rng, key)
            if key not in ("place", "place2", "country") and out.index(slot) > 0 and v.split()[0] not in PROPER:
                v = v[0].lower() + v[1:]
            out = out.replace(slot, v, 1)
    out = out[0].upper() + out[1:]
    return out


def main() -> int:
    rng = random.Random(20261203)
    rows, seen = [], set()
    for et, sub, count, tpls in T:
        made = 0
        tries = 0
        while made < count and tries < count * 50:
            tries += 1
            tpl = tpls[made % len(tpls)] if tries <= count else rng.choice(tpls)
            text = fill(rng, tpl)
            if text.lower() in seen:
                continue
            seen.add(text.lower())
            made += 1
            row: dict[str, object] = {"id": f"g-{len(rows) + 1:04d}", "text": text}
            if et is None:
                row.update(event_type=None, sub_event_type=None, category=sub,
                           section=f"Outside ACLED scope: {sub}, not political violence or demonstration")
            else:
                row.update(event_type=et, sub_event_type=sub,
                           section=f"ACLED Codebook > ACLED events > {et} > {sub}")
            row["provenance"] = PROV
            rows.append(row)
    out = ROOT / "training" / "events" / "events_g.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} examples to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
