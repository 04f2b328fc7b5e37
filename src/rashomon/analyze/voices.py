"""Who speaks in a claim: the speaker, and the channel that relayed the words.

The speaker is the subject of the verb that says or denies the claimed clause, the nearest one above it
("The ministry denied it had struck the theatre, the agency said": the ministry), resolved through
pronouns and definite descriptions by :class:`~rashomon.analyze.speakers.SourceTracker`. A relative
clause speaks for the noun it describes, with that noun's conjuncts ("Sudria and Norland, which deny
...": both). "X called the report lies" is X's denial. An outer reporter ("..., the news agency said",
"according to the monitor") is the channel, never the speaker; when no verb frames the clause, the
report's own attribution (:class:`~rashomon.analyze.attribution.Attributor`) gives the speaker.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .attribution import Attributor, unconfirmed
from .discourse import discourse
from .lexicon import lexicon
from .syntax import Unit

_RELATIVE = frozenset({"which", "who", "that"})


@dataclass(frozen=True)
class ClaimVoice:
    """``speakers``: the source chain (speaker first, then sources it cites); ``channel``: the relay."""

    speakers: tuple[str, ...] = ()
    channel: str | None = None


def claim_voice(unit: Unit, content: Token | None, denier: Token | None, attributor: Attributor,
                holder: Token | None = None) -> ClaimVoice:
    """The voice of the claim whose clause is headed by ``content``; ``denier`` is the denial verb of the
    sentence when it has one ("denied", "called ... lies"); ``holder`` the claim noun or reporting
    participle whose clause states a denial ("the investigators' claims that no one was hurt", "a report
    saying that none died"): its holder speaks, never the verb the sentence reports it with."""
    framed = attributor.attribution_for(content, unit) if content is not None else None
    if holder is not None:
        held = _holder_sources(holder, unit, attributor)
        return ClaimVoice(tuple(held), (framed.speaker if framed is not None and framed.speaker not in held
                                        else None) if held else None)
    speaking = _speaking_verb(content, denier, unit)
    if speaking is not None and unconfirmed(speaking):
        return ClaimVoice()  # "the monitors could not confirm that 40 died": no one says it
    own = _subject_sources(speaking, unit, attributor) if speaking is not None else []
    if own:
        channel = None
        if framed is not None:
            channel = framed.channel if framed.speaker in own else framed.speaker
        return ClaimVoice(tuple(own), channel or _trailing_reporter(unit, own, attributor))
    if framed is None:
        return ClaimVoice()
    return ClaimVoice(tuple(framed.names()), framed.channel)


def _speaking_verb(content: Token | None, denier: Token | None, unit: Unit) -> Token | None:
    """The nearest verb at or above ``content`` that says or denies it, else the sentence's denial verb."""
    speech = lexicon().attribution_verbs | discourse().denial_verbs
    denier_i = denier.i if denier is not None else -1
    if content is not None:
        node: Token | None = content
        for _ in range(12):
            if node is None or node not in unit:
                break
            if node.i == denier_i or (node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in speech
                                      and node.i != content.i):
                return node
            node = node.head if node.head.i != node.i else None
    return denier


def _subject_sources(verb: Token, unit: Unit, attributor: Attributor) -> list[str]:
    """The sources the subjects of ``verb`` name (a relative pronoun stands for its noun and the noun's
    conjuncts); [] when a subject is a pronoun (the report's attribution resolves those) or cannot speak."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c in unit]
    if not subjects:
        return []
    subject = subjects[0]
    if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
        subject = verb.head
    elif subject.pos_ == "PRON":
        return []
    tracker = attributor.tracker
    names = []
    for tok in [subject, *(c for c in subject.conjuncts if c.i > subject.i)]:
        if not tracker.can_speak(tok, verb):
            continue
        src = tracker.from_token(tok, unit, register=False)
        if src is not None and src.name not in names:
            names.append(src.name)
    return names


def _holder_sources(holder: Token, unit: Unit, attributor: Attributor) -> list[str]:
    """Who holds a claim: the possessor of a claim noun ("the investigators' claims"), its "by"/"from"
    object ("allegations by the ministry"), or the noun a reporting participle describes ("a report
    alleging that"); [] when the claim is nobody's ("claims that ...")."""
    if holder.pos_ == "VERB":
        holders = [holder.head] if holder.head in unit and holder.head.i != holder.i else []
    else:
        holders = [c for c in holder.children if c.dep_ == "poss" and c in unit] + [
            p for c in holder.children if c.dep_ == "prep" and c.lower_ in ("by", "from") and c in unit
            for p in c.children if p.dep_ == "pobj"]
    names = []
    for tok in holders:
        if tok.pos_ == "PRON" or not attributor.tracker.can_speak(tok, holder if holder.pos_ == "VERB" else None):
            continue  # "their claims": which source is not said here
        src = attributor.tracker.from_token(tok, unit, register=False)
        if src is not None and src.name not in names:
            names.append(src.name)
    return names


def _trailing_reporter(unit: Unit, speakers: list[str], attributor: Attributor) -> str | None:
    """ "..., the wire service X reported." however the parse attached it: a reporting verb ending the
    sentence whose subject can speak and is not the speaker relays the speaker's words."""
    tokens = [t for t in unit.tokens() if not t.is_punct and not t.is_space]
    if not tokens or tokens[-1].pos_ != "VERB" or tokens[-1].lemma_.lower() not in lexicon().attribution_verbs:
        return None
    verb = tokens[-1]
    for subject in (c for c in verb.children if c.dep_ == "nsubj" and c in unit):
        src = attributor.tracker.from_token(subject, unit, register=False)
        if src is not None and src.name not in speakers and attributor.tracker.can_speak(subject, verb):
            return src.name
    return None
