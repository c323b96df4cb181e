"""Trigger words for PLOVER event coding, and the words that shape an event.

The tables are data, kept apart from the parsing logic in ``extract.events`` so
that a reviewer can read and extend the vocabulary without touching the code.
Keys are spaCy lemmas (lower case). Why a table and not a classifier: PLOVER
categories hinge on a few hundred verbs and nouns whose meaning in news is
stable, and a table keeps every coding decision explainable from its trigger.

Categories follow PLOVER (AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID,
RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE,
COERCE, ASSAULT); fighting is ASSAULT with mode ``fight``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


@dataclass(frozen=True)
class Trigger:
    """What a trigger word codes: a PLOVER category and, where known, its mode."""

    type: str
    mode: str | None = None


def _t(type_: str, mode: str | None = None) -> Trigger:
    return Trigger(type_, mode)


# Objects that decide what a generic verb means ("send aid" vs "send troops").
OBJECT_CLASSES: dict[str, frozenset[str]] = {
    "aid": frozenset(
        "aid assistance weapon arm missile ammunition tank jet money loan fund food "
        "supply equipment vaccine medicine shell drone system package grant credit "
        "artillery rocket help relief asylum refuge protection intelligence training material "
        "good funding money".split()
    ),
    "troops": frozenset(
        "troop soldier force army unit division battalion brigade warship ship "
        "marine reinforcement personnel fleet deminer sapper military".split()
    ),
    "sanction": frozenset("sanction embargo tariff".split()),
    "restriction": frozenset(
        "ban curfew emergency blockade restriction law siege martial control measure "
        "lockdown checkpoint rule regulation".split()
    ),
    "ties": frozenset(
        "tie relation relationship cooperation program programme agreement deal contact "
        "asset account".split()
    ),
    "meeting": frozenset(
        "visit trip meeting summit talk negotiation tour mediation consultation".split()
    ),
    "truce": frozenset("ceasefire cease-fire truce armistice".split()),
    "peacekeeper": frozenset("peacekeeper peacekeeping".split()),
    "demand": frozenset("demand condition term ultimatum request".split()),
    "road": frozenset("road street highway bridge traffic route railway entrance".split()),
    "inspector": frozenset("inspector investigator monitor observer".split()),
    "entry": frozenset("entry visa access".split()),
    "strike_action": frozenset(["strike"]),
    "prisoner": frozenset(
        "prisoner hostage detainee captive journalist activist dissident suspect national "
        "citizen soldier worker opposition leader people man woman".split()
    ),
    "diplomat": frozenset("diplomat ambassador envoy attache embassy consul chargé".split()),
    "fire": frozenset(["fire"]),
    "weapon": frozenset(
        "rocket missile shell shot mortar bullet round grenade artillery salvo bomb "
        "projectile drone".split()
    ),
}

# Verbs whose meaning needs an object of a given class: lemma -> class -> trigger.
VERB_WITH_OBJECT: dict[str, dict[str, Trigger]] = {
    "violate": {"truce": _t("ASSAULT", "fight")},
    "fire": {"weapon": _t("ASSAULT", "heavy-weapons")},
    "launch": {"weapon": _t("ASSAULT", "heavy-weapons")},
    "drop": {"weapon": _t("ASSAULT", "aerial")},
    "withhold": {"aid": _t("SANCTION", "suspend"), "ties": _t("SANCTION", "suspend")},
    "withdraw": {"diplomat": _t("SANCTION", "recall")},
    "train": {"troops": _t("COOPERATE", "military")},
    "breach": {"truce": _t("ASSAULT", "fight")},
    "halt": {
        "meeting": _t("SANCTION", "suspend"),
        "ties": _t("SANCTION", "suspend"),
        "aid": _t("SANCTION", "suspend"),
    },
    "send": {
        "peacekeeper": _t("AID", "peacekeeping"),
        "aid": _t("AID"),
        "troops": _t("MOBILIZE", "troops"),
        "inspector": _t("ACCUSE", "investigate"),
    },
    "dispatch": {
        "peacekeeper": _t("AID", "peacekeeping"),
        "aid": _t("AID"),
        "troops": _t("MOBILIZE", "troops"),
        "inspector": _t("ACCUSE", "investigate"),
    },
    "grant": {"aid": _t("AID")},
    "strike": {"ties": _t("AGREE")},  # "struck a deal"
    "clinch": {"ties": _t("AGREE")},
    # A pledge of money or supplies is coded as the aid itself.
    "pledge": {"aid": _t("AID")},
    "promise": {"aid": _t("AID")},
    "accept": {"demand": _t("CONCEDE")},
    "block": {"road": _t("PROTEST", "obstruct")},
    "deny": {"entry": _t("SANCTION")},
    "cancel": {
        "meeting": _t("SANCTION", "suspend"),
        "restriction": _t("CONCEDE", "ease"),
        "strike_action": _t("CONCEDE"),
    },
    "postpone": {"meeting": _t("SANCTION", "suspend")},
    "shorten": {"restriction": _t("CONCEDE", "ease")},
    "reduce": {"restriction": _t("CONCEDE", "ease"), "aid": _t("SANCTION", "suspend")},
    "provide": {"aid": _t("AID")},
    "supply": {"aid": _t("AID")},
    "deliver": {"aid": _t("AID")},
    "ship": {"aid": _t("AID")},
    "give": {"aid": _t("AID")},
    "offer": {"aid": _t("AID")},
    "lift": {"restriction": _t("CONCEDE", "ease"), "sanction": _t("CONCEDE", "ease")},
    "ease": {"restriction": _t("CONCEDE", "ease"), "sanction": _t("CONCEDE", "ease")},
    "end": {"restriction": _t("CONCEDE", "ease"), "sanction": _t("CONCEDE", "ease")},
    "relax": {"restriction": _t("CONCEDE", "ease"), "sanction": _t("CONCEDE", "ease")},
    "suspend": {"ties": _t("SANCTION", "suspend"), "aid": _t("SANCTION", "suspend")},
    "cut": {"ties": _t("SANCTION", "suspend"), "aid": _t("SANCTION", "suspend")},
    "sever": {"ties": _t("SANCTION", "break")},
    "break": {"ties": _t("SANCTION", "break")},
    "freeze": {"ties": _t("SANCTION", "suspend"), "aid": _t("SANCTION", "suspend")},
    # Diplomatic relations are diplomatic cooperation: PLOVER's SUPPORT.
    "restore": {"ties": _t("SUPPORT", "relations")},
    "establish": {"ties": _t("SUPPORT", "relations")},
    "resume": {"ties": _t("SUPPORT", "relations")},
    "upgrade": {"ties": _t("SUPPORT", "relations")},
    "impose": {"sanction": _t("SANCTION"), "restriction": _t("COERCE", "restrict")},
    "reimpose": {"sanction": _t("SANCTION"), "restriction": _t("COERCE", "restrict")},
    "institute": {"sanction": _t("SANCTION"), "restriction": _t("COERCE", "restrict")},
    "declare": {"restriction": _t("COERCE", "restrict")},
    "release": {"prisoner": _t("CONCEDE", "release")},
    "expel": {"diplomat": _t("SANCTION", "expel")},
    "recall": {"diplomat": _t("SANCTION", "recall")},
    "summon": {"diplomat": _t("ACCUSE", "disapprove")},
    "free": {"prisoner": _t("CONCEDE", "release")},
    "open": {"fire": _t("ASSAULT", "firearms")},
    "deploy": {
        "peacekeeper": _t("AID", "peacekeeping"),
        "troops": _t("MOBILIZE", "troops"),
        "aid": _t("MOBILIZE", "weapons"),
    },
    "move": {"troops": _t("MOBILIZE", "troops")},
    "mass": {"troops": _t("MOBILIZE", "troops")},
}

# Verbs that code an event on their own.
VERBS: dict[str, Trigger] = {
    # CONSULT
    "meet": _t("CONSULT", "meet"), "visit": _t("CONSULT", "visit"),
    "host": _t("CONSULT", "host"), "confer": _t("CONSULT", "meet"),
    "negotiate": _t("CONSULT", "meet"), "mediate": _t("CONSULT", "mediate"),
    "phone": _t("CONSULT", "phone"), "telephone": _t("CONSULT", "phone"),
    "consult": _t("CONSULT", "meet"),
    # AGREE
    "agree": _t("AGREE"), "sign": _t("AGREE"), "promise": _t("AGREE"),
    "pledge": _t("AGREE"), "ratify": _t("AGREE"), "accept": _t("AGREE"),
    "offer": _t("AGREE"),
    # SUPPORT
    "praise": _t("SUPPORT"), "support": _t("SUPPORT"), "back": _t("SUPPORT"),
    "welcome": _t("SUPPORT"), "endorse": _t("SUPPORT"), "commend": _t("SUPPORT"),
    "hail": _t("SUPPORT"), "applaud": _t("SUPPORT"), "thank": _t("SUPPORT"),
    "congratulate": _t("SUPPORT"), "forgive": _t("SUPPORT"), "recognize": _t("SUPPORT"),
    "recognise": _t("SUPPORT"), "defend": _t("SUPPORT"),
    # CONCEDE
    "concede": _t("CONCEDE"), "yield": _t("CONCEDE"), "compromise": _t("CONCEDE"),
    "apologize": _t("SUPPORT"), "apologise": _t("SUPPORT"), "resign": _t("RETREAT", "resign"),
    "pardon": _t("CONCEDE", "release"), "amnesty": _t("CONCEDE", "release"),
    # COOPERATE
    "cooperate": _t("COOPERATE"), "collaborate": _t("COOPERATE"), "ally": _t("COOPERATE"),
    "normalize": _t("SUPPORT", "relations"), "normalise": _t("SUPPORT", "relations"),
    # AID
    "donate": _t("AID"), "fund": _t("AID"), "finance": _t("AID"), "arm": _t("AID", "weapons"),
    "evacuate": _t("AID"), "shelter": _t("AID"), "extradite": _t("COOPERATE", "judicial"),
    # RETREAT
    "withdraw": _t("RETREAT"), "retreat": _t("RETREAT"), "surrender": _t("RETREAT"),
    "disarm": _t("RETREAT"), "demobilize": _t("RETREAT"), "demobilise": _t("RETREAT"),
    # REQUEST
    "demand": _t("REQUEST"), "urge": _t("REQUEST"), "ask": _t("REQUEST"),
    "request": _t("REQUEST"), "appeal": _t("REQUEST"), "press": _t("REQUEST"),
    "insist": _t("REQUEST"), "seek": _t("REQUEST"), "plead": _t("REQUEST"),
    "petition": _t("REQUEST"), "implore": _t("REQUEST"), "pressure": _t("REQUEST"),
    # ACCUSE
    "accuse": _t("ACCUSE", "allege"), "blame": _t("ACCUSE", "allege"),
    "criticize": _t("ACCUSE", "disapprove"), "criticise": _t("ACCUSE", "disapprove"),
    "condemn": _t("ACCUSE", "disapprove"), "denounce": _t("ACCUSE", "disapprove"),
    "allege": _t("ACCUSE", "allege"), "investigate": _t("ACCUSE", "investigate"),
    "probe": _t("ACCUSE", "investigate"), "deplore": _t("ACCUSE", "disapprove"),
    "slam": _t("ACCUSE", "disapprove"), "rebuke": _t("ACCUSE", "disapprove"),
    "complain": _t("ACCUSE", "disapprove"), "charge": _t("ACCUSE", "allege"),
    "question": _t("ACCUSE", "investigate"),
    "fault": _t("ACCUSE", "disapprove"), "indict": _t("ACCUSE", "allege"),
    "sue": _t("ACCUSE", "allege"), "prosecute": _t("ACCUSE", "allege"),
    "scold": _t("ACCUSE", "disapprove"),
    "chide": _t("ACCUSE", "disapprove"), "decry": _t("ACCUSE", "disapprove"),
    "censure": _t("ACCUSE", "disapprove"), "examine": _t("ACCUSE", "investigate"),
    "inquire": _t("ACCUSE", "investigate"), "castigate": _t("ACCUSE", "disapprove"),
    # REJECT
    "reject": _t("REJECT"), "refuse": _t("REJECT"), "deny": _t("REJECT"),
    "dismiss": _t("REJECT"), "veto": _t("REJECT"), "rebuff": _t("REJECT"),
    "defy": _t("REJECT"), "violate": _t("REJECT"), "oppose": _t("REJECT"),
    "spurn": _t("REJECT"), "decline": _t("REJECT"), "resist": _t("REJECT"),
    "boycott": _t("REJECT"), "ignore": _t("REJECT"), "snub": _t("REJECT"),
    # THREATEN
    "threaten": _t("THREATEN"), "warn": _t("THREATEN"),
    # PROTEST
    "protest": _t("PROTEST"), "demonstrate": _t("PROTEST"), "rally": _t("PROTEST"),
    "march": _t("PROTEST"), "riot": _t("PROTEST", "riot"), "picket": _t("PROTEST"),
    # SANCTION
    "sanction": _t("SANCTION"), "embargo": _t("SANCTION"), "expel": _t("COERCE", "deport"),
    "blacklist": _t("SANCTION"),
    # MOBILIZE
    "mobilize": _t("MOBILIZE"), "mobilise": _t("MOBILIZE"), "deploy": _t("MOBILIZE"),
    "reinforce": _t("MOBILIZE"), "station": _t("MOBILIZE"),
    # COERCE
    "arrest": _t("COERCE", "arrest"), "detain": _t("COERCE", "detain"),
    "seize": _t("COERCE", "confiscate"), "kidnap": _t("COERCE", "abduct"),
    "abduct": _t("COERCE", "abduct"), "deport": _t("COERCE", "deport"),
    "censor": _t("COERCE", "censor"), "ban": _t("COERCE", "ban"),
    "confiscate": _t("COERCE", "confiscate"), "destroy": _t("COERCE", "destroy"),
    "demolish": _t("COERCE", "destroy"), "raze": _t("COERCE", "destroy"),
    "jail": _t("COERCE", "detain"), "imprison": _t("COERCE", "detain"),
    "block": _t("COERCE", "obstruct"), "blockade": _t("COERCE", "obstruct"),
    "restrict": _t("COERCE", "restrict"), "outlaw": _t("COERCE", "ban"),
    "torture": _t("ASSAULT", "torture"), "execute": _t("COERCE", "execute"),
    "hijack": _t("COERCE", "abduct"), "besiege": _t("COERCE", "obstruct"),
    "sentence": _t("COERCE", "detain"), "evict": _t("COERCE", "deport"),
    # ASSAULT
    "attack": _t("ASSAULT"), "bomb": _t("ASSAULT", "explosives"),
    "shell": _t("ASSAULT", "heavy-weapons"), "kill": _t("ASSAULT"),
    "shoot": _t("ASSAULT", "firearms"), "fight": _t("ASSAULT", "fight"),
    "clash": _t("ASSAULT", "fight"), "battle": _t("ASSAULT", "fight"),
    "ambush": _t("ASSAULT"), "raid": _t("ASSAULT"), "invade": _t("ASSAULT", "fight"),
    "storm": _t("ASSAULT"), "assassinate": _t("ASSAULT", "assassinate"),
    "massacre": _t("ASSAULT"), "wound": _t("ASSAULT"), "injure": _t("ASSAULT"),
    "beat": _t("ASSAULT", "beat"), "rape": _t("ASSAULT", "sexual"),
    "strike": _t("ASSAULT"), "pound": _t("ASSAULT", "heavy-weapons"),
    "bombard": _t("ASSAULT", "heavy-weapons"), "stab": _t("ASSAULT", "primitive"),
    "murder": _t("ASSAULT"), "assault": _t("ASSAULT"), "target": _t("ASSAULT"),
    "explode": _t("ASSAULT", "explosives"), "behead": _t("ASSAULT"),
    "hit": _t("ASSAULT"), "capture": _t("ASSAULT", "fight"),
    "occupy": _t("ASSAULT", "occupy"), "overrun": _t("ASSAULT", "fight"),
    "recapture": _t("ASSAULT", "fight"), "retake": _t("ASSAULT", "fight"),
    "patrol": _t("MOBILIZE", "police"), "assist": _t("AID"), "rescue": _t("AID"),
    "cede": _t("CONCEDE"), "accede": _t("CONCEDE"), "commute": _t("CONCEDE", "release"),
    "free": _t("CONCEDE", "release"), "disband": _t("RETREAT"),
    "decommission": _t("RETREAT"), "convene": _t("CONSULT", "meet"),
    "discuss": _t("CONSULT", "meet"), "broker": _t("CONSULT", "mediate"),
    "greet": _t("CONSULT", "host"), "assure": _t("AGREE"), "guarantee": _t("AGREE"),
    "reassure": _t("SUPPORT"), "comply": _t("CONCEDE"), "obey": _t("CONCEDE"),
    "relent": _t("CONCEDE"), "vacate": _t("RETREAT"), "dismantle": _t("CONCEDE", "ease"),
    "reopen": _t("CONCEDE", "ease"), "abolish": _t("CONCEDE"), "retaliate": _t("ASSAULT"),
    "torch": _t("COERCE", "destroy"), "loot": _t("COERCE", "destroy"),
    "harass": _t("COERCE", "repress"), "intimidate": _t("COERCE", "repress"),
    "persecute": _t("COERCE", "repress"), "repress": _t("COERCE", "repress"),
    "nationalize": _t("COERCE", "confiscate"), "convict": _t("ACCUSE", "allege"),
    "allow": _t("CONCEDE"), "permit": _t("CONCEDE"),
    "lambaste": _t("ACCUSE", "disapprove"), "assail": _t("ACCUSE", "disapprove"),
    "vilify": _t("ACCUSE", "disapprove"), "reproach": _t("ACCUSE", "disapprove"),
    "reprimand": _t("ACCUSE", "disapprove"), "menace": _t("THREATEN"),
    "annex": _t("ASSAULT", "occupy"), "detonate": _t("ASSAULT", "explosives"),
    "slay": _t("ASSAULT"), "slaughter": _t("ASSAULT"), "lynch": _t("ASSAULT"),
    "strafe": _t("ASSAULT", "aerial"), "punish": _t("SANCTION"), "penalize": _t("SANCTION"),
    "penalise": _t("SANCTION"), "airlift": _t("AID"), "disperse": _t("COERCE", "repress"),
}  # fmt: skip

# Verb + particle or preposition ("call for", "pull out").
PHRASAL: dict[tuple[str, str], Trigger] = {
    ("call", "for"): _t("REQUEST"), ("call", "on"): _t("REQUEST"),
    ("call", "upon"): _t("REQUEST"), ("pull", "out"): _t("RETREAT"),
    ("pull", "back"): _t("RETREAT"), ("blow", "up"): _t("COERCE", "destroy"),
    ("crack", "down"): _t("COERCE", "repress"), ("turn", "down"): _t("REJECT"),
    ("hand", "over"): _t("CONCEDE"), ("step", "down"): _t("RETREAT", "resign"),
    ("call", "off"): _t("CONCEDE"), ("set", "fire"): _t("COERCE", "destroy"),
    ("share", "with"): _t("COOPERATE"), ("push", "for"): _t("REQUEST"),
    ("press", "for"): _t("REQUEST"), ("appeal", "for"): _t("REQUEST"),
    ("discuss", "with"): _t("CONSULT", "meet"), ("confer", "with"): _t("CONSULT", "meet"),
    ("put", "alert"): _t("MOBILIZE", "alert"), ("step", "up"): _t("MOBILIZE"),
    ("set", "off"): _t("ASSAULT", "explosives"), ("exchange", "fire"): _t("ASSAULT", "fight"),
    ("turn", "over"): _t("CONCEDE"), ("take", "hostage"): _t("COERCE", "abduct"),
    ("hold", "hostage"): _t("COERCE", "abduct"), ("object", "to"): _t("ACCUSE", "disapprove"),
    ("back", "down"): _t("CONCEDE"), ("lash", "out"): _t("ACCUSE", "disapprove"),
    ("speak", "out"): _t("ACCUSE", "disapprove"), ("stand", "by"): _t("SUPPORT"),
    ("fire", "on"): _t("ASSAULT", "firearms"), ("fire", "at"): _t("ASSAULT", "firearms"),
    ("walk", "out"): _t("PROTEST"), ("sit", "down"): _t("CONSULT", "meet"),
    ("talk", "with"): _t("CONSULT", "meet"), ("talk", "to"): _t("CONSULT", "meet"),
    ("speak", "with"): _t("CONSULT", "meet"), ("speak", "to"): _t("CONSULT", "meet"),
    ("commit", "to"): _t("AGREE"), ("take", "to"): _t("PROTEST"),
    ("set", "up"): _t("COOPERATE"), ("work", "with"): _t("COOPERATE"),
    ("join", "force"): _t("COOPERATE"), ("side", "with"): _t("SUPPORT"),
    ("break", "off"): _t("SANCTION", "break"), ("shut", "down"): _t("COERCE", "restrict"),
    ("close", "down"): _t("COERCE", "restrict"), ("lock", "down"): _t("COERCE", "restrict"),
    ("move", "into"): _t("MOBILIZE", "troops"), ("rule", "out"): _t("REJECT"),
    ("speak", "by"): _t("CONSULT", "phone"), ("talk", "by"): _t("CONSULT", "phone"),
}  # fmt: skip

# Lemmas the small model gets wrong ("staged" → "stag").
LEMMA_FIXES = {"stag": "stage", "ban": "ban", "bann": "ban", "sanctione": "sanction"}

# Event nouns. They code an event when a light verb, a time preposition or
# their own arguments make them one ("held talks", "after talks", "talks with").
NOUNS: dict[str, Trigger] = {
    "talk": _t("CONSULT", "meet"), "meeting": _t("CONSULT", "meet"),
    "summit": _t("CONSULT", "multilateral"), "visit": _t("CONSULT", "visit"),
    "trip": _t("CONSULT", "visit"), "tour": _t("CONSULT", "visit"),
    "call": _t("CONSULT", "phone"), "conversation": _t("CONSULT", "meet"),
    "negotiation": _t("CONSULT", "meet"), "consultation": _t("CONSULT", "meet"),
    "mediation": _t("CONSULT", "mediate"), "discussion": _t("CONSULT", "meet"),
    "agreement": _t("AGREE"), "deal": _t("AGREE"), "pact": _t("AGREE"),
    "treaty": _t("AGREE"), "accord": _t("AGREE"), "ceasefire": _t("RETREAT", "ceasefire"),
    "truce": _t("RETREAT", "ceasefire"), "pledge": _t("AGREE"), "promise": _t("AGREE"),
    "praise": _t("SUPPORT"), "endorsement": _t("SUPPORT"), "apology": _t("SUPPORT"),
    "concession": _t("CONCEDE"), "cooperation": _t("COOPERATE"),
    "partnership": _t("COOPERATE"), "alliance": _t("COOPERATE"),
    "aid": _t("AID"), "assistance": _t("AID"), "donation": _t("AID"),
    "withdrawal": _t("RETREAT"), "retreat": _t("RETREAT"), "surrender": _t("RETREAT"),
    "demand": _t("REQUEST"), "appeal": _t("REQUEST"), "request": _t("REQUEST"),
    "plea": _t("REQUEST"), "accusation": _t("ACCUSE", "allege"),
    "criticism": _t("ACCUSE", "disapprove"), "condemnation": _t("ACCUSE", "disapprove"),
    "investigation": _t("ACCUSE", "investigate"), "probe": _t("ACCUSE", "investigate"),
    "inquiry": _t("ACCUSE", "investigate"), "rejection": _t("REJECT"),
    "veto": _t("REJECT"), "boycott": _t("REJECT"), "threat": _t("THREATEN"),
    "ultimatum": _t("THREATEN"), "warning": _t("THREATEN"),
    "protest": _t("PROTEST"), "demonstration": _t("PROTEST"), "rally": _t("PROTEST"),
    "march": _t("PROTEST"), "riot": _t("PROTEST", "riot"), "sit-in": _t("PROTEST"),
    "strike": _t("ASSAULT"),
    "sanction": _t("SANCTION"), "embargo": _t("SANCTION"), "expulsion": _t("SANCTION", "expel"),
    "deployment": _t("MOBILIZE"), "mobilization": _t("MOBILIZE"),
    "mobilisation": _t("MOBILIZE"), "exercise": _t("MOBILIZE", "exercise"),
    "drill": _t("MOBILIZE", "exercise"), "buildup": _t("MOBILIZE", "troops"),
    "arrest": _t("COERCE", "arrest"), "detention": _t("COERCE", "detain"),
    "crackdown": _t("COERCE", "repress"), "curfew": _t("COERCE", "curfew"),
    "blockade": _t("COERCE", "obstruct"), "siege": _t("COERCE", "obstruct"),
    "ban": _t("COERCE", "ban"), "kidnapping": _t("COERCE", "abduct"),
    "attack": _t("ASSAULT"), "bombing": _t("ASSAULT", "explosives"),
    "shelling": _t("ASSAULT", "heavy-weapons"), "airstrike": _t("ASSAULT", "aerial"),
    "offensive": _t("ASSAULT", "fight"), "raid": _t("ASSAULT"),
    "invasion": _t("ASSAULT", "fight"), "clash": _t("ASSAULT", "fight"),
    "fighting": _t("ASSAULT", "fight"), "battle": _t("ASSAULT", "fight"),
    "ambush": _t("ASSAULT"), "assassination": _t("ASSAULT", "assassinate"),
    "massacre": _t("ASSAULT"), "assault": _t("ASSAULT"), "bombardment": _t("ASSAULT"),
    "war": _t("ASSAULT", "fight"), "hostility": _t("ASSAULT", "fight"),
    "fire": _t("ASSAULT", "heavy-weapons"), "consensus": _t("AGREE"),
    "welcome": _t("CONSULT", "host"), "hearing": _t("ACCUSE", "investigate"),
    "complaint": _t("ACCUSE", "disapprove"), "support": _t("SUPPORT"),
    "cleansing": _t("ASSAULT"), "genocide": _t("ASSAULT"), "killing": _t("ASSAULT"),
    "shooting": _t("ASSAULT", "firearms"), "explosion": _t("ASSAULT", "explosives"),
    "blast": _t("ASSAULT", "explosives"), "condolence": _t("SUPPORT"),
    "congratulation": _t("SUPPORT"), "sympathy": _t("SUPPORT"), "gratitude": _t("SUPPORT"),
    "offer": _t("AGREE"), "refusal": _t("REJECT"), "denial": _t("REJECT"),
    "release": _t("CONCEDE", "release"), "resignation": _t("RETREAT", "resign"),
    "armistice": _t("RETREAT", "ceasefire"), "charge": _t("ACCUSE", "allege"),
    "lawsuit": _t("ACCUSE", "allege"), "torture": _t("ASSAULT", "torture"),
    "patrol": _t("MOBILIZE", "police"), "alert": _t("MOBILIZE", "alert"),
    "hijacking": _t("COERCE", "abduct"), "abduction": _t("COERCE", "abduct"),
    "deportation": _t("COERCE", "deport"), "seizure": _t("COERCE", "confiscate"),
    "confiscation": _t("COERCE", "confiscate"), "occupation": _t("ASSAULT", "occupy"),
    "incursion": _t("ASSAULT", "fight"), "gunfire": _t("ASSAULT", "firearms"),
    "skirmish": _t("ASSAULT", "fight"), "firefight": _t("ASSAULT", "fight"),
    "combat": _t("ASSAULT", "fight"), "walkout": _t("PROTEST"), "petition": _t("REQUEST"),
    "indictment": _t("ACCUSE", "allege"), "censure": _t("ACCUSE", "disapprove"),
    "reprimand": _t("ACCUSE", "disapprove"), "rebuke": _t("ACCUSE", "disapprove"),
    "recognition": _t("SUPPORT"), "amnesty": _t("CONCEDE", "release"),
    "pardon": _t("CONCEDE", "release"), "loan": _t("AID"), "airlift": _t("AID"),
    "evacuation": _t("AID"), "reinforcement": _t("MOBILIZE"),
    "maneuver": _t("MOBILIZE", "exercise"), "manoeuvre": _t("MOBILIZE", "exercise"),
    "extradition": _t("COOPERATE", "judicial"),
}  # fmt: skip

# "strike" is a walkout unless a weapon word says otherwise.
# Nouns that are events only as the object of a light verb ("opened fire").
LIGHT_ONLY_NOUNS = frozenset(["fire", "welcome", "call", "charge", "offer", "release"])

# Nouns that stand for the event word compounded with them ("mediation effort").
GENERIC_EVENT_HEADS = frozenset(
    "effort mission bid attempt process initiative operation campaign plan round".split()
)

STRIKE_ASSAULT_WORDS = frozenset(
    "air missile drone rocket military artillery airstrike precision naval "
    "retaliatory preemptive pre-emptive nuclear".split()
)

# Verbs that carry an event noun as their object without adding meaning.
LIGHT_VERBS = frozenset(
    "hold have conduct stage launch impose make pay carry mount begin start continue "
    "resume attend reach sign announce order take join host open go call receive renew "
    "give extend undertake lodge file register stage "
    "organize organise lead step intensify escalate wage declare issue express "
    "unleash plan schedule arrange prepare seek conclude enter complete finish".split()
)
# "lodged a protest with X": a formal complaint, not a street protest.
COMPLAINT_VERBS = frozenset("lodge file register issue send deliver".split())

# "remained on alert", "put troops on alert": a state entered through a preposition.
STATE_VERBS = frozenset("put place remain go be stay keep".split())

# Verbs of movement that make a visit when they lead to a place.
MOTION_VERBS = frozenset("travel fly go arrive head journey".split())

# Reporting verbs: not events themselves, but a "must"/"should" in what is
# reported makes the report a REQUEST by its speaker.
REPORTING_VERBS = frozenset(
    "say announce state tell declare insist add stress note write argue maintain conclude "
    "reiterate".split()
)

# Prepositions that make a noun a time frame ("after talks with ...").
TIME_PREPOSITIONS = frozenset("after before during following ahead amid since".split())

# Control verbs that set the status of the event in their complement.
PLANNED_CONTROLLERS = frozenset(
    "plan intend aim set schedule expect due agree promise pledge vow decide prepare "
    "go hope offer propose want seek willing ready prepared determined eager".split()
)
HYPOTHETICAL_CONTROLLERS = frozenset("threaten consider mull weigh could like love wish".split())
NEGATING_CONTROLLERS = frozenset("refuse fail decline".split())

PLANNED_AUX = frozenset(["will", "shall", "'ll", "wo"])
HYPOTHETICAL_AUX = frozenset(["could", "might", "may", "would", "should"])

# Nouns that promise what follows ("a pledge of £1m", "a promise that X would send").
PLEDGE_NOUNS = frozenset("pledge promise offer commitment".split())

# Nouns whose "to"-infinitive was carried out ("the decision on Tuesday to sanction").
DECISION_NOUNS = frozenset("decision move order vote".split())

# Titles that make "received Russia's security chief" a visit hosted.
OFFICIAL_TITLES = frozenset(
    "chief minister president premier envoy leader secretary ambassador delegation "
    "counterpart chancellor king prince emissary".split()
)

# Argument prepositions that mark an event's target.
TARGET_PREPOSITIONS = frozenset("with to against on upon into at for from toward towards".split())
LOCATION_PREPOSITIONS = frozenset(["in", "at", "near", "outside", "inside"])
LOCATION_LABELS = frozenset(["GPE", "LOC", "FAC"])


@lru_cache(maxsize=1)
def _known_verbs() -> frozenset[str]:
    return frozenset(
        set(VERBS)
        | set(VERB_WITH_OBJECT)
        | LIGHT_VERBS
        | MOTION_VERBS
        | REPORTING_VERBS
        | {verb for verb, _ in PHRASAL}
    )


def lemma_of(tok: Token) -> str:
    """The token's lemma, repaired where the small model strips too much or too little."""
    lemma = tok.lemma_.lower()
    lemma = LEMMA_FIXES.get(lemma, lemma)
    word = tok.lower_
    if lemma in _known_verbs() or tok.tag_ not in ("VBD", "VBN") or not word.endswith("ed"):
        return lemma
    for guess in (word[:-1], word[:-2], word[:-3]):
        if guess in _known_verbs():
            return guess
    return lemma
