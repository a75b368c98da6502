"""A test database built with the real store: the seed article, coded by hand by offsets,
plus two small articles and (optionally) an article full of hostile text."""

from __future__ import annotations

from pathlib import Path

from extract.records import ActorRec, ArticleExtraction, MentionRec, StanceRec, StatementRec
from extract.store import ArticleIn, Store
from extract.textsafe import normalize_text

REPO = Path(__file__).resolve().parents[2]
SEED_TEXT = normalize_text((REPO / "sample_data" / "seed_korea_peace_treaty.txt").read_text("utf-8"))
VERSION = "test-1"

ACTORS = [
    ActorRec("United States", "United States", "country", ["U.S.", "Washington"]),
    ActorRec("North Korea", "North Korea", "country", ["Pyongyang", "the North", "N. Korea"]),
    ActorRec("South Korea", "South Korea", "country", ["South Korean government"]),
    ActorRec("China", "China", "country", ["Chinese"]),
    ActorRec("State Department", "State Department", "organization", [], affiliation="United States"),
    ActorRec("John Kirby", "John Kirby", "person", ["Kirby"], role="spokesman", affiliation="State Department"),
    ActorRec("Unification Ministry", "Unification Ministry", "organization", [], affiliation="South Korea"),
    ActorRec("Jeong Joon-hee", "Jeong Joon-hee", "person", [], role="spokesman", affiliation="Unification Ministry"),
    ActorRec("Wang Yi", "Wang Yi", "person", [], role="foreign minister", affiliation="China"),
    ActorRec("Ri Su-yong", "Ri Su-yong", "person", [], role="foreign minister", affiliation="North Korea"),
    ActorRec("Daniel Kritenbrink", "Daniel Kritenbrink", "person", []),
    ActorRec("Yonhap News Agency", "Yonhap News Agency", "media", ["Yonhap"]),
    ActorRec("Wall Street Journal", "Wall Street Journal", "media", []),
]


