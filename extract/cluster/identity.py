"""What a worker must share with the parent for its records to be mixed with the others'.

The parent computes the identity it expects; each worker computes its own after loading the
model and refuses to work when they differ, naming the first difference in one line."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from importlib import resources

from ..nlp.config import ExtractConfig

# (key, how the message names it), in the order a difference is reported.
FIELDS = (
    ("parley", "Parley"),
    ("extractor", "extractor"),
    ("word_lists", "word lists (extract/nlp/data)"),
    ("spacy", "spaCy"),
    ("model", "model"),
    ("topics", "topics configuration"),
)


def word_lists_hash() -> str:
    """The packaged word lists (bodies, lexicon, places, media, topic stop list) as installed."""
    digest = hashlib.sha256()
    folder = resources.files("extract.nlp") / "data"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()[:12]


def config_hash(config: ExtractConfig) -> str:
    payload = json.dumps(asdict(config), sort_keys=True, default=sorted)
    return hashlib.sha256(payload.encode()).hexdigest()[:12]


def identity(model: str, model_version: str, config: ExtractConfig) -> dict[str, str]:
    import spacy

    from .. import __version__
    from ..nlp import EXTRACTOR_VERSION

    return {"parley": __version__, "extractor": EXTRACTOR_VERSION, "word_lists": word_lists_hash(),
            "spacy": spacy.__version__, "model": f"{model}@{model_version}",
            "topics": config_hash(config)}


def difference(expected: dict[str, str], found: dict[str, str]) -> str | None:
    """'extractor 1.15 where this run uses 1.16', or None when they agree."""
    for key, label in FIELDS:
        if expected.get(key) != found.get(key):
            return f"{label} {found.get(key)} where this run uses {expected.get(key)}"
    return None
