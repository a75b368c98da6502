"""Make untrusted text safe to store and to show in a terminal.

Article text comes from anywhere. Before it is stored, and again before it is displayed, we
remove C0/C1 control characters (keeping newline and tab), DEL, and the Unicode bidi controls
that can make text render in a different order than it is stored ('Trojan Source').
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except \t and \n, DEL, C1 controls; bidi embeddings/overrides/isolates; BOM.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
# A whole ANSI/VT escape sequence (CSI ... final byte, or OSC ... BEL/ST), removed in one go so
# that its printable tail ('[31m') does not survive as litter once ESC itself is stripped.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"            # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, terminated by BEL or ST (or cut off)
    r"|\x9b[0-?]*[ -/]*[@-~]"             # 8-bit CSI
    r"|\x1b[@-Z\\-_]"                     # other two-byte escapes
)


def strip_unsafe(text: str) -> str:
    """Remove escape sequences, control characters (but \\n and \\t) and bidi controls."""
    text = _ESCAPE_SEQUENCE.sub("", text)
    return _UNSAFE.sub("", text)


def normalize_text(text: str) -> str:
    """The canonical stored form: NFC, LF line ends, no unsafe characters, no trailing spaces."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = strip_unsafe(text)
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def one_line(text: str, limit: int | None = None) -> str:
    """Collapse whitespace for list cells and titles; optionally cut with an ellipsis."""
    flat = " ".join(strip_unsafe(text).split())
    if limit is not None and len(flat) > limit:
        return flat[: max(0, limit - 1)] + "\u2026"
    return flat
