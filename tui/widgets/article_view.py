"""Article text, wrapped and drawn line by line, with mentions, speakers, cues and statement
contents highlighted by character offset. A 1 MB single-line article is fine: a long text is
wrapped in a thread worker (the UI thread never waits for it), and only the visible lines are
styled."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from rich.segment import Segment
from rich.text import Text
from textual import work
from textual.geometry import Size
from textual.strip import Strip

from .. import safe
from .line_view import LineView

_TOKEN = re.compile(r"\S+\s*|\s+")

# Texts longer than this are wrapped in a thread worker (about 2 ms of work on the UI thread).
INLINE_WRAP_CHARS = 20_000

# Drawn in this order, so a later kind wins where spans overlap.
KINDS = ("content", "mention", "speaker", "cue", "current")


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    kind: str  # one of KINDS


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) of each screen line; words are kept whole unless longer than a line."""
    width = max(8, width)
    lines: list[tuple[int, int]] = []
    pos = 0
    for paragraph in text.split("\n"):
        start = pos
        end = pos + len(paragraph)
        line_start = start
        line_len = 0
        for m in _TOKEN.finditer(paragraph):
            token_start, token = start + m.start(), m.group()
            word_len = len(token.rstrip())
            if line_len and line_len + word_len > width:
                lines.append((line_start, token_start))
                line_start, line_len = token_start, 0
            while word_len > width:  # a very long word: cut it
                lines.append((line_start, line_start + width))
                line_start += width
                word_len -= width
                token = token[width:]
                line_len = 0
            line_len += len(token)
        lines.append((line_start, end))
        pos = end + 1
    return lines


class ArticleView(LineView, can_focus=True):
    COMPONENT_CLASSES = {f"article-view--{k}" for k in KINDS}
    DEFAULT_CSS = """
    ArticleView { height: 1fr; padding: 0 1; }
    ArticleView > .article-view--mention { text-style: underline; color: $secondary; }
    ArticleView > .article-view--speaker { text-style: bold underline; color: $warning; }
    ArticleView > .article-view--cue { text-style: bold italic; color: $error; }
    ArticleView > .article-view--content { color: $success; text-style: italic; }
    ArticleView > .article-view--current { text-style: reverse; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = ""
        self.highlights: list[Highlight] = []
        self._starts: list[int] = []
        self._longest = 0
        self._lines: list[tuple[int, int]] = []
        self._wrapped_at = 0
        self._generation = 0
        self._pending_offset: int | None = None  # scroll_to_offset asked before the wrap landed

    def show(self, text: str, highlights: list[Highlight]) -> None:
        self.text = safe.same_length(text)
        self.highlights = sorted(highlights, key=lambda h: h.start)
        self._starts = [h.start for h in self.highlights]
        self._longest = max((h.end - h.start for h in self.highlights), default=0)
        self._wrapped_at = 0
        self._rewrap()
        self.scroll_to(y=0, animate=False, immediate=True)

    def set_current(self, start: int, end: int) -> None:
        self.highlights = [h for h in self.highlights if h.kind != "current"]
        self.highlights.append(Highlight(start, end, "current"))
        self.highlights.sort(key=lambda h: h.start)
        self._starts = [h.start for h in self.highlights]
        self._longest = max(self._longest, end - start)
        self.refresh()

    def line_of(self, offset: int) -> int:
        starts = [s for s, _ in self._lines]
        return max(0, bisect_right(starts, offset) - 1)

    def scroll_to_offset(self, offset: int) -> None:
        if not self._lines:
            self._pending_offset = offset
            return
        line = self.line_of(offset)
        top = round(self.scroll_offset.y)
        height = self.scrollable_content_region.height
        if not top <= line < top + height - 1:
            self.scroll_to(y=max(0, line - 2), animate=False, immediate=True)

    def _rewrap(self) -> None:
        width = self.scrollable_content_region.width or 78
        if width == self._wrapped_at:
            return
        self._wrapped_at = width
        self._generation += 1
        if len(self.text) <= INLINE_WRAP_CHARS:
            self._wrapped(wrap_offsets(self.text, width - 1), width, self._generation)
        else:
            self._lines = []
            self.refresh()
            self._wrap(self.text, width, self._generation)

    @work(thread=True, exclusive=True, group="article-wrap")
    def _wrap(self, text: str, width: int, generation: int) -> None:
        lines = wrap_offsets(text, width - 1)
        self.app.call_from_thread(self._wrapped, lines, width, generation)

    def _wrapped(self, lines: list[tuple[int, int]], width: int, generation: int) -> None:
        if generation != self._generation:
            return
        self._lines = lines
        self.virtual_size = Size(width, len(lines))
        self.refresh()
        if self._pending_offset is not None:
            offset, self._pending_offset = self._pending_offset, None
            self.scroll_to_offset(offset)

    def on_resize(self) -> None:
        self._rewrap()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = round(self.scroll_offset.y) + y
        base = self.base_style
        if index >= len(self._lines):
            if not self._lines and y == 0 and self.text:
                return Strip([Segment(" wrapping…".ljust(width), base)])
            return Strip.blank(width, base)
        start, end = self._lines[index]
        line = Text(self.text[start:end].rstrip("\n"), no_wrap=True, end="")
        # Highlights that may touch this line: those starting before its end, not too far back.
        lo = bisect_right(self._starts, start - self._longest - 1)
        hi = bisect_right(self._starts, end)
        for kind in KINDS:
            style = None
            for h in self.highlights[lo:hi]:
                if h.kind == kind and h.end > start and h.start < end:
                    style = style or self.get_component_rich_style(f"article-view--{kind}")
                    line.stylize(style, max(0, h.start - start), min(end, h.end) - start)
        line.truncate(width, pad=True)
        return Strip(list(line.render(self.app.console)), width).apply_style(base)
