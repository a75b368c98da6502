"""A scheduler and workers started as separate processes on loopback (``dask scheduler``,
``dask worker tcp://127.0.0.1:PORT``), and ``parley extract --scheduler`` through them: the same
database as a local run, a worker killed in the middle, the parent interrupted and run again,
and a worker with another extractor version refused."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest
from distributed import Client

from tests.cluster.conftest import (
    PARLEY, TOPICS_FILE, assert_same, copy_db, corpus_records, dump, extracted_ids, ingested, local_run, parley,
)
from tests.conftest import CORPUS

HERE = Path(__file__).parent


def test_a_run_through_a_scheduler_and_two_workers_equals_a_local_run(process_cluster, sample_ingested,
                                                                       sample_local, tmp_path):
    cluster = process_cluster(2)
    db = copy_db(sample_ingested, tmp_path / "cluster.db")
    result = parley(db, "extract", "--topics", str(TOPICS_FILE), "--scheduler", cluster.address)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("extracted 13 article(s)")
    assert_same(dump(db), sample_local)
    again = parley(db, "extract", "--scheduler", cluster.address)
    assert again.returncode == 0 and "extracted 0 article(s)" in again.stdout
    assert "13 already up to date" in again.stdout


def test_a_worker_with_another_extractor_version_is_refused(process_cluster, sample_ingested, tmp_path):
    cluster = process_cluster(1, "--preload", str(HERE / "other_version.py"))
    db = copy_db(sample_ingested, tmp_path / "cluster.db")
    result = parley(db, "extract", "--scheduler", cluster.address)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: worker tcp://127.0.0.1:") and \
        "refused: it has extractor 0.9-other where this run uses 1." in lines[0]
    assert extracted_ids(db) == set()  # nothing mixed in


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not available")
def test_a_killed_worker_and_an_interrupted_parent_lose_nothing(process_cluster, tmp_path):
    source = ingested(tmp_path, corpus_records(130, step=97))
    want = local_run(copy_db(source, tmp_path / "local.db"), workers=2)
    cluster = process_cluster(2)
    db = copy_db(source, tmp_path / "cluster.db")
    # Small batches keep the run going well after its first commit: with the default 32 the five
    # batches were all in flight at once, the run could end before the interrupt, and a SIGINT that
    # lands while Python is finalizing kills the process silently (exit -2).
    run = subprocess.Popen([PARLEY, "--db", str(db), "extract", "-q", "--batch-size", "4",
                            "--scheduler", cluster.address],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # Kill the first worker (nanny and worker process) while it holds batches of this run.
        with Client(cluster.address, timeout="30s", set_as_default=False) as client:
            victim = _wait(lambda: _busy_worker(client, "worker0"), run, "worker0 never got a batch")
            cluster.kill(cluster.workers[0])
            _wait(lambda: victim not in client.scheduler_info()["workers"], run, "the scheduler kept the worker")
        # Then interrupt the parent once it has committed a first transaction: the first batches
        # were on the killed worker, so that commit also shows they were retried on the other.
        _wait(lambda: extracted_ids(db), run, "nothing was written")
        run.send_signal(signal.SIGINT)
        _, err = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            run.kill()
    written = extracted_ids(db)
    assert run.returncode == 130 and err.strip() == "interrupted", err  # no Dask noise about the lost worker
    assert 0 < len(written) < 130
    # Articles are written whole: those written hold exactly what the local run found for them.
    assert_same(dump(db, written), dump(tmp_path / "local.db", written))

    again = parley(db, "extract", "--scheduler", cluster.address)
    assert again.returncode == 0 and not again.stderr, again.stderr
    assert f"extracted {130 - len(written)} article(s)" in again.stdout
    assert_same(dump(db), want)


def _busy_worker(client, name: str) -> str | None:
    """The address of the worker called ``name`` when it is processing one of parley's batches."""
    for address, keys in client.processing().items():
        info = client.scheduler_info()["workers"].get(address, {})
        if info.get("name") == name and any(str(k).startswith("parley-") for k in keys):
            return address
    return None


def _wait(condition, run: subprocess.Popen, failure: str):
    """Poll ``condition`` while the run goes on (a guard of 5 minutes against a hang, not a timing)."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if run.poll() is not None:
            raise AssertionError(f"{failure} before the run ended: {run.stderr.read()}")
        time.sleep(0.05)
    raise AssertionError(f"{failure} (still waiting after 5 minutes)")
