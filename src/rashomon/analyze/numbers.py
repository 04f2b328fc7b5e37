"""Number phrases in a parsed sentence: "1,383", "thirteen", "two hundred and fifty", "a dozen",
"dozens", "tens of thousands", "between 20 and 30", "20-30", with their bound ("at least", "more
than", "nearly", ...) and increment ("10 more", "another 10") words.

Only surface and part-of-speech facts are used here; what a number counts is decided in
``figures/`` from the dependency parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .lexicon import FigureLexicon, lexicon

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_RANGE_TOKEN = re.compile(r"^(\d[\d,]*(?:\.\d+)?)[\u2013\u2014\-](\d[\d,]*(?:\.\d+)?)$")
_GROUP_HEAD = re.compile(r"^\d{1,3}$")  # the first group of "816 000"
_GROUP = re.compile(r"^\d{3}$")  # each later group
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.I)
_ORDINAL_WORDS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth fiftieth hundredth "
    "thousandth millionth".split()
)
_MONTHS = frozenset(
    "january february march april may june july august september october november december jan feb mar apr "
    "jun jul aug sep sept oct nov dec".split()
)
_CURRENCY_SYMBOLS = frozenset("$ € £ ¥ ₹ ₽ ₺ us$".split())
_CURRENCY_WORDS = frozenset(
    "dollar dollars euro euros pound pounds yen rupee rupees rouble roubles ruble rubles lira liras dinar "
    "dinars riyal riyals shekel shekels usd eur gbp francs franc pesos peso yuan cents".split()
)
_PERCENT_WORDS = frozenset({"%", "percent", "per", "pc", "percentage", "percentage-point", "points"})
_TIME_AFTER = frozenset({"am", "pm", "a.m.", "p.m.", "gmt", "utc", "hrs", "o'clock", "local"})
_AGE_BEFORE = frozenset({"aged", "age", "ages", "ageing", "aging"})


@dataclass
class NumberPhrase:
    """A number as stated, with the tokens that state it (``start``..``end``, end exclusive)."""

    start: int  # first token, bound words included
    end: int  # one past the last number token
    num_start: int  # first token of the number itself
    head: Token  # the number token the parse attaches the phrase by
    value: float
    qualifier: str = "exact"
    vague: bool = False
    low: float | None = None
    high: float | None = None
    addition: bool = False
    tokens: list[Token] = field(default_factory=list)


def _is_ordinal(t: Token) -> bool:
    low = t.lower_
    return bool(_ORDINAL.match(low)) or low in _ORDINAL_WORDS or t.ent_type_ == "ORDINAL"


def is_number_token(t: Token, lex: FigureLexicon | None = None) -> bool:
    """A token that is (part of) a number: digits, number words, multipliers or vague plurals."""
    lex = lex or lexicon()
    low = t.lower_
    if low in lex.vague_plurals and t.tag_ in ("NNS", "CD", "NNPS", "NNP"):
        return low != "tens" or any(_next_is(t, w) for w in lex.vague_plural_followers)
    if _is_ordinal(t):
        return False
    if _DIGITS.match(low) or _RANGE_TOKEN.match(low):
        return True
    if low in lex.number_words or low in ("hundred", "thousand", "million", "billion", "dozen"):
        return True
    return False


def _next_is(t: Token, word: str) -> bool:
    return t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == word


def digits_value(text: str) -> float | None:
    text = text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None


def words_value(parts: list[str], lex: FigureLexicon | None = None) -> float | None:
    """The value of number words and digits together: "two hundred and fifty" -> 250,
    "1.5 million" -> 1500000, "half a dozen" -> 6, "a dozen" -> 12.

    >>> words_value(["two", "hundred", "and", "fifty"])
    250.0
    >>> words_value(["1.5", "million"])
    1500000.0
    >>> words_value(["one", "point", "two", "million"])
    1200000.0
    """
    lex = lex or lexicon()
    total, current, half, seen = 0.0, 0.0, False, False
    decimals: str | None = None  # the digits read after "point", in "one point two million"
    for p in parts:
        p = p.lower()
        if p in ("and", "-", "of"):
            continue
        if p in lex.decimal_points and seen:
            decimals = ""
            continue
        if decimals is not None and lex.number_words.get(p, 10) < 10:
            decimals += str(int(lex.number_words[p]))
            continue
        if decimals:
            current += float("0." + decimals)
        decimals = None
        if p in ("a", "an"):
            current = current or 0.0
            continue
        if p == "half":
            half = True
            continue
        v = digits_value(p) if _DIGITS.match(p) else None
        if v is not None:
            current += v
            seen = True
        elif p in lex.number_words:
            current += lex.number_words[p]
            seen = True
        elif p in lex.multipliers:
            m = lex.multipliers[p]
            if current == 0:
                current = 1.0
            if m >= 1000:
                total += current * m
                current = 0.0
            else:
                current *= m
            seen = True
        elif p in lex.vague_plurals:
            m = lex.vague_plurals[p]
            current = (current or 1.0) * m
            seen = True
        else:
            return None
    if not seen:
        return None
    if decimals:
        current += float("0." + decimals)
    value = total + current
    return value / 2 if half else value


def _excluded_context(doc: Doc, first: int, last: int, lex: FigureLexicon) -> bool:
    """Percentages, money, times, ages, years, dates, ordinals and 'one of the' are never counts."""
    tokens = doc[first : last + 1]
    nxt = doc[last + 1] if last + 1 < len(doc) else None
    nxt2 = doc[last + 2] if last + 2 < len(doc) else None
    prev = doc[first - 1] if first > 0 else None
    if any(t.ent_type_ in ("MONEY", "PERCENT") for t in tokens):
        return True
    if nxt is not None:
        nl = nxt.lower_
        if nl in _PERCENT_WORDS and (nl != "per" or (nxt2 is not None and nxt2.lower_ == "cent")):
            return True
        if nl in _CURRENCY_WORDS or nl in _TIME_AFTER:
            return True
        if nl in ("-", "year", "years") and nxt2 is not None and nxt2.lower_ in ("year", "years", "old"):
            return True
        if nl in ("-", "\u2011") and nxt2 is not None and nxt2.lemma_.lower() in lex.non_person_nouns:
            return True  # "a two-day raid", "a 10-km convoy": a measure, not a count
        if nl in ("years", "year") and nxt2 is not None and nxt2.lower_ == "old":
            return True
        if nl in _MONTHS and nxt.text[:1].isupper():
            return True
        if nl == "of" and tokens[-1].lower_ == "one":
            return True
        if nl == "another" and tokens[-1].lower_ == "one":
            return True
    if prev is not None:
        pl = prev.lower_
        if pl in _CURRENCY_SYMBOLS or prev.tag_ == "$":
            return True
        if pl in _AGE_BEFORE:
            return True
        if pl in _MONTHS and prev.text[:1].isupper():
            return True
        if (
            pl in ("no", "each", "every", "any", "the", "this", "that")
            and tokens[0].lower_ == "one"
            and len(tokens) == 1
        ):
            return True
    if any(":" in t.text or "/" in t.text for t in tokens):
        return True
    if len(tokens) == 1:
        t = tokens[0]
        if re.fullmatch(r"(1[89]|20)\d\d", t.text) and "," not in t.text:
            return True  # a year
    return False


def find_number_phrases(doc: Doc, start: int, end: int, lex: FigureLexicon | None = None) -> list[NumberPhrase]:
    """Every number phrase in tokens ``start``..``end`` of ``doc``."""
    lex = lex or lexicon()
    out: list[NumberPhrase] = []
    i = start
    while i < end:
        if not is_number_token(doc[i], lex):
            i += 1
            continue
        last = _number_end(doc, i, end, lex)
        first, vague_det, multiple = _number_start(doc, i, start, lex)
        phrase = _build(doc, start, end, first, i, last, lex, vague_det, multiple)
        if phrase is not None:
            out.append(phrase)
            i = phrase.end
        else:
            i = last + 1
    return _merge_ranges(doc, out, lex)


def _digit_group_next(doc: Doc, j: int, end: int, lex: FigureLexicon) -> int:
    """How many tokens after ``j`` continue a number written in groups of three digits with a space,
    thin space or no-break space between them ("816 000", "1 200 000"): 1 or 2 (a space token), else 0."""
    if not _GROUP_HEAD.match(doc[j].text):
        return 0
    if doc[j].whitespace_ in lex.group_separators and j + 1 < end and _GROUP.match(doc[j + 1].text):
        return 1
    if (
        not doc[j].whitespace_
        and j + 2 < end
        and doc[j + 1].text in lex.group_separators
        and _GROUP.match(doc[j + 2].text)
    ):
        return 2
    return 0


def _number_end(doc: Doc, i: int, end: int, lex: FigureLexicon) -> int:
    """The last token of the number starting at ``i``: "two hundred and fifty", "twenty - five",
    "tens of thousands", "one point two million", "816 000"."""
    j = i
    while j + 1 < end:
        step = _digit_group_next(doc, j, end, lex)
        if step:
            j += step
            continue
        n1 = doc[j + 1]
        if is_number_token(n1, lex) and "\n" not in doc[j].whitespace_:
            if _DIGITS.match(doc[j].text) and _DIGITS.match(n1.text):
                break  # "in 2014 300 people": two numbers side by side are not one
            j += 1
            continue
        if j + 2 < end and is_number_token(doc[j + 2], lex):
            n2 = doc[j + 2]
            cur = doc[j].lower_
            if n1.text == "-" and cur in lex.number_words and n2.lower_ in lex.number_words:
                j += 2
                continue
            if n1.lower_ == "and" and cur in ("hundred", "thousand", "million") and n2.lower_ in lex.number_words:
                j += 2
                continue
            if n1.lower_ == "of" and cur in lex.vague_plurals and n2.lower_ in lex.vague_plurals:
                j += 2
                continue
            if n1.lower_ in lex.decimal_points and cur in lex.number_words and n2.lower_ in lex.number_words:
                j += 2  # "one point two million"
                continue
        break
    return j


def _number_start(doc: Doc, i: int, start: int, lex: FigureLexicon) -> tuple[int, bool, float | None]:
    """(first token, vague determiner?, approximate multiple) of the number whose first number word is
    ``i``: "a dozen", "half a dozen", "several hundred", "a few thousand", "a couple of hundred"."""
    first = i
    if first - 1 >= start and doc[first - 1].lower_ in ("a", "an") and doc[first].lower_ in lex.multipliers:
        first -= 1
        if first - 1 >= start and doc[first - 1].lower_ == "half":
            first -= 1
    if first - 1 < start or doc[i].lower_ not in lex.multipliers or doc[i].lower_ in ("k", "m"):
        return first, False, None
    for n in (3, 2, 1):
        if first - n >= start:
            words = " ".join(t.lower_ for t in doc[first - n : first])
            if words in lex.approximate_multiples:
                return first - n, False, lex.approximate_multiples[words]
    p1 = doc[first - 1].lower_
    p2 = doc[first - 2].lower_ + " " + p1 if first - 2 >= start else ""
    if p2 in lex.vague_determiners:
        return first - 2, True, None
    if p1 in lex.vague_determiners and p1 != "some":
        return first - 1, True, None
    return first, False, None


def _spoken_parts(tokens: list[Token], lex: FigureLexicon) -> list[str]:
    """The words of a number for :func:`words_value`: digit groups joined ("816", "000" -> "816000"),
    separator and determiner-like words dropped."""
    parts: list[str] = []
    joining = False
    for t in tokens:
        if t.text in lex.group_separators or t.is_space:
            continue
        if t.lower_ in ("several", "few", "many"):
            continue
        if joining and _GROUP.match(t.text) and parts:
            parts[-1] += t.text
        else:
            joining = bool(_GROUP_HEAD.match(t.text))
            parts.append(t.text)
        joining = joining and t.whitespace_ in lex.group_separators | {""}
    return parts


def _build(
    doc: Doc,
    start: int,
    end: int,
    first: int,
    num_first: int,
    last: int,
    lex: FigureLexicon,
    vague_det: bool,
    multiple: float | None = None,
) -> NumberPhrase | None:
    if _excluded_context(doc, num_first, last, lex):
        return None
    tokens = list(doc[first : last + 1])
    low = high = None
    m = _RANGE_TOKEN.match(tokens[-1].text) if len(tokens) == 1 else None
    vague = vague_det
    if m:
        low, high = digits_value(m.group(1)), digits_value(m.group(2))
        value = low
    else:
        number_tokens = tokens if multiple is None else list(doc[num_first : last + 1])
        value = words_value(_spoken_parts(number_tokens, lex), lex)
        if value is None:
            return None
        if multiple is not None:
            value *= multiple  # "a couple of hundred" = about 200
        if any(t.lower_ in lex.vague_plurals for t in tokens):
            vague = True
            # "tens of thousands" = 10 * 1000; "hundreds of thousands" = 100 * 1000
    if value is None:
        return None
    head = _phrase_head(tokens)
    phrase = NumberPhrase(
        start=first,
        end=last + 1,
        num_start=first,
        head=head,
        value=value,
        qualifier="plural_of" if vague else ("about" if multiple is not None else "exact"),
        vague=vague,
        low=low,
        high=high,
        tokens=tokens,
    )
    if low is not None:
        phrase.qualifier = "at_least"
    _bounds(doc, start, end, phrase, lex)
    return phrase


def _phrase_head(tokens: list[Token]) -> Token:
    idx = {t.i for t in tokens}
    outside = [t for t in tokens if t.head.i not in idx or t.head.i == t.i]
    nums = [t for t in outside if t.lower_ not in ("a", "an", "half", "several", "few", "many")]
    return (nums or outside or tokens)[-1]


def _bounds(doc: Doc, start: int, end: int, p: NumberPhrase, lex: FigureLexicon) -> None:
    """Bound words before ("at least") or after ("or more") the number, and increments."""
    # words before: try the longest phrase first
    best = None
    for n in (3, 2, 1):
        s = p.start - n
        if s < start:
            continue
        words = " ".join(t.lower_ for t in doc[s : p.start])
        if words in lex.qual_before:
            best = (s, lex.qual_before[words])
            break
    # skip an increment word between the bound and the number: "at least another 10"
    if best is None and p.start - 1 >= start and doc[p.start - 1].lower_ in lex.addition_before:
        p.addition = True
        k = p.start - 1
        if k - 1 >= start and doc[k - 1].lower_ in ("a", "an"):
            k -= 1
        p.start = k
        for n in (3, 2, 1):
            s = p.start - n
            if s >= start:
                words = " ".join(t.lower_ for t in doc[s : p.start])
                if words in lex.qual_before:
                    best = (s, lex.qual_before[words])
                    break
    if best is not None:
        s, q = best
        p.start = s
        if not (q == "about" and p.vague and doc[s].lower_ == "some"):  # "some dozens" stays vague
            p.qualifier = q
    # words after
    if p.end < end:
        nxt = doc[p.end].lower_
        two = nxt + " " + doc[p.end + 1].lower_ if p.end + 1 < end else nxt
        if two in lex.qual_after and two != "at least":
            p.qualifier = lex.qual_after[two]
            p.end += 2
        elif nxt == "-" and p.end + 1 < end and doc[p.end + 1].lower_ in ("plus", "odd"):
            p.qualifier = lex.qual_after["-" + doc[p.end + 1].lower_]
            p.end += 2
        elif nxt in ("plus", "odd") and doc[p.end].tag_ not in ("CC",):
            p.qualifier = lex.qual_after[nxt]
            p.end += 1
        elif nxt in lex.addition_after and not (nxt == "more" and p.end + 1 < end and doc[p.end + 1].lower_ == "than"):
            p.addition = True
    # "another", "a further", "an additional" directly before the number
    if (
        not p.addition
        and p.start - 1 >= start
        and doc[p.start - 1].lower_ in lex.addition_before
        and doc[p.start - 1].lower_ != "more"
    ):
        p.addition = True
        p.start -= 1
        if p.start - 1 >= start and doc[p.start - 1].lower_ in ("a", "an"):
            p.start -= 1


def _change_from(doc: Doc, a: NumberPhrase, lex: FigureLexicon) -> bool:
    """ "rose from 41 to 57": two values of a changing toll, not a range."""
    if a.start == 0 or doc[a.start - 1].lower_ != "from":
        return False
    return doc[a.start - 1].head.lemma_.lower() in lex.change_verbs


def _merge_ranges(doc: Doc, phrases: list[NumberPhrase], lex: FigureLexicon) -> list[NumberPhrase]:
    """'between 20 and 30', '20 to 30', '20-30', '20 or 30' become one phrase with low and high."""
    out: list[NumberPhrase] = []
    k = 0
    while k < len(phrases):
        a = phrases[k]
        if k + 1 < len(phrases):
            b = phrases[k + 1]
            gap = doc[a.end : b.start]
            between = [t.lower_ for t in gap]
            joined = "".join(between)
            is_range = False
            if len(gap) == 1 and between[0] in ("-", "\u2013", "\u2014", "to", "or"):
                is_range = (between[0] != "or" or b.value > a.value) and not _change_from(doc, a, lex)
            elif len(gap) == 1 and between[0] == "and" and a.start > 0 and doc[a.start - 1].lower_ == "between":
                is_range = True
            elif joined in ("and",) and a.start > 0 and doc[a.num_start - 1].lower_ == "between":
                is_range = True
            if is_range and b.value > a.value and not b.vague:
                lo, hi = a.value, b.value
                start = a.start
                qual = a.qualifier if a.qualifier not in ("exact",) else "at_least"
                if doc[start - 1].lower_ == "between" if start > 0 else False:
                    start -= 1
                merged = NumberPhrase(
                    start=start,
                    end=b.end,
                    num_start=a.num_start,
                    head=b.head,
                    value=lo,
                    qualifier=qual,
                    vague=False,
                    low=lo,
                    high=hi,
                    addition=a.addition or b.addition,
                    tokens=a.tokens + list(gap) + b.tokens,
                )
                # the head: whichever of the two the parse attaches outside the phrase
                idx = {t.i for t in merged.tokens}
                for t in merged.tokens:
                    if t.head.i not in idx and t.lower_ not in ("-", "to", "and", "or"):
                        merged.head = t
                out.append(merged)
                k += 2
                continue
        out.append(a)
        k += 1
    return out
