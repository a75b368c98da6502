"""The command palette (ctrl+p): jump to any article, actor or topic by name."""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from . import safe

KIND_LABEL = {"article": "article", "actor": "actor  ", "topic": "topic  "}


class JumpProvider(Provider):
    async def search(self, query: str) -> Hits:
        app = self.app
        found = await asyncio.to_thread(app.store.browse.find, query, 8)
        for n, item in enumerate(found):
            name = safe.line(item["name"], 60)
            display = Content(f"{KIND_LABEL[item['kind']]} ").stylize("dim") + Content(name)
            yield Hit(1.0 - n / 100, display, partial(app.jump, item["kind"], item["id"]),
                      text=name, help=f"open this {item['kind']}")

    async def discover(self) -> Hits:
        for section in ("articles", "actors", "compare", "review"):
            yield DiscoveryHit(Content(f"Go to {section}"), partial(self.app.action_section, section),
                               text=f"Go to {section}")
