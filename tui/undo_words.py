"""What an undo reverted, in the analyst's words: 'undone: oppose on "trade deal" (back to
pending)' rather than 'undone: stance review_label'. Built from the decision's audit rows
(``BrowseRepo.last_decision``), read before the undo."""

from __future__ import annotations

import json

from . import safe


def _value(raw: str | None):
    try:
        return json.loads(raw) if raw is not None else None
    except (TypeError, ValueError):
        return raw


def _quote(text: object, limit: int = 40) -> str:
    return f'"{safe.line(text, limit)}"'


def describe(rows: list[dict], actor_name=lambda actor_id: str(actor_id)) -> str:
    """One line for the decision made of ``rows`` (audit rows, oldest first)."""
    if not rows:
        return "nothing to undo"
    first = rows[0]
    by_field = {(r["entity"], r["entity_id"], r["field"]): r for r in rows}
    entity, entity_id, field = first["entity"], first["entity_id"], first["field"]
    old, new = _value(first["old_value"]), _value(first["new_value"])
    if entity == "statement" and field == "review":
        verb = {"accepted": "accept", "rejected": "reject", "edited": "edit"}.get(new, str(new))
        return f"undone: {verb} of {_quote(first.get('content'))} (back to {old})"
    if entity == "statement" and field == "speaker_id":
        return (f"undone: speaker {_quote(actor_name(new))} on {_quote(first.get('content'), 30)} "
                f"(back to {_quote(actor_name(old)) if old is not None else 'none'})")
    if entity == "stance" and field == "review_label":
        state = by_field.get(("stance", entity_id, "review"))
        back = old if old is not None else (_value(state["old_value"]) if state else "pending")
        return f"undone: {new} on {_quote(first.get('topic'))} (back to {back})"
    if entity == "stance" and field == "review":
        return f"undone: {new} stance on {_quote(first.get('topic'))} (back to {old})"
    if entity == "stance" and field == "created":
        return f"undone: the stance added on {_quote(first.get('topic'))} (removed)"
    if entity == "stance" and field in ("topic_id", "deleted"):
        return f"undone: topic change of {_quote(first.get('content'), 30)}"
    return f"undone: {entity} {field.replace('_', ' ')}"
