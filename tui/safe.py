"""The one way untrusted text reaches the screen.

Article text, titles, actor names and statements come from the web. Textual parses markup
in plain strings ('[@click=app.quit]' becomes an action, '[/bold]' raises), and raw ESC/C1
bytes would reach the terminal. Everything from the store is shown through these helpers:
control characters and bidi overrides are stripped, and the result is a ``rich.text.Text``
or a ``textual.content.Content`` built from the plain string, never parsed as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from extract.textsafe import one_line, strip_unsafe


def clean(value: object) -> str:
    """Plain, terminal-safe text ('' for None)."""
    if value is None:
        return ""
    return strip_unsafe(str(value)).replace("\t", "    ")


def text(value: object, style: str = "") -> Text:
    """A rich Text holding the value literally."""
    return Text(clean(value), style=style, no_wrap=True, end="")


def content(value: object) -> Content:
    """A Textual Content holding the value literally."""
    return Content(clean(value))


def line(value: object, limit: int | None = None) -> str:
    """One line, whitespace collapsed, cut with an ellipsis."""
    return one_line(clean(value), limit)


def cell(value: object, width: int, align: str = "left") -> str:
    """A fixed-width table cell."""
    flat = one_line(clean(value), width) if width > 0 else ""
    return flat.rjust(width) if align == "right" else flat.ljust(width)


# The characters strip_unsafe removes (C0 but \t \n, DEL, C1, bidi controls, BOM).
_UNSAFE_CHAR = __import__("re").compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


def same_length(value: str) -> str:
    """Safe text with every offset kept: each unsafe character becomes U+FFFD, a tab a space.

    Used for article text, where stored character offsets must still point at the right
    words (``strip_unsafe`` would shift them)."""
    return _UNSAFE_CHAR.sub("\ufffd", value).replace("\t", " ")
