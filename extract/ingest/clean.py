"""Decoding and text clean-up shared by every reader.

The stored text is final: every offset Parley records points into it. So everything that
changes characters happens here, once, before the article is stored.
"""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from ..textsafe import normalize_text


class BadInput(Exception):
    """An input that cannot become an article; the message is shown to the user as is."""


# Stand-alone lines that are page furniture, not article text (matched case-insensitively,
# only at the start or end of a text).
BOILERPLATE = re.compile(
    r"^(back to top|advertisement|advertisements?|share this article|share this|share|"
    r"skip to (main )?content|read more|related (articles|stories)|print|email|"
    r"click here to subscribe|subscribe( now)?|sign up for our newsletter|"
    r"all rights reserved\.?|copyright .{0,80}|\(c\) .{0,80}|© .{0,80}|"
    r"follow us on .{0,40}|comments?|top of page)$",
    re.IGNORECASE,
)

# Wire credits: '(Yonhap)' closing an article, or 'SEOUL, March 3 (Yonhap) --' opening one.
_CREDIT_END = re.compile(r"\((?P<src>[A-Z][A-Za-z&.\- ]{1,40})\)\s*$")
_CREDIT_START = re.compile(
    r"^[A-Z][A-Z .,'\-]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?\s*\((?P<src>[A-Z][A-Za-z&.\- ]{1,40})\)\s*(?:--|-|\u2014|\u2013)"
)
KNOWN_WIRES = {
    "reuters": "Reuters", "ap": "AP", "afp": "AFP", "yonhap": "Yonhap", "xinhua": "Xinhua",
    "kyodo": "Kyodo", "upi": "UPI", "bloomberg": "Bloomberg", "dpa": "dpa", "ians": "IANS",
    "pti": "PTI", "tass": "TASS", "efe": "EFE", "ansa": "ANSA", "bbc": "BBC", "cnn": "CNN",
}

_SINGLE_BYTE = re.compile(r"^(cp12\d\d|cp8\d\d|cp7\d\d|iso8859_\d+|latin_1|mac_\w+|windows_125\d)$")

# A file whose first 8 KiB has this share of NUL or other non-text bytes is binary.
_BINARY_PROBE = 8192


def decode(data: bytes, what: str = "file") -> str:
    """Bytes to text: UTF-8 (with or without BOM) first, else the detected encoding."""
    probe = data[:_BINARY_PROBE]
    if b"\x00" in probe and not (probe.startswith(b"\xff\xfe") or probe.startswith(b"\xfe\xff")):
        raise BadInput(f"binary {what} (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise BadInput(f"undecodable {what}: not UTF-8 and no text encoding detected")
    text = str(best)
    # Short texts leave the detector guessing among single-byte Latin code pages (it calls
    # 'président' Slovak cp1250). For news in Western languages Windows-1252 is by far the
    # likeliest of those, so prefer it whenever it decodes cleanly.
    if _SINGLE_BYTE.match(best.encoding):
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    # A detector will call almost anything 'some encoding'; insist it looks like prose.
    printable = sum(ch.isprintable() or ch in "\n\t\r" for ch in text[:_BINARY_PROBE])
    if text and printable / min(len(text), _BINARY_PROBE) < 0.95:
        raise BadInput(f"undecodable {what}: looks binary (detected {best.encoding})")
    return text


def strip_boilerplate(text: str) -> str:
    """Drop furniture lines ('Back To Top', 'Share this article') at the start and end."""
    lines = text.split("\n")
    start, end = 0, len(lines)
    while start < end and (not lines[start].strip() or BOILERPLATE.match(lines[start].strip())):
        start += 1
    while end > start and (not lines[end - 1].strip() or BOILERPLATE.match(lines[end - 1].strip())):
        end -= 1
    return "\n".join(lines[start:end])


def clean_text(text: str) -> str:
    """The canonical stored form of an article body."""
    return strip_boilerplate(normalize_text(text))


def wire_credit(text: str) -> str | None:
    """The news agency credited at the start or end of the text, if any."""
    head = text[:200].lstrip()
    tail = text[-80:]
    for match in (_CREDIT_START.match(head), _CREDIT_END.search(tail)):
        if match:
            src = match.group("src").strip()
            return KNOWN_WIRES.get(src.lower(), src)
    return None


def split_title(text: str) -> tuple[str, str]:
    """First non-empty line is the title, the rest (left-stripped of blank lines) the body."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip():
            return line.strip(), "\n".join(lines[i + 1:]).strip("\n")
    return "", ""
