"""What a claim asserts, as who did what to whom: a :class:`~rashomon.model.Proposition`.

The act is the first verb of the claimed clause whose lemma belongs to a class of acts in
``lang/en/propositions.json`` (attack, kill, harm, abduct, destroy, displace, disperse, order, use), or the
noun after a light verb ("carried out an air strike on the theatre": attack, on the theatre). The agent
is the verb's subject, the agent of a passive, or the subject a gerund takes from the verb governing it
("the ministry denied attacking the station": the ministry; "X accused Y of shelling": Y). The patient
is the object, the passive subject, or the object of "at"/"on"/"against". Polarity comes from
:mod:`rashomon.analyze.discourse` (negators and negative quantifiers). Two claims state the same
proposition when their acts are of one class and their patients (or agents) have the same head word.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from .. import lang
from ..model import Proposition
from .discourse import discourse, is_negated, is_open, quantifier_negation
from .syntax import Unit, np_bounds

_RELATIVE = frozenset({"who", "which", "that"})
_TIMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY"})  # entity types that name no one


@dataclass(frozen=True)
class _Words:
    predicates: dict[str, str]
    event_nouns: dict[str, str]
    light_verbs: frozenset[str]
    patient_preps: frozenset[str]
    projectiles: frozenset[str]
    quantity_heads: frozenset[str]
    unaccusatives: frozenset[str]
    indefinite: frozenset[str]
    object_pronouns: frozenset[str]
    member_preps: frozenset[str]
    blame_preps: frozenset[str]
    blame_adjectives: dict[str, str]
    causal_verbs: frozenset[str]
    not_doers: frozenset[str]
    caused_harms: frozenset[str]
    harm_places: frozenset[str]
    instrument_kinds: dict[str, str]
    instrument_uses: frozenset[str]
    manners: dict[str, str]
    proximity_to: frozenset[str]
    proximity_preps: frozenset[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    raw = lang.read("propositions")
    return _Words(
        predicates={w: cls for cls, ws in raw["predicates"].items() for w in ws},
        event_nouns={w: cls for cls, ws in raw["event_nouns"].items() for w in ws},
        light_verbs=lang.words(raw["light_verbs"]), patient_preps=lang.words(raw["patient_preps"]),
        projectiles=lang.words(raw["projectile_nouns"]), quantity_heads=lang.words(raw["quantity_heads"]),
        unaccusatives=lang.words(raw["unaccusatives"]), indefinite=lang.words(raw["indefinite_doers"]),
        object_pronouns=lang.words(raw["object_pronouns"]), member_preps=lang.words(raw["member_preps"]),
        blame_preps=lang.words(raw["blame_preps"]), blame_adjectives=dict(raw["blame_adjectives"]),
        causal_verbs=lang.words(raw["causal_verbs"]), not_doers=lang.words(raw["not_doers"]),
        caused_harms=lang.words(raw["caused_harms"]),
        harm_places=lang.words(raw["harm_places"]), proximity_to=lang.words(raw["proximity_to"]),
        proximity_preps=lang.words(raw["proximity_preps"]),
        instrument_kinds={w: kind for kind, ws in raw["instrument_kinds"].items() for w in ws},
        instrument_uses=lang.words(raw["instrument_uses"]),
        manners={w: kind for kind, entry in raw["manners"].items() for w in entry["words"]})


def act_class(lemma: str) -> str | None:
    """The class of act a verb lemma names ("shell" -> "attack"), or None."""
    return _words().predicates.get(lemma)


def is_instrument(word: str) -> bool:
    """Whether a lower-case noun (singular or plural) names a weapon or an attack ("rockets", "strike"),
    which can carry its doer's name as a modifier ("Norlandic rockets") but is no doer itself."""
    words = _words()
    forms = (word, word[:-1]) if word.endswith("s") else (word,)
    return any(w in words.projectiles or w in words.event_nouns for w in forms)


def propositions(unit: Unit, verbs: list[Token], strict: bool = False, limit: int = 4) -> tuple[Proposition, ...]:
    """The acts ``verbs`` name, in order (then, unless ``strict``, those of the other verbs of ``unit``
    and of its event nouns: "the shelling of the station by troops", "Russia's strike on the theatre");
    at most ``limit``, one per act, target and doer."""
    words = _words()
    seen: set[int] = set()
    found: dict[tuple[str, str | None, str | None], Proposition] = {}
    candidates = [*verbs, *([] if strict else unit.tokens())]
    for tok in candidates:
        if tok.i in seen or tok not in unit:
            continue
        seen.add(tok.i)
        prop = _verb_act(tok, unit, words) if tok.pos_ in ("VERB", "AUX") else (
            None if strict else _noun_act(tok, unit, words))
        if prop is not None:
            found.setdefault((prop.predicate, prop.patient_head, prop.agent_head), prop)
        if len(found) >= limit:
            break
    return tuple(found.values())


