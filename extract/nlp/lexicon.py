"""Load the packaged word lists (extract/nlp/data/*.toml) into lookup tables, once per process.

The data files are plain TOML so an analyst can read and extend them; this module only turns
them into dictionaries keyed the way the rules look things up (casefolded surface forms).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycountry

DATA_DIR = Path(__file__).parent / "data"
INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def norm(text: str) -> str:
    """Lookup key: casefolded, spaces collapsed, leading 'the' and a possessive dropped."""
    key = " ".join(text.replace("\u2019", "'").casefold().split())
    if key.startswith("the "):
        key = key[4:]
    if key.endswith("'s"):
        key = key[:-2]
    elif key.endswith("'"):
        key = key[:-1]
    return key.strip(" .,;:\"'")


@dataclass
class Lexicon:
    places: dict[str, str] = field(default_factory=dict)        # surface -> country/bloc
    demonyms: dict[str, str] = field(default_factory=dict)      # 'chinese' -> 'China'
    context_regions: dict[str, str] = field(default_factory=dict)  # 'north' -> 'North Korea'
    organizations: dict[str, str] = field(default_factory=dict)  # canonical -> type
    bodies: dict[str, tuple[str, str]] = field(default_factory=dict)  # surface -> (canonical, country)
    generic_bodies: dict[str, str] = field(default_factory=dict)  # surface -> canonical generic name
    media: dict[str, str] = field(default_factory=dict)          # surface -> canonical
    media_suffixes: tuple[str, ...] = ()
    speech_verbs: frozenset[str] = frozenset()
    speech_phrases: dict[str, str] = field(default_factory=dict)  # 'make' -> 'clear'
    # Cue verbs mined from PolNeAR's train split (data/cues.toml), admitted by construction
    # when their precision as a cue reaches [cues] min_precision in lexicon.toml.
    ccomp_cues: frozenset[str] = frozenset()   # '... argued that X'
    xcomp_cues: frozenset[str] = frozenset()   # '... declined to X'
    dobj_cues: frozenset[str] = frozenset()    # '... endorsed X'
    source_nouns: dict[str, int] = field(default_factory=dict)  # noun heading gold sources -> count
    anonymous: frozenset[str] = frozenset()
    report_nouns: frozenset[str] = frozenset()
    government_nouns: frozenset[str] = frozenset()
    titles: tuple[tuple[str, ...], ...] = ()     # longest first, as word tuples
    government_titles: frozenset[str] = frozenset()
    title_words: frozenset[str] = frozenset()    # every word of every title, for a quick check
    support_verbs: frozenset[str] = frozenset()
    oppose_verbs: frozenset[str] = frozenset()
    reduce_verbs: frozenset[str] = frozenset()
    phrasal_sides: dict[str, str] = field(default_factory=dict)  # 'rule out' -> 'oppose'
    negative_evaluations: frozenset[str] = frozenset()
    positive_evaluations: frozenset[str] = frozenset()
    support_words: tuple[tuple[str, ...], ...] = ()
    oppose_words: tuple[tuple[str, ...], ...] = ()
    neutral_words: tuple[tuple[str, ...], ...] = ()
    prerequisite_first: tuple[tuple[str, ...], ...] = ()
    condition_after: tuple[tuple[str, ...], ...] = ()
    parties: dict[str, str] = field(default_factory=dict)        # surface -> party name
    party_letters: dict[str, str] = field(default_factory=dict)  # 'D' -> 'Democratic Party'
    country_titles: dict[str, str] = field(default_factory=dict)  # 'home secretary' -> country
    opposition_words: frozenset[str] = frozenset()               # 'shadow' home secretary
    place_offices: frozenset[str] = frozenset()   # 'attorney general' of a state, city or country
    # Word valences from VADER's lexicon (vaderSentiment, MIT; about 7,500 words rated -4..+4
    # by human raters): what a predicate or a verb says of the topic it governs.
    valence: dict[str, float] = field(default_factory=dict)
    # Raw rule confidence (x100) -> the share of that rule's stances found right on stance_dev.
    calibration: dict[int, float] = field(default_factory=dict)
    female_words: frozenset[str] = frozenset()
    male_words: frozenset[str] = frozenset()
    female_names: frozenset[str] = frozenset()
    male_names: frozenset[str] = frozenset()
    first_names: frozenset[str] = frozenset()  # either gender: a person's name starts with one

    def country_of(self, surface: str) -> str | None:
        key = norm(surface)
        return self.places.get(key) or self.demonyms.get(key)


def read_data(name: str) -> dict:
    """One of the packaged data files (extract/nlp/data/NAME), parsed."""
    with open(DATA_DIR / name, "rb") as fh:
        return tomllib.load(fh)


def _phrases(words: list[str]) -> tuple[tuple[str, ...], ...]:
    # As spaCy splits them: 'secretary-general' is three tokens, 'non-starter' too.
    return tuple(sorted({tuple(INNER_HYPHEN.sub(" - ", w.lower()).split()) for w in words}, key=len, reverse=True))


@lru_cache(maxsize=1)
def load() -> Lexicon:
    lex = Lexicon()
    places = read_data("places.toml")
    canonical_codes = places["canonical"]
    for country in pycountry.countries:
        name = canonical_codes.get(country.alpha_3) or getattr(country, "common_name", None) or country.name
        for surface in {country.name, getattr(country, "official_name", None),
                        getattr(country, "common_name", None), name}:
            if surface:
                lex.places.setdefault(norm(surface), name)
                lex.places[norm(name)] = name
    for canonical, aliases in places["aliases"].items():
        lex.places[norm(canonical)] = canonical
        for alias in aliases:
            lex.places[norm(alias)] = canonical
    # Plain pronoun-like words never name a country ('us', 'chad' lowercase are filtered by case).
    for canonical, forms in places["demonyms"].items():
        for form in forms:
            lex.demonyms[norm(form)] = canonical.strip()
    for canonical, forms in places["context_regions"].items():
        for form in forms:
            lex.context_regions[norm(form)] = canonical
    lex.organizations = dict(places["organizations"])

    bodies = read_data("bodies.toml")
    for canonical, spec in bodies["fixed"].items():
        for surface in (canonical, *spec.get("aliases", [])):
            lex.bodies[norm(surface)] = (canonical, spec["country"])
    for name in bodies["generic"]["names"]:
        lex.generic_bodies[norm(name)] = name
    for party, spec in bodies.get("parties", {}).items():
        forms = spec if isinstance(spec, list) else spec.get("forms", [])
        for form in (party, *forms):
            lex.parties[norm(form)] = party
        if isinstance(spec, dict) and spec.get("letter"):
            lex.party_letters[spec["letter"]] = party

    media = read_data("media.toml")["media"]
    for name in media["names"]:
        canonical = name[4:] if name.lower().startswith("the ") else name
        lex.media[norm(name)] = {"yonhap news agency": "Yonhap", "reuter": "Reuters",
                                 "xinhua news agency": "Xinhua"}.get(norm(name), canonical)
    lex.media_suffixes = tuple(s.lower() for s in media["suffixes"])

    words = read_data("lexicon.toml")
    verbs = set()
    for verb in words["speech"]["verbs"]:
        parts = verb.split()
        if len(parts) == 2:
            lex.speech_phrases[parts[0]] = parts[1]
        else:
            verbs.add(verb)
    lex.speech_verbs = frozenset(verbs)
    floor = words["cues"]["min_precision"]
    mined = read_data("cues.toml")
    lex.ccomp_cues, lex.xcomp_cues, lex.dobj_cues = (
        frozenset(lemma for lemma, figures in mined.get(dep, {}).items() if figures["precision"] >= floor[dep])
        for dep in ("ccomp", "xcomp", "dobj"))
    lex.source_nouns = dict(mined.get("source_nouns", {}))
    lex.anonymous = frozenset(words["speech"]["anonymous"])
    lex.report_nouns = frozenset(words["speech"]["report_nouns"])
    lex.government_nouns = frozenset(words["speech"]["government_nouns"])
    lex.titles = _phrases(words["roles"]["titles"])
    lex.government_titles = frozenset(words["roles"]["government"])
    lex.title_words = frozenset(w for t in lex.titles for w in t if w != "-")
    lex.opposition_words = frozenset(words["roles"].get("opposition", []))
    lex.country_titles = dict(words["roles"].get("country_titles", {}))
    lex.place_offices = lex.government_titles | frozenset(words["roles"].get("place_offices", []))
    gender = words["gender"]
    lex.female_words = frozenset(gender["female_words"])
    lex.male_words = frozenset(gender["male_words"])
    both = set(gender["female_names"]) & set(gender["male_names"])  # 'Kelly': no clue
    lex.female_names = frozenset(set(gender["female_names"]) - both)
    lex.male_names = frozenset(set(gender["male_names"]) - both)
    lex.first_names = frozenset(gender["female_names"]) | frozenset(gender["male_names"])
    stance = words["stance"]
    lex.support_verbs = frozenset(stance["support_verbs"])
    lex.oppose_verbs = frozenset(stance["oppose_verbs"])
    lex.reduce_verbs = frozenset(stance["reduce_verbs"])
    lex.phrasal_sides = dict(stance.get("phrasal_sides", {}))
    lex.negative_evaluations = frozenset(stance["negative_evaluations"])
    lex.positive_evaluations = frozenset(stance["positive_evaluations"])
    lex.support_words = _phrases(stance["support_words"])
    lex.oppose_words = _phrases(stance["oppose_words"])
    lex.neutral_words = _phrases(stance["neutral_words"])
    lex.valence = {word: value for word, value in vader().lexicon.items() if word.isalpha()}
    lex.calibration = {int(k): v for k, v in words["calibration"]["confidence"].items()}
    lex.prerequisite_first = _phrases(stance["prerequisite_first"])
    lex.condition_after = _phrases(stance["condition_after"])
    return lex


@lru_cache(maxsize=1)
def vader():
    """VADER's analyzer, built once per process from the installed package's word list (nothing
    downloaded): its ``lexicon`` gives word valences, ``polarity_scores`` the tone of a text."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def ruler_patterns() -> list[dict]:
    """EntityRuler patterns for places, demonyms, government bodies and media.

    Case-sensitive on purpose: 'US' is the country, 'us' is a pronoun."""
    lex = load()
    places = read_data("places.toml")
    out: list[dict] = []
    seen: set[tuple[str, str]] = set()

    def add(label: str, text: str, ent_id: str) -> None:
        if (label, text) in seen or not text.strip():
            return
        seen.add((label, text))
        out.append({"label": label, "pattern": text, "id": ent_id})

    for canonical, aliases in places["aliases"].items():
        label = "ORG" if canonical in lex.organizations else "GPE"
        add(label, canonical, canonical)
        for alias in aliases:
            if alias.lower().startswith("the "):
                alias = alias[4:]
            add(label, alias, canonical)
    for canonical, forms in places["demonyms"].items():
        for form in forms:
            add("NORP", form, canonical.strip())
    for surface, (canonical, _country) in lex.bodies.items():
        pass  # bodies are recognised from NER output; a ruler here would split 'U.S. State Department'
    for name in lex.generic_bodies.values():
        words = name.lower().split()
        if len(words) >= 2:
            # NER never tags a lower-case 'Japanese finance ministry official'.
            out.append({"label": "ORG", "pattern": [{"LOWER": w} for w in words], "id": ""})
    for name in read_data("media.toml")["media"]["names"]:
        if name.lower().startswith("the "):
            continue
        add("ORG", name, lex.media[norm(name)])
    for party, spec in read_data("bodies.toml").get("parties", {}).items():
        forms = spec if isinstance(spec, list) else spec.get("forms", [])
        for form in (party, *forms):
            add("NORP", form, party)
    return out
