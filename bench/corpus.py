"""A large corpus for the scale benchmarks: varied copies of the example corpus, near-copies among them.

    python bench/corpus.py OUT --reports 1000 --copy-share 0.5

Writes ``OUT/NNNN_<name>.txt``. The first seven reports are the example corpus itself; after them,
each report is either

- a near-copy of an example report (``--copy-share`` of them): the same body under another outlet's
  name and headline, one line added, as a syndicated story is republished; or
- an independent report: paragraphs of three or four example reports, in another order, numbers
  shifted, under one of a hundred invented outlets, dated over a week.

Deterministic: the same arguments write the same files.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports"
FIRST = ["Northern", "Coastal", "Daily", "Evening", "Valley", "Capital", "Free", "Independent", "Provincial",
         "Morning"]
SECOND = ["Gazette", "Post", "Observer", "Courier", "Sentinel", "Tribune", "Record", "Chronicle", "Dispatch",
          "Bulletin"]
OUTLETS = [f"The {a} {b}" for a in FIRST for b in SECOND]


def read_example(path: Path) -> tuple[dict[str, str], list[str]]:
    """An example report's header fields and its body paragraphs."""
    header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    fields = dict(line.split(": ", 1) for line in header.splitlines() if ": " in line)
    return fields, [p for p in body.split("\n\n") if p.strip()]


def shift_numbers(text: str, k: int) -> str:
    """Every number in ``text`` raised by ``k``, so counts differ from copy to copy."""
    return re.sub(r"\b\d+\b", lambda m: str(int(m.group()) + k), text)


def report(fields: dict[str, str], paragraphs: list[str]) -> str:
    header = "\n".join(f"{key}: {value}" for key, value in fields.items())
    return header + "\n\n" + "\n\n".join(paragraphs) + "\n"


def near_copy(n: int, fields: dict[str, str], paragraphs: list[str]) -> str:
    outlet = OUTLETS[n % len(OUTLETS)]
    slug = re.sub(r"\W+", "-", outlet.lower()).strip("-")
    header = {**fields, "title": f"{fields.get('title', 'Report')} ({outlet})", "outlet": outlet,
              "url": f"https://{slug}.test/syndicated/{n}"}
    return report(header, [*paragraphs, f"This story was distributed to {outlet} as copy {n}."])


def independent(n: int, rng: random.Random, examples: list[tuple[dict[str, str], list[str]]]) -> str:
    picked = rng.sample(range(len(examples)), 3 + n % 2)
    paragraphs = [rng.choice(examples[i][1]) for i in picked]
    rng.shuffle(paragraphs)
    fields = examples[picked[0]][0]
    outlet = OUTLETS[(n * 7) % len(OUTLETS)]
    slug = re.sub(r"\W+", "-", outlet.lower()).strip("-")
    day = date(2031, 5, 10) + timedelta(days=n % 8)
    header = {"title": shift_numbers(fields.get("title", "Report"), n % 40), "outlet": outlet,
              "url": f"https://{slug}.test/news/{n}", "date": day.isoformat(), "language": "en"}
    return report(header, [shift_numbers(p, n % 40) for p in paragraphs])


def make_corpus(folder: Path, reports: int, copy_share: float = 0.5, seed: int = 7) -> dict[str, int]:
    """Write ``reports`` reports into ``folder``; returns how many of each kind."""
    sources = sorted(EXAMPLES.glob("*.txt"))
    examples = [read_example(p) for p in sources]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    counts = {"example": 0, "near-copy": 0, "independent": 0}
    for n in range(reports):
        if n < len(sources):
            kind, text = "example", sources[n].read_text(encoding="utf-8")
        elif rng.random() < copy_share:
            kind, text = "near-copy", near_copy(n, *examples[n % len(examples)])
        else:
            kind, text = "independent", independent(n, rng, examples)
        counts[kind] += 1
        (folder / f"{n:04d}_{kind}.txt").write_text(text, encoding="utf-8")
    return counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--copy-share", type=float, default=0.5)
    args = ap.parse_args()
    counts = make_corpus(args.out, args.reports, args.copy_share)
    print(f"corpus: {args.reports} reports in {args.out} ({', '.join(f'{v} {k}' for k, v in counts.items())})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