def _verb_act(verb: Token, unit: Unit, words: _Words) -> Proposition | None:
    lemma = verb.lemma_.lower()
    if lemma in discourse().denial_verbs or lemma in discourse().blame_verbs:
        return None
    if lemma in words.light_verbs:
        return _light(verb, unit, words)
    if lemma in words.causal_verbs:  # "the damage inside the camp was caused by a rocket": the rocket hit the camp
        return _caused(verb, unit, words)
    if lemma == "be" or verb.lower_ in words.blame_adjectives:  # "X was (not) behind / involved in the attack"
        framed = _framed(verb, words)
        return _noun_act(framed, unit, words) if framed is not None else None
    predicate = words.predicates.get(lemma)
    if predicate is None:
        return None
    if lemma in words.unaccusatives:  # "three people died": the subject underwent the act; no doer named
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c in unit and c.pos_ != "PRON"), None)
        return _build(verb, predicate, lemma, subject, unit, doer=False)
    return _build(verb, predicate, lemma, _patient(verb, unit, words), unit)


def _noun_act(noun: Token, unit: Unit, words: _Words) -> Proposition | None:
    """ "the shelling of the station by Russian troops", "Russia's strike on the theatre", "Russian strikes
    on the town", "the strike of the troops by a missile on the bridge", "X was behind the attack on Y": an
    event noun with its doer and its target."""
    predicate = words.event_nouns.get(noun.lemma_.lower())
    if predicate is None or noun.pos_ != "NOUN":
        return None
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in words.light_verbs:
        return None  # "carried out a strike on X": the light verb's act
    by = _object_of(noun, "by")
    weapon = by if by is not None and by.lemma_.lower() in words.projectiles else None
    # "the strike ... by a missile on the bridge": the parser may hang the target on the weapon
    aimed = _prep_object(noun, words) or (_prep_object(weapon, words) if weapon is not None else None)
    if predicate != "attack":  # "the killing of three soldiers at the checkpoint": "of" names the victims
        aimed = None
    target = aimed or _object_of(noun, "of")
    doer, negated = _noun_doer(noun, aimed, words)
    if target is None or doer is None:
        return None
    agent_text, agent_span = _phrase(doer, unit)
    patient_text, patient_span = _phrase(target, unit)
    return Proposition(predicate=predicate, verb=noun.lemma_.lower(), negated=negated, agent=agent_text,
                       agent_span=agent_span, agent_head=doer.lemma_.lower(), patient=patient_text,
                       patient_span=patient_span, patient_head=target.lemma_.lower(),
                       patient_plural=target.tag_ in ("NNS", "NNPS"))


