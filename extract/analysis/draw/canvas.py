"""Figures and how they leave matplotlib: SVG text (for inline HTML) or PNG bytes.

Uses ``matplotlib.figure.Figure`` directly (no pyplot), with the settings that make the SVG
fit for inlining: text as <text> elements, a fixed hash salt and no date (the same data gives
the same bytes), no XML prolog or DOCTYPE (the HTML document is the container).
"""

from __future__ import annotations

import io
import re

import matplotlib
from matplotlib.figure import Figure

from ...textsafe import one_line

RC = {
    "svg.fonttype": "none",       # labels stay text: searchable, selectable, escaped by the writer
    "svg.hashsalt": "parley",     # stable ids
    "svg.image_inline": True,     # the matrix grid's raster stays inside the file
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
    "font.size": 8,
    "axes.titlesize": 8,
    "axes.labelsize": 8,
    "text.usetex": False,
}
_PROLOG = re.compile(r"\A(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^>]*>\s*)?", re.S)


def new_figure(width: float, height: float) -> Figure:
    """A figure of width x height inches with our settings."""
    with matplotlib.rc_context(RC):
        return Figure(figsize=(width, height), layout=None)


def label(text, limit: int | None = 40) -> dict:
    """Keyword arguments for a matplotlib text from untrusted text: one clean line, cut to
    ``limit``, never mathtext ('$x$' stays '$x$')."""
    return {"s": one_line("" if text is None else str(text), limit), "parse_math": False}


def clean(text, limit: int | None = 40) -> str:
    return one_line("" if text is None else str(text), limit)


def figure_svg(fig: Figure, *, title: str | None = None, standalone: bool = False) -> str:
    """The figure as an <svg> element for inlining in HTML (no prolog, no DOCTYPE), or with
    ``standalone`` as a whole SVG file."""
    buffer = io.StringIO()
    with matplotlib.rc_context(RC):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, dpi=100)
    svg = buffer.getvalue()
    if standalone:
        return svg
    svg = _PROLOG.sub("", svg)
    if title:
        from html import escape
        svg = svg.replace(">", f"><title>{escape(clean(title, 200))}</title>", 1)
    return svg


def figure_png(fig: Figure, dpi: int = 150) -> bytes:
    buffer = io.BytesIO()
    with matplotlib.rc_context(RC):
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None}, facecolor="white")
    return buffer.getvalue()
