"""Learning from the analyst: features (features.py), the model at extraction time
(model.py, plain weights, no scikit-learn), training with held-back reviews (train.py).

Data flows store -> ``train`` -> ``store.learning.save_model`` -> ``active_model`` ->
``LearnedModel.apply`` on each article's records in ``parley extract``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import LearnedModel

if TYPE_CHECKING:
    from ..store import Store


def active_model(store: Store) -> LearnedModel | None:
    """The latest learned model, if it overrides the rules anywhere (else None: the rules
    alone decide and the extraction version does not change)."""
    latest = store.learning.latest()
    if latest is None:
        return None
    model = LearnedModel(latest["model"], latest["version"])
    return model if model.active else None


def learn(store: Store) -> tuple[int, dict]:
    """Train on the database's decisions and store the model; returns (version, report)."""
    from .train import train

    rows = store.learning.examples()
    model, report = train(rows)
    decisions = store.learning.reviewed_statements()
    version = store.learning.save_model(model, report, decisions)
    return version, report