def _noun_doer(noun: Token, aimed: Token | None, words: _Words) -> tuple[Token | None, bool]:
    """Who did an event noun's act, and whether the frame naming them is negated: the one said to be
    "behind" or "responsible for" it; a "by" object that is not a weapon; a possessive or a demonym (not a
    day: "Monday's attack"); "of" the troops when the target has its own "on" (attacks only); a weapon ("by
    a Norlandic missile") last."""
    blamed = _blamed(noun, words)  # the frame's subject first: "the rebels were behind Monday's attack"
    if blamed is not None:
        return blamed
    by = _object_of(noun, "by")
    if by is not None and by.lemma_.lower() not in words.projectiles:
        return by, False
    named = next((c for c in noun.children if c.ent_type_ not in _TIMES and (
        c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")
        or c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE"))), None)
    if named is not None:
        return named, False
    of = _object_of(noun, "of") if aimed is not None else None
    if of is not None and _names_someone(of):
        return of, False
    return by, False


def _caused(verb: Token, unit: Unit, words: _Words) -> Proposition | None:
    """ "The damage inside the camp was caused by a rocket fired by the rebels": an attack on the place of
    the harm (a noun of ``caused_harms`` with a preposition of ``harm_places``), by the causer when it is a
    weapon, an attack or someone named, or by who launched the weapon."""
    harm = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.lemma_.lower() in words.caused_harms), None)
    causer = next((p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
    place = next((p for c in (harm.children if harm is not None else ()) if c.dep_ == "prep"
                  and c.lower_ in words.harm_places for p in c.children if p.dep_ == "pobj"), None)
    if causer is None or place is None or not (is_instrument(causer.lemma_.lower()) or _names_someone(causer)):
        return None  # "caused by a faulty cable" names no attack
    prop = _build(verb, "attack", "hit", place, unit)  # asked as what hit the place
    return prop if prop.agent else None


def _framed(copula: Token, words: _Words) -> Token | None:
    """The event noun of a frame of blame on a copula: "behind the attack", "responsible for the shelling",
    "involved in the strike"."""
    if copula.lower_ in words.blame_adjectives:  # the passive participle itself: "was involved in"
        return _object_of(copula, words.blame_adjectives[copula.lower_])
    for c in copula.children:
        if c.dep_ == "prep" and c.lower_ in words.blame_preps:
            return next((p for p in c.children if p.dep_ == "pobj"), None)
        if c.dep_ in ("acomp", "attr") and c.lower_ in words.blame_adjectives:
            return _object_of(c, words.blame_adjectives[c.lower_])
    return None


def _names_someone(noun: Token) -> bool:
    """A noun that can be a doer: a name, or a noun a nationality or a name modifies ("the Norlandic
    troops"); not a time ("the attack of the night") or a thing."""
    if noun.ent_type_ in _TIMES:
        return False
    return noun.pos_ == "PROPN" or any(c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG")
                                       for c in noun.children)


def _blamed(noun: Token, words: _Words) -> tuple[Token, bool] | None:
    """ "X was behind the attack", "X is responsible for the shelling": the copula's subject (the reporting
    verb's subject for a pronoun, "the army said it was not behind"; the controller of a gerund, "denied
    being behind", "accused X of being behind"), and whether the copula is negated ("X was not behind it")."""
    prep = noun.head if noun.dep_ == "pobj" else None
    if prep is None or prep.dep_ != "prep":
        return None
    frame = prep.head
    if prep.lower_ in words.blame_preps and frame.lemma_ == "be":
        copula = frame
    elif words.blame_adjectives.get(frame.lower_) != prep.lower_:
        return None
    elif frame.head.lemma_ == "be" and frame.dep_ in ("acomp", "attr"):
        copula = frame.head
    elif any(c.dep_ == "auxpass" for c in frame.children):  # "X was involved in": a passive participle
        copula = frame
    else:
        return None
    if is_open(copula):
        return None  # "unclear whether X was behind the attack" asserts nothing
    subject = next((c for c in copula.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.pos_ == "PRON":  # "the army said it was not behind": the army
        speaker = _governor_subject(copula)
        subject = speaker if speaker is not None and _agrees(subject, speaker) else subject
    elif subject is None and copula.dep_ in ("xcomp", "pcomp"):  # "denied being behind", "accused X of being"
        governor = copula.head.head if copula.head.dep_ == "prep" else copula.head
        accused = next((c for c in governor.children if c.dep_ == "dobj" and c.i < copula.i), None)
        subject = accused if copula.head.dep_ == "prep" and accused is not None else next(
            (c for c in governor.children if c.dep_ == "nsubj"), None)
    return (subject, is_negated(copula)) if subject is not None else None


def _agrees(pronoun: Token, noun: Token) -> bool:
    """A pronoun that can stand for the noun: "it" for "the army", "they" for "the rebels", "we" for either."""
    plural = noun.tag_ in ("NNS", "NNPS")
    return pronoun.lower_ in ("we", "our") or (pronoun.lower_ in ("they", "their")) == plural


def _light(verb: Token, unit: Unit, words: _Words) -> Proposition | None:
    """ "carried out an air strike on the theatre": the act is the noun, its target the noun's "on"."""
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        predicate = words.event_nouns.get(obj.lemma_.lower())
        if predicate is None:
            continue
        patient = _prep_object(obj, words) or _prep_object(verb, words)
        return _build(verb, predicate, obj.lemma_.lower(), patient, unit)
    return None


def _counted(tok: Token | None) -> Token | None:
    """ "hundreds of marchers" -> "marchers"; "one of its missiles" -> "missiles"; else ``tok``."""
    if tok is None or (tok.lemma_.lower() not in _words().quantity_heads and tok.lower_ not in _words().quantity_heads):
        return tok
    return _object_of(tok, "of") or tok


def _build(verb: Token, predicate: str, act: str, patient: Token | None, unit: Unit,
           doer: bool = True) -> Proposition:
    agent = _agent(verb, unit) if doer else None
    counted = patient is not None and (_counted(patient) is not patient or patient.like_num or any(
        c.dep_ == "nummod" for c in patient.children))
    patient, agent_head = _counted(patient), _counted(agent)
    words = _words()
    fired = _instruments(verb, words) if predicate in ("attack", "use") else []
    kinds = tuple(dict.fromkeys(instrument_kind(t) for t in fired))
    if predicate == "use" and act in words.instrument_uses and set(kinds) & set(words.instrument_kinds.values()):
        predicate, patient = "attack", None  # "used live fire": fired it, at no target named
    negation = [quantifier_negation(t) for t in (agent, patient, *fired[:1]) if t is not None]
    agent_text, agent_span = _phrase(agent, unit) if agent is not None else (None, None)
    patient_text, patient_span = _phrase(patient, unit) if patient is not None else (None, None)
    if counted and patient is not None:  # the question names who, the figure says how many
        patient_text = _uncounted(patient, unit)
    near = _near(verb, patient, unit)
    return Proposition(
        predicate=predicate, verb=act, negated=is_negated(verb) or any(negation),
        agent=agent_text, agent_span=agent_span,
        agent_head=agent_head.lemma_.lower() if agent_head is not None else None,
        patient=patient_text, patient_span=patient_span,
        patient_head=patient.lemma_.lower() if patient is not None else None,
        patient_plural=patient is not None and patient.tag_ in ("NNS", "NNPS"), patient_counted=counted,
        instrument=verb.doc[fired[0].left_edge.i : fired[-1].i + 1].text if fired else None,
        instruments=kinds, manner=_manner(verb, words),
        near=_phrase(near, unit)[0] if near is not None else None,
        near_head=near.lemma_.lower() if near is not None else None)


def _near(verb: Token, patient: Token | None, unit: Unit) -> Token | None:
    """The place the target is said to be next to: within the patient's phrase or the verb's own
    prepositional phrases ("targeted smugglers in an area adjacent to the depot", "a store close to the
    school"), never inside a clause or a conjunct; None when there is none."""
    words = _words()
    roots = [patient] if patient is not None else []
    roots += [c for c in verb.children if c.dep_ in ("prep", "advmod") and c.lower_ != "from"]
    stack = [r for r in roots if r in unit]
    while stack:
        tok = stack.pop(0)
        lower = tok.lower_
        if lower in words.proximity_to:
            anchor = _object_of(tok, "to")
        elif lower in words.proximity_preps and tok.dep_ == "prep":
            anchor = next((c for c in tok.children if c.dep_ == "pobj"), None)
        else:
            anchor = None
        if anchor is not None and anchor is not patient and anchor in unit and not _names_target(anchor, patient):
            return anchor
        stack += [c for c in tok.children if c.dep_ not in ("relcl", "advcl", "ccomp", "conj", "appos")]
    return None


def _names_target(anchor: Token, patient: Token | None) -> bool:
    """The place is the target's own ("residents of the camp were targeted near the camp", "targeted the
    camp rather than smugglers near the camp"), a time ("close to midnight") or a pronoun: the target is
    not beside it."""
    if anchor.ent_type_ in ("DATE", "TIME") or anchor.pos_ == "PRON":
        return True
    if patient is None:
        return False
    place = anchor.lemma_.lower()
    return any(t.lemma_.lower() == place for t in patient.subtree
               if t.pos_ in ("NOUN", "PROPN") and not (anchor.left_edge.i <= t.i <= anchor.right_edge.i))


def _instrument_word(tok: Token, words: _Words) -> bool:
    lemma = tok.lemma_.lower()
    return lemma in words.projectiles or lemma in words.instrument_kinds or any(
        w.endswith(" " + lemma) for w in words.instrument_kinds)


def instrument_kind(tok: Token) -> str:
    """The kind of instrument a noun names: the word before it and its lemma ("live rounds" -> "live
    fire"), else its lemma (``instrument_kinds``), else the lemma itself ("rockets" -> "rocket")."""
    kinds = _words().instrument_kinds
    lemma = tok.lemma_.lower()
    before = f"{tok.doc[tok.i - 1].lower_} {lemma}" if tok.i > 0 else lemma
    return kinds.get(before) or kinds.get(lemma) or lemma


def _instruments(verb: Token, words: _Words) -> list[Token]:
    """What ``verb`` fired or used, in order: its object or passive subject, a "with" or "by" object that
    is a weapon, their conjuncts ("tear gas and rubber bullets"), and the object of a conjoined verb with
    no subject of its own ("fired tear gas and then live rounds", which the parser may split so)."""
    found: list[Token] = []
    owners = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX", "ADJ")
                      and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children))]
    for owner in owners:
        for c in owner.children:
            held = [c] if c.dep_ in ("dobj", "nsubjpass") else [
                p for p in c.children if p.dep_ == "pobj"] if c.dep_ == "agent" or c.lower_ == "with" else []
            for tok in held:
                if _instrument_word(tok, words):
                    found += [tok, *(t for t in tok.conjuncts if _instrument_word(t, words))]
    return sorted(dict.fromkeys(found), key=lambda t: t.i)


def _manner(verb: Token, words: _Words) -> str | None:
    """The kind of manner an adverb or a preposition phrase on ``verb`` gives its act ("forcibly", "by
    force", "with excessive force" -> "force"; "deliberately" -> "intent": ``manners``), or None."""
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in words.manners:
            return words.manners[c.lower_]
        if c.dep_ == "prep":
            for obj in (p for p in c.children if p.dep_ == "pobj"):
                mods = [m.lower_ for m in obj.children if m.dep_ == "amod"]
                for phrase in (f"{c.lower_} {' '.join(mods)} {obj.lemma_.lower()}", f"{c.lower_} {obj.lemma_.lower()}"):
                    if phrase.replace("  ", " ") in words.manners:
                        return words.manners[phrase.replace("  ", " ")]
    return None


def _patient(verb: Token, unit: Unit, words: _Words) -> Token | None:
    """The object or passive subject; the "at"/"on" object when the object is what was fired ("fired two
    rockets at the station"); the object of a conjoined verb ("killing and displacing civilians")."""
    target = _prep_object(verb, words)
    # the nearest first: a misparse may hang two passive subjects on one verb ("X was released ... and no Y
    # were hurt")
    for c in sorted(verb.children, key=lambda c: abs(c.i - verb.i)):
        if c.dep_ in ("dobj", "nsubjpass") and c in unit:
            if c.lemma_.lower() not in words.projectiles or words.predicates.get(verb.lemma_.lower()) != "attack":
                return _antecedent(c, verb) or c
            return target or _aimed(verb, words)
    if target is not None:
        return target
    for conj in verb.conjuncts:
        obj = next((c for c in conj.children if c.dep_ == "dobj" and c in unit), None)
        if obj is not None:
            return obj
    return None


def _antecedent(pronoun: Token, verb: Token) -> Token | None:
    """ "separated the X men from their families and shot them": an object pronoun of the second of two
    conjoined verbs is the first verb's object; None otherwise."""
    if pronoun.pos_ != "PRON" or pronoun.lower_ not in _words().object_pronouns or verb.dep_ != "conj" \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None  # a verb with a subject of its own is another clause, not the same doer's next act
    return next((c for c in verb.head.children if c.dep_ == "dobj" and c.pos_ != "PRON"), None)


def _aimed(verb: Token, words: _Words) -> Token | None:
    """ "fired a rocket (from a launcher) targeting the station": the object of a participle of an act
    within the firing verb's own clause (no finite verb between them) is what was fired at."""
    for tok in verb.subtree:
        if tok.dep_ not in ("advcl", "xcomp", "acl") or tok.lemma_.lower() not in words.predicates:
            continue
        up = tok.head
        while up != verb and up.pos_ not in ("VERB", "AUX"):
            up = up.head
        if up == verb:
            return next((o for o in tok.children if o.dep_ == "dobj"), None)
    return None


def _prep_object(tok: Token, words: _Words) -> Token | None:
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in words.patient_preps):
        obj = next((p for p in prep.children if p.dep_ == "pobj"), None)
        if obj is not None:
            return obj
    return None


def _agent(verb: Token, unit: Unit) -> Token | None:
    """The doer (:func:`_doer`), or who launched it when it is a weapon ("a rocket fired by the rebels hit
    the camp": the rebels)."""
    doer = _doer(verb, unit)
    if doer is None or doer.lemma_.lower() in _words().not_doers:  # "fired by mistake" says how, not who
        return None
    return _launcher(doer) or doer


def _launcher(weapon: Token) -> Token | None:
    """The "by" object of a participle describing a weapon ("a rocket fired by the rebels"); None else."""
    if weapon.lemma_.lower() not in _words().projectiles:
        return None
    by = next((p for c in weapon.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"
               for p in a.children if p.dep_ == "pobj"), None)
    return by if by is not None and by.lemma_.lower() not in _words().not_doers else None  # "by mistake"


def _doer(verb: Token, unit: Unit) -> Token | None:
    """The doer: subject, passive "by", the subject of a relative clause's noun, or the controller of a
    gerund ("denied attacking": the denier; "accused the army of targeting": the army)."""
    for c in verb.children:
        if c.dep_ == "nsubj" and c in unit:
            if c.lower_ in _RELATIVE and verb.dep_ == "relcl":
                return _event_of_target(verb.head) or verb.head
            if c.pos_ == "PRON":
                return _governor_subject(verb) or None
            return c
        if c.dep_ == "agent":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    if verb.dep_ == "xcomp" and verb.head.dep_ == "acl" and verb.head.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head.head  # "anyone proven to have harmed civilians": the noun the participle describes
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return None  # "12 died and no marchers were beaten": a passive with its own subject names no doer
    if verb.dep_ in ("xcomp", "pcomp", "conj") or (verb.dep_ == "advcl" and verb.tag_ == "VBG"):
        governor = verb.head.head if verb.head.dep_ == "prep" else verb.head
        obj = next((c for c in governor.children if c.dep_ == "dobj" and c.i < verb.i), None)
        if verb.head.dep_ == "prep" and obj is not None:
            return obj  # "accused the army of targeting civilians"
        # "anyone found to have shelled it": an indefinite doer is kept, so that it can assert nothing
        return next((c for c in governor.children if c.dep_ == "nsubj" and (
            c.pos_ != "PRON" or c.lower_ in _words().indefinite)), None)
    return None


def _event_of_target(noun: Token) -> Token | None:
    """ "the attack on the bridge that killed 40": the parser hangs the relative clause on the target; what
    killed is the event noun whose target it is."""
    prep = noun.head if noun.dep_ == "pobj" else None
    words = _words()
    if prep is None or prep.lower_ not in words.patient_preps or prep.head.lemma_.lower() not in words.event_nouns:
        return None
    return prep.head


def _object_of(tok: Token, preposition: str) -> Token | None:
    return next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == preposition
                 for p in c.children if p.dep_ == "pobj"), None)


