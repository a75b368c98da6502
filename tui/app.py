"""The Parley explorer: four sections (Articles, Actors, Compare, Review) over one store."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from textual import work
from textual.app import App
from textual.reactive import reactive

from extract.store import Store, StoreError

from . import keymap
from .commands import JumpProvider
from .export import export_view
from .widgets.dialogs import Choice, HelpScreen

REFRESH_SECONDS = 3.0


def _sections():
    from .screens.actors import ActorsScreen
    from .screens.articles import ArticlesScreen
    from .screens.compare import CompareScreen
    from .screens.review import ReviewScreen

    return {"articles": ArticlesScreen, "actors": ActorsScreen, "compare": CompareScreen,
            "review": ReviewScreen}


class ParleyApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "Parley"
    BINDINGS = keymap.APP
    COMMANDS = App.COMMANDS | {JumpProvider}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    # repaint=False: the status bar watches these and repaints its one line; a repaint here
    # would redraw the whole screen on every count and every worker start.
    status = reactive("", repaint=False)
    busy = reactive(False, repaint=False)

    def __init__(self, db_path: str | Path, *, theme: str | None = None, refresh: bool = True,
                 coder: str | None = None) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.db_name = self.db_path.name
        self.store = Store(self.db_path, create=False, coder=coder)
        self.coder = self.store.coder
        self.export_dir = Path.cwd()
        self._refresh = refresh
        self._data_version: int | None = None
        self._counts: dict[str, int] | None = None  # the status bar's last counts
        self._previous_section = "articles"
        self._wanted_theme = theme or os.environ.get("PARLEY_THEME")
        self._counting: Store | None = None
        self._counting_lock = threading.Lock()

    def on_mount(self) -> None:
        if self._wanted_theme and self._wanted_theme in self.available_themes:
            self.theme = self._wanted_theme
        for name, screen in _sections().items():
            self.add_mode(name, screen)
        self.switch_mode("articles")
        self.refresh_stats()
        if self._refresh:
            self.set_interval(REFRESH_SECONDS, self.check_for_changes)
        self.set_interval(0.25, self._update_busy)

    def on_unmount(self) -> None:
        try:
            self.store.team.release()  # other coders may take the statement this one held
        except StoreError:
            pass
        self.store.close()
        if self._counting is not None:
            self._counting.close()

    @property
    def counting_store(self) -> Store:
        """A second connection for counts (thread workers only): a count over 1M statements
        never holds the lock that the next page or the next review item waits for."""
        with self._counting_lock:
            if self._counting is None:
                self._counting = Store(self.db_path, create=False, coder=self.coder)
            return self._counting

    # -- status ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="stats")
    def refresh_stats(self, decision_only: bool = False) -> None:
        browse = self.counting_store.browse
        if decision_only and self._counts:
            s = {**self._counts, **browse.decision_counts()}
        else:
            s = browse.status_counts()
            self._data_version = self.store.browse.data_version()
        self._counts = s
        text = (f"{self.coder} · {s['articles']:,} art · {s['statements']:,} stmt · {s['reviewed']:,} rev · "
                f"{s['actors']:,} actors · {s['topics']:,} topics")
        self.call_from_thread(setattr, self, "status", text)

    @work(thread=True, exclusive=True, group="changes")
    def check_for_changes(self) -> None:
        version = self.store.browse.data_version()
        if self._data_version is not None and version != self._data_version:
            self.call_from_thread(self.action_reload)
        self._data_version = version

    def _update_busy(self) -> None:
        self.busy = any(w.is_running for w in self.workers if w.group not in ("changes",))

    def decided(self) -> None:
        """Called after an analyst's write: the counts a decision can change are read again
        (articles and statements change only with new data, which reloads everything)."""
        self.refresh_stats(decision_only=True)

    # -- navigation --------------------------------------------------------------------

    def action_section(self, name: str) -> None:
        if name != self.current_mode:
            self._previous_section = self.current_mode
            self.switch_mode(name)

    def action_back(self) -> None:
        if len(self.screen_stack) > 1:
            self.pop_screen()
        elif self.current_mode != self._previous_section:
            self.action_section(self._previous_section)

    async def action_back_or_quit(self) -> None:
        if len(self.screen_stack) > 1:
            self.pop_screen()
        else:
            self.exit()

    def action_reload(self) -> None:
        self.refresh_stats()
        for screen in self.screen_stack:
            reload = getattr(screen, "reload", None)
            if reload:
                reload()

    def action_help(self) -> None:
        screen = self.screen
        rows: dict[tuple[str, str], list[str]] = {}
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description:
                continue
            rows.setdefault((binding.action, binding.description), []).append(self.get_key_display(binding))
        items = [{"keys": ", ".join(dict.fromkeys(keys)), "description": description}
                 for (_action, description), keys in rows.items()]
        title = f"Keys: {getattr(screen, 'title_text', '') or self.current_mode}"
        self.push_screen(HelpScreen(title, items))

    def jump(self, kind: str, item_id: int) -> None:
        """Open an article, actor or topic (from the command palette)."""
        from .screens.actors import ActorDetailScreen
        from .screens.reader import ReaderScreen

        if kind == "article":
            self.action_section("articles")
            self.push_screen(ReaderScreen(item_id))
        elif kind == "actor":
            self.action_section("actors")
            self.push_screen(ActorDetailScreen(item_id))
        elif kind == "topic":
            self.action_section("compare")
            focus_topic = getattr(self.screen, "focus_topic", None)
            if focus_topic:
                focus_topic(item_id)

    # -- export ------------------------------------------------------------------------

    def action_export(self) -> None:
        view = self.screen.export_view() if hasattr(self.screen, "export_view") else None
        if view is None:
            self.notify("nothing to export on this screen", markup=False)
            return

        def chosen(fmt: str | None) -> None:
            if fmt:
                self._export(view, "csv" if fmt == "c" else "md")

        self.push_screen(Choice("Export this view as", {"c": "CSV", "m": "Markdown"}), chosen)

    @work(thread=True, group="export")
    def _export(self, view, fmt: str) -> None:
        stem, headers, rows = view
        try:
            path, count = export_view(self.export_dir, f"parley-{stem}", fmt, headers, rows)
        except OSError as exc:
            self.call_from_thread(self.notify, f"export failed: {exc}", severity="error", markup=False)
            return
        self.call_from_thread(self.notify, f"exported {count:,} rows to {path}", markup=False, timeout=8)


def run_tui(db_path: str | Path, *, theme: str | None = None, coder: str | None = None) -> None:
    """Open the explorer on a database (used by `parley tui` and `parley demo`)."""
    try:
        app = ParleyApp(db_path, theme=theme, coder=coder)
    except StoreError as exc:
        raise SystemExit(f"error: {exc}") from None
    app.run()
