"""Questions built from a proposition, in the words of ``lang/en/wording.json`` — never a quoted sentence.

"Did the army attack the station?" when the act has a doer and a target; "Were civilians killed?"
without a doer; "Were any civilians killed?" when the claim said "not a single civilian" or counted them
("nine civilians": the number is a figure's business, the question asks whether the act happened). Verb forms
and plurals come from ``lang/en/propositions.json``.

>>> from rashomon.model import Proposition
>>> act_question(Proposition("attack", "attack", agent="the army", patient="the station"))
'Did the army attack the station?'
>>> act_question(Proposition("kill", "kill", patient="not a single civilian", patient_head="civilian"))
'Were any civilians killed?'
>>> act_question(Proposition("harm", "shoot", patient="protesters", patient_head="protester",
...                          patient_counted=True))
'Were any protesters shot?'
"""

from __future__ import annotations

from functools import lru_cache

from ... import lang
from ...model import JSONObject, Proposition

_VOWELS = frozenset("aeiou")


@lru_cache(maxsize=1)
def _forms() -> JSONObject:
    return lang.read("propositions")


def participle(verb: str) -> str:
    """The past participle of a verb lemma ("target" -> "targeted", "strike" -> "struck"), or of the verb of an
    event noun ("shelling" -> "shelled")."""
    known = _forms()["participles"].get(verb)
    if known:
        return str(known)
    if verb.endswith("ing") and len(verb) > 5:  # an event noun ("shelling", "bombing"): its verb's participle
        return participle(verb[:-3])
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in _VOWELS:
        return verb[:-1] + "ied"
    return verb + "ed"


def plural(noun: str) -> str:
    """The plural of a noun lemma ("civilian" -> "civilians", "child" -> "children")."""
    known = _forms()["plurals"].get(noun)
    if known:
        return str(known)
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def _verb_phrase(verb: str, instrument: str | None = None) -> str:
    """The verb as a question asks it ("fire at"), with what was fired before its preposition ("fire live
    rounds at")."""
    phrase = str(_forms()["verb_phrases"].get(verb, verb))
    if not instrument:
        return phrase
    head, _, last = phrase.rpartition(" ")
    if head and last in _forms()["object_prepositions"]:
        return f"{head} {instrument} {last}"
    return f"{phrase} {instrument}"


def lower_first(phrase: str) -> str:
    """ "The army" -> "the army"; a name keeps its capital."""
    first, _, rest = phrase.partition(" ")
    if first.lower() in _forms()["determiners"]:
        return " ".join(p for p in (first.lower(), rest) if p)
    return phrase


def act_question(prop: Proposition, doer_resolved: bool = False) -> str | None:
    """The yes/no question of a proposition; None when it names neither doer nor target, or names a doer
    the reader cannot identify ("its forces", "our army") — unless ``doer_resolved``: the doer is a side's
    name put in its place. What the act fired or used is asked with it ("Did the police fire live
    rounds?"), and so is a manner ("Was the square cleared by force?": ``manners``)."""
    question = _act_question(prop, doer_resolved)
    if question is None or prop.manner is None:
        return question
    return f"{question[:-1]} {_forms()['manners'][prop.manner]['asked']}?"


def _act_question(prop: Proposition, doer_resolved: bool) -> str | None:
    words = lang.read("wording")["polarity"]
    negative = prop.patient is not None and prop.patient.lower().startswith(("not ", "no ", "none", "nobody"))
    if prop.agent and not doer_resolved and not _named(prop.agent):
        return None  # "its forces did not fire" asked without its doer would ask whether anyone fired
    if prop.patient and not negative and not _named(prop.patient):
        return None
    agent, patient = prop.agent, lower_first(prop.patient) if prop.patient else None
    # what a "use" act uses is its patient already ("Did the army use Vetra rockets?")
    fired = instrument_words(prop.instrument) if prop.instrument and prop.predicate != "use" else None
    if agent and patient and not negative:
        return str(words["question_act"]).format(
            agent=lower_first(agent), verb=_verb_phrase(prop.verb, fired),
            patient=str(words["any"]).format(patient=patient) if prop.patient_counted else patient)
    done = participle(prop.verb)
    if fired:
        done = str(words["with_instrument"]).format(participle=done, instrument=fired)
    if negative and prop.patient_head:
        return str(words["question_passive_any"]).format(patient=plural(prop.patient_head), participle=done)
    if patient:
        key = "question_passive_any" if prop.patient_counted else (
            "question_passive_plural" if prop.patient_plural else "question_passive")
        return str(words[key]).format(patient=patient, participle=done)
    if agent:
        verb = _verb_alone(prop.verb) + (f" {fired}" if fired else "")
        return str(words["question_act_alone"]).format(agent=lower_first(agent), verb=verb)
    return None


def instrument_words(phrase: str) -> str:
    """What was fired as a question names it: without a negator or an article, a single thing made plural
    ("not a single bullet" -> "bullets", "a live round" -> "live rounds", "tear gas" as it is)."""
    words = phrase.split()
    drop = set(lang.read("wording")["polarity"]["instrument_drop"])
    kept = words
    while len(kept) > 1 and kept[0].lower() in drop:
        kept = kept[1:]
    if kept is not words and not kept[-1].endswith("s"):
        kept = [*kept[:-1], plural(kept[-1].lower())]
    return " ".join(kept)


def _verb_alone(verb: str) -> str:
    """The verb phrase without a preposition left stranded by a missing object ("fire at" -> "fire")."""
    phrase = _verb_phrase(verb)
    head, _, last = phrase.rpartition(" ")
    return head if head and last in _forms()["object_prepositions"] else phrase


def pronominal(phrase: str) -> bool:
    """A phrase that names its doer by a pronoun ("its missiles", "our forces", "they")."""
    return bool(set(phrase.lower().split()) & set(_forms()["pronouns"]))


def _named(phrase: str) -> bool:
    """A doer or target a question can name: not "no one"/"not a single soldier", not the speaker's "our
    forces", not a pronoun ("its gunners", "them") whose referent the reader cannot see."""
    words = phrase.lower().split()
    return words[0] not in ("not", "no", "none", "nobody") and not set(words) & set(_forms()["pronouns"])