def _governor_subject(verb: Token) -> Token | None:
    """ "the ministry denied it had struck ...": "it" is the subject of the verb that reports the clause."""
    if verb.dep_ not in ("ccomp", "xcomp"):
        return None
    return next((c for c in verb.head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)


def _uncounted(noun: Token, unit: Unit) -> str:
    """The noun phrase without its number ("nine protesters" -> "protesters", "hundreds of Alawite
    civilians" -> "Alawite civilians")."""
    lo, hi = np_bounds(noun, unit)
    count = [c.i for c in noun.children if c.dep_ in ("nummod", "quantmod", "det") and c.i < noun.i]
    start = max([lo, *[i + 1 for i in count]])
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in _words().member_preps and c in unit):
        hi = max(hi, prep.right_edge.i + 1)  # "27 men from a single X family": who they are
    return noun.doc[start:hi].text


def _phrase(tok: Token, unit: Unit) -> tuple[str, tuple[int, int]]:
    """A noun phrase without clauses, keeping coordinated modifiers ("Ethiopian and Eritrean forces") and
    names joined by "and" ("Sudria and Norland"), not a list of clauses the parse hung on it."""
    lo, hi = np_bounds(tok, unit)
    for child in tok.children:
        if child.dep_ in ("amod", "compound") and child in unit:
            lo = min(lo, child.left_edge.i)
        if child.dep_ == "conj" and child.pos_ == "PROPN" and child in unit and any(
                c.dep_ == "cc" and c.i == child.i - 1 for c in tok.children):
            hi = max(hi, np_bounds(child, unit)[1])
    doc = tok.doc
    while lo < hi - 1 and doc[lo].is_punct:
        lo += 1
    while hi - 1 > lo and doc[hi - 1].is_punct:
        hi -= 1
    span = doc[lo:hi]
    return span.text, (span.start_char, span.end_char)
