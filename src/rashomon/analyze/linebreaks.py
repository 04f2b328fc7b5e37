"""An optional spaCy component that starts a sentence at each line break that ends a sentence,
headline, dateline or caption (see :func:`rashomon.analyze.syntax.line_break_starts`).

spaCy's parser keeps sentence starts that are set before it runs, so with this component placed
before the parser a headline ("Hundreds Killed in Border Raid") or a date line is no longer parsed
as part of the report's first sentence. To use it::

    from rashomon.analyze import linebreaks  # registers the component
    nlp.add_pipe("rashomon_line_breaks", before="parser")

The figure extractor works without it (it cuts sentences at line breaks itself and re-attaches
words the parser hung across them), but the parse of the first sentence is better with it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .syntax import line_break_starts


@Language.component("rashomon_line_breaks")
def line_breaks_component(doc: Doc) -> Doc:
    for i in line_break_starts(doc):
        doc[i].is_sent_start = True
    return doc
