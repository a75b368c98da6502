"""Stance over time: per (actor, topic) the labels by article date, and the first date the
actor's stance changed.

Each date gets the leading label of that day's stances (rules.leading_label). A change is a
day whose side (support, conditional or oppose) differs from the last side taken before it;
neutral days neither start nor end a side. Stances from undated articles cannot be placed in
time: they are counted under ``undated`` and left out of the timeline.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .holders import Holders
from .matrix import check_actor_types
from .names import resolve_actors, resolve_topics
from .rules import LABELS, leading_label

if TYPE_CHECKING:
    from ..store import Store


def stance_timeline(store: Store, *, actors: Iterable[str | int] | None = None,
                    topics: Iterable[str | int] | None = None, reviewed_only: bool = False,
                    actor_types: Iterable[str] | None = None,
                    pairs: Iterable[tuple[int, int]] | None = None) -> list[dict]:
    """[{actor, actor_id, topic, topic_id, points: [{date, stance, counts, statements}],
    first_change, change: (from, to) or None, undated}] sorted by actor then topic.

    ``pairs``: only these (actor id, topic id) cells (the report draws a few of many)."""
    types = check_actor_types(actor_types)
    actor_filter = resolve_actors(store, actors)
    wanted = set(actor_filter) if actor_filter is not None else None
    repo = store.stance_rows
    actor_table, topic_names = repo.actors(), repo.topics()
    holders = Holders(actor_table, repo.roles())

    only = set(pairs) if pairs is not None else None
    if only is not None and wanted is None:
        wanted = {a for a, _t in only}
    days: dict[tuple[int, int], dict[str, dict]] = {}
    undated: dict[tuple[int, int], int] = {}
    for statement_id, speaker_id, topic_id, label, _reviewed, published in repo.rows(
        reviewed_only=reviewed_only, topic_ids=resolve_topics(store, topics)
    ):
        for holder in holders.of(speaker_id):
            if (wanted is not None and holder not in wanted) or (
                    types is not None and actor_table[holder][1] not in types):
                continue
            key = (holder, topic_id)
            if only is not None and key not in only:
                continue
            if not published:
                undated[key] = undated.get(key, 0) + 1
                days.setdefault(key, {})
                continue
            day = days.setdefault(key, {}).setdefault(
                published[:10], {"counts": dict.fromkeys(LABELS, 0), "statements": []})
            day["counts"][label] += 1
            day["statements"].append(statement_id)

    out = []
    for (actor_id, topic_id), by_date in days.items():
        points = []
        for date in sorted(by_date):
            day = by_date[date]
            points.append({"date": date, "stance": leading_label(day["counts"]),
                           "counts": day["counts"], "statements": sorted(day["statements"])})
        first_change, change, side = None, None, None
        for point in points:
            if point["stance"] == "neutral":
                continue
            if side is not None and point["stance"] != side and first_change is None:
                first_change, change = point["date"], (side, point["stance"])
            side = point["stance"]
        out.append({
            "actor": actor_table[actor_id][0], "actor_id": actor_id,
            "topic": topic_names[topic_id], "topic_id": topic_id, "points": points,
            "first_change": first_change, "change": change,
            "undated": undated.get((actor_id, topic_id), 0),
        })
    out.sort(key=lambda r: (r["actor"].casefold(), r["topic"].casefold()))
    return out
