"""Topics: find where the configured topics are mentioned, or propose topics for an article.

Matching is on lemmas, case-insensitively: a token matches a pattern word when its lemma or its
lower-case form equals it, so 'peace treaty talks' matches the pattern ('peace', 'treaty') and
'treaties' matches 'treaty'. Proposals are recurring noun phrases with their variants merged
('peace treaty', 'peace treaty talks' -> 'peace treaty').
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..records import TopicRec
from .actors import ActorTable
from .config import ExtractConfig, TopicSpec
from .lexicon import load

def _proposal_data() -> dict:
    with open(Path(__file__).parent / "data" / "topics.toml", "rb") as fh:
        return tomllib.load(fh)["proposals"]


_DATA = _proposal_data()
# Words never proposed as a topic on their own (data/topics.toml).
GENERIC = frozenset(_DATA["stop_words"])
# Words that, added before or after a proposed phrase, make a variant of it rather than a new
# topic: talk-like heads ('peace treaty talks') and aspects ('climate finance goal'). Heads that
# make a topic of their own ('trade deal', 'nuclear program') are deliberately not here.
VARIANT_TAILS = frozenset(_DATA["variant_heads"])
# Nouns for what is proposed or decided ('plan', 'bill'): alone, they refer back to the issue
# named in full before ('the house arrest plan' ... 'the plan') (data/topics.toml).
PROPOSAL_HEADS = frozenset(_DATA["proposal_heads"])
# Last words of the names of laws, treaties and plans ('Clean Air Act') (data/topics.toml).
MEASURE_NAMES = frozenset(_DATA["measure_names"])
# Measures of change ('rises', 'cuts'): how an issue moves, never the issue (data/topics.toml).
CHANGE_WORDS = frozenset(_DATA["change_words"])
# Nouns for groups of people, and verbs whose subject is always people (data/topics.toml).
PEOPLE = frozenset(_DATA["people"])
PEOPLE_VERBS = frozenset(_DATA["people_verbs"])
# Verbs that never make an action topic with their object ('make a decision') (data/topics.toml).
ACTION_STOP_VERBS = frozenset(_DATA["action_stop_verbs"])
# Adjectives that take a side on the action after them ('willing to resume the talks'), and
# nouns for a call to act ('the call to open up the books') (data/topics.toml).
SIDE_ADJECTIVES = frozenset(_DATA["side_adjectives"])
CALL_NOUNS = frozenset(_DATA["call_nouns"])
# Nouns of what someone may or must do: with their infinitive they name an issue ('the right
# to strike', 'eligibility to run for president') (data/topics.toml).
ENTITLEMENTS = frozenset(_DATA["entitlement_nouns"])
# Words before a noun that say whose it is ('government plans'), besides parties and nationalities.
OWNERS = frozenset(_DATA["owners"])


HYPHENS = {"-", "\u2010", "\u2011", "\u2013"}


@dataclass
class TopicMention:
    topic: str
    start: int   # token index
    end: int


def token_keys(doc: Doc) -> list[tuple[str, str]]:
    return [(t.lemma_.lower(), t.lower_) for t in doc]


def match_topics(doc: Doc, topics: list[TopicSpec]) -> list[TopicMention]:
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for spec in topics:
        for pattern in (*spec.patterns, *spec.local_patterns):
            if pattern:
                by_first[pattern[0]].append((pattern, spec.name))
    if not by_first:
        return []
    # Hyphens are skipped on both sides: 'phase-out' matches 'phase out'.
    index = [t.i for t in doc if t.text not in HYPHENS]
    keys = [(doc[i].lemma_.lower(), doc[i].lower_) for i in index]
    out: list[TopicMention] = []
    taken_until = -1
    for j, (lemma, lower) in enumerate(keys):
        if j < taken_until:
            continue
        candidates = by_first.get(lemma, []) + (by_first.get(lower, []) if lower != lemma else [])
        best = None
        for pattern, name in candidates:
            n = len(pattern)
            if j + n <= len(keys) and all(pattern[k] in keys[j + k] for k in range(n)):
                # The longest match; between equals, the one matching the words as written
                # ('taxes' is the topic 'taxes' though the model's lemma of it is 'taxis').
                as_written = all(pattern[k] == keys[j + k][1] for k in range(n))
                if best is None or (n, as_written) > best[:2]:
                    best = (n, as_written, name)
        if best:
            out.append(TopicMention(best[2], index[j], index[j + best[0] - 1] + 1))
            taken_until = j + best[0]
    return out


def developed(doc: Doc, mentions: list[TopicMention], curated: set[str]) -> list[TopicMention]:
    """The mentions of the topics this article is about. A topics file is global and its
    aliases can be single common words ('debt', 'merger', 'replaced'); one such alias alone
    does not bring a curated topic into an article: it takes the topic's own name, a mention of
    two words or more, or two different words. Proposed topics come from the article itself
    and all stay."""
    forms: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    named: set[str] = set()
    for m in mentions:
        toks = [t for t in doc[m.start:m.end] if t.text not in HYPHENS]
        forms[m.topic].add(tuple(t.lemma_.lower() for t in toks))
        if " ".join(t.lower_ for t in toks) == m.topic.lower():
            named.add(m.topic)
    kept = {topic for topic, fs in forms.items()
            if topic not in curated or topic in named or len(fs) >= 2 or any(len(f) >= 2 for f in fs)}
    return [m for m in mentions if m.topic in kept]


KEEP_MODIFIERS = {"nuclear", "military", "free", "climate", "carbon", "illegal", "joint", "economic"}


def _hyphen_joined(chunk) -> list[tuple[object, str]]:
    """Content words of a noun chunk as (head token, lemma key), with hyphenated compounds
    kept whole ('coal phase-out' -> 'coal', 'phase-out'; 'back-to-work legislation')."""
    groups: list[list] = []
    for t in chunk:
        if groups and (t.text in HYPHENS or groups[-1][-1].text in HYPHENS) and not groups[-1][-1].whitespace_:
            groups[-1].append(t)
        else:
            groups.append([t])
    out: list[tuple[object, str]] = []
    for g in groups:
        if len(g) > 1:
            words = [t.lower_ for t in g[:-1]] + [g[-1].lemma_.lower()]
            out.append((g[-1], "".join(words)))
            continue
        t = g[0]
        if t.is_stop or t.is_punct or t.is_space or t.like_num or t.pos_ in ("DET", "PRON", "NUM", "PART"):
            continue
        out.append((t, _lemma(t)))
    return out


def _lemma(token) -> str:
    """The token's lemma, lower case; a plural in -es whose lemma is another word keeps its own
    stem ('taxes' is 'tax', though the model says 'taxis'; 'taxis' stays 'taxi')."""
    lemma = token.lemma_.lower()
    word = token.lower_
    if token.tag_ == "NNS" and word.endswith(("xes", "ses", "ches", "shes", "zes")) and not word.startswith(lemma):
        return word[:-2]
    return lemma


HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame"}
NUMERIC_ENTS = {"DATE", "MONEY", "CARDINAL", "PERCENT", "TIME", "ORDINAL", "QUANTITY"}


def _topic_words(doc: Doc, chunk, table: ActorTable) -> list[tuple[object, str]]:
    """The words of a noun chunk that name what it is about, as (token, lemma key), or []
    when it names an actor, a person, a place or an amount. Whose it is and how it is
    qualified are left out: "the EC's farm policy" -> 'farm policy', 'a 10-year childcare
    strategy' -> 'childcare strategy', 'paid maternity leave' -> 'maternity leave'."""
    words = _content_words(doc, chunk)
    if not words or not all(w.replace("-", "").isalpha() and len(w) > 1 for _, w in words):
        return []  # figures and abbreviations of them ('400m pesos')
    if any(t.ent_type_ in NUMERIC_ENTS or t.ent_type_ == "GPE" or w in HONORIFICS or _a_person(t, chunk, table)
           for t, w in words):
        return []  # an amount, a person ('Mr Ingram', though the model missed the name) or a place
    if _names_an_actor(words, table):
        return []
    if len(words) == 1 and (words[0][1] in GENERIC or len(words[0][1]) < 3 or words[0][0].pos_ == "PROPN"):
        return []  # a lone proper noun is a place or an actor ('the North'), not an issue
    return words


