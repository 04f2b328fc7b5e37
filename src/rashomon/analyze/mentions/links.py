"""Links between the mentions of one report: other names ("X (ABC)", "X, also known as Y", "X, a UK-based
monitor", "X are Y"), coreference ("these remnants", "the organisation", "he", "its forces") and who
fights beside or against whom."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Token

from .extent import label_bounds
from .parse import ACTING_KINDS, GROUP_KINDS, QUOTE_CHARS, Draft, Parse, determiner

_ALIAS_PAREN = re.compile(r"\s*\(\s*([A-Z][A-Za-z0-9.&\-]{1,11})\s*\)")
_ALSO_KNOWN = re.compile(r"\s*[,(]?\s*(?:also|better|widely)?\s*(?:known as|aka|a\.k\.a\.|alias)\s+", re.I)
#: verbs that give another name to a group: "armed groups referred to as remnants", "known as"
_NAMING_VERBS = frozenset({"refer", "describe", "call", "label", "dub", "brand", "know", "term", "identify",
                           "designate"})
#: verbs whose coordinated subjects are not allies ("X and Y clashed", "X and Y met")
_NOT_ALLIES = frozenset({"meet", "negotiate", "talk", "clash", "fight", "battle", "exchange", "trade", "accuse",
                         "blame"})
_OPPOSING = frozenset({"clash", "fight", "battle"})
_ATTACK_VERBS = frozenset({"fight", "attack", "ambush", "battle", "clash", "target", "kill", "shell", "bomb",
                           "strike"})
#: how many sentences back an anaphor looks for its antecedent
_PRONOUN_WINDOW, _ORG_WINDOW, _GROUP_WINDOW = 2, 6, 2


@dataclass
class _Seen:
    """The mentions met so far, by what an anaphor may refer to."""

    people: list[int] = field(default_factory=list)
    orgs: list[int] = field(default_factory=list)
    groups: list[int] = field(default_factory=list)


def link_mentions(p: Parse) -> None:
    """Link every mention of ``p`` to the others; adds the other names found (acronyms, appositions) as
    mentions and puts all of them in text order."""
    extra: list[Draft] = []
    starts = {m["span"][0]: k for k, m in enumerate(p.mentions)}
    seen = _Seen()
    for k, m in enumerate(p.mentions):
        t = p.doc[m["token"]]
        if m["kind"] in {"organisation", "person", "armed_group", "state_forces", "government"}:
            _stated_aliases(p, k, m, starts, extra)
        _appositives(p, k, m, t, extra)
        if m["kind"] in GROUP_KINDS:
            _other_names(p, k, t)
        _coreference(p, k, m, t, seen)
    _alliances(p)
    _in_text_order(p, extra)


def _stated_aliases(p: Parse, k: int, m: Draft, starts: dict[int, int], extra: list[Draft]) -> None:
    """ "X (ABC)", "X, also known as Y"."""
    text, ms = p.text, p.mentions
    pm = _ALIAS_PAREN.match(text, m["span"][1])
    if pm:
        s = pm.start(1)
        if s in starts:
            ms[starts[s]]["alias_of"] = k
        else:
            extra.append({**{f: m[f] for f in ("kind", "sentence", "quoted")},  # type: ignore[misc]
                          "span": [s, pm.end(1)], "text": pm.group(1), "head": pm.group(1), "anchor": None,
                          "role_hint": m["role_hint"], "alias_of": k, "name": pm.group(1), "antecedent": None,
                          "same_as": None, "ent": m.get("ent"), "stance": m.get("stance"), "acronym": True,
                          "head_i": m["head_i"]})
    ak = _ALSO_KNOWN.match(text, m["span"][1])
    if ak:
        nxt = next((j for j in range(k + 1, min(k + 3, len(ms))) if ms[j]["span"][0] >= ak.end() - 1
                    and ms[j]["span"][0] - ak.end() <= 2), None)
        if nxt is not None:
            ms[nxt]["alias_of"] = k


def _appositives(p: Parse, k: int, m: Draft, t: Token, extra: list[Draft]) -> None:
    """ "Hezbollah, a longtime ally of Assad", "SOHR, a UK-based war monitor": another name for X."""
    if m["kind"] not in {"organisation", "person"}:
        return
    for c in t.rights:
        if c.dep_ != "appos" or c.pos_ != "NOUN":
            continue
        if c.i in p.by_head:
            p.mentions[p.by_head[c.i]]["alias_of"] = k
            continue
        sub = [x for x in c.subtree if x.dep_ not in {"relcl"}]
        if len(sub) > 14:
            continue
        lo, _ = label_bounds(p, {x.i for x in sub}, c.i)
        hi = max(x.i for x in sub if x.i >= c.i)
        span = p.doc[lo:hi + 1]
        at = span.text.strip(QUOTE_CHARS + " ,")
        s = span.start_char + span.text.find(at)
        extra.append({"span": [s, s + len(at)], "text": at, "head": c.lemma_.lower(), "kind": m["kind"],
                      "anchor": None, "role_hint": m["role_hint"], "sentence": m["sentence"], "alias_of": k,
                      "antecedent": None, "same_as": None, "appositive": True, "quoted": m["quoted"],
                      "head_i": c.i})


def _other_names(p: Parse, k: int, t: Token) -> None:
    """ "armed groups referred to as 'remnants of the regime'", "X are Y"."""
    ms = p.mentions
    for c in t.rights:
        if c.dep_ == "acl" and c.lemma_.lower() in _NAMING_VERBS:
            for x in c.subtree:
                if x.i in p.by_head and x.i != t.i and ms[p.by_head[x.i]]["kind"] in GROUP_KINDS:
                    ms[p.by_head[x.i]]["same_as"] = k
                    break
    if t.dep_ == "nsubj" and t.head.lemma_ == "be" and not any(c.dep_ == "neg" for c in t.head.children):
        attr = next((c for c in t.head.children if c.dep_ == "attr"), None)
        if attr is not None and attr.i in p.by_head:
            ms[p.by_head[attr.i]]["same_as"] = k


def _coreference(p: Parse, k: int, m: Draft, t: Token, seen: _Seen) -> None:
    """The antecedent of a pronoun, a titled person, "the organisation", "these remnants", "its forces"."""
    kind, sent = m["kind"], p.sent_of[t.i]
    if kind == "pronoun":
        cand = [j for j in reversed(seen.people) if p.sent_of[p.mentions[j]["token"]] >= sent - _PRONOUN_WINDOW]
        m["antecedent"] = cand[0] if cand else None
    elif kind == "person":
        if m.get("name") is None and m.get("title") is not None and m.get("determiner", determiner(t)) == "the":
            title = m.get("title")
            cand = [j for j in reversed(seen.people) if p.mentions[j].get("name") and (
                title in p.mentions[j]["text"].lower() or p.mentions[j].get("title") == title)]
            m["antecedent"] = cand[0] if cand else None
        seen.people.append(k)
    elif kind == "organisation":
        if m.get("anaphor"):
            m["antecedent"] = _named_organisation(p, m, sent, seen)
        seen.orgs.append(k)
    elif kind in GROUP_KINDS:
        if m.get("determiner") in p.lex.demonstratives and not m.get("anchor"):
            m["antecedent"] = _demonstrated_group(p, m, t, sent, seen)
        if "possessor_token" in m:
            m["antecedent"] = _possessor(p, m, k)
        seen.groups.append(k)
    elif kind == "state":
        seen.orgs.append(k)
    if kind == "organisation" and "possessor_token" in m:
        m["antecedent"] = _possessor(p, m, k)


def _named_organisation(p: Parse, m: Draft, sent: int, seen: _Seen) -> int | None:
    """ "the ministry": the last named state body; "the organisation", "the monitor": the last named other one."""
    head = m["head"]
    window = [j for j in reversed(seen.orgs) if p.sent_of[p.mentions[j]["token"]] >= sent - _ORG_WINDOW]
    named = [j for j in window if p.mentions[j].get("name")]
    same = [j for j in named if head in (p.mentions[j].get("name") or "").lower()]
    if head == "ministry":
        cand = same or [j for j in named if p.mentions[j].get("stance") == "state"]
    else:
        cand = same or [j for j in named if p.mentions[j].get("stance") != "state"]
    return cand[0] if cand else None


def _demonstrated_group(p: Parse, m: Draft, t: Token, sent: int, seen: _Seen) -> int | None:
    """ "these remnants": the group of the last sentences it most likely refers back to."""
    ms = p.mentions
    window = [j for j in reversed(seen.groups) if sent - _GROUP_WINDOW <= p.sent_of[ms[j]["token"]] <= sent]
    best, score = None, -1.0
    for rank, j in enumerate(window):
        o = ms[j]
        if p.doc[o["token"]].head.i == t.head.i and p.sent_of[o["token"]] == sent:
            continue  # "the forces have cornered these remnants": not each other
        sc = 3.0 * (o["head"] == m["head"] or m["head"] in o["text"].lower()) \
            + 1.0 * bool(o.get("subject")) - 0.1 * rank \
            - 2.0 * (o["kind"] == "government" and m["kind"] != "government") \
            - 2.0 * any(q["span"][0] <= o["span"][0] and o["span"][1] <= q["span"][1] and q is not o
                        for q in (ms[i] for i in window))
        if p.sent_of[ms[j]["token"]] == sent:
            sc -= 0.5
        if sc > score:
            best, score = j, sc
    return best


def _possessor(p: Parse, m: Draft, k: int) -> int | None:
    """The antecedent of 'its'/'their' before a group: the last organisation, state or group before it."""
    pos = m.pop("possessor_token")
    sent = p.sent_of[pos]
    for j in range(k - 1, -1, -1):
        o = p.mentions[j]
        if p.sent_of[o["token"]] < sent - 1:
            break
        if o["kind"] in ACTING_KINDS and o["span"][1] <= p.doc[pos].idx and (
                o.get("name") or o.get("plural") == (p.doc[pos].lower_ == "their")):
            return j
    return None


def _alliances(p: Parse) -> None:
    """Who fights beside whom and against whom, as the grammar says.

    "X and Y attacked" and "X, alongside Y" make allies; "clashes between X and Y", "X fought Y" make
    opponents. Coordinated victims ("X and Y were killed") say nothing either way.
    """
    for k, m in enumerate(p.mentions):
        if m["kind"] not in ACTING_KINDS:
            continue
        t = p.doc[m["token"]]
        for c in t.children:
            j = _acting_at(p, c.i) if c.dep_ == "conj" else None
            if j is not None:
                _coordinated(p, k, j, m, t)
        if t.dep_ in {"nsubj", "nsubjpass"}:
            _beside_or_against(p, k, t.head)
        if m.get("stance") == "unit":
            _member_of_unit(p, k, t)


def _member_of_unit(p: Parse, k: int, t: Token) -> None:
    """ "a soldier from the X Brigade", "troops of the Y Division": the unit is the members' own side."""
    prep = t.head
    if t.dep_ == "pobj" and prep.lower_ in {"from", "of", "in", "with"} and prep.dep_ == "prep":
        j = _acting_at(p, prep.head.i)
        if j is not None and p.mentions[j]["kind"] in {"state_forces", "armed_group"}:
            _link(p, k, j, "allied_with")


