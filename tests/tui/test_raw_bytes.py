"""Hostile text, raw bytes: the app runs in tmux with every byte it writes copied to a file
(pipe-pane); the article's title and text carry an OSC title sequence, a CSI colour, a C1 CSI
and U+202E. None of those data sequences may appear in what the app wrote."""

from __future__ import annotations

import sys
import time

from extract.store import ArticleIn, Store

from .terminal import alive, keys, needs_tmux, tmux, wait_for

pytestmark = needs_tmux

OSC_TITLE = "\x1b]0;pwned\x07"
CSI_RED = "\x1b[31m"
C1_CSI = "\x9b"
RLO = "\u202e"


def hostile_db(path):
    with Store(path) as store:
        store.articles.add(ArticleIn(
            title=f"Rawtest {OSC_TITLE}title {CSI_RED}red {C1_CSI}2J {RLO}reversed",
            text=(f"Bodytext starts. {OSC_TITLE} then {CSI_RED}colour{CSI_RED} and {C1_CSI}31m "
                  f"and {RLO}txet desrever. Endmarker here.\n") * 3,
            source="raw", published="2024-02-02"))
    return path


def test_no_data_escape_sequence_reaches_the_terminal(tmp_path):
    db = hostile_db(tmp_path / "raw.db")
    log = tmp_path / "out.bin"
    session = f"parley-raw-{tmp_path.name}"
    tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", f"sleep 0.5; cd {tmp_path} && "
         f"TEXTUAL_ANIMATIONS=none {sys.executable} -m tui {db}")
    try:
        tmux("pipe-pane", "-o", "-t", session, f"cat >> {log}")
        wait_for(session, "Rawtest")
        keys(session, "Enter")
        wait_for(session, "Endmarker")
        keys(session, "q", "q", pause=0.8)
        time.sleep(0.5)
        title = tmux("display-message", "-p", "-t", session, "#{pane_title}") if alive(session) else ""
        assert "pwned" not in title
    finally:
        if alive(session):
            tmux("kill-session", "-t", session)
    raw = log.read_bytes()
    assert b"Endmarker" in raw  # the article was drawn
    # 'pwned' may be shown as literal text (']0;pwned'), never inside a title sequence.
    assert b"\x1b]0;" not in raw and b"\x1b]2;" not in raw and b"pwned\x07" not in raw
    assert b"]0;pwned" in raw  # the printable rest was shown literally
    assert "\x1b[31mcolour".encode() not in raw and b"\x1b[31mred" not in raw
    assert b"\xc2\x9b" not in raw  # C1 CSI, as UTF-8
    assert RLO.encode() not in raw