def _a_person(token, chunk, table: ActorTable) -> bool:
    """Whether a word the model tagged as a name of a person is one: the head of the phrase, or
    a person the actors found. A 'person' written only before a common noun, whom the actors
    dropped ('the Brexit vote', 'the Brexit shock'), names what the phrase is about."""
    if token.ent_type_ != "PERSON":
        return False
    return token.i == chunk.root.i or token.i in table.by_token or token.dep_ != "compound"


def _content_words(doc: Doc, chunk) -> list[tuple[object, str]]:
    """A noun chunk's words after its owner, without the qualifiers that lead it. A hyphenated
    word the parser split from the chunk ('e-' before the chunk 'mails') is taken whole."""
    start = _after_possessive(chunk)
    if start == chunk.start and start < chunk.end:
        start = _group_start(doc, doc[start])
    words = _hyphen_joined(doc[start:chunk.end])
    while words and _qualifier(*words[0]):
        words = words[1:]
    return words


def _after_possessive(chunk) -> int:
    """Where a noun chunk starts once its owner is left out ("Brown's", "workers'")."""
    owned = [t.i for t in chunk if t.tag_ == "POS"]
    return owned[-1] + 1 if owned else chunk.start


def _qualifier(token, key: str) -> bool:
    """A leading word that only qualifies the phrase: a date or amount ('annual', '10-year'),
    an adjective or adverb not in KEEP_MODIFIERS ('new', 'controversial'), a participle
    ('proposed tax', 'paid leave'); a gerund stays ('binding arbitration')."""
    if token.ent_type_ in NUMERIC_ENTS:
        return True
    if token.pos_ in ("ADJ", "ADV"):
        return key not in KEEP_MODIFIERS
    return token.tag_ == "VBN" and token.dep_ == "amod"


