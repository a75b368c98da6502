"""What ``--scheduler`` / ``PARLEY_SCHEDULER`` accepts."""

from __future__ import annotations

import os
from dataclasses import dataclass

from . import ClusterError


@dataclass(frozen=True)
class Scheduler:
    address: str | None = None  # a running scheduler ('tcp://10.0.0.5:8786')
    local_workers: int = 0  # or a LocalCluster of this many single-threaded workers

    def __str__(self) -> str:
        return self.address or f"local:{self.local_workers}"


def parse_scheduler(value: str) -> Scheduler:
    """'local' or 'local:N' starts a LocalCluster here; anything else is a scheduler address
    ('tcp://host:port', or 'host:port', which Dask reads as tcp)."""
    value = value.strip()
    if not value:
        raise ClusterError("--scheduler needs an address (tcp://HOST:PORT) or local:N")
    if value == "local" or value.startswith("local:"):
        count = value.partition(":")[2] or str(os.cpu_count() or 1)
        if not count.isdigit() or not 1 <= int(count) <= 256:
            raise ClusterError(f"--scheduler {value!r}: expected local:N with N a number of workers from 1 to 256")
        return Scheduler(local_workers=int(count))
    return Scheduler(address=value)
