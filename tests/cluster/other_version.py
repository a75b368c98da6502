"""Dask preload for the refusal test: this worker claims another extractor version, as a worker
with an older Parley installed would."""

import extract.nlp

extract.nlp.EXTRACTOR_VERSION = "0.9-other"