def _names_an_actor(words: list[tuple[object, str]], table: ActorTable) -> bool:
    """Whether the phrase names an actor rather than something an actor is associated with:
    an organisation may qualify it ('an IMF program'), but it cannot be its head, and no
    other actor may be in it."""
    *modifiers, (head, _) = words
    if head.i in table.by_token:
        return True
    for t, _ in modifiers:
        mention = table.by_token.get(t.i)
        if mention is not None and table.actors[mention.key].type != "organization":
            return True
    return False


@dataclass
class _Candidate:
    key: tuple[str, ...]                       # lemma words, for matching and merging
    count: int = 0
    surfaces: Counter = field(default_factory=Counter)   # as written, case kept
    lower_mid: bool = False                    # written lower-case somewhere mid-sentence
    forms: set = field(default_factory=set)    # longer forms it was named from ('council tax rises')
    upper_mid: bool = False                    # written capitalised somewhere mid-sentence
    sided: bool = False                        # an actor takes a side on it in so many words
    joins: set = field(default_factory=set)    # phrases it leads, that join it ('Brexit vote')
    tags: tuple = ()                           # parts of speech of its words, where first named


def propose_topics(doc: Doc, table: ActorTable, config: ExtractConfig) -> list[TopicSpec]:
    """Noun phrases of the article that could be topics, variants merged, most frequent first.
    Each is named as a reader writes it ('binding arbitration', 'tariffs', 'Korean War'); its
    lemma form stays among the patterns for matching. ``keep_spoken`` then keeps those that
    statements talk about."""
    cands: dict[tuple[str, ...], _Candidate] = {}
    led: dict[tuple[str, ...], set] = defaultdict(set)      # proper-name lead -> phrases it leads
    led_as: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for chunk in doc.noun_chunks:
        words = _topic_words(doc, chunk, table)
        if not words:
            continue
        # A measure of change names how the issue moves, not the issue: 'council tax rises'
        # is named 'council tax' and its full form stays a pattern (the mention keeps it).
        named = _without_change(words)
        if not named:
            continue
        key = tuple(w for _, w in named)
        c = cands.setdefault(key, _Candidate(key))
        c.count += 1
        c.tags = c.tags or tuple(t.pos_ for t, _ in named)
        c.sided = c.sided or _sided(chunk.root)
        first = words[0][0]
        c.surfaces[_written(doc, first, named[-1][0])] += 1
        if len(named) < len(words):
            c.forms.add(tuple(w for _, w in words))
            c.forms.add(tuple(_written(doc, first, words[-1][0]).lower().split()))
        if not first.is_sent_start:
            if all(_capitalised(t) for t, _ in words):
                c.upper_mid = True
            else:
                c.lower_mid = True
        n = _proper_lead(named, table)
        if n:
            led[key[:n]].add(key)
            led_as[key[:n]][_written(doc, named[0][0], named[n - 1][0])] += 1
    people = _people_words(doc)
    _proper_names_leading(cands, led, led_as, people)
    nouns = _noun_proposals(cands, people, config)
    named = {k for *_, spec in nouns for k in spec.patterns}
    actions = [(n, False, sided, spec) for n, sided, spec, acted_on
               in _action_proposals(doc, people, config) + _purpose_proposals(doc, people, config)
               if acted_on not in named]  # 'scrapping the tax' is a side on 'tax', when proposed
    # First those an actor takes a side on in so many words or that are an issue's proper name
    # ('North American Free Trade Agreement', 'Brexit'), rather than common words that fit any
    # story ('world economy'); then the most mentioned; on a tie a noun phrase before an action.
    ranked = sorted([(n, proper or sided, 0, spec) for n, proper, sided, spec in nouns]
                    + [(n, proper or sided, 1, spec) for n, proper, sided, spec in actions],
                    key=lambda x: (not x[1], -x[0], x[2]))
    return [x[-1] for x in ranked]