def span(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = text.index(phrase, at + 1)
    return at, at + len(phrase)


def statement(text, speaker, speaker_text, cue, content, kind, stances, *, nth=0, conf=0.7):
    cs, ce = span(text, content, nth)
    ss, se = span(text, speaker_text, 0) if speaker_text else (None, None)
    # The speaker and cue occurrence nearest the content.
    if speaker_text:
        candidates = [i for i in _all(text, speaker_text)]
        ss = min(candidates, key=lambda i: abs(i - cs))
        se = ss + len(speaker_text)
    qs = min(_all(text, cue), key=lambda i: abs(i - cs))
    return StatementRec(
        content=content, content_start=cs, content_end=ce, kind=kind, speaker=speaker,
        speaker_text=speaker_text, speaker_start=ss, speaker_end=se, cue=cue, cue_start=qs,
        cue_end=qs + len(cue), confidence=conf,
        stances=[StanceRec(topic, label, 0.6, evidence) for topic, label, evidence in stances],
    )


def _all(text: str, phrase: str) -> list[int]:
    out, at = [], text.find(phrase)
    while at >= 0:
        out.append(at)
        at = text.find(phrase, at + 1)
    return out


def seed_extraction(text: str = SEED_TEXT) -> ArticleExtraction:
    P, D = "peace treaty", "denuclearization"
    statements = [
        statement(text, "United States", "Washington", "insisted",
                  "that denuclearization should be the top priority for such talks", "indirect",
                  [(D, "support", "top priority"), (P, "conditional", "top priority")], conf=0.8),
        statement(text, "North Korea", "North Korea", "renewed",
                  "its calls for peace treaty talks with the U.S. to formally end the 1953 armistice",
                  "action", [(P, "support", "calls for")], conf=0.55),
        statement(text, "North Korea", "Pyongyang", "rejected", "the U.S. counterproposal", "action",
                  [(D, "oppose", "rejected")], conf=0.4),
        statement(text, "John Kirby", "John Kirby", "said",
                  "To be clear, it was the North Koreans who proposed discussing a peace treaty. We carefully "
                  "considered their proposal and made clear that denuclearization had to be part of any such discussion",
                  "direct", [(P, "conditional", "had to be part of"), (D, "support", "had to be part of")], conf=0.9),
        statement(text, "John Kirby", "he", "said",
                  "The North rejected our response. Our response to North Korea's proposal was consistent with "
                  "our longstanding focus on denuclearization", "direct", [(D, "support", "focus on")], conf=0.75),
        statement(text, "South Korea", "South Korean government", "echoed",
                  "that the North's denuclearization should be the top priority", "indirect",
                  [(D, "support", "top priority")], conf=0.65),
        statement(text, "Jeong Joon-hee", "Jeong Joon-hee", "told",
                  "The issue of peace treaty talks is not just a matter between Washington and Pyongyang",
                  "direct", [(P, "neutral", "not just a matter")], conf=0.6),
        statement(text, "Daniel Kritenbrink", "Daniel Kritenbrink", "said",
                  "that everything is possible if Pyongyang demonstrates its seriousness about denuclearization",
                  "indirect", [(D, "conditional", "if")], conf=0.5),
        statement(text, "Wang Yi", "Wang Yi", "proposed",
                  "to hold peace treaty negotiations with Pyongyang in tandem with denuclearization talks",
                  "action", [(P, "support", "proposed"), (D, "support", "in tandem")], conf=0.7),
        statement(text, "United States", "U.S.", "rejected",
                  "the proposal, saying denuclearization remains its top priority", "action",
                  [(P, "oppose", "rejected"), (D, "support", "top priority")], conf=0.45),
    ]
    mentions = []
    for actor in ACTORS:
        for surface in [actor.name, *actor.aliases]:
            for at in _all(text, surface):
                mentions.append(MentionRec(actor.key, at, at + len(surface), surface, "test"))
    # Wang Yi's country is mentioned as 'Chinese': statements by Wang Yi count for China too.
    return ArticleExtraction(actors=list(ACTORS), mentions=mentions, statements=statements)


OTHER_ARTICLES = [
    ("Coal deadline debated in Bonn", "Climate Desk", "2019-06-20",
     "Germany said it would phase out coal by 2038. Poland rejected the deadline."),
    ("Chip export controls tighten", "Trade Wire", "2023-10-17",
     "The Commerce Department said new rules take effect in 30 days."),
]

HOSTILE_LINES = [
    "[/bold] closes nothing", "[link=https://x]y", "[@click=app.quit]z", "\x1b[31mred\x1b[0m",
    "\x1b]0;pwned title\x07after OSC", "\x9b31m eight-bit CSI", "\u202eevil reversed", "[b]bold?[/b]",
]


def build_seed_db(path: Path, *, hostile: bool = False, big_line: bool = False) -> Path:
    """Create ``path`` with the seed article extracted by hand and two plain articles."""
    with Store(path) as store:
        article_id, _ = store.articles.add(ArticleIn(
            text=SEED_TEXT, title="U.S., N. Korea had exchanged views over peace treaty talks",
            source="Yonhap", published="2016-02-22", path="sample_data/seed_korea_peace_treaty.txt"))
        store.extraction.save(article_id, seed_extraction(), VERSION)
        for title, source, date, text in OTHER_ARTICLES:
            store.articles.add(ArticleIn(text=text, title=title, source=source, published=date))
        if hostile:
            add_hostile(store, big_line=big_line)
    return path


def add_hostile(store: Store, *, big_line: bool = False) -> int:
    """An article whose title, text, actor and statement carry markup and escape sequences.

    Written raw (no normalize_text), as a careless importer might, to test the display side."""
    text = "\n".join(f"Line {i}: {h}" for i, h in enumerate(HOSTILE_LINES))
    if big_line:
        text += "\n" + ("word [bold] \x1b[2J " * 60_000)[:1_000_000]
    article_id, _ = store.articles.add(ArticleIn(
        text=text, title="[@click=app.quit]Hostile \x1b]0;title\x07 [/bold]", source="[link=https://x]src",
        published="2024-01-01"))
    content = "[@click=app.quit]z"
    start = text.index(content)
    ex = ArticleExtraction(
        actors=[ActorRec("evil", "[bold]Evil\x1b[31m Corp", "organization")],
        mentions=[MentionRec("evil", 0, 4, "Line", "test")],
        statements=[StatementRec(content=content, content_start=start, content_end=start + len(content),
                                 kind="direct", speaker="evil", speaker_text="Line", speaker_start=0,
                                 speaker_end=4, cue="[/bold]", cue_start=text.index("[/bold]"),
                                 cue_end=text.index("[/bold]") + 7, confidence=0.1,
                                 stances=[StanceRec("[red]topic[/red]", "oppose", 0.5, "\x9b31m")])],
    )
    store.extraction.save(article_id, ex, VERSION)
    return article_id
