"""Actors: who is mentioned, under one canonical name per actor, and whom they belong to
(organisations and bodies here, people in affiliations.py).

Input is a parsed Doc (NER plus the place ruler); output is an ``ActorTable``: the actors of the
article, every mention with its character offsets, and a token index so the statement rules can
ask "which actor is this token part of?". Rules here fix what the small NER model gets wrong
(quote-mark fragments, a name followed by ', spokesman' tagged as a work of art, 'the North').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..records import GOVERNMENT_ROLE, PARTY_ROLE, ActorRec, MentionRec
from .affiliations import PersonAffiliations
from .lexicon import Lexicon, norm
from .sents import sent_of
from .titles import part_of_title, title_at, title_ending_at, titled_apposition

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "LAW"}
QUOTE_CHARS = set("\"\u201c\u201d\u201e\u00ab\u00bb`")
PERSON_PRONOUNS = {"he", "she", "him", "her"}
ORG_PRONOUNS = {"it"}
DATELINE = re.compile(r"\s*([A-Z][A-Z .'-]{2,30}),[^\n]{0,40}?(?:--|\u2014|\u2013| - )")
GOVERNMENT_WORDS = {"ministry", "coast", "embassy", "police", "army", "navy", "military", "parliament",
                    "government", "cabinet", "department", "ministers", "ministry's", "agency", "guard"}
# Head words of a national body, so 'Bank of Japan' is Japanese ('Islamic State of Iraq' is not).
NATIONAL_WORDS = GOVERNMENT_WORDS | {"bank", "court", "republic", "kingdom", "office", "council",
                                     "commission", "senate", "assembly", "congress", "treasury"}
HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "mr.", "mrs.", "ms.", "dr."}
# Letters after a name that are no part of it ('Guy Mansfield QC', 'Lembit Opik MP').
POST_NOMINALS = {"qc", "kc", "mp", "mep", "msp", "obe", "mbe", "cbe", "jr", "jr.", "sr", "sr."}
# Last words of the names of agreements, laws and plans: topics, not actors ('Trans-Pacific
# Partnership', 'North American Free Trade Agreement', 'Clean Power Plan').
POLICY_HEADS = {"act", "agreement", "partnership", "treaty", "plan", "bill", "accord", "protocol", "pact",
                "programme", "program", "directive", "amendment", "doctrine"}
# Common nouns that wire copy capitalises after a place ('U.S. Firms', 'U.S. Opposition'):
# with the place alone before them they name no organisation.
GENERIC_AFTER_PLACE = {"officials", "official", "firms", "firm", "companies", "company", "banks",
                       "opposition", "pressure", "government", "troops", "forces", "sources",
                       "negotiators", "producers", "exporters", "importers", "industry", "economy",
                       "lawmakers", "diplomats", "support", "criticism", "demands", "objections",
                       "interests", "investors", "manufacturers", "officers", "authorities"}
# Last words of organisation names, never of a person's: NER calls "Christian Aid's" a person.
ORG_NAME_HEADS = {"Aid", "Watch", "International", "Council", "Institute", "Foundation", "Association",
                  "Fund", "Trust", "Society", "Federation", "Network", "Alliance", "Coalition", "Union",
                  "Agency", "Group", "Bank", "Party", "Committee", "Commission", "Organisation",
                  "Organization", "Corporation", "Company", "Bureau", "Office", "Centre", "Center",
                  "Court", "Board", "Authority", "League", "Forum", "Campaign", "Movement", "Ministry",
                  "Department", "Inc", "Inc.", "Ltd", "Corp", "Corp.", "Plc", "Co."}
# Nouns for a company right before its name ('water firm X', 'the chipmaker X'): what follows is
# no person's name.
COMPANY_NOUNS = {"firm", "company", "corporation", "conglomerate", "bank", "lender", "insurer", "airline",
                 "utility", "retailer", "carmaker", "automaker", "chipmaker", "drugmaker", "supermarket",
                 "giant", "subsidiary"}
# 'X, owned by Y', 'X, a subsidiary of Y': an organisation's owner named after it.
OWNED_VERBS = {"owned", "controlled", "run"}
OWNED_NOUNS = {"subsidiary", "unit", "division", "affiliate", "arm", "subsidiaries"}
# Heads of a title that a portfolio word precedes: in 'French Agricultural Minister' or 'Postal
# Minister' NER tags the portfolio as an organisation; it is part of the title.
PORTFOLIO_HEADS = {"minister", "ministers", "commissioner", "secretary"}


@dataclass
class Mention:
    key: str
    start: int          # token index
    end: int            # token index, exclusive
    start_char: int
    end_char: int
    text: str
    label: str


@dataclass
class ActorTable:
    actors: dict[str, ActorRec] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    by_token: dict[int, Mention] = field(default_factory=dict)

    def add(self, name: str, type_: str, surface: str | None = None, role: str | None = None) -> str:
        key = name
        actor = self.actors.get(key)
        if actor is None:
            actor = self.actors[key] = ActorRec(key=key, name=name, type=type_, role=role)
        elif type_ == "person" and actor.type != "person":
            actor.type = type_
        if role and not actor.role:
            actor.role = role
        if surface:
            surface = " ".join(surface.split())
            if norm(surface) != norm(name) and surface not in actor.aliases and len(actor.aliases) < 20:
                actor.aliases.append(surface)
        return key

    def mention(self, key: str, doc: Doc, start: int, end: int, label: str) -> Mention:
        span = doc[start:end]
        m = Mention(key, start, end, span.start_char, span.end_char, span.text, label)
        self.mentions.append(m)
        for i in range(start, end):
            self.by_token[i] = m
        return m

    def actor_at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)

    def people_between(self, start: int, end: int) -> list[Mention]:
        """Mentions of persons that start at a token in [start, end), in text order."""
        return [m for m in self.mentions if start <= m.start < end and self.actors[m.key].type == "person"]

    def records(self) -> tuple[list[ActorRec], list[MentionRec]]:
        mentions = [MentionRec(m.key, m.start_char, m.end_char, m.text, m.label) for m in self.mentions]
        return list(self.actors.values()), mentions


def _clean_bounds(ent: Span) -> tuple[int, int] | None:
    """Trim quote marks, punctuation, 'the' and a trailing possessive; None if nothing is left."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ == "the"
                           or set(doc[start].text) & QUOTE_CHARS):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                           or doc[end - 1].lower_ in ("'s", "\u2019s", "'")
                           or set(doc[end - 1].text) & QUOTE_CHARS):
        end -= 1
    opening = next((i for i in range(start + 1, end) if doc[i].text == "("), None)
    if opening is not None and not any(doc[i].text == ")" for i in range(opening, end)):
        end = opening  # 'FNSEA (Federation Nationale ...' without its ')': the name before it
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
    if start >= end:
        return None
    span = doc[start:end]
    if not any(c.isalpha() for c in span.text) or set(span.text) & QUOTE_CHARS:
        return None
    if "\n" in span.text.strip() and len(span) > 6:
        return None
    return start, end


