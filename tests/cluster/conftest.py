"""Fixtures for the cluster tests: a Dask scheduler and workers started as separate processes on
loopback (free ports), ingested databases to extract, and a dump of what extraction wrote, to
compare a cluster run's database with a local run's."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

import pytest

from extract.extract_run import ExtractOptions, run_extract
from extract.ingest import ingest_paths
from extract.store import Store
from tests.conftest import CORPUS, SAMPLE_DIR

TOPICS_FILE = SAMPLE_DIR / "topics.toml"
DASK = str(Path(sys.executable).with_name("dask"))
PARLEY = str(Path(sys.executable).with_name("parley"))

# What extraction writes: every column but timestamps, in id order.
TABLES = ("articles", "actors", "aliases", "mentions", "topics", "topic_aliases", "statements", "stances")
PER_ARTICLE = ("mentions", "statements")


def dump(db: Path, articles: set[int] | None = None) -> dict[str, list[tuple]]:
    """The extraction's rows; with ``articles``, only mentions, statements and their stances of
    those articles (what must be there when exactly those articles were written)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        out = {}
        for table in TABLES:
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")
                    if not r[1].endswith("_at") and r[1] != "text"]
            names = ", ".join('"' + c + '"' for c in cols)
            rows = conn.execute(f"SELECT {names} FROM {table} ORDER BY id").fetchall()
            out[table] = rows
        if articles is not None:
            keep = {t: [r for r in out[t] if r[1] in articles] for t in PER_ARTICLE}
            statement_ids = {r[0] for r in keep["statements"]}
            keep["stances"] = [r for r in out["stances"] if r[1] in statement_ids]
            return keep
        return out
    finally:
        conn.close()


def extracted_ids(db: Path) -> set[int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT id FROM articles WHERE extracted_version IS NOT NULL")}
    finally:
        conn.close()


def assert_same(got: dict, want: dict) -> None:
    for table in want:
        assert len(got[table]) == len(want[table]), f"{table}: {len(got[table])} rows, local run {len(want[table])}"
        diff = [(a, b) for a, b in zip(got[table], want[table]) if a != b]
        assert not diff, f"{table}: {len(diff)} rows differ, first: cluster {diff[0][0]} / local {diff[0][1]}"


def corpus_records(n: int, step: int = 41) -> list[dict]:
    """Every step-th corpus record (Reuters, BBC and FNC-1 alike), read from ../shared."""
    with open(CORPUS, encoding="utf-8") as fh:
        return list(islice((json.loads(line) for i, line in enumerate(fh) if i % step == 0), n))


def ingested(folder: Path, records: list[dict] | None = None) -> Path:
    """A database with the sample articles (or these corpus records) ingested, not extracted."""
    db = folder / "ingested.db"
    with Store(db) as store:
        if records is None:
            ingest_paths(store, [SAMPLE_DIR])
        else:
            src = folder / "articles.jsonl"
            src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
            ingest_paths(store, [src])
    return db


def copy_db(db: Path, to: Path) -> Path:
    shutil.copy(db, to)
    return to


def local_run(db: Path, topics: Path | None = None, workers: int = 1) -> dict:
    with Store(db) as store:
        summary = run_extract(store, ExtractOptions(topics_file=topics, workers=workers))
    assert not summary.errors
    return dump(db)


@pytest.fixture(scope="session")
def sample_ingested(tmp_path_factory) -> Path:
    return ingested(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="session")
def sample_local(sample_ingested, tmp_path_factory) -> dict:
    """The sample data extracted locally (one process) with the sample topics."""
    return local_run(copy_db(sample_ingested, tmp_path_factory.mktemp("local") / "local.db"), TOPICS_FILE)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ProcessCluster:
    """``dask scheduler`` and ``dask worker`` as separate processes (each in its own process
    group, so killing a worker kills its nanny and the worker process together)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.address = f"tcp://127.0.0.1:{free_port()}"
        self.scheduler = self._spawn("scheduler", [DASK, "scheduler", "--host", "127.0.0.1", "--port",
                                                   self.address.rsplit(":", 1)[1], "--no-dashboard"])
        self.workers: list[subprocess.Popen] = []
        self._wait_for_port()

    def _spawn(self, name: str, argv: list[str]) -> subprocess.Popen:
        log = open(self.folder / f"{name}.log", "wb")
        return subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def _wait_for_port(self) -> None:
        host, port = self.address[len("tcp://"):].rsplit(":", 1)
        for _ in range(600):
            with socket.socket() as s:
                if s.connect_ex((host, int(port))) == 0:
                    return
            assert self.scheduler.poll() is None, (self.folder / "scheduler.log").read_text()
            time.sleep(0.1)
        raise AssertionError("the scheduler did not start listening")

    def add_worker(self, *extra: str) -> subprocess.Popen:
        name = f"worker{len(self.workers)}"
        proc = self._spawn(name, [DASK, "worker", self.address, "--host", "127.0.0.1", "--nthreads", "1",
                                  "--no-dashboard", "--name", name, *extra])
        self.workers.append(proc)
        return proc

    def wait_for_workers(self, n: int) -> None:
        from distributed import Client

        with Client(self.address, timeout="30s", set_as_default=False) as client:
            client.wait_for_workers(n, timeout=180)

    def kill(self, proc: subprocess.Popen) -> None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()

    def close(self) -> None:
        for proc in [*self.workers, self.scheduler]:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in [*self.workers, self.scheduler]:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@pytest.fixture
def process_cluster(tmp_path):
    """Start scheduler (and workers via add_worker); everything is stopped afterwards."""
    clusters: list[ProcessCluster] = []

    def start(workers: int = 2, *extra: str) -> ProcessCluster:
        cluster = ProcessCluster(tmp_path)
        clusters.append(cluster)
        for _ in range(workers):
            cluster.add_worker(*extra)
        cluster.wait_for_workers(workers)
        return cluster

    yield start
    for cluster in clusters:
        cluster.close()


def parley(db: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PARLEY_SCHEDULER"}
    return subprocess.run([PARLEY, "--db", str(db), *args], capture_output=True, text=True, env=env,
                          timeout=600, **kwargs)
