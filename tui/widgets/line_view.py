"""Shared base of the widgets that draw themselves line by line (the line API)."""

from __future__ import annotations

from rich.style import Style
from textual.scroll_view import ScrollView


class LineView(ScrollView):
    """A ScrollView whose ``render_line`` calls read ``self.base_style``: the widget's own
    style, looked up once per repaint instead of once per line (``rich_style`` walks every
    ancestor's styles, which made a 40-line repaint of a long article three times slower)."""

    _base_style: Style | None = None

    def render_lines(self, crop):
        self._base_style = self.rich_style
        return super().render_lines(crop)

    @property
    def base_style(self) -> Style:
        return self._base_style or self.rich_style
