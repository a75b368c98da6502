"""Driving the app in a real terminal (tmux) for the tests that need one."""

from __future__ import annotations

import shutil
import subprocess
import time

import pytest

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def screen(session: str) -> str:
    return tmux("capture-pane", "-p", "-t", session)


def wait_for(session: str, text: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    shown = ""
    while time.monotonic() < deadline:
        shown = screen(session)
        if text in shown:
            return shown
        time.sleep(0.15)
    raise AssertionError(f"{text!r} never appeared; screen was:\n{shown}")


def keys(session: str, *names: str, pause: float = 0.3) -> None:
    for name in names:
        tmux("send-keys", "-t", session, name)
        time.sleep(pause)


def type_text(session: str, text: str) -> None:
    tmux("send-keys", "-t", session, "-l", text)
    time.sleep(0.4)


def alive(session: str) -> bool:
    return subprocess.run(["tmux", "has-session", "-t", session], capture_output=True).returncode == 0


def quit_app(session: str) -> None:
    """Press q until the app has quit (its tmux session ends with it). The app may quit
    between the check and the key: a key the ended session refuses is not a failure."""
    for _ in range(6):
        if not alive(session):
            return
        try:
            keys(session, "q", pause=0.6)
        except subprocess.CalledProcessError:
            if alive(session):
                raise
            return
    raise AssertionError("the app did not quit on q")