PROPER_LEAD_ENTS = {"", "PERSON", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"}


def _proper_lead(words: list[tuple[object, str]], table: ActorTable) -> int:
    """How many words of a phrase are a proper name that leads it and qualifies common nouns
    ('the Brexit vote' -> 1), when that name is no actor, place, nationality or organisation;
    else 0."""
    n = 0
    while n < len(words) and words[n][0].pos_ == "PROPN" and _capitalised(words[n][0]):
        t = words[n][0]
        if t.i in table.by_token or t.ent_type_ not in PROPER_LEAD_ENTS:
            return 0
        n += 1
    if n == len(words) or any(t.pos_ != "NOUN" for t, _ in words[n:]):
        return 0
    return n


def _proper_names_leading(cands: dict[tuple[str, ...], _Candidate], led: dict, led_as: dict,
                          people: set[str]) -> None:
    """News names an issue with a proper name of its own by the things it qualifies ('the Brexit
    vote', 'the Brexit shock'): a name that leads two different phrases about something (not
    'Smith aides') is proposed, and the phrases join it."""
    for lead, keys in led.items():
        about = {k for k in keys if k[-1] not in people and k[-1] not in _title_heads()
                 and k[-1] not in _source_nouns()}
        if len(about) < 2:
            continue
        c = cands.setdefault(lead, _Candidate(lead))
        c.surfaces.update(led_as[lead])
        c.upper_mid = True
        c.joins |= about


def _noun_proposals(cands: dict[tuple[str, ...], _Candidate], people: set[str],
                    config: ExtractConfig) -> list[tuple[int, bool, bool, TopicSpec]]:
    """The recurring noun phrases worth proposing, with how often each is named, whether it is a
    proper name and whether a side is taken on it by name."""
    roots = _merge_variants(cands)
    out = []
    ranked = sorted(roots.items(), key=lambda kv: -sum(cands[k].count for k in kv[1]))
    for root, members in ranked:
        if len(root) == 1 and root[0] in GENERIC:
            continue
        if root[-1] in _title_heads() or len(root) == 1 and root[0] in _source_nouns():
            continue  # 'ministry official', 'senator', 'employees': who speaks, not what about
        if root[-1] in people:
            continue  # 'garment workers', 'terror suspects': who acts, not what about
        if sum(cands[k].count for k in members) < 2 and not _named_measure(cands[root]) \
                and not (len(root) > 1 and cands[root].sided and _specific(root, people)):
            continue  # named once in the whole article, and no side taken on it by name
        name = _display_name(cands[root])
        lemma_name = " ".join(root)
        if {name.casefold(), lemma_name} & config.blocked_topics:
            continue
        proper = cands[root].upper_mid and not cands[root].lower_mid
        out.append((sum(cands[k].count for k in members), proper, any(cands[k].sided for k in members),
                     _spec(name, root, members, cands)))
    return out


@dataclass
class _Action:
    """An action on something, named as an issue: 'breaking up big banks', 'to scrap the agency'."""
    key: tuple[str, ...]                       # verb and particle lemmas, then the object's words
    acted_on: tuple[str, ...]                  # the object's words alone
    count: int = 0
    surfaces: Counter = field(default_factory=Counter)   # as written, verb to object
    gerunds: Counter = field(default_factory=Counter)    # the written forms with an -ing verb
    forms: set = field(default_factory=set)    # the written forms as words ('government', "'s")
    sided: bool = False                        # an actor takes a side on it in so many words


def _action_proposals(doc: Doc, people: set[str],
                      config: ExtractConfig) -> list[tuple[int, bool, TopicSpec, tuple[str, ...]]]:
    """Issues news names as an action on something ('a bill designed to hamstring the CFPB',
    'willing to resume the coffee negotiations'): a gerund or a verb in the base form with its
    object, named at least twice or once with a side taken on it. Forms that are the same words ('hamstring
    the CFPB' as an -ing form and as an infinitive) are one action. Each comes with how often it
    is named, whether a side is taken on it and the words of what it acts on."""
    actions: dict[tuple[str, ...], _Action] = {}
    key_of_written: dict[str, tuple[str, ...]] = {}
    chunks = {c.root.i: c for c in doc.noun_chunks}
    for verb in doc:
        found = _action(doc, verb, chunks)
        if found is None:
            continue
        key, acted_on, written, form = found
        key = key_of_written.setdefault(written.lower(), key)
        a = actions.setdefault(key, _Action(key, acted_on))
        a.count += 1
        a.surfaces[written] += 1
        a.forms.add(form)
        if verb.tag_ == "VBG":
            a.gerunds[written] += 1
        a.sided = a.sided or _sided(verb)
    out = []
    for a in actions.values():
        name = _action_name(a)
        once = a.count < 2
        if once and not (a.sided and _specific(a.acted_on, people, acted_on=True)) \
                or {name.casefold(), " ".join(a.key)} & config.blocked_topics:
            continue
        patterns = {a.key} | a.forms
        out.append((a.count, a.sided, TopicSpec(name, sorted(patterns)), a.acted_on))
    return out


def _purpose_proposals(doc: Doc, people: set[str],
                       config: ExtractConfig) -> list[tuple[int, bool, TopicSpec, tuple[str, ...]]]:
    """Issues news names as what someone may or must do ('questioned his eligibility to run for
    president', 'defended their right to strike', 'the power to detain suspects'): a noun of
    entitlement (data/topics.toml) says too little alone; with its infinitive it is the issue.
    Named twice, or once with a side taken on it."""
    chunks = {c.root.i: c for c in doc.noun_chunks}
    found: dict[tuple[str, ...], list] = {}
    for chunk in doc.noun_chunks:
        noun = chunk.root
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in ENTITLEMENTS:
            continue
        verb = next((c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VB"
                     and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if verb is None:
            continue
        end = verb.i + 1
        for c in verb.children:
            if c.dep_ == "prt":
                end = max(end, c.i + 1)
            obj = c if c.dep_ == "dobj" else next((g for g in c.children if g.dep_ == "pobj"), None) \
                if c.dep_ == "prep" and c.i == end else None
            if obj is not None and obj.i in chunks:
                end = max(end, chunks[obj.i].end)
        span = doc[noun.i:end]
        if len(span) > 8 or any(t.like_num or t.ent_type_ in NUMERIC_ENTS for t in span):
            continue
        key = tuple(t.lemma_.lower() for t in span if t.text not in HYPHENS)
        entry = found.setdefault(key, [0, False, Counter(), set()])
        entry[0] += 1
        entry[1] = entry[1] or _sided(noun)
        entry[2][" ".join(span.text.split())] += 1
        entry[3].add(tuple(t.lower_ for t in span if t.text not in HYPHENS))
    out = []
    for key, (count, sided, written, forms) in found.items():
        name = min(written, key=lambda s: (-written[s], s))
        if count < 2 and not sided or {name.casefold(), " ".join(key)} & config.blocked_topics:
            continue
        out.append((count, sided, TopicSpec(name, sorted({key} | forms)), key[:1]))
    return out


def _action(doc: Doc, verb, chunks: dict) -> tuple[tuple[str, ...], tuple[str, ...], str, tuple[str, ...]] | None:
    """(key, object words, written form, its words as matched) when ``verb`` names an action on
    its object, else None.
    Only a gerund or a base form names an action under discussion; a finite verb narrates
    ('Congress passed the bill'), a progressive too ('is breaking up the bank')."""
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBG", "VB") or verb.lemma_.lower() in _never_actions():
        return None
    if verb.tag_ == "VBG" and (verb.dep_ in ("amod", "compound") or any(c.dep_ == "aux" for c in verb.children)):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    chunk = chunks.get(obj.i) if obj is not None else None
    if chunk is None or chunk.end - verb.i > 7:
        return None
    particles = tuple(c.lower_ for c in verb.children if c.dep_ == "prt" and c.i < chunk.start)
    words = _object_words(doc, chunk, phrasal=bool(particles))
    if not words:
        return None
    key = (verb.lemma_.lower(), *particles, *words)
    span = doc[verb.i:chunk.end]
    return key, words, " ".join(span.text.split()), tuple(t.lower_ for t in span if t.text not in HYPHENS)


REFERRING_DETERMINERS = {"its", "their", "his", "her", "our", "my", "your", "this", "that", "these", "those"}


def _object_words(doc: Doc, chunk, phrasal: bool = False) -> tuple[str, ...]:
    """The words of what an action acts on, qualifiers left out ('the Scottish regiments');
    an organisation may be it ('the CFPB'). Not a person, a pronoun or an amount; not a generic
    noun alone ('tackle the problems', 'cut the number'), unless a phrasal verb says what is done
    to it ('break up the banks', 'sell off the firm'); not a thing named before ('reassess its
    position', 'reduce that share')."""
    if any(t.lower_ in REFERRING_DETERMINERS or t.like_num for t in chunk):
        return ()
    words = _content_words(doc, chunk)
    if not words or len(words) == 1 and words[0][1] in GENERIC and not phrasal:
        return ()
    if any(t.ent_type_ in NUMERIC_ENTS or t.ent_type_ == "PERSON" for t, _ in words):
        return ()
    if not all(w.replace("-", "").isalpha() for _, w in words):
        return ()
    return tuple(w for _, w in words)


def _sided(token) -> bool:
    """Whether an actor takes a side, in so many words, on what ``token`` heads: it is the object
    of a verb of taking a side ('questioned the merger', 'push for the complete dismantling',
    'opposed rushing the bill'), an action after an adjective that takes one ('willing to resume
    the talks'), or an action named by a call or proposal that a side is taken on ('defended
    proposals to dismantle the system', 'rejected the call to open up the books')."""
    head = token.head
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("for", "against"):
        token, head = head, head.head   # 'called for', 'argued against'
    if token.dep_ in ("dobj", "xcomp", "pcomp", "prep") and head.pos_ == "VERB":
        return head.lemma_.lower() in _side_verbs()
    if token.dep_ == "xcomp" and head.pos_ == "ADJ":
        return head.lower_ in SIDE_ADJECTIVES
    if token.dep_ == "acl" and head.lemma_.lower() in PROPOSAL_HEADS | CALL_NOUNS:
        return _sided(head)
    return False


def _specific(words: tuple[str, ...], people: set[str], acted_on: bool = False) -> bool:
    """Whether a phrase names a particular thing even when named once ('congestion charging',
    'coffee negotiations', 'the Dome'), not which people ('opposition candidates') or whose
    plans ('Tory plans', 'government reforms'): its last word is no group or title, and a word
    before it that is not an owner says which one ('student loans', 'trade deal'). What an action
    acts on may be a noun that heads sources elsewhere ('open up the books', 'publish the
    report'): acted on, it is no speaker."""
    *modifiers, head = words
    if head in people or head in _title_heads() or not acted_on and head in _source_nouns() and head not in GENERIC:
        return False
    if not modifiers:
        return head not in GENERIC
    return any(w not in _owner_words() for w in modifiers)


@lru_cache(maxsize=1)
def _owner_words() -> frozenset[str]:
    """Words that say whose a thing is: parties ('Tory', 'Labour'), nationalities ('Chinese') and
    the government's own words (data/topics.toml)."""
    lex = load()
    return frozenset(w for name in (*lex.parties, *lex.demonyms) for w in name.split()) | OWNERS


@lru_cache(maxsize=1)
def _side_verbs() -> frozenset[str]:
    """Verbs of taking a side (lexicon.toml): 'back', 'reject', 'call' (for), 'question'."""
    lex = load()
    return lex.support_verbs | lex.oppose_verbs


def _action_name(a: _Action) -> str:
    """The most frequent -ing form as written ('breaking up big banks'), else the most frequent
    written form; the verb in lower case."""
    forms = a.gerunds or a.surfaces
    written = min(forms, key=lambda s: (-forms[s], s))
    first, _, rest = written.partition(" ")
    return f"{first.lower()} {rest}"


@lru_cache(maxsize=1)
def _never_actions() -> frozenset[str]:
    """Verbs whose object is no action topic: light verbs (data/topics.toml), verbs of speech and
    verbs of taking a side, but for those that act on what they govern ('scrap', 'delay')."""
    lex = load()
    return (ACTION_STOP_VERBS | lex.speech_verbs | lex.support_verbs | lex.oppose_verbs) - lex.reduce_verbs


def _spec(name: str, root: tuple[str, ...], members: list[tuple[str, ...]],
          cands: dict[tuple[str, ...], _Candidate]) -> TopicSpec:
    """The proposal with its forms; a lone head that refers back to the phrase ('the cards'
    for 'ID cards') finds it in this article only."""
    patterns, local = {root}, set()
    for k in members:
        forms = {k} | {tuple(s.lower().split()) for s in cands[k].surfaces} | cands[k].forms
        (local if len(k) == 1 < len(root) else patterns).update(forms)
    return TopicSpec(name, sorted(patterns), sorted(local - patterns))


def _named_measure(c: _Candidate) -> bool:
    """A law, treaty or plan with a name of its own ('Clean Air Act', 'Trans-Pacific
    Partnership'): what actors argue about, even when the article names it once."""
    return len(c.key) > 1 and c.key[-1] in MEASURE_NAMES and c.upper_mid and not c.lower_mid


def _people_words(doc: Doc) -> set[str]:
    """Nouns that name people: the groups of data/topics.toml, and nouns the article itself
    uses for people, with 'who' after them or as the subject of a verb only people do
    ('bankers who ...', 'producers fear ...')."""
    people = set(PEOPLE)
    for t in doc:
        if t.pos_ not in ("NOUN", "PROPN"):
            continue
        if any(c.dep_ == "relcl" and any(w.lower_ in ("who", "whom") for w in c.children) for c in t.children):
            people.add(t.lemma_.lower())
        elif t.dep_ == "nsubj" and t.head.lemma_.lower() in PEOPLE_VERBS:
            people.add(t.lemma_.lower())
    return people


@lru_cache(maxsize=1)
def _title_heads() -> frozenset[str]:
    """Last words of titles ('minister', not 'finance'): never the head of a topic."""
    return frozenset(title[-1] for title in load().titles)


@lru_cache(maxsize=1)
def _source_nouns() -> frozenset[str]:
    """Nouns that head sources often ('employees'): never a topic on their own, though
    'Clean Power Plan' stays."""
    floor = _DATA["speaker_noun_min"]
    return frozenset(n for n, count in load().source_nouns.items() if count >= floor)


def keep_spoken(proposed: list[TopicSpec], mentions: list[TopicMention],
                spans: list[tuple[int, int]], limit: int) -> list[TopicSpec]:
    """The proposals worth keeping: those statements talk about, at most ``limit``. A single word
    must come up in at least two statements ('tariffs'); a phrase of several words may stand
    alone. The most talked about come first (on a tie, in the order proposed), but a proposal
    only named in statements already about a kept one ('attacked red tape and debt', after
    'debt') gives way to one that brings statements of its own, unless it is a proper name: the
    particular treaty beside the general words ('free-trade deals such as the North American
    Free Trade Agreement')."""
    said_in: dict[str, set[int]] = defaultdict(set)
    for m in mentions:
        for n, (lo, hi) in enumerate(spans):
            if lo <= m.start and m.end <= hi:
                said_in[m.topic].add(n)
    out = []
    for spec in proposed:
        need = 2 if len(spec.name.split()) == 1 else 1
        if len(said_in.get(spec.name, ())) >= need:
            out.append(spec)
    out.sort(key=lambda spec: -len(said_in[spec.name]))
    first, then, covered = [], [], set()
    for spec in out:
        if said_in[spec.name] - covered or all(w[:1].isupper() for w in spec.name.split()):
            first.append(spec)
            covered |= said_in[spec.name]
        else:
            then.append(spec)
    return (first + then)[:limit]


def _without_change(words: list[tuple[object, str]]) -> list[tuple[object, str]]:
    """The phrase without the measures of change at its end ('council tax rises' -> 'council
    tax'); [] when nothing else is left ('a sharp rise')."""
    n = len(words)
    while n and words[n - 1][1] in CHANGE_WORDS:
        n -= 1
    return words[:n]


def _written(doc: Doc, first, last) -> str:
    """The text from ``first`` (with a hyphenated compound it ends) to ``last``, spaces collapsed."""
    return " ".join(doc[_group_start(doc, first):last.i + 1].text.split())


def _group_start(doc: Doc, token) -> int:
    """Where a hyphenated compound ending at ``token`` starts."""
    i = token.i
    while i >= 2 and doc[i - 1].text in HYPHENS and not doc[i - 2].whitespace_:
        i -= 2
    return i


def _capitalised(token) -> bool:
    return token.text[:1].isupper()


def _display_name(c: _Candidate) -> str:
    """The most frequent written form; lower-cased but for acronyms, unless it is always
    capitalised where it is not the first word of a sentence (a proper name: 'Korean War')."""
    surface = max(c.surfaces.items(), key=lambda kv: (kv[1], kv[0].islower()))[0]
    if c.upper_mid and not c.lower_mid:
        return surface
    # Acronyms keep their capitals ('ID cards', 'IMF program').
    return " ".join(w if len(w) > 1 and w.isupper() else w.lower() for w in surface.split())


def _merge_variants(cands: dict[tuple[str, ...], _Candidate]) -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """Group each phrase under the shortest phrase it extends with talk-like or aspect words
    only, before or after ('peace treaty talks', 'climate finance goal'); a shorter phrase that
    is too generic to be a topic takes no variants ('trade' does not absorb 'trade talks')."""
    root_of: dict[tuple[str, ...], tuple[str, ...]] = {}
    joined = {k: key for key, c in cands.items() for k in c.joins}
    for key in sorted(cands, key=len):
        if key in joined:
            root_of[key] = joined[key]
            continue
        root_of[key] = key
        for other in sorted((k for k in root_of if len(k) < len(key)), key=len):
            if len(other) == 1 and other[0] in GENERIC:
                continue
            n = len(other)
            for lo in range(len(key) - n + 1):
                if key[lo:lo + n] == other and all(w in VARIANT_TAILS for w in key[:lo] + key[lo + n:]):
                    root_of[key] = root_of[other]
                    break
            if root_of[key] != key:
                break
    _proposal_nouns_vary(cands, root_of)
    for key in cands:
        # 'hunting' and 'hunts' are one issue when the article uses both; 'taxis' is not 'taxes'
        # (different lemmas, no -ing form).
        stem = _ing_stem(key[-1])
        if stem and key[:-1] + (stem,) in cands:
            root_of[key] = root_of[key[:-1] + (stem,)]
    _bare_heads_refer_back(cands, root_of)
    groups: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for key, root in root_of.items():
        groups[root].append(key)
    return groups


def _proposal_nouns_vary(cands: dict[tuple[str, ...], _Candidate],
                         root_of: dict[tuple[str, ...], tuple[str, ...]]) -> None:
    """News names one proposal with several nouns for it ('the farm price package', 'the farm
    price proposals'; 'the tax plan', 'the tax scheme'): phrases that differ only in such a last
    word are one issue, under the most named of them, when the words before it say which
    (not 'government plans', 'Tory proposals')."""
    by_stem: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for key in sorted(cands):
        # the words before are nouns ('farm price'), not a participle ('existing laws')
        if len(key) > 1 and key[-1] in PROPOSAL_HEADS and root_of[key] == key \
                and cands[key].tags[-2:-1] in (("NOUN",), ("PROPN",)):
            by_stem[key[:-1]].append(key)
    for stem, keys in by_stem.items():
        if len(keys) < 2 or all(w in _owner_words() or w in GENERIC for w in stem):
            continue
        root = max(keys, key=lambda k: cands[k].count)
        for k in keys:
            root_of[k] = root


def _bare_heads_refer_back(cands: dict[tuple[str, ...], _Candidate],
                           root_of: dict[tuple[str, ...], tuple[str, ...]]) -> None:
    """News names an issue in full, then by its head alone: 'ID cards' ... 'the cards', 'the
    house arrest plan' ... 'the plan'. A lone word joins the one recurring phrase it is the
    last word of; with two such phrases ('income tax', 'council tax') it is left alone. A
    generic word only refers back when it is a proposal noun ('plan', 'bill'): 'the year' is
    not 'election year'."""
    # How often each phrase is named, counted once: a lone word only joins a phrase already
    # named twice, so the joins below change no phrase's standing.
    totals: Counter = Counter()
    for k, c in cands.items():
        totals[root_of[k]] += c.count
    for key in cands:
        if len(key) != 1 or root_of[key] != key or key[0] in GENERIC and key[0] not in PROPOSAL_HEADS:
            continue
        phrases = {root_of[k] for k in cands if len(k) > 1 and k[-1] == key[0] and totals[root_of[k]] >= 2}
        if len(phrases) == 1:
            root_of[key] = phrases.pop()


def _ing_stem(word: str) -> str | None:
    """'hunting' -> 'hunt', 'shipping' -> 'ship'; None for other words."""
    if not word.endswith("ing") or len(word) < 6:
        return None
    stem = word[:-3]
    return stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem


def as_records(specs: list[TopicSpec]) -> list[TopicRec]:
    return [TopicRec(s.name, sorted({" ".join(p) for p in s.patterns} - {s.name})) for s in specs]