def _acting_at(p: Parse, i: int) -> int | None:
    j = p.by_head.get(i)
    return j if j is not None and p.mentions[j]["kind"] in ACTING_KINDS else None


def _coordinated(p: Parse, k: int, j: int, m: Draft, t: Token) -> None:
    top = t
    while top.dep_ == "conj":
        top = top.head
    if (top.dep_ == "pobj" and top.head.lower_ in {"between", "against"}) or \
            (top.dep_ == "nsubj" and top.head.lemma_.lower() in _OPPOSING):
        _link(p, k, j, "opposed_to")
    elif m["role_hint"] == "agent" or (top.dep_ == "nsubj" and top.head.lemma_.lower() not in _NOT_ALLIES):
        _link(p, k, j, "allied_with")


def _beside_or_against(p: Parse, k: int, verb: Token) -> None:
    """ "X entered the town alongside Y", "X, together with Y", "X fought Y"."""
    for c in verb.children:
        together = c.lower_ == "with" and c.i > 0 and p.doc[c.i - 1].lower_ in {"together", "along"}
        if c.dep_ == "prep" and (c.lower_ in p.lex.allied_preps or together):
            for o in c.children:
                j = _acting_at(p, o.i) if o.dep_ == "pobj" else None
                if j is not None:
                    _link(p, k, j, "allied_with")
        if c.dep_ == "dobj" and verb.lemma_.lower() in _ATTACK_VERBS:
            j = _acting_at(p, c.i)
            if j is not None:
                _link(p, k, j, "opposed_to")


