"""Review's view of one statement's surroundings: the highlights of its context (as in the
reader: mentions, speaker, cue, content) and the speaker picker's choices, nearest first."""

from __future__ import annotations

from extract.store.statement_context import StatementContext

from .widgets.article_view import Highlight


def context_highlights(statement: dict, context: StatementContext) -> list[Highlight]:
    """Highlights in ``context.text`` coordinates for the statement and the mentions around it."""
    spans = [(m["start"], m["end"], "mention") for m in context.mentions]
    for kind in ("content", "cue", "speaker"):
        if statement.get(f"{kind}_start") is not None:
            spans.append((statement[f"{kind}_start"], statement[f"{kind}_end"], kind))
    out = []
    for start, end, kind in spans:
        placed = context.place(start, end)
        if placed and placed[0] < placed[1]:
            out.append(Highlight(placed[0], placed[1], kind))
    return out


def content_offset(statement: dict, context: StatementContext) -> int:
    placed = context.place(statement["content_start"], statement["content_end"])
    return placed[0] if placed else 0


def speaker_choices(context: StatementContext, article_actors: list[dict],
                    all_actors: list[tuple[int, str, str]]) -> list[dict]:
    """Actors named in the statement's sentence and the one before first, then the rest of the
    article's actors, then every actor (the picker's fuzzy search reaches them all)."""
    names = {a[0]: (a[1], a[2]) for a in all_actors}
    names.update({a["id"]: (a["name"], a["type"]) for a in article_actors})
    choices: list[dict] = []
    seen: set[int] = set()

    def add(actor_id: int, hint: str) -> None:
        if actor_id in names and actor_id not in seen:
            seen.add(actor_id)
            name, kind = names[actor_id]
            choices.append({"id": actor_id, "name": name, "hint": hint or kind})

    for actor_id in context.nearby_actor_ids:
        add(actor_id, "nearby")
    for actor in article_actors:
        add(actor["id"], "in article")
    for actor_id, _name, kind in all_actors:
        add(actor_id, kind)
    return choices