def _looks_like_name(span: Span) -> bool:
    words = span.text.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def _untagged_name_word(tok: Token) -> bool:
    """A capitalised word that no name-like entity holds ('May' read as a date is one)."""
    return tok.is_title and tok.ent_type_ in ("", "DATE") and tok.pos_ == "PROPN"


def first_name_and_surname(span, lex: Lexicon) -> bool:
    """Two or three capitalised words, the first a common first name and the last no word
    that ends the name of a body ('Vincent Cable', 'Theresa May'; not 'Grace Foundation')."""
    words = [t for t in span if not t.is_punct]
    return (2 <= len(words) <= 3 and words[0].lower_ in lex.first_names
            and all(t.is_title for t in words) and words[-1].text not in ORG_NAME_HEADS)


class ActorFinder(PersonAffiliations):
    def __init__(self, doc: Doc, lex: Lexicon):
        self.doc = doc
        self.text = doc.text  # Doc.text rebuilds the string on every call
        self.lex = lex
        self.table = ActorTable()
        self.persons: list[str] = []
        korea = {"North Korea", "South Korea"}
        self.korea_context = any(
            (e.ent_id_ in korea) or lex.country_of(e.text) in korea for e in doc.ents
        )
        self.home = self._dateline_country()
        self.government: set[str] = set()  # keys of government bodies
        self.parties: set[str] = set()  # keys of political parties
        self.guessed: set[str] = set()  # people whose country is only the one acting nearby
        self.companies: set[str] = set()  # names NER tagged PERSON after 'firm', 'company'
        self._main: str | None = None  # the article's main country, computed on first use

    def _dateline_country(self) -> str | None:
        """'SEOUL, March 3 (Yonhap) -- ...': the country a wire story is filed from."""
        m = DATELINE.match(self.doc[:40].text)  # the first words are enough
        return self.lex.places.get(norm(m.group(1))) if m else None

    # -- entities ------------------------------------------------------------------------

    def run(self) -> ActorTable:
        for ent in self.doc.ents:
            if ent.label_ in ENTITY_LABELS:
                self._entity(ent)
        self._names_ner_missed()
        self._merge_acronyms()
        self._propagate_mentions()
        self._owned_organizations()
        self._affiliations()
        self._titles_by_reference()
        self._party_people_by_reference()
        self._leaders_speaking_for_an_organization()
        self._heads_of_named_bodies()
        self._members_of_named_commissions()
        return self.table

    def _names_ner_missed(self) -> None:
        """'Theresa May, Tory shadow work and pensions secretary, said': a first name and a
        surname with a title beside them that NER left out (it read 'May' as the month)."""
        doc, lex = self.doc, self.lex
        i = 0
        while i < len(doc) - 1:
            end = i + 1
            if doc[i].lower_ in lex.first_names and _untagged_name_word(doc[i]):
                while end < len(doc) and end - i < 3 and _untagged_name_word(doc[end]):
                    end += 1
                span = doc[i:end]
                if first_name_and_surname(span, lex) and (
                        titled_apposition(doc, end, lex)
                        or title_ending_at(doc, i, lex, sent_of(span).start)):
                    self._person(span, "PERSON")
            i = end

    def _owner_in_apposition(self, m: Mention) -> str | None:
        """'Aguas Argentinas, controlled by France's Suez,', 'Magma Copper, a subsidiary of
        Newmont Mining,': the owner named right after an organisation."""
        doc = self.doc
        k = m.end
        if k + 3 >= len(doc) or doc[k].text != ",":
            return None
        k += 1
        if doc[k].lower_ in ("a", "an", "the") and doc[k + 1].lower_ in OWNED_NOUNS and doc[k + 2].lower_ == "of":
            k += 3
        elif doc[k].lower_ in OWNED_VERBS and doc[k + 1].lower_ == "by":
            k += 2
        else:
            return None
        if k < len(doc) and doc[k].lower_ == "the":
            k += 1
        owner = self.table.actor_at(doc[k]) if k < len(doc) else None
        if owner is not None and owner.end + 1 < len(doc) and doc[owner.end].lower_ in ("'s", "\u2019s"):
            owner = self.table.actor_at(doc[owner.end + 1]) or owner  # "France's Suez": Suez
        if owner is None or owner.key == m.key or self.table.actors[owner.key].type not in ("organization", "country"):
            return None
        return owner.key

    def _owned_organizations(self) -> None:
        """"The European Community's (EC) executive Commission", "Alphabet's Google": an
        organisation with a named owner (a possessive in the parse) belongs to it. The name may
        be a mention or, for a one-word name NER tagged elsewhere, the bare word. An owner
        named after it ('X, a subsidiary of Y') comes first, and beats a country."""
        doc, table = self.doc, self.table
        for m in table.mentions:
            actor = table.actors[m.key]
            if actor.type == "organization" and m.key not in self.parties and m.key not in self.government:
                owner = self._owner_in_apposition(m)
                if owner and (actor.affiliation is None or table.actors[actor.affiliation].type == "country"):
                    actor.affiliation = owner  # the owner says more than the country
        open_ = {key for key, actor in table.actors.items()
                 if actor.type == "organization" and actor.affiliation is None and key not in self.parties}
        if not open_:
            return
        for tok in doc:
            m = table.actor_at(tok)
            if m is not None:
                key = m.key if doc[m.start:m.end].root.i == tok.i else None
            else:
                key = tok.text if tok.is_title else None
            if key not in open_ or table.actors[key].affiliation is not None:
                continue
            for child in tok.children:
                owner = table.actor_at(child) if child.dep_ == "poss" else None
                if owner is not None and owner.key != key and owner.key not in self.parties \
                        and table.actors[owner.key].type in ("organization", "country"):
                    self._affiliate(key, owner.key)
                    break

    def _merge_acronyms(self) -> None:
        """'IMF' is the 'International Monetary Fund' the article names in full: one actor,
        the full name canonical, the acronym an alias."""
        table = self.table
        full_names: dict[str, str] = {}
        for key, actor in table.actors.items():
            words = [w for w in key.replace("-", " ").split() if w[:1].isupper()]
            if actor.type == "organization" and len(words) >= 2:
                full_names.setdefault("".join(w[0] for w in words), key)
        for key, actor in list(table.actors.items()):
            target = full_names.get(key.replace(".", ""))
            if actor.type != "organization" or not key.isupper() or target is None or target == key:
                continue
            for m in table.mentions:
                if m.key == key:
                    m.key = target
            for other in table.actors.values():
                if other.affiliation == key:
                    other.affiliation = target
            merged = table.actors[target]
            merged.affiliation = merged.affiliation or actor.affiliation
            for alias in [key, *actor.aliases]:
                if alias not in merged.aliases and alias != target:
                    merged.aliases.append(alias)
            for group in (self.government, self.parties):
                if key in group:
                    group.discard(key)
                    group.add(target)
            del table.actors[key]

    def _propagate_mentions(self) -> None:
        """One name, one actor throughout the article: where NER missed a later occurrence of
        an organisation's or country's name or acronym ('IMF chief economist Maury Obstfeld'),
        that occurrence is a mention too. Only names of two words or more, or acronyms: a
        one-word name can be a common word elsewhere."""
        doc, table = self.doc, self.table
        by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        owners: dict[tuple[str, ...], set[str]] = {}
        for key, actor in table.actors.items():
            if actor.type not in ("organization", "country"):
                continue
            for surface in (actor.name, *actor.aliases):
                words = tuple(surface.split())  # token texts: names split at spaces as spaCy does
                if not words or not (len(words) >= 2 or (words[0].isupper() and len(words[0].strip(".")) >= 2)):
                    continue
                owners.setdefault(words, set()).add(key)
        for words, keys in owners.items():
            if len(keys) == 1:
                by_first.setdefault(words[0], []).append((words, next(iter(keys))))
        if not by_first:
            return
        texts = [t.text for t in doc]
        i = 0
        while i < len(doc):
            found = None
            if i not in table.by_token:
                for words, key in by_first.get(texts[i], ()):
                    end = i + len(words)
                    if tuple(texts[i:end]) == words and not any(j in table.by_token for j in range(i, end)):
                        if found is None or end > found[1]:
                            found = (key, end)
            if found:
                table.mention(found[0], doc, i, found[1], "RULE_NAME")
                i = found[1]
            else:
                i += 1

    def _entity(self, ent: Span) -> None:
        bounds = _clean_bounds(ent)
        if bounds is None:
            return
        start, end = bounds
        doc, lex = self.doc, self.lex
        span = doc[start:end]
        text = span.text
        key_text = norm(text)
        label = ent.label_
        if not key_text:
            return
        if ent.ent_id_ and ent.ent_id_ in lex.media.values():
            self._add(ent.ent_id_, "media", span, label)
            return
        if key_text in lex.media or (label == "ORG" and key_text.split()[-1:] and
                                     any(key_text.endswith(" " + s) or key_text == s
                                         for s in lex.media_suffixes)):
            self._add(lex.media.get(key_text, text), "media", span, label)
            return
        if start > 0 and norm(f"{doc[start - 1].text} {text}") in lex.parties:
            start, text = start - 1, f"{doc[start - 1].text} {text}"  # 'Liberal' + 'Democrat'
            span, key_text = doc[start:end], norm(text)
        if key_text in lex.parties and label in ("NORP", "ORG", "PERSON", "GPE"):
            party = lex.parties[key_text]
            self._party(self._add(party, "organization", span, label))
            return
        if label == "ORG" and len(span) >= 2 and span[-1].lower_ in GENERIC_AFTER_PLACE:
            cut = self._portfolio_owner_end(span)
            if cut > span.start and all(t.lower_ in GENERIC_AFTER_PLACE for t in doc[cut:end]):
                # 'U.S. Firms', 'U.S. Opposition' (wire copy capitalises after 'U.S.'): the
                # place, and a common noun that is no organisation's name
                span = doc[span.start:cut]
                text, key_text = span.text, norm(span.text)
                place = lex.places.get(key_text) or lex.demonyms.get(key_text)
                if place:
                    self._add(place, lex.organizations.get(place, "country"), span, "GPE")
                return
        if len(span) >= 2 and span[-1].lower_ in POLICY_HEADS and span[-1].is_title:
            return  # a named agreement, law or plan is what actors talk about
        if label == "PERSON" and len(span) >= 2 and span[-1].text in ORG_NAME_HEADS:
            label = "ORG"  # "Christian Aid's head of Trade Policy"
        if label == "PERSON" and start > 0 and doc[start - 1].lower_ in COMPANY_NOUNS:
            # 'water firm Aguas del Sur', 'IT giant Orbex': NER took it for a person's name, and
            # the other mentions of the name too
            label = "ORG"
            self.companies.add(key_text)
            known = self.table.actors.get(" ".join(text.split()))
            if known is not None and known.type == "person":
                known.type = "organization"
        elif label == "PERSON" and key_text in self.companies:
            label = "ORG"
        if label in ("ORG", "GPE", "NORP", "FAC") and part_of_title(doc, start, end, lex):
            return  # 'Shadow Home' of 'Shadow Home Secretary David Davis' is no actor
        if label in ("ORG", "NORP") and end < len(doc) and doc[end].lower_ in PORTFOLIO_HEADS:
            owner_end = self._portfolio_owner_end(span)
            if owner_end == span.start:
                return  # 'Postal' of 'Postal Minister Shunjiro Karasawa'
            span = doc[span.start:owner_end]  # 'EC' of 'EC Agriculture Commissioner'
            text, key_text = span.text, norm(span.text)
        if label in ("PERSON", "WORK_OF_ART", "ORG", "GPE", "PRODUCT", "FAC") and (
                self._is_person(span, label) or self._known_surname(span)):
            self._person(span, label)
            return
        place = ent.ent_id_ or lex.places.get(key_text) or lex.demonyms.get(key_text)
        if place is None and self.korea_context and label in ("LOC", "GPE", "NORP", "ORG"):
            place = lex.context_regions.get(key_text)
            if place is None and key_text.endswith("koreans"):
                place = lex.demonyms.get(key_text)
        if place:
            type_ = lex.organizations.get(place, "country")
            self._add(place, type_, span, label)
            return
        if label == "GPE" and self._governed_place(span):
            # 'the attorney general of Oklahoma': a state or city with a government of its own
            self._government_body(self._add(" ".join(span.text.split()), "organization", span, label))
            return
        if label == "ORG" and (any(t.is_title or t.is_upper for t in span)
                               or GOVERNMENT_WORDS & {t.lower_ for t in span}):
            self._organization(span, label)
        elif label == "NORP" and text[:1].isupper() and span.root.dep_ not in ("amod", "compound"):
            self._add(text, "group", span, label)

    def _government_body(self, key: str) -> None:
        """A ministry, department or agency of a state: its role says so, for the holder
        rules (analysis.holders: it speaks for its country, a company does not)."""
        self.government.add(key)
        actor = self.table.actors[key]
        actor.role = actor.role or GOVERNMENT_ROLE

    def _party(self, key: str) -> str:
        """A political party: its role says so, for the holder rules (analysis.holders)."""
        self.parties.add(key)
        actor = self.table.actors[key]
        actor.role = actor.role or PARTY_ROLE
        return key

    def _governed_place(self, span: Span) -> bool:
        """A place no country list knows, named as the seat of an executive office: 'the
        attorney general of Oklahoma', 'Ohio Governor John Kasich', "Ohio's governor"."""
        doc, lex = self.doc, self.lex
        i = span.start - 1
        if i > 0 and doc[i].lower_ == "the":
            i -= 1
        if i > 0 and doc[i].lower_ == "of":
            found = title_ending_at(doc, i, lex, sent_of(span).start)
            if found and found[0] in lex.place_offices:
                return True
        j = span.end
        if j < len(doc) and doc[j].lower_ in ("'s", "\u2019s"):
            j += 1
        found = title_at(doc, j, lex)
        return bool(found and found[0] in lex.place_offices)

    def _portfolio_owner_end(self, span: Span) -> int:
        """End of the place or body that owns a portfolio ('EC' in 'EC Agriculture'), or the
        span's start when none does."""
        for cut in range(len(span) - 1, 0, -1):
            head = norm(span[:cut].text)
            if head in self.lex.places or head in self.lex.demonyms:
                return span.start + cut
        return span.start

    def _is_person(self, span: Span, label: str) -> bool:
        if label == "PERSON":
            key = norm(span.text)
            if len(span) == 1 and span[0].i == sent_of(span).start and span[0].lower_ in span.vocab.strings \
                    and span[0].lemma_.islower():
                return False  # 'Coal is ...' at a sentence start
            if len(span) == 1 and self._only_a_modifier(span[0]):
                return False  # 'the Brexit vote', 'the Brexit shock': a name for an event
            return not (key in self.lex.places or key in self.lex.demonyms)
        if not _looks_like_name(span) or norm(span.text) in self.lex.places:
            return False
        if len(span) >= 3 and span[-1].lower_ in POST_NOMINALS:
            return True  # 'Guy Mansfield QC', whatever NER called it
        if label == "ORG" and first_name_and_surname(span, self.lex):
            return True  # 'Vincent Cable' after 'Lib Dem treasury spokesman', tagged ORG
        doc = self.doc
        # 'Jeong Joon-hee, spokesman at ...' whatever NER called it.
        nxt = span.end
        if nxt + 1 < len(doc) and doc[nxt].text == "," and title_at(doc, nxt + 1, self.lex):
            return True
        # 'spokesman Jeong Joon-hee'
        if span.start > 0 and title_ending_at(doc, span.start, self.lex, sent_of(span).start):
            return label in ("WORK_OF_ART", "PRODUCT", "FAC")
        return False

    def _only_a_modifier(self, tok) -> bool:
        """A one-word name that the article only ever puts before a common noun ('the Brexit
        vote'): people are also subjects, objects or owners somewhere ('the Obama
        administration' ... 'Obama said')."""
        uses = [t for t in self.doc if t.text == tok.text]
        return all(t.dep_ == "compound" and t.head.pos_ == "NOUN" for t in uses)

    def _known_surname(self, span: Span) -> bool:
        """'Reyes' (tagged ORG) after 'Tom Reyes': the person seen earlier."""
        words = span.text.split()
        return len(words) <= 2 and any(
            len(words) < len(full.split()) and all(w in full.split() for w in words) for full in self.persons)

    def _person(self, span: Span, label: str) -> None:
        doc = self.doc
        start = span.start
        while start < span.end - 1 and (doc[start].lower_ in HONORIFICS or
                                        title_at(doc, start, self.lex)):
            start += 1
        end = span.end
        while end > start + 1 and doc[end - 1].lower_ in POST_NOMINALS:
            end -= 1
        span = doc[start:end]
        name = " ".join(span.text.split())
        words = name.split()
        # A surname or first-name-only mention points at the full name seen earlier.
        for full in reversed(self.persons):
            full_words = full.split()
            if len(words) < len(full_words) and all(w in full_words for w in words):
                name = full
                break
        if name not in self.persons:
            self.persons.append(name)
        key = self._add(name, "person", span, label)
        knighted = [t.text for t in doc[max(0, start - 1):start] if t.lower_ in ("sir", "dame")]
        if knighted:
            # 'Sir Archy Kirkwood' is how he is named in full; 'Archy Kirkwood' is the key.
            self.table.add(key, "person", " ".join(knighted + [name]))

    def _organization(self, span: Span, label: str) -> None:
        """A government body (by table), a body with a country in the phrase, or another ORG."""
        lex, doc = self.lex, self.doc
        words = [t for t in span]
        country = None
        # Country prefix inside the entity: 'U.S. State Department', "China's Foreign Ministry".
        for cut in range(len(words) - 1, 0, -1):
            head = norm(doc[span.start:span.start + cut].text)
            found = lex.places.get(head) or lex.demonyms.get(head)
            if found:
                country = found
                span_rest = doc[span.start + cut:span.end]
                if span_rest and span_rest[0].lower_ in ("'s", "\u2019s"):
                    span_rest = span_rest[1:]
                rest = norm(span_rest.text)
                break
        else:
            rest = norm(span.text)
        if country is None and span.start > 0:
            prev = self.table.actor_at(doc[span.start - 1])
            if prev is None and span.start > 1 and doc[span.start - 1].lower_ in ("'s", "\u2019s"):
                prev = self.table.actor_at(doc[span.start - 2])
            if prev and self.table.actors[prev.key].type == "country":
                country = prev.key
        if rest in lex.bodies:
            canonical, home = lex.bodies[rest]
            key = self._add(canonical, "organization", span, label)
            self._affiliate(key, self._country(home))
            self._government_body(key)
            return
        if country is None:
            # 'Korea Coast Guard', 'Bank of Japan': a country named inside the name; but not
            # 'Islamic State of Iraq', where 'of Iraq' names a place, not an owner.
            for tok in span:
                found = lex.places.get(norm(tok.text)) or lex.demonyms.get(norm(tok.text))
                if found and tok.is_title:
                    if tok.i > span.start and doc[tok.i - 1].lower_ == "of" and not (
                            {t.lower_ for t in doc[span.start:tok.i]} & NATIONAL_WORDS):
                        continue
                    country = found
                    break
        governmental = rest in lex.generic_bodies or bool(GOVERNMENT_WORDS & set(rest.split()))
        if country is None and governmental:
            country = self._country_in_sentence(span.start, span.end)
        if rest in lex.generic_bodies and country:
            canonical = f"{lex.generic_bodies[rest]} ({country})"
            key = self._add(canonical, "organization", span, label)
            self._affiliate(key, self._country(country))
            self._government_body(key)
            return
        key = self._add(" ".join(span.text.split()), "organization", span, label)
        if country and rest:
            self._affiliate(key, self._country(country))
            if governmental:
                self._government_body(key)

    def _country(self, name: str) -> str:
        return self.table.add(name, self.lex.organizations.get(name, "country"))

    def _add(self, name: str, type_: str, span: Span, label: str) -> str:
        key = self.table.add(name, type_, span.text)
        if not any(i in self.table.by_token for i in range(span.start, span.end)):
            self.table.mention(key, self.doc, span.start, span.end, label)
        return key

    def _affiliate(self, key: str, parent: str | None) -> None:
        actor = self.table.actors[key]
        if parent and parent != key and actor.affiliation is None:
            actor.affiliation = parent

    def _country_in_sentence(self, start: int, end: int) -> str | None:
        """The country acting in the sentence (a subject or the owner of a noun) nearest to the
        span, else any country named in it."""
        sent = sent_of(self.doc[start])
        tiers: list[list[tuple[int, str]]] = [[], []]
        for other in self.table.mentions:
            if other.start < sent.start or other.start >= sent.end or other.start == start:
                continue
            if self.table.actors[other.key].type != "country":
                continue
            root = self.doc[other.start:other.end].root
            # Only a country that acts (a subject, an owner) speaks for the sentence: one that is
            # dealt with ('sanctions against Japanese chipmakers') is usually the other side.
            tier = 0 if root.dep_ in ("nsubj", "nsubjpass", "poss") else 1
            dist = start - other.end if other.end <= start else (other.start - end) * 2
            tiers[tier].append((dist, other.key))
        if tiers[0]:
            return min(tiers[0])[1]
        if self.home:
            return self.home
        main = self._main_country()
        if main:
            return main
        if tiers[1]:
            return min(tiers[1])[1]
        return None

    def _main_country(self) -> str | None:
        """The country the article names most (at least twice): where a bare 'Commerce
        Ministry' or 'the Treasury' belongs when neither its sentence nor a dateline says."""
        if self._main is None:
            counts: dict[str, int] = {}
            for ent in self.doc.ents:
                place = ent.ent_id_ or self.lex.country_of(ent.text)
                body = self.lex.bodies.get(norm(ent.text))
                weight = 1
                if place is None and body:
                    # 'the Home Office' names the United Kingdom, and a national body of a
                    # country is the government the story is about: it counts double.
                    place, weight = body[1], 2
                if place and self.lex.organizations.get(place, "country") == "country":
                    counts[place] = counts.get(place, 0) + weight
            for tok in self.doc:
                # A post that exists in one country only ('Work and Pensions Secretary', shadow
                # or not) names that country's politics as much as its name would.
                found = title_at(self.doc, tok.i, self.lex) if tok.lower_ in self.lex.title_words else None
                place = self.lex.country_titles.get(found[0]) if found else None
                if not place:
                    continue
                prev = self.doc[tok.i - 2 if tok.i > 1 and self.doc[tok.i - 1].lower_ in ("'s", "\u2019s") else tok.i - 1]
                if tok.i > 0 and self.lex.country_of(prev.text):
                    continue  # 'U.S. Commerce Secretary': the country is named, and counted
                counts[place] = counts.get(place, 0) + 1
            ranked = sorted(counts.items(), key=lambda kv: -kv[1])
            # A clear leader only: named at least twice and more often than the runner-up.
            ok = ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1])
            self._main = ranked[0][0] if ok else ""
        if self._main:
            return self._country(self._main)
        return None


def find_actors(doc: Doc, lex: Lexicon) -> ActorTable:
    return ActorFinder(doc, lex).run()
