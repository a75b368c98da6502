"""``parley extract --scheduler``: what the user sees before any work is sent, and that the
option costs nothing when it is not given."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.cluster.conftest import copy_db, extracted_ids, free_port, parley
from tests.conftest import REPO


def test_without_the_option_dask_is_never_imported(sample_ingested, tmp_path):
    db = copy_db(sample_ingested, tmp_path / "p.db")
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from extract.cli import main\n"
        f"r = CliRunner().invoke(main, ['--db', {str(db)!r}, 'extract', '-q', '--article', '1'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed', 'extract'}))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PARLEY_SCHEDULER"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True, env=env)
    assert out.stdout.strip() == "['extract']"
    assert extracted_ids(db) == {1}


def test_an_unreachable_scheduler_is_one_line_and_exit_1(sample_ingested, tmp_path):
    db = copy_db(sample_ingested, tmp_path / "p.db")
    port = free_port()  # nothing listens there
    result = parley(db, "extract", "--scheduler", f"tcp://127.0.0.1:{port}")
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}")
    assert "Traceback" not in result.stdout + result.stderr
    assert extracted_ids(db) == set()


def test_bad_scheduler_values_are_one_line(sample_ingested, tmp_path):
    db = copy_db(sample_ingested, tmp_path / "p.db")
    result = parley(db, "extract", "--scheduler", "local:lots")
    assert result.returncode == 1 and result.stderr.startswith("error: --scheduler 'local:lots': expected local:N")
    result = parley(db, "extract", "--scheduler", "local:2", "--workers", "2")
    assert result.returncode == 2 and "do not go together" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1

