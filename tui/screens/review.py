"""Review: the analyst's main loop over pending statements and stances, in reading order.

a accept, x reject, 1-4 set the selected stance, s speaker, t topic, space skip, u undo.
Every decision is written at once through ``store.review`` (one transaction, logged in the
audit table), then the next item is shown. Keys pressed while a write is in flight are queued,
never dropped."""

from __future__ import annotations

from collections import deque

from textual import work
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from extract.store import STANCE_LABELS
from extract.store.review import decided_by
from extract.store.team import Conflict

from .. import keymap, safe
from ..review_context import content_offset, context_highlights, speaker_choices
from ..widgets.article_view import ArticleView
from ..undo_words import describe
from ..widgets.dialogs import Picker
from .base import ParleyScreen


class ReviewScreen(ParleyScreen):
    section = "review"
    BINDINGS = keymap.REVIEW

    def __init__(self) -> None:
        super().__init__()
        self.filters: dict = {}
        self.filter_label = ""
        self.lowest_first = False
        self.disagreements = False  # the adjudication list: statements two coders decided differently
        self.item: dict | None = None  # the statement under review, with stances and context
        self.stance_index = 0
        self.progress: tuple[int, int] | None = None
        self.machine: tuple[int, int, dict] | None = None  # (stances right, reviewed, learn status)
        self._scope_total: tuple[tuple, int] | None = None  # (filters, statements in scope)
        self._busy = False
        self._queue: deque = deque()
        self.message = ""
        self._focus_stance: int | None = None

    def compose_body(self) -> ComposeResult:
        yield Static(id="review-progress")
        yield ArticleView(id="review-context")
        yield Static(id="review-meta")

    def on_mount(self) -> None:
        self.query_one(ArticleView).focus()
        self.reload()

    # -- loading -------------------------------------------------------------------------

    def _queue_query(self):
        base = self.app.store.browse.review_queue(lowest_confidence=self.lowest_first, **self.filters)
        return self.app.store.team.queue(base, disagreements=self.disagreements)

    def reload(self) -> None:
        """Show the current item again (or the first one)."""
        self._scope_total = None  # new data may have new statements
        self._run(None, keep=True)

    def set_filters(self, label: str = "", disagreements: bool = False, **filters) -> None:
        self.disagreements = disagreements
        self.filters = {k: v for k, v in filters.items() if v is not None}
        self.filter_label = label
        self.item = None
        self._run(None, keep=False)

    def _run(self, decision, *, keep: bool = False, advance: bool = False, goto: int | None = None) -> None:
        """Queue one step: an optional write, then which item to show."""
        self._queue.append((decision, keep, advance, goto))
        if not self._busy:
            self._next_step()

    def _next_step(self) -> None:
        if not self._queue:
            return
        self._busy = True
        self._step(*self._queue.popleft())

    @work(thread=True, group="review")
    def _step(self, decision, keep: bool, advance: bool, goto: int | None) -> None:
        store = self.app.store
        browse = store.browse
        message = ""
        current = self.item
        try:
            if decision is not None:
                result = decision(store, current)
                if isinstance(result, tuple):  # (message, statement id to show)
                    message, goto = result
                elif isinstance(result, str):
                    message = result
        except Conflict as exc:  # another coder decided it since it was shown: say who, move on
            message = str(exc)
            advance = True
        except Exception as exc:  # a store error must never kill the review loop
            message = f"not saved: {exc}"
            advance = False
            keep = True
        query = self._queue_query()
        item_id = None
        team = store.team
        if goto is not None:
            item_id = goto
            team.claim(item_id)
        elif keep and current is not None:
            item_id = current["id"]
            team.claim(item_id)
        elif advance and current is not None:
            key = tuple(current["_key"])
            item_id = team.claim_next(query, after=key)  # fetch and claim in one write
            if item_id is None:
                message = message or "end of the queue (g starts again from the top)"
                item_id = current["id"]
        else:
            item_id = team.claim_next(query)
        item = self._load_item(browse, query, item_id) if item_id is not None else None
        self.app.call_from_thread(self._show, item, message, decision is not None)

    def _load_item(self, browse, query, statement_id: int) -> dict | None:
        st = browse.statement(statement_id)
        if st is None:
            return None
        st["context"] = browse.statement_context(st)
        if self.lowest_first:
            st["_key"] = (st["confidence"], st["id"])
        else:
            st["_key"] = (st["article_id"], st["content_start"], st["id"])
        st["article_title"] = (browse.article(st["article_id"]) or {}).get("title", "")
        st["choices"] = browse.actors_of_article(st["article_id"])
        st["codings"] = self.app.store.team.codings(statement_id)
        return st

    def _show(self, item, message: str, wrote: bool) -> None:
        same = item is not None and self.item is not None and item["id"] == self.item["id"]
        self.item = item
        self.message = message
        if not same:
            self.stance_index = self._first_pending_stance()
        if self._focus_stance is not None and item is not None:  # after undo: the stance undone
            ids = [t["id"] for t in item["stances"]]
            if self._focus_stance in ids:
                self.stance_index = ids.index(self._focus_stance)
        self._focus_stance = None
        self._draw()
        self._busy = False
        if wrote:
            self.app.decided()
        self._count_progress(dict(self.filters))
        self._next_step()

    @work(thread=True, exclusive=True, group="review-progress")
    def _count_progress(self, filters: dict) -> None:
        """'reviewed N / M', on the counting connection, after the item is on screen. The
        scope's size is counted once per filter (and after R); reviewed rows by index."""
        key = tuple(sorted(filters.items()))
        cached = self._scope_total
        total = cached[1] if cached and cached[0] == key else None
        done, total = self.app.counting_store.browse.review_progress(total=total, **filters)
        self._scope_total = (key, total)
        learning = self.app.counting_store.learning  # issue 11: the machine's accuracy, learn again?
        self.machine = (*learning.stance_headline(), learning.learn_status())
        self.app.call_from_thread(self._show_progress, key, (done, total))

    def _show_progress(self, key: tuple, progress: tuple[int, int]) -> None:
        if key == tuple(sorted(self.filters.items())):
            self.progress = progress
            self._draw_progress()

    def _first_pending_stance(self) -> int:
        stances = self.item["stances"] if self.item else []
        return next((i for i, t in enumerate(stances) if t["review"] == "pending"), 0)

    # -- drawing -------------------------------------------------------------------------

    def _draw_progress(self) -> None:
        if self.progress is None:
            head = "reviewed … / …"
        else:
            done, total = self.progress
            head = f"reviewed {done:,} / {total:,}"
        if self.machine is not None:
            right, reviewed, status = self.machine
            if reviewed:
                head += f" · machine right on {right / reviewed:.0%} of {reviewed:,} reviewed stances"
            if status["learn_again"]:
                head += f" · {status['new']:,} new decisions: parley learn"
        if self.filter_label:
            head += f" · {safe.line(self.filter_label, 30)}"
        if self.lowest_first:
            head += " · lowest confidence first"
        if self.disagreements:
            head += " · adjudicating"
        self.query_one("#review-progress", Static).update(Content(head), layout=False)  # one line, fixed

    def _draw(self) -> None:
        self._draw_progress()
        parts = [p for p in (safe.line(self.filter_label, 30), "low conf. first" if self.lowest_first else "") if p]
        self.filter_text = " · ".join(parts) or "all pending"
        view = self.query_one(ArticleView)
        meta = self.query_one("#review-meta", Static)
        st = self.item
        if st is None:
            view.show("Nothing waits for review here.", [])
            meta.update(Content(self.message or "All statements in this scope have a decision."))
            return
        context = st["context"]
        view.show(context.text, context_highlights(st, context))
        view.scroll_to_offset(content_offset(st, context))
        meta.update(self._meta(st))

    def _meta(self, st: dict) -> Content:
        lines = [
            Content("speaker ") + Content(safe.line(st.get("speaker") or "(unresolved)", 30)).stylize("bold")
            + Content(f" · {st['kind']} · conf {st['confidence']:.2f} · ")
            + Content(safe.line(decided_by(st["review"], st.get("reviewed_by"), st.get("reviewed_at")), 40)),
            Content("article ") + Content(safe.line(st.get("article_title"), 60)).stylize("dim"),
        ]
        for i, t in enumerate(st["stances"]):
            pointer = "▸ " if i == self.stance_index else "  "
            machine = f" (machine: {t['label']})" if t["review_label"] and t["review_label"] != t["label"] else ""
            row = (Content(pointer) + Content(safe.line(t["topic"], 24)).stylize("bold")
                   + Content(f"  {t['effective']}  [{t['review']}]{machine}"))
            lines.append(row.stylize("reverse") if i == self.stance_index and len(st["stances"]) > 1 else row)
        if not st["stances"]:
            lines.append(Content("  no topic: t adds one"))
        if len(st.get("codings") or []) > 1:
            coded = " · ".join(f"{c['coder']}: {c['review']}" for c in st["codings"])
            lines.append(Content("coders ") + Content(safe.line(coded, 70)).stylize("dim"))
        lines.append(Content("1 support 2 oppose 3 conditional 4 neutral · tab next stance").stylize("dim"))
        if self.message:
            lines.append(Content(safe.line(self.message, 100)).stylize("italic"))
        return Content("\n").join(lines)

    # -- decisions -----------------------------------------------------------------------

    def _selected_stance(self) -> dict | None:
        stances = self.item["stances"] if self.item else []
        return stances[self.stance_index] if 0 <= self.stance_index < len(stances) else None

    def _seen(self, st: dict) -> tuple:
        """The statement's decision as it was shown: another coder's later one is not overwritten."""
        return (st["review"], st.get("reviewed_by"), st.get("reviewed_at"))

    def action_accept(self) -> None:
        if self.item:
            self._run(lambda store, st: store.review.accept(
                st["id"], seen=self._seen(st), adjudicate=self.disagreements) and "accepted", advance=True)

    def action_reject(self) -> None:
        if self.item:
            self._run(lambda store, st: store.review.reject(
                st["id"], seen=self._seen(st), adjudicate=self.disagreements) and "rejected", advance=True)

    def action_stance(self, label: str) -> None:
        if not self.item or label not in STANCE_LABELS:
            return
        stance = self._selected_stance()
        if stance is None:
            self.action_topic(label)
            return
        stance_id = stance["id"]
        remaining = [t for t in self.item["stances"] if t["review"] == "pending" and t["id"] != stance_id]

        def decide(store, st):
            store.review.set_stance(stance_id, label, seen=self._seen(st), adjudicate=self.disagreements)
            return f"{stance['topic']}: {label}"

        if remaining:  # stay on this statement, move to its next pending stance
            self.stance_index = self.item["stances"].index(remaining[0])
            self._run(decide, keep=True)
        else:
            self._run(decide, advance=True)

    def action_next_stance(self) -> None:
        if self.item and self.item["stances"]:
            self.stance_index = (self.stance_index + 1) % len(self.item["stances"])
            self._draw()

    def action_skip(self) -> None:
        if self.item:
            self._run(None, advance=True)

    def action_restart(self) -> None:
        self.item = None
        self._run(None)

    def action_undo(self) -> None:
        def undo(store, st):
            rows = store.browse.last_decision()
            if not rows or store.review.undo() is None:
                return "nothing to undo"
            message = describe(rows, lambda actor_id: (store.actors.get(actor_id) or {}).get("name", actor_id))
            goto = next((r["statement_id"] for r in rows if r["statement_id"] is not None), None)
            stance_id = next((r["entity_id"] for r in rows if r["entity"] == "stance"), None)
            self._focus_stance = stance_id
            return (message, goto)

        self._run(undo, keep=True)

    def action_speaker(self) -> None:
        if self.item:
            self._pick_speaker(self.item)

    @work(thread=True, group="review-topics")
    def _pick_speaker(self, item: dict) -> None:
        choices = speaker_choices(item["context"], item["choices"], self.app.store.browse.actor_names())
        statement_id = item["id"]

        def picked(actor: dict | None) -> None:
            if actor:
                self._run(lambda store, st: store.review.set_speaker(statement_id, actor["id"])
                          and f"speaker: {actor['name']}", keep=True)

        self.app.call_from_thread(self.app.push_screen,
                                  Picker("Speaker (nearby first, type to search all)", choices), picked)

    def action_topic(self, label: str | None = None) -> None:
        if not self.item:
            return
        self._pick_topic(self.item["id"], self._selected_stance(), label)

    @work(thread=True, group="review-topics")
    def _pick_topic(self, statement_id: int, stance: dict | None, label: str | None) -> None:
        topics = self.app.store.browse.topics()
        choices = [{"id": t["id"], "name": t["name"], "hint": f"{t['stances']} stances"} for t in topics]

        def picked(topic: dict | None) -> None:
            if not topic:
                return
            if stance is not None and label is None:
                self._run(lambda store, st: store.review.set_topic(stance["id"], topic["id"])
                          and f"topic: {topic['name']}", keep=True)
            else:
                self._run(lambda store, st: store.review.add_stance(statement_id, topic["id"], label or "neutral")
                          and f"added {topic['name']}: {label or 'neutral'}", keep=True)

        title = "Move this stance to topic" if stance is not None and label is None else "Add a stance on topic"
        self.app.call_from_thread(self.app.push_screen, Picker(title, choices), picked)

    # -- filters -------------------------------------------------------------------------

    def action_toggle_order(self) -> None:
        self.lowest_first = not self.lowest_first
        self.item = None
        self._run(None)

    def action_filter(self) -> None:
        self._pick_filter()

    @work(thread=True, group="review-topics")
    def _pick_filter(self) -> None:
        browse = self.app.store.browse
        choices = [{"id": None, "name": "all (clear filters)", "hint": "", "kind": "clear"},
                   {"id": None, "name": "disagreements between coders",
                    "hint": f"{self.app.store.team.disagreements()} to adjudicate", "kind": "disagreements"}]
        if self.item:
            choices.append({"id": self.item["article_id"], "name": "this article", "hint": "article",
                            "kind": "article"})
        choices += [{"id": t["id"], "name": t["name"], "hint": "topic", "kind": "topic"} for t in browse.topics()]
        choices += [{"id": a[0], "name": a[1], "hint": a[2], "kind": "actor"} for a in browse.actor_names(20_000)]

        def picked(choice: dict | None) -> None:
            if choice is None:
                return
            kind = choice["kind"]
            if kind == "clear":
                self.set_filters()
            elif kind == "disagreements":
                self.set_filters(label="disagreements", disagreements=True)
            else:
                self.set_filters(label=f"{kind}: {choice['name']}", **{f"{kind}_id": choice["id"]})

        self.app.call_from_thread(self.app.push_screen, Picker("Review only…", choices), picked)

    def export_view(self):
        if not self.item:
            return None
        st = self.item
        return (f"statement-{st['id']}", ["id", "speaker", "kind", "content", "review", "stances"],
                [[st["id"], st.get("speaker"), st["kind"], st["content"], st["review"],
                  "; ".join(f"{t['topic']}={t['effective']}" for t in st["stances"])]])