def _link(p: Parse, a: int, b: int, field_name: str) -> None:
    if a == b:
        return
    ma, mb = p.mentions[a], p.mentions[b]
    ma.setdefault(field_name, [])  # type: ignore[misc]
    mb.setdefault(field_name, [])  # type: ignore[misc]
    if b not in ma[field_name]:  # type: ignore[literal-required]
        ma[field_name].append(b)  # type: ignore[literal-required]
        mb[field_name].append(a)  # type: ignore[literal-required]


def _in_text_order(p: Parse, extra: list[Draft]) -> None:
    """Put the found and the added mentions in text order; links follow their mentions' new positions."""
    for m in extra:
        m["token"] = m["head_i"]
        m.setdefault("subject", False)
        m.setdefault("modifiers", [])
        m.setdefault("norp", [])
    everything = p.mentions + extra
    order = sorted(range(len(everything)), key=lambda n: (everything[n]["span"][0], everything[n]["span"][1]))
    new_index = {old: new for new, old in enumerate(order)}
    for m in everything:
        for f in ("antecedent", "alias_of", "same_as"):
            if m.get(f) is not None:
                m[f] = new_index[m[f]]  # type: ignore[literal-required,index]
        for f in ("allied_with", "opposed_to"):
            m[f] = sorted(new_index[j] for j in m.get(f, []))  # type: ignore[literal-required,attr-defined]
    p.mentions = [everything[n] for n in order]
