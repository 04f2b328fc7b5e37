"""Decoding a report's bytes without ever quoting words it did not contain.

In order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16/32 without a mark, recognised by the
pattern of NUL bytes that ASCII letters leave; a charset the file declares (HTML ``<meta charset>``,
an HTTP header); UTF-8. Anything else is a legacy single-byte code page, which is always a guess:
the code page usual for the text's language (read from its ASCII words, ``data/encodings.json``),
else charset-normalizer's pick; the document is flagged "encoding guessed: …". A file mixing UTF-8
lines and legacy lines is decoded line by line and flagged so. NUL bytes that fit no UTF-16/32
pattern mean a binary file, which is refused.

>>> decode_report("Caf\\u00e9 de Zo\\u00eb".encode("utf-16"), "x.txt").text
'Café de Zoë'
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..errors import InputError

_BOMS = [  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_SAMPLE = 8192
# the share of control characters above which decoded "text" is binary data
MAX_CONTROL_SHARE = 0.05
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)


@dataclass
class Decoded:
    """A report's text and the flags of any choice made decoding it."""

    text: str
    flags: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _codepages() -> dict[str, str]:
    raw = resources.files("rashomon").joinpath("data/encodings.json").read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(raw)["language_codepages"].items() if not k.startswith("_")}


def declared_charset(raw: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes (``<meta charset=…>``), if Python knows it."""
    m = _DECLARED.search(raw[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_report(raw: bytes, source: str, declared: str | None = None) -> Decoded:
    """Decode one input's bytes (see the module docstring); raise :class:`InputError` for binary,
    empty or undecodable data. ``declared`` is a charset the container states (HTTP, HTML meta)."""
    if not raw.strip(b" \t\r\n\f\v\x00"):
        raise InputError(source, "empty file: it holds no text")
    decoded = _by_bom(raw) or _by_nul_pattern(raw)
    if decoded is None:
        if b"\x00" in raw[:_SAMPLE]:
            raise InputError(source, "binary file (NUL bytes): give rashomon text, HTML, JSON, PDF or DOCX reports")
        decoded = _declared(raw, declared) or _utf8(raw) or _legacy(raw, source)
    if _control_share(decoded.text) > MAX_CONTROL_SHARE:
        raise InputError(source, "binary file (control characters): give rashomon text, HTML, JSON, PDF or "
                                 "DOCX reports")
    if not decoded.text.strip():
        raise InputError(source, "empty file: it holds no text")
    return decoded


def _by_bom(raw: bytes) -> Decoded | None:
    for bom, name in _BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(raw[len(bom):].decode(name))
            except UnicodeDecodeError:
                return None
    return None


def _by_nul_pattern(raw: bytes) -> Decoded | None:
    """UTF-16/32 without a byte-order mark: ASCII characters leave NULs at fixed places in each unit."""
    sample = raw[: _SAMPLE - _SAMPLE % 4]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    for width, name, nul_at in ((4, "utf-32-le", (1, 2, 3)), (4, "utf-32-be", (0, 1, 2)),
                                (2, "utf-16-le", (1,)), (2, "utf-16-be", (0,))):
        units = len(sample) // width
        if not units:
            continue
        zero = sum(1 for i in range(units) if all(sample[i * width + k] == 0 for k in nul_at))
        if zero / units >= 0.6 and len(raw) % width == 0:
            try:
                text = raw.decode(name)
            except UnicodeDecodeError:
                continue
            return Decoded(text, [f"encoding guessed: {name.upper()} (no byte-order mark; by its NUL bytes)"])
    return None


def _declared(raw: bytes, declared: str | None) -> Decoded | None:
    if not declared:
        return None
    try:
        return Decoded(raw.decode(declared))
    except (LookupError, UnicodeDecodeError):
        return None


def _utf8(raw: bytes) -> Decoded | None:
    try:
        return Decoded(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None


def _legacy(raw: bytes, source: str) -> Decoded:
    """Bytes that are not UTF-8: line by line when some lines are UTF-8, else one guessed code page."""
    lines = raw.split(b"\n")
    keep = {n for n, line in enumerate(lines) if not line.isascii() and _utf8(line) is not None}
    codepage, why = _guess_codepage(b"\n".join(line for n, line in enumerate(lines) if n not in keep), source)
    if not keep:
        return Decoded(_decode_with(raw, codepage), [f"encoding guessed: {codepage} ({why})"])
    text = "\n".join(line.decode("utf-8") if n in keep else _decode_with(line, codepage)
                     for n, line in enumerate(lines))
    legacy = sum(1 for n, line in enumerate(lines) if n not in keep and not line.isascii())
    return Decoded(text, [f"mixed encodings: {len(keep)} line{'s' if len(keep) != 1 else ''} decoded as UTF-8, "
                          f"{legacy} as {codepage} (guessed: {why})"])


def _decode_with(raw: bytes, codepage: str) -> str:
    # the few bytes a Windows code page leaves undefined are read as Latin-1, never dropped
    return raw.decode(codepage, errors="latin1fallback")


def _latin1_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start : exc.end].decode("latin-1"), exc.end


codecs.register_error("latin1fallback", _latin1_fallback)


def _guess_codepage(raw: bytes, source: str) -> tuple[str, str]:
    """The code page of non-UTF-8 bytes, and why: the usual one for the language of the text's ASCII
    words, else charset-normalizer's best pick (it errs on short texts: "Café" read as Baltic "Cafķ")."""
    from .meta import detect_language

    ascii_words = re.sub(rb"[^\x00-\x7f]+", b" ", raw[:20000]).decode("ascii")
    language = detect_language(ascii_words)
    if language and language in _codepages():
        return _codepages()[language], f"the usual code page for '{language}', the language of its words"
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise InputError(source, "undecodable bytes: not text in any encoding rashomon can detect")
    return best.encoding, "detected by charset-normalizer"


def _control_share(text: str) -> float:
    sample = text[:_SAMPLE]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / max(1, len(sample))
