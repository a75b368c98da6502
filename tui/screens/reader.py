"""The reader: one article with actors, speakers, cues and statement contents highlighted;
n / N walk the statements and the side panel describes the current one."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from .. import keymap, safe
from ..widgets.article_view import ArticleView, Highlight
from .base import ParleyScreen

LEGEND = "mention · SPEAKER · cue · content"


def statement_panel(st: dict | None, index: int, total: int) -> Content:
    if st is None:
        return Content("no statements in this article" if not total else "press n for the first statement")
    lines = [
        Content(f"Statement {index + 1}/{total}").stylize("bold"),
        Content("speaker: ") + Content(safe.line(st.get("speaker") or "(unresolved)", 40)).stylize("bold"),
    ]
    if st.get("speaker_text"):
        lines.append(Content("  as written: ") + Content(safe.line(st["speaker_text"], 30)))
    lines.append(Content(f"kind: {st['kind']} · conf {st['confidence']:.2f} · {st['review']}"))
    if st.get("cue"):
        lines.append(Content("cue: ") + Content(safe.line(st["cue"], 30)))
    for t in st["stances"]:
        mark = "" if t["review"] == "pending" else f" ({t['review']})"
        lines.append(Content("• ") + Content(safe.line(t["topic"], 22)).stylize("bold")
                     + Content(f": {t['effective']}{mark}"))
    if not st["stances"]:
        lines.append(Content("no topic/stance"))
    return Content("\n").join(lines)


class ReaderScreen(ParleyScreen):
    section = "articles"
    BINDINGS = keymap.READER

    def __init__(self, article_id: int) -> None:
        super().__init__()
        self.article_id = article_id
        self.statements: list[dict] = []
        self.index = -1
        self.article: dict | None = None

    def compose_body(self) -> ComposeResult:
        yield Static(id="side-panel")
        yield ArticleView(id="article-view")

    def on_mount(self) -> None:
        self.query_one(ArticleView).focus()
        self.reload()

    @work(thread=True, exclusive=True, group="reader")
    def reload(self) -> None:
        browse = self.app.store.browse
        article = browse.article(self.article_id)
        statements = browse.statements_of_article(self.article_id) if article else []
        mentions = browse.mentions_of_article(self.article_id) if article else []
        self.app.call_from_thread(self._show, article, statements, mentions)

    def _show(self, article, statements, mentions) -> None:
        view = self.query_one(ArticleView)
        if article is None:
            self.query_one("#side-panel", Static).update(Content(f"article {self.article_id} no longer exists"))
            return
        self.article = article
        self.statements = statements
        highlights = [Highlight(m["start"], m["end"], "mention") for m in mentions]
        for st in statements:
            highlights.append(Highlight(st["content_start"], st["content_end"], "content"))
            if st.get("cue_start") is not None:
                highlights.append(Highlight(st["cue_start"], st["cue_end"], "cue"))
            if st.get("speaker_start") is not None:
                highlights.append(Highlight(st["speaker_start"], st["speaker_end"], "speaker"))
        title = safe.line(article["title"] or "(untitled)")
        meta = " · ".join(safe.line(x) for x in (article["source"], (article["published"] or "")[:10]) if x)
        header = f"{title}\n{meta}\n\n" if meta else f"{title}\n\n"
        shift = len(header)
        view.show(header + article["text"], [Highlight(h.start + shift, h.end + shift, h.kind) for h in highlights])
        self._shift = shift
        self.set_title(title)
        self.filter_text = f"{len(statements)} statements · {LEGEND}"
        self.index = min(self.index, len(statements) - 1)
        self._update_panel()

    def _update_panel(self) -> None:
        st = self.statements[self.index] if 0 <= self.index < len(self.statements) else None
        self.query_one("#side-panel", Static).update(statement_panel(st, self.index, len(self.statements)))
        if st is not None:
            view = self.query_one(ArticleView)
            view.set_current(st["content_start"] + self._shift, st["content_end"] + self._shift)
            view.scroll_to_offset(st["content_start"] + self._shift)

    def action_next_statement(self) -> None:
        if self.statements:
            self.index = (self.index + 1) % len(self.statements)
            self._update_panel()

    def action_previous_statement(self) -> None:
        if self.statements:
            self.index = (self.index - 1) % len(self.statements)
            self._update_panel()

    def action_toggle_panel(self) -> None:
        self.query_one("#side-panel").toggle_class("-hidden")

    def action_review_article(self) -> None:
        self.app.action_section("review")
        self.app.screen.set_filters(article_id=self.article_id, label=f"article {self.article_id}")

    def action_scroll_down(self) -> None:
        self.query_one(ArticleView).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one(ArticleView).scroll_up(animate=False)

    def action_scroll_home(self) -> None:
        self.query_one(ArticleView).scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.query_one(ArticleView).scroll_end(animate=False)

    def action_page_down(self) -> None:
        self.query_one(ArticleView).scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.query_one(ArticleView).scroll_page_up(animate=False)

    def export_view(self):
        cols = ["id", "speaker", "kind", "cue", "content", "review", "stances"]
        rows = [[s["id"], s.get("speaker"), s["kind"], s.get("cue"), s["content"], s["review"],
                 "; ".join(f"{t['topic']}={t['effective']}" for t in s["stances"])] for s in self.statements]
        return f"article-{self.article_id}", cols, rows
