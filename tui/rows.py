"""Row sources for the virtual list: a keyset-paginated store query with a page cache, or
an in-memory list. Both answer ``get(index)`` from memory only; ``load(page)`` is the slow
part and runs in a thread worker."""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock

from extract.store.browse import BrowseRepo, ListQuery

PAGE_SIZE = 100
MAX_PAGES = 40  # 4,000 rows kept; older pages are dropped (least recently used first)


class QueryRows:
    """The rows of a ``ListQuery``, fetched a page at a time by keyset from a cached neighbour."""

    def __init__(self, browse: BrowseRepo, query: ListQuery, page_size: int = PAGE_SIZE):
        self.browse = browse
        self.query = query
        self.page_size = page_size
        self.total: int | None = None
        self._pages: OrderedDict[int, list[dict]] = OrderedDict()
        self._lock = Lock()

    @property
    def description(self) -> str:
        return self.query.description

    def load_count(self) -> int:
        self.total = self.browse.count(self.query)
        return self.total

    def load_first(self) -> int | None:
        """Fetch page 0 before counting (thread worker): the exact total when it is the whole
        list, else None. Counting 96,000 search hits costs more than showing the first 100."""
        rows = self.browse.fetch(self.query, limit=self.page_size)
        with self._lock:
            self._pages[0] = rows
        if len(rows) < self.page_size:
            self.total = len(rows)
            return self.total
        return None

    def get(self, index: int) -> dict | None:
        page = self._pages.get(index // self.page_size)
        if page is None:
            return None
        offset = index % self.page_size
        return page[offset] if offset < len(page) else None

    def page_of(self, index: int) -> int:
        return index // self.page_size

    def has_page(self, page: int) -> bool:
        return page in self._pages

    def load(self, page: int) -> None:
        """Fetch one page (thread worker). Uses the key of a cached neighbour when it can."""
        size, total = self.page_size, self.total or 0
        before_page = self._pages.get(page - 1)
        after_page = self._pages.get(page + 1)
        last_page = max(0, (total - 1) // size)
        fetch = self.browse.fetch
        if page == 0:
            rows = fetch(self.query, limit=size)
        elif before_page and len(before_page) == size:
            rows = fetch(self.query, after=before_page[-1]["_key"], limit=size)
        elif after_page:
            rows = fetch(self.query, before=after_page[0]["_key"], limit=size)
        elif page == last_page:
            rows = fetch(self.query, from_end=True, limit=total - page * size)
        else:  # a jump into the middle (scrollbar drag, a remembered cursor): OFFSET once
            rows = fetch(self.query, offset=page * size, limit=size)
        with self._lock:
            self._pages[page] = rows
            self._pages.move_to_end(page)
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)

    def index_of(self, row_id: int) -> int | None:
        for number, rows in self._pages.items():
            for i, row in enumerate(rows):
                if row.get("id") == row_id:
                    return number * self.page_size + i
        return None


class MemoryRows:
    """A small list already in memory (pickers, the compare matrix, an actor's stances)."""

    def __init__(self, rows: list[dict], description: str = ""):
        self.rows = rows
        self.total = len(rows)
        self.description = description

    def load_count(self) -> int:
        return self.total

    def load_first(self) -> int | None:
        return self.total

    def get(self, index: int) -> dict | None:
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def page_of(self, index: int) -> int:
        return 0

    def has_page(self, page: int) -> bool:
        return True

    def load(self, page: int) -> None:
        pass

    def index_of(self, row_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.get("id") == row_id), None)
