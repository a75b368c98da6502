"""A small hand-made world built through the real store, with figures worked out by hand.

Article 1 (2024-01-10)
  s1 John Kirby (-> State Department -> United States): denuclearization support,
     peace treaty conditional
  s2 North Korea: peace treaty support, denuclearization oppose
  s3 Jeong Joon-hee (-> Unification Ministry -> South Korea): denuclearization support
  s4 Wang Yi (-> China): peace treaty support
  s5 Yonhap (media): peace treaty neutral              -> counts for no one
Article 2 (2024-02-01)
  s6 North Korea: denuclearization oppose
  s7 United States: peace treaty oppose
  s8 John Kirby: denuclearization oppose               -> the analyst rejects the statement
Article 3 (no date)
  s9 South Korea: peace treaty support

Analyst decisions: s8 rejected; s2 accepted (its two stances become accepted).
"""

from __future__ import annotations

import pytest

from extract.records import GOVERNMENT_ROLE, ActorRec, ArticleExtraction, StanceRec, StatementRec
from extract.store import ArticleIn, Store

ACTORS = {
    "us": ActorRec("us", "United States", "country", aliases=["U.S.", "Washington"]),
    "state": ActorRec("state", "State Department", "organization", role=GOVERNMENT_ROLE, affiliation="us"),
    "kirby": ActorRec("kirby", "John Kirby", "person", aliases=["Kirby"], role="spokesman",
                      affiliation="state"),
    "nk": ActorRec("nk", "North Korea", "country", aliases=["DPRK", "Pyongyang"]),
    "sk": ActorRec("sk", "South Korea", "country", aliases=["Seoul"]),
    "unimin": ActorRec("unimin", "Unification Ministry", "organization", role=GOVERNMENT_ROLE, affiliation="sk"),
    "jeong": ActorRec("jeong", "Jeong Joon-hee", "person", affiliation="unimin"),
    "cn": ActorRec("cn", "China", "country", aliases=["Beijing"]),
    "wang": ActorRec("wang", "Wang Yi", "person", affiliation="cn"),
    "yonhap": ActorRec("yonhap", "Yonhap", "media", affiliation="sk"),
}

ARTICLES = [
    ("2024-01-10", [
        ("kirby", "We want denuclearization first; a treaty only if it comes with it.",
         [("denuclearization", "support"), ("peace treaty", "conditional")]),
        ("nk", "A peace treaty now, and no talk of giving up our nuclear deterrent.",
         [("peace treaty", "support"), ("denuclearization", "oppose")]),
        ("jeong", "Denuclearization remains our top priority.", [("denuclearization", "support")]),
        ("wang", "China backs a peace treaty to end the war.", [("peace treaty", "support")]),
        ("yonhap", "Talks on a peace treaty were mentioned.", [("peace treaty", "neutral")]),
    ]),
    ("2024-02-01", [
        ("nk", "Denuclearization is off the table.", [("denuclearization", "oppose")]),
        ("us", "Washington rejected the peace treaty proposal.", [("peace treaty", "oppose")]),
        ("kirby", "We no longer seek denuclearization.", [("denuclearization", "oppose")]),
    ]),
    (None, [
        ("sk", "Seoul supports a peace treaty.", [("peace treaty", "support")]),
    ]),
]


def build_world(store: Store) -> dict[str, int]:
    """Write the world through the real store; return statement ids s1..s9."""
    ids: dict[str, int] = {}
    n = 0
    for number, (published, statements) in enumerate(ARTICLES, start=1):
        recs = []
        text = ""
        for speaker, content, stances in statements:
            start = len(text)
            text += content + " "
            recs.append(StatementRec(
                content=content, content_start=start, content_end=start + len(content),
                kind="direct", speaker=speaker, speaker_text=ACTORS[speaker].name,
                stances=[StanceRec(topic, label, 0.8, "hand-made") for topic, label in stances],
            ))
        article_id, _ = store.articles.add(ArticleIn(
            text=text, title=f"Article {number}", source="Test Wire", published=published,
        ))
        store.extraction.save(article_id, ArticleExtraction(actors=list(ACTORS.values()),
                                                            statements=recs), "test-1")
        for (sid,) in store.query("SELECT id FROM statements WHERE article_id = ? ORDER BY content_start",
                                  (article_id,)):
            n += 1
            ids[f"s{n}"] = sid
    store.review.reject(ids["s8"])
    store.review.accept(ids["s2"])
    return ids


@pytest.fixture
def world(store):
    return store, build_world(store)
