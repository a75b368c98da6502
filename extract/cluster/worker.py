"""The worker side: a plugin that loads the spaCy model and the extraction configuration once
per worker, and the task that extracts one batch of articles with them.

The plugin's name carries the run's identity, so two runs with different topics on one long-lived
cluster never share a loaded pipeline; it is removed when its run ends."""

from __future__ import annotations

import threading

from distributed import WorkerPlugin, get_worker

from ..nlp.config import ExtractConfig
from .identity import difference, identity


class WorkerRefused(Exception):
    """This worker's Parley, model or topics differ from the parent's (one-line message)."""


class ExtractionPlugin(WorkerPlugin):
    def __init__(self, name: str, model: str, config: ExtractConfig, expected: dict[str, str]):
        self.name = name
        self.model = model
        self.config = config
        self.expected = expected
        self.nlp = None
        self.refusal: str | None = None
        self.lock = threading.Lock()

    def __getstate__(self):  # sent to the scheduler and the workers without the loaded parts
        return {k: v for k, v in self.__dict__.items() if k not in ("nlp", "lock")}

    def __setstate__(self, state):
        self.__dict__.update(state, nlp=None, lock=threading.Lock())

    def setup(self, worker) -> None:
        from ..nlp.pipeline import ModelMissing, add_extractor, load_pipeline

        try:
            nlp = load_pipeline(self.model)
        except ModelMissing as exc:
            self.refusal = f"worker {worker.address}: {exc}"
            raise WorkerRefused(self.refusal) from None
        found = identity(self.model, _installed_version(self.model, nlp), self.config)
        problem = difference(self.expected, found)
        if problem:
            self.refusal = (f"worker {worker.address} refused: it has {problem} "
                            "(install the same Parley and model on every worker)")
            raise WorkerRefused(self.refusal)
        add_extractor(nlp, self.config)
        self.nlp = nlp

    def teardown(self, worker) -> None:
        self.nlp = None

    def parse(self, batch: list[tuple[str, int]]):
        from ..extract_run import parse_batch

        if self.nlp is None:
            raise WorkerRefused(self.refusal or f"worker {get_worker().address}: Parley's extraction is not set up")
        with self.lock:  # one Language object: a worker with several threads parses one batch at a time
            return parse_batch(self.nlp, batch)


def _installed_version(name: str, nlp) -> str:
    """The same version the parent records for the model (its package's, else its meta's)."""
    import spacy.util

    try:
        return spacy.util.get_package_version(name) or nlp.meta.get("version", "unknown")
    except Exception:  # noqa: BLE001 - not a package: ask the loaded model
        return nlp.meta.get("version", "unknown")


def extract_batch(plugin_name: str, batch: list[tuple[str, int]]):
    """The task: (unwrapped text, article id) pairs in, (article id, records or error, words) out."""
    worker = get_worker()
    plugin = worker.plugins.get(plugin_name)
    if plugin is None:
        raise WorkerRefused(f"worker {worker.address} has no Parley extraction set up")
    return plugin.parse(batch)
