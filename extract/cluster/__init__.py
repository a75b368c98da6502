"""Extraction on a Dask cluster (``parley extract --scheduler ADDRESS``).

The parent still owns SQLite and writes exactly as with its own worker pool; only where the
per-article extraction runs changes. Modules:

- ``address``: what ``--scheduler`` accepts (``tcp://host:port``, ``host:port``, ``local:N``);
- ``identity``: what a worker must share with the parent (Parley, extractor, word lists, spaCy,
  model, topics) for its records to be mixed with the others';
- ``worker``: the worker plugin that loads the model and the configuration once per worker, and
  the task that extracts one batch;
- ``dispatch``: connecting, sending batches with a bound on work in flight, and handing the
  results back in article order.

Nothing here is imported, and Dask is never imported, unless ``--scheduler`` is given.
"""

from __future__ import annotations

from ..store import StoreError


class ClusterError(StoreError):
    """A problem with the cluster the user can fix; shown as one line, exit code 1."""
