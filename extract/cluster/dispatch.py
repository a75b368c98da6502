"""The parent side: connect (or start a LocalCluster), set the plugin up on every worker, send
batches of (article id, text) with a bound on work in flight, take results as they complete and
hand them back in article order.

Article order matters: the writer numbers actors and topics as it meets them, and a topic one
article proposes can take in another article's proposal, so writing in the order the own pool
and the single process write is what makes a cluster run's database equal theirs."""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from ..batching import batched
from ..nlp.config import ExtractConfig
from . import ClusterError
from .address import Scheduler, parse_scheduler
from .identity import identity

CONNECT_TIMEOUT = "10s"  # an unreachable scheduler is reported after this long
WORKER_WAIT = 60  # seconds to wait for a first worker (a batch system may still be starting them)
TASKS_PER_THREAD = 3  # batches in flight per worker thread: enough to hide the round trips


@contextmanager
def connect(scheduler: Scheduler):
    """A Client on the scheduler, or on a LocalCluster of single-threaded worker processes."""
    from distributed import Client

    logging.getLogger("distributed").setLevel(logging.ERROR)  # our own messages say what failed
    cluster = None
    try:
        if scheduler.local_workers:
            cluster = _local_cluster(scheduler.local_workers)
            client = Client(cluster, set_as_default=False)
        else:
            try:
                client = Client(scheduler.address, timeout=CONNECT_TIMEOUT, set_as_default=False)
            except (OSError, TimeoutError, ValueError) as exc:
                raise ClusterError(f"cannot reach the Dask scheduler at {scheduler.address} "
                                   f"({_first_line(exc)})") from None
        try:
            try:
                client.wait_for_workers(1, timeout=WORKER_WAIT)
            except TimeoutError:
                raise ClusterError(f"no worker joined the Dask scheduler at {scheduler} within "
                                   f"{WORKER_WAIT} s") from None
            yield client
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


def _local_cluster(workers: int):
    """N single-threaded worker processes on this machine. On Linux they are forked from this
    process, which has spaCy imported already (as the own pool's are): spawned, each spent
    seconds importing it again before its first batch."""
    import multiprocessing
    import sys

    import dask
    from distributed import LocalCluster

    method = "fork" if sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with dask.config.set({"distributed.worker.multiprocessing-method": method}):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                            dashboard_address=None, silence_logs=logging.ERROR)


@contextmanager
def extraction_plugin(client, model: tuple[str, str], config: ExtractConfig):
    """The worker plugin for this run, set up on every worker (and on workers that join later);
    removed at the end. Yields its name."""
    from .worker import ExtractionPlugin, WorkerRefused

    expected = identity(model[0], model[1], config)
    name = "parley-extract-" + hashlib.sha256(json.dumps(expected, sort_keys=True).encode()).hexdigest()[:12]
    try:
        client.register_plugin(ExtractionPlugin(name, model[0], config, expected), name=name)
    except WorkerRefused as exc:
        raise ClusterError(str(exc)) from None
    except ModuleNotFoundError as exc:
        raise ClusterError(f"a worker cannot run Parley's extraction ({exc}): install the same Parley "
                           "and model on every worker") from None
    except Exception as exc:  # noqa: BLE001 - whatever a worker raised, the user needs one line
        raise ClusterError(f"setting up Parley on the workers failed: {type(exc).__name__}: "
                           f"{_first_line(exc)}") from None
    try:
        yield name
    finally:
        try:
            client.unregister_worker_plugin(name)
        except Exception:  # noqa: BLE001 - a worker gone or the scheduler closing: nothing to tidy
            pass


def parse_on_cluster(scheduler: str, texts: Iterable[tuple[str, int]], config: ExtractConfig,
                     model: tuple[str, str], task_size: int) -> Iterator[tuple]:
    """(article id, records or error, words) for every text, in the order of ``texts``."""
    target = parse_scheduler(scheduler)
    with connect(target) as client, extraction_plugin(client, model, config) as plugin:
        yield from _in_order(client, plugin, batched(texts, task_size))


def _in_order(client, plugin: str, chunks: Iterator[list]) -> Iterator[tuple]:
    from distributed import as_completed

    from .worker import extract_batch

    run = uuid.uuid4().hex[:8]
    seq_of: dict[str, int] = {}
    done: dict[int, list] = {}
    submitted = next_out = 0
    flow = as_completed([], with_results=True, loop=client.loop)

    def refill() -> None:
        nonlocal submitted
        window = TASKS_PER_THREAD * max(1, sum(client.nthreads().values()))
        while submitted - next_out < window:
            chunk = next(chunks, None)
            if chunk is None:
                return
            future = client.submit(extract_batch, plugin, chunk, key=f"parley-{run}-{submitted}", pure=False)
            seq_of[future.key] = submitted
            flow.add(future)
            submitted += 1

    refill()
    try:
        for future, result in _results(flow):
            done[seq_of.pop(future.key)] = result
            while next_out in done:
                yield from done.pop(next_out)
                next_out += 1
            refill()
    finally:
        flow.clear()


def _results(flow) -> Iterator[tuple]:
    """The futures as they complete, with the task's failures turned into one-line errors."""
    from distributed.scheduler import KilledWorker

    from .worker import WorkerRefused

    try:
        yield from flow
    except WorkerRefused as exc:
        raise ClusterError(str(exc)) from None
    except KilledWorker as exc:
        raise ClusterError("a batch of articles was lost with every worker it was given to (Dask gives up "
                           f"after {getattr(exc, 'allowed_failures', 3) + 1}); stopped. Everything written is "
                           "complete: run again to do the rest") from None
    except Exception as exc:
        if type(exc).__name__ in ("CancelledError", "FutureCancelledError"):
            raise ClusterError("lost the Dask scheduler; stopped. Everything written is complete: "
                               "run again to do the rest") from None
        raise


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
