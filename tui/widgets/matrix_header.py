"""The Compare matrix's column header: topic names wrapped over two lines, and a third line
that names the columns hidden on each side with the key that reaches them.

    actor \\ topic        peace    denucle-
                         treaty   arization
    ◂ h 2 more: tariffs, automation     l ▸ trade deal, fishing ban, +3 more
"""

from __future__ import annotations

from rich.text import Text

from .. import safe


def wrap_label(name: str, width: int, lines: int = 2) -> list[str]:
    """``name`` in at most ``lines`` lines of ``width`` cells: whole words where they fit, a
    word longer than a line cut with '-', the last line ending in '…' when it does not fit."""
    words = safe.line(name, 200).split()
    out: list[str] = []
    current = ""
    while words and len(out) < lines:
        word = words[0]
        if not current and len(word) > width:
            if len(out) == lines - 1:
                break
            hyphen = word.rfind("-", 0, width)  # 'back-to-work': break after a hyphen
            cut = hyphen + 1 if hyphen > 0 else width - 1
            out.append(word[:cut] + ("" if hyphen > 0 else "-"))
            words[0] = word[cut:]
            continue
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= width:
            current = candidate
            words.pop(0)
        else:
            out.append(current)
            current = ""
    if len(out) < lines:
        rest = " ".join([current, *words]).strip() if current else " ".join(words)
        if rest:
            out.append(rest if len(rest) <= width else rest[: width - 1] + "…")
    elif words or current:
        out[-1] = out[-1][: width - 1] + "…"
    return out + [""] * (lines - len(out))


def _names(topics: list[dict], room: int) -> str:
    """As many topic names as fit in ``room`` cells, then '+N more'."""
    shown: list[str] = []
    for i, topic in enumerate(topics):
        name = safe.line(topic["name"], 40)
        rest = len(topics) - i - 1
        tail = f", +{rest} more" if rest else ""
        candidate = ", ".join([*shown, name])
        if len(candidate) + len(tail) > room:
            left = len(topics) - len(shown)
            return ", ".join(shown) + (f", +{left} more" if shown else f"{left} more")
        shown.append(name)
    return ", ".join(shown)


def hidden_columns_line(topics: list[dict], first: int, visible: int, width: int) -> Text:
    """'◂ h a, b      l ▸ c, d, +3 more', or 'all N topics on screen'."""
    left, right = topics[:first], topics[first + visible:]
    line = Text(no_wrap=True, end="")
    if not left and not right:
        line.append(f" all {len(topics)} topics on screen", style="dim")
        return line
    right_room = width - 2
    if left:
        room = (width // 3) if right else width - 2
        prefix = "◂ h "
        line.append(" " + prefix, style="bold")
        line.append(_names(list(reversed(left)), max(8, room - len(prefix) - 1)))
        right_room = width - len(line) - 3
    if right:
        label = "l ▸ "
        names = _names(right, max(8, right_room - len(label) - 1))
        pad = max(1, width - len(line) - len(label) - len(names) - 1)
        line.append(" " * pad)
        line.append(label, style="bold")
        line.append(names)
    line.truncate(width)
    return line


def matrix_header(topics: list[dict], first: int, visible: int, current: int, *,
                  name_w: int, cell_w: int, width: int) -> Text:
    """The three header lines above the matrix rows."""
    top = Text(" " + "actor \\ topic".ljust(name_w), no_wrap=True, end="")
    bottom = Text(" " + "".ljust(name_w), no_wrap=True, end="")
    for i, topic in enumerate(topics[first:first + visible]):
        style = "reverse" if i + first == current else ""
        upper, lower = wrap_label(topic["name"], cell_w - 1)
        top.append(" ")
        top.append(upper.ljust(cell_w - 1), style=style)
        bottom.append(" ")
        bottom.append(lower.ljust(cell_w - 1), style=style)
    return Text("\n", no_wrap=True).join([top, bottom, hidden_columns_line(topics, first, visible, width)])
