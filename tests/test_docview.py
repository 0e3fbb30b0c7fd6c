"""The per-Doc views the stages share must say exactly what spaCy says."""
from __future__ import annotations

from conftest import EXAMPLES, SEED

from sitroom.nlp import get_nlp
from sitroom.parse.docview import entities, set_text, text_of


def _texts():
    from sitroom.ingest import Options, iter_articles

    arts = list(iter_articles([str(EXAMPLES), str(SEED)], Options()))
    return [a.text for a in arts if a.text.strip()] + ["", "  Kyiv.  \n\n", "Drones hit Kursk\u00a0region overnight."]


def test_entities_and_text_equal_spacys():
    nlp = get_nlp()
    texts = _texts()
    for text, doc in zip(texts, nlp.pipe(texts)):
        assert [(e.start, e.end, e.label_, e.kb_id_) for e in entities(doc)] == \
            [(e.start, e.end, e.label_, e.kb_id_) for e in doc.ents]
        set_text(doc, text)
        assert text_of(doc) == doc.text
