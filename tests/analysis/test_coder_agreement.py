"""Double coding and Krippendorff's alpha through the real commands on a real store."""

from __future__ import annotations

import json

import krippendorff
import numpy as np
from click.testing import CliRunner

from extract.cli import main
from extract.store import Store

from ..store.team_db import build_team_db


def parley(db, *args):
    return CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)


def test_double_coding_and_agreement(tmp_path):
    db = build_team_db(tmp_path / "team.db", statements=40)
    result = parley(db, "review", "--double", "50%")
    assert result.exit_code == 0 and "20 of 40 statements go to two coders" in result.output
    with Store(db, coder="ana") as ana, Store(db, coder="ben") as ben:
        double = [r[0] for r in ana.query("SELECT statement_id FROM double_coding ORDER BY 1")]
        assert len(double) == 20
        for i, sid in enumerate(double):
            ana.review.accept(sid)
            # ben agrees on accept/reject except on 4 items, and relabels the stance on 3 of the
            # items he accepts.
            if i < 4:
                ben.review.reject(sid)
            elif i < 7:
                stance = ben.scalar("SELECT id FROM stances WHERE statement_id = ?", (sid,))
                machine = ben.scalar("SELECT label FROM stances WHERE id = ?", (stance,))
                ben.review.set_stance(stance, "neutral" if machine != "neutral" else "support")
            else:
                ben.review.accept(sid)
        # The first coder's decisions are what counts use; nothing was overwritten.
        assert ana.scalar("SELECT count(*) FROM statements WHERE review = 'accepted' AND reviewed_by = 'ana'") == 20
        assert ana.team.disagreements() == 7
        units = ana.team.decision_units(["ana", "ben"])
    result = parley(db, "agreement", "--coders", "ana,ben", "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["review"]["items"] == 20 and figures["review"]["disagreed"] == 4
    # ben's stance labels exist on the 16 statements he did not reject (accept or relabel).
    assert figures["stance"]["items"] == 16 and figures["stance"]["disagreed"] == 3
    assert figures["open_disagreements"] == 7
    # The alpha is the package's own on the same reliability matrix.
    items = sorted(units["ana"]["review"])
    data = np.array([[0 if units[c]["review"][u] == "accepted" else 1 for u in items] for c in ("ana", "ben")],
                    dtype=float)
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal", value_domain=[0, 1])
    assert abs(figures["review"]["alpha"] - round(expected, 4)) < 1e-9
    text = parley(db, "agreement").output
    assert "accept/reject: alpha" in text and "over 20 items" in text


def test_wrong_coder_names_are_one_line(tmp_path):
    db = build_team_db(tmp_path / "team.db", statements=4)
    with Store(db, coder="ana") as ana:
        ana.review.accept(1)
    result = parley(db, "agreement", "--coders", "ana,zed")
    assert result.exit_code == 1
    assert result.output.strip() == "error: unknown coder zed; coders with decisions: ana"
    result = parley(db, "--coder", "", "agreement")
    assert result.exit_code == 1 and "invalid coder name" in result.output
    result = parley(db, "review", "--double", "120%")
    assert result.exit_code == 2 and "between 0% and 100%" in result.output
