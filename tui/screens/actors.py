"""Actors: the list (type, affiliation, mentions, statements) and one actor's detail with
the analyst's edits: rename, merge (fuzzy picker), set type, set affiliation, split an alias."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from extract.store import ACTOR_TYPES
from extract.store.review import ROW_DELETED

from .. import keymap, safe
from ..export import query_rows
from ..rows import QueryRows
from ..widgets.dialogs import Picker, Prompt
from ..widgets.virtual_list import VirtualList
from .base import ParleyScreen
from .list_section import ListSectionScreen

TYPE_CYCLE = (None, *ACTOR_TYPES)
# A database with more actors than this opens on the actors with statements only: most of
# the rest are names mentioned once.
MANY_ACTORS = 1000


def _name_width(width: int) -> int:
    return max(10, width - 1 - 13 - 19 - 14)


def actor_line(row: dict, width: int) -> Text:
    name_w = _name_width(width)
    line = safe.text(" " + safe.cell(row["name"], name_w))
    line.append(" " + safe.cell(row["type"], 12), style="dim")
    line.append(" " + safe.cell(row["affiliation"], 18))
    line.append(f" {row['mentions']:>6} {row['statements']:>6}")
    return line


def actor_header(width: int) -> str:
    name_w = _name_width(width - 2)  # the rows are as wide as the list beside its scrollbar
    return " " + "Actor".ljust(name_w) + " " + "Type".ljust(12) + " " + "Affiliation".ljust(18) + "  Ment.  Stmt."


class ActorsScreen(ListSectionScreen):
    section = "actors"
    BINDINGS = keymap.ACTORS
    list_id = "actors-list"
    row_line = staticmethod(actor_line)
    empty_text = "no actors yet (run 'parley extract')"
    filter_placeholder = "filter actors by name or alias, enter to apply, esc to cancel"
    default_sort = "prominence"
    descending_first = frozenset({"prominence"})

    def __init__(self) -> None:
        super().__init__()
        self.actor_type: str | None = None
        self.speakers_only: bool | None = None  # decided on first load from the database's size

    def list_query(self):
        browse = self.app.store.browse
        if self.speakers_only is None:
            self.speakers_only = browse.has_more_actors_than(MANY_ACTORS)
        return browse.actors(self.sort, self.desc, self.actor_type, self.text_filter or None,
                             speakers_only=self.speakers_only)

    def header(self, width: int) -> str:
        return actor_header(width)

    def on_virtual_list_loaded(self, event: VirtualList.Loaded) -> None:
        parts = [f"{event.total:,}{'' if event.exact else '+'} actors",
                 "with statements" if self.speakers_only else "all",
                 f"sort {self.sort} {'↓' if self.desc else '↑'}"]
        if self.actor_type:
            parts.append(f"type {self.actor_type}")
        if self.text_filter:
            parts.append(f"name {safe.line(self.text_filter, 20)!r}")
        self.filter_text = " · ".join(parts)

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        self.app.push_screen(ActorDetailScreen(event.row["id"]))

    def action_cycle_type(self) -> None:
        self.actor_type = TYPE_CYCLE[(TYPE_CYCLE.index(self.actor_type) + 1) % len(TYPE_CYCLE)]
        self.reload(cursor=0)

    def action_toggle_speakers(self) -> None:
        self.speakers_only = not self.speakers_only
        self.reload(cursor=0)

    def action_filter_name(self) -> None:
        self.open_filter()

    def action_clear(self) -> None:
        self.text_filter, self.actor_type = "", None
        self.reload(cursor=0)

    def export_view(self):
        cols = ["id", "name", "type", "role", "affiliation", "mentions", "statements"]
        return "actors", cols, query_rows(self.app.store.browse, self.list_query(), cols)


def statement_line(row: dict, width: int) -> Text:
    line = safe.text(" " + safe.cell(row["stances"] or "-", 26), style="bold")
    line.append(" " + safe.cell(row["content"], max(10, width - 29)))
    return line


def actor_info(actor: dict) -> Content:
    chain = " → ".join(safe.line(a["name"], 30) for a in actor["chain"])
    lines = [
        Content(safe.line(actor["name"], 60)).stylize("bold")
        + Content(f"  {actor['type']}" + (f" · {safe.line(actor['role'], 30)}" if actor.get("role") else "")),
        Content("chain: ") + Content(chain),
        Content("aliases: ") + Content(safe.line(", ".join(actor["aliases"]) or "-", 120)),
        Content(f"mentions: {actor['mention_count']}"),
    ]
    if actor["members"]:
        lines.append(Content("members: ") + Content(safe.line(", ".join(m["name"] for m in actor["members"]), 120)))
    for t in actor["stances"]:
        counts = " ".join(f"{k[0].upper()}{t[k]}" for k in ("support", "oppose", "conditional", "neutral") if t[k])
        lines.append(Content("• ") + Content(safe.line(t["topic"], 30)).stylize("bold") + Content(f"  {counts}"))
    if not actor["stances"]:
        lines.append(Content("no stances yet"))
    return Content("\n").join(lines)


class ActorDetailScreen(ParleyScreen):
    section = "actors"
    BINDINGS = keymap.ACTOR_EDIT

    def __init__(self, actor_id: int) -> None:
        super().__init__()
        self.actor_id = actor_id
        self.actor: dict | None = None

    def compose_body(self) -> ComposeResult:
        yield Static(id="actor-info", classes="info")
        yield VirtualList(statement_line, empty="no statements by this actor", id="actor-statements")

    def on_mount(self) -> None:
        self.query_one(VirtualList).focus()
        self.reload()

    @work(thread=True, exclusive=True, group="actor")
    def reload(self) -> None:
        actor = self.app.store.browse.actor(self.actor_id)
        self.app.call_from_thread(self._show, actor)

    def _show(self, actor: dict | None) -> None:
        self.actor = actor
        info = self.query_one("#actor-info", Static)
        if actor is None:
            info.update(Content(f"actor {self.actor_id} no longer exists (merged or undone); press q"))
            return
        self.set_title(safe.line(actor["name"], 40))
        info.update(actor_info(actor))
        view = self.query_one(VirtualList)
        view.set_rows(QueryRows(self.app.store.browse, self.app.store.browse.statements_by(self.actor_id)),
                      cursor=view.cursor)
        self.filter_text = "r rename · m merge · T type · f affiliation · l split alias · u undo"

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        from .reader import ReaderScreen

        self.app.push_screen(ReaderScreen(event.row["article_id"]))

    # -- edits (each one undoable decision in the store) ---------------------------------

    @work(thread=True, group="actor-write")
    def _write(self, fn, done: str) -> None:
        try:
            fn(self.app.store)
        except Exception as exc:
            self.app.call_from_thread(self.notify, f"not saved: {exc}", severity="error", markup=False)
            return
        self.app.call_from_thread(self._written, done)

    def _written(self, done: str) -> None:
        self.notify(done, markup=False)
        self.app.decided()
        self.reload()
        for screen in self.app.screen_stack:
            if isinstance(screen, ActorsScreen):
                screen.reload()

    def action_rename(self) -> None:
        if not self.actor:
            return

        def named(name: str | None) -> None:
            if name and name.strip():
                self._write(lambda s: s.actors.rename(self.actor_id, name), f"renamed to {safe.line(name)}")

        self.app.push_screen(Prompt("New name", self.actor["name"]), named)

    def action_set_type(self) -> None:
        if not self.actor:
            return
        choices = [{"id": t, "name": t} for t in ACTOR_TYPES]

        def picked(choice: dict | None) -> None:
            if choice:
                self._write(lambda s: s.actors.set_type(self.actor_id, choice["id"]), f"type: {choice['id']}")

        self.app.push_screen(Picker("Actor type", choices), picked)

    def action_merge(self) -> None:
        self._pick_actor("Merge this actor into…", self._merge)

    def _merge(self, target: dict) -> None:
        name = self.actor["name"] if self.actor else str(self.actor_id)

        source_id = self.actor_id

        def merge(store):
            store.actors.merge(source_id, target["id"])

        self._write(merge, f"merged {safe.line(name)} into {safe.line(target['name'])}")
        self.actor_id = target["id"]

    def action_set_affiliation(self) -> None:
        self._pick_actor("Belongs to…", self._affiliate, none_choice=True)

    def _affiliate(self, parent: dict) -> None:
        self._write(lambda s: s.actors.set_affiliation(self.actor_id, parent["id"]),
                    f"affiliation: {safe.line(parent['name'])}")

    @work(thread=True, group="actor-pick")
    def _pick_actor(self, title: str, then, none_choice: bool = False) -> None:
        names = self.app.store.browse.actor_names()
        choices = [{"id": a[0], "name": a[1], "hint": a[2]} for a in names if a[0] != self.actor_id]
        if none_choice:
            choices.insert(0, {"id": None, "name": "(none)", "hint": ""})

        def picked(choice: dict | None) -> None:
            if choice:
                then(choice)

        self.app.call_from_thread(self.app.push_screen, Picker(title, choices), picked)

    def action_split_alias(self) -> None:
        if not self.actor or not self.actor["aliases"]:
            self.notify("this actor has no other alias to split off", markup=False)
            return
        choices = [{"id": i, "name": a} for i, a in enumerate(self.actor["aliases"])]

        def picked(choice: dict | None) -> None:
            if choice:
                alias = choice["name"]
                self._write(lambda s: s.actors.split_alias(self.actor_id, alias),
                            f"split {safe.line(alias)} into its own actor")

        self.app.push_screen(Picker("Split off alias", choices), picked)

    def action_undo(self) -> None:
        def undo(store):
            done = store.review.undo()
            # Undoing a merge brings this actor back: show it again.
            for row in (done or {}).get("rows", []):
                if row["entity"] == "actor" and row["field"] == ROW_DELETED:
                    self.actor_id = row["entity_id"]

        self._write(undo, "undone the last decision")

    def export_view(self):
        cols = ["id", "article_id", "title", "kind", "review", "stances", "content"]
        return (f"actor-{self.actor_id}", cols,
                query_rows(self.app.store.browse, self.app.store.browse.statements_by(self.actor_id), cols))
