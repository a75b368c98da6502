"""Whom a person belongs to: the party, government body, country or organisation the text ties
them to ('Senate Majority Leader Mitch McConnell (R-Ky.)', 'State Department spokesman John
Kirby', 'Jeong Joon-hee, spokesman at the Unification Ministry', 'Argentine Economic Minister,
Roberto Lavagna').

``PersonAffiliations`` is the part of ``actors.ActorFinder`` that reads these constructions, kept
apart so that each file has one job; it works on the finder's doc, text, lexicon and table.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .sents import sent_of, start_before
from .titles import title_at, title_ending_at

if TYPE_CHECKING:
    from .actors import Mention

# '(D-Mass.)', '(R-Ky.)', '(R-Utah)' right after a US politician's name.
PARTY_STATE = re.compile(r"\s*\(\s*([A-Z])\s*[-\u2013]\s*[A-Z][A-Za-z.]{1,14}\s*\)")
# Nouns for an organisation ('the agency's chief executive', 'the company said').
# A title that names a portfolio ('Commerce Secretary'), and the words of a body's name that
# are not its portfolio ('Ministry of ...', 'Department', 'Office').
PORTFOLIO_TITLE_HEADS = {"minister", "secretary"}
PORTFOLIO_FILLER = {"new", "former", "acting", "deputy", "junior", "ministry", "department", "office",
                    "of", "and", "the", "for", "u.s.", "us"}
# Titles many people hold at once, or that news uses for someone not named nearby ('the
# president' of another country or company): they name no one by reference.
SHARED_TITLES = {"president", "vice president", "minister", "deputy minister", "vice minister", "ambassador",
                 "envoy", "special envoy", "diplomat", "king", "queen", "chief negotiator"}
# Abbreviated titles and the words they stand for ('Sen. Elizabeth Warren' is a senator).
TITLE_ABBREVIATIONS = {"sen.": "senator", "rep.": "representative", "gov.": "governor", "sens.": "senator"}
# Posts that speak for an organisation ('the union leader', 'a company spokesman').
LEADING_ROLES = {"leader", "head", "chairman", "chairwoman", "chair", "president", "chief", "executive",
                 "ceo", "spokesman", "spokeswoman", "spokesperson", "director", "director-general",
                 "secretary-general", "founder"}
QUOTE_MARKS = set("\"\u201c\u201d")
ORG_NOUNS = {"company", "firm", "bank", "group", "corporation", "corp", "concern", "ministry",
             "department", "agency", "union", "party", "government", "administration", "committee"}


class PersonAffiliations:
    """Mixed into ActorFinder: needs its doc, text, lex, table, government and parties, and its
    _country, _affiliate and _country_in_sentence."""

    def _affiliations(self) -> None:
        seen: set[str] = set()
        for m in list(self.table.mentions):
            actor = self.table.actors[m.key]
            if actor.type != "person":
                continue
            # 'Senate Majority Leader Mitch McConnell (R-Ky.)': the party letter is the most
            # telling affiliation of a US legislator.
            parent = self._party_letter(m)
            role, premodifier_parent = self._premodifier(m)
            if role is None and premodifier_parent is None:
                role, premodifier_parent = self._preappositive(m)
            parent = parent or premodifier_parent
            if parent is None:
                role2, parent = self._apposition(m)
                role = role or role2
            if parent is None and role in self.lex.country_titles and not self._opposition_title(m):
                parent = self._country(self.lex.country_titles[role])  # 'Home Secretary X'
            if parent is None:
                described = self._described_by(m)  # 'OPZZ economic expert Zbigniew Kochan'
                if described:
                    role, parent = role or described[0], described[1]
            if parent is None and role is None:
                # 'senior shadow cabinet members David Davis, Oliver Letwin and Tim Yeo': the
                # description before a list of names is each one's
                head = self._list_head(m)
                if head is not m and head.start > 0 and self.doc[head.start - 1].tag_ not in ("NNS", "NNPS"):
                    head = m  # 'Labour leader Jim Ford, Ian Shaw and ...': the title is the first one's
                if head is not m:
                    role, parent = self._premodifier(head)
                if parent is None:
                    # no role: a member is no voice of the party (analysis.holders)
                    parent = self._party_description(head)
            if parent is None and role and (role in self.lex.government_titles
                                            or role.split()[0] in self.lex.opposition_words) \
                    and (m.key not in seen or actor.affiliation is None):
                if self._opposition_title(m):
                    # 'shadow home secretary David Davis': a post of the opposition party
                    parent = self._party_nearby(m)
                else:
                    parent = self._country_nearby(m)
                    if parent and actor.affiliation is None:
                        self.guessed.add(m.key)
            # An official belongs to the body named ('State Department spokesman John Kirby'),
            # and the body to its country: the chain carries a stance to both.
            if role and not actor.role:
                actor.role = role
            if parent:
                self._affiliate(m.key, parent)
            seen.add(m.key)

    def _heads_of_named_bodies(self) -> None:
        """'New Home Secretary Charles Clarke' in an article that names the Home Office, 'U.S.
        Commerce Secretary Martin Hale' beside 'the U.S. Commerce Department', 'Oceans and
        Fisheries Minister Kang Mi-rae' beside the 'Ministry of Oceans and Fisheries', 'Postal
        Minister Ito' beside the 'Post and Telecommunications Ministry' (the only body whose
        portfolio takes in his): the person heads that body, which is in the chain to the
        country."""
        bodies: dict[frozenset[str], list[str]] = {}
        for key in self.government:
            words = _portfolio_words(key.split("(")[0], self.lex)
            if words:
                bodies.setdefault(words, []).append(key)
        if not bodies:
            return
        for m in self.table.mentions:
            person = self.table.actors[m.key]
            if person.type != "person" or person.affiliation in self.government:
                continue
            words = self._portfolio_before(m)
            if not words:
                continue
            found = bodies.get(words) or [key for body_words, keys in bodies.items() for key in keys
                                          if _portfolio_in(words, body_words)]
            if len(found) != 1:
                continue
            body = self.table.actors[found[0]]
            # A country guessed from the sentence ('Postal Minister X told U.S. Commerce
            # Secretary Y') gives way to the ministry the article names.
            if person.affiliation in (None, body.affiliation) or person.key in self.guessed:
                person.affiliation = body.key

    def _members_of_named_commissions(self) -> None:
        """'EU Trade Commissioner Peter Lund' in an article that names the European Commission:
        a commissioner sits on the one commission the article names, when that commission is
        in the chain to what he belongs to already (the EU), or he belongs to nothing yet."""
        commissions = [key for key, actor in self.table.actors.items() if actor.type == "organization"
                       and key.split("(")[0].split()[-1:] == ["Commission"]]
        if len(commissions) != 1:
            return
        body = commissions[0]
        chain = self._chain(body)
        for person in self.table.actors.values():
            if person.type == "person" and person.role and person.role.split()[-1] == "commissioner" \
                    and (person.affiliation is None or person.affiliation in chain[1:]):
                person.affiliation = body

    def _chain(self, key: str) -> list[str]:
        """The actor and everything up its affiliation chain."""
        chain = [key]
        current = self.table.actors[key].affiliation
        while current is not None and current not in chain and current in self.table.actors:
            chain.append(current)
            current = self.table.actors[current].affiliation
        return chain

    def _portfolio_before(self, m: Mention) -> frozenset[str]:
        """The portfolio of a 'Commerce Secretary' or 'Oceans and Fisheries Minister' title
        right before a name."""
        doc = self.doc
        j = m.start - 1
        if j < 1 or doc[j].lower_ not in PORTFOLIO_TITLE_HEADS:
            return frozenset()
        words = []
        j -= 1
        while j >= 0 and (doc[j].is_title or doc[j].lower_ == "and") and self.table.actor_at(doc[j]) is None:
            words.append(doc[j].lower_)
            j -= 1
        return frozenset(w for w in words if w != "and" and w not in PORTFOLIO_FILLER)

    def _titles_by_reference(self) -> None:
        """'Gordon Brown is to freeze petrol duty ... he slightly increased borrowing ... The
        chancellor also hailed ...': a government title as subject, outside quotes, names the
        one person without a role mentioned in the two sentences before it; that person takes
        the role and, with it, the country."""
        doc = self.doc
        for tok in doc:
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.lower_ not in self.lex.title_words:
                continue
            sent = sent_of(tok)
            found = title_ending_at(doc, tok.i + 1, self.lex, sent.start)
            if found is None or found[1] == sent.start or doc[found[1] - 1].lower_ != "the":
                continue
            role = found[0]
            if role not in self.lex.government_titles or role in SHARED_TITLES or self._quoted(sent.start, tok.i):
                continue
            if any(a.type == "person" and a.role and role in a.role for a in self.table.actors.values()):
                continue  # someone already holds it: speakers.py resolves 'the chancellor' to them
            people = {m.key for m in self.table.people_between(start_before(sent, 2), found[1] - 1)}
            if len(people) != 1:
                continue
            person = self.table.actors[people.pop()]
            if person.role or person.affiliation:
                continue
            person.role = role
            if role in self.lex.country_titles:
                self._affiliate(person.key, self._country(self.lex.country_titles[role]))
            else:
                self._affiliate(person.key, self._country_in_sentence(found[1], tok.i + 1))

    def _party_people_by_reference(self) -> None:
        """'Warren told Stumpf ... The Democratic senator also forced Stumpf to admit': a party
        post described with 'the', outside quotes, is the one person named in the two sentences
        before who can hold it (no other affiliation, no other post); 'Clinton was more
        circumspect than her fellow Democrats': the subject is one of them."""
        doc = self.doc
        for tok in doc:
            party = self.table.actor_at(tok)
            if party is None or party.key not in self.parties or party.end >= len(doc):
                continue
            sent = sent_of(tok)
            the = party.start if tok.lower_ == "the" else party.start - 1  # NER may take 'The' in
            if tok.i == party.start and the >= sent.start and doc[the].lower_ == "the":
                found = title_at(doc, party.end, self.lex)
                if found is None or self._quoted(sent.start, tok.i):
                    continue
                title = found[0]
                people = {m.key for m in self.table.people_between(start_before(sent, 2), the)
                          if self._may_hold(self.table.actors[m.key], party.key, title)}
                if len(people) == 1:
                    person = self.table.actors[people.pop()]
                    person.affiliation = party.key
                    person.role = person.role or title
            elif tok.i == party.start and party.start > 1 and doc[party.start - 1].lower_ == "fellow" \
                    and doc[party.start - 2].lower_ in ("his", "her"):
                head = doc[party.start - 1].head
                while head.dep_ not in ("ROOT", "ccomp", "advcl", "relcl", "conj") and head.head.i != head.i:
                    head = head.head
                subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
                person = self.table.actor_at(subjects[0]) if subjects else None
                if person is not None and self.table.actors[person.key].type == "person":
                    self._affiliate(person.key, party.key)

    def _may_hold(self, person, party: str, title: str) -> bool:
        """A person who may be 'the Democratic senator': unaffiliated or of that party, and with
        no post or that one ('Sen.' is a senator)."""
        if person.type != "person" or person.affiliation not in (None, party):
            return False
        if not person.role:
            return True
        words = {TITLE_ABBREVIATIONS.get(w, w) for w in person.role.lower().split()}
        return title.split()[-1] in words

    def _quoted(self, start: int, end: int) -> bool:
        """An odd number of quotation marks between two tokens of a sentence: inside a quote."""
        marks = sum(1 for t in self.doc[start:end] if set(t.text) & QUOTE_MARKS)
        return marks % 2 == 1

    def _party_letter(self, m: Mention) -> str | None:
        """'Sen. Elizabeth Warren (D-Mass.)', 'McConnell (R-Ky.)': the party by its letter."""
        match = PARTY_STATE.match(self.text, m.end_char)
        party = self.lex.party_letters.get(match.group(1)) if match else None
        if party is None:
            return None
        return self._party(self.table.add(party, "organization"))

    def _described_by(self, m: Mention) -> tuple[str, str] | None:
        """A name after a lower-case description that starts with an organisation or country:
        'OPZZ economic expert Zbigniew Kochan', 'IMF chief economist Maury Obstfeld'."""
        doc = self.doc
        floor = max(sent_of(doc[m.start]).start, m.start - 5)
        j = m.start - 1
        words = []
        while j >= floor and doc[j].is_lower and doc[j].pos_ in ("NOUN", "ADJ") and self.table.actor_at(doc[j]) is None:
            words.insert(0, doc[j].text)
            j -= 1
        if not words or doc[m.start - 1].pos_ != "NOUN" or j < floor:
            return None
        other = self.table.actor_at(doc[j])
        if other is None or other.key == m.key:
            return None
        parent = self._group_parent(other.key)
        return (" ".join(words), parent) if parent else None

    def _party_nearby(self, m: Mention) -> str | None:
        """The party named in the sentence, else the last one named in the three sentences
        before, else the one the article names most."""
        sent = sent_of(self.doc[m.start])
        floor = start_before(sent, 3)
        counts: dict[str, int] = {}
        recent: Mention | None = None
        for other in self.table.mentions:
            if other.key in self.parties:
                if sent.start <= other.start < sent.end:
                    return other.key
                if floor <= other.start < sent.start and (recent is None or other.start > recent.start):
                    recent = other
                counts[other.key] = counts.get(other.key, 0) + 1
        if recent is not None:
            return recent.key
        return max(counts, key=counts.get) if counts else None

    def _list_head(self, m: Mention) -> Mention:
        """The first name of a list of people the mention ends ('David Davis, Oliver Letwin
        and Tim Yeo'), or the mention itself."""
        doc = self.doc
        head = m
        while True:
            j = head.start - 1
            if j < 1 or doc[j].text not in (",", "and"):
                return head
            if doc[j].text == "and" and doc[j - 1].text == ",":
                j -= 1
            prev = self.table.actor_at(doc[j - 1])
            if prev is None or prev.key == m.key or self.table.actors[prev.key].type != "person":
                return head
            head = prev

    def _party_description(self, m: Mention) -> str | None:
        """A party member described right before a name: 'Democratic senators Jon Hart (and Ed
        Lamb)', 'Tory MPs ...' (the party adjective), 'senior shadow cabinet member Tim Yeo' (an
        opposition word: the party named nearby)."""
        doc = self.doc
        floor = max(sent_of(doc[m.start]).start, m.start - 5)
        j = m.start - 1
        words = []
        while j >= floor and doc[j].pos_ in ("NOUN", "ADJ") and self.table.actor_at(doc[j]) is None \
                and (doc[j].is_lower or doc[j].tag_ == "NNS"):
            words.insert(0, doc[j].lower_)
            j -= 1
        if not words:
            return None
        other = self.table.actor_at(doc[j]) if j >= floor else None
        if other is not None and other.key in self.parties:
            return other.key
        if not self.lex.opposition_words & set(words):
            return None
        return self._party_nearby(m)

    def _opposition_title(self, m: Mention) -> bool:
        """'Shadow Home Secretary David Davis' and 'Theresa May, Tory shadow work and pensions
        secretary,' hold no government post."""
        doc = self.doc
        sent = sent_of(doc[m.start])
        before = doc[max(sent.start, m.start - 6):m.start]
        after = []
        if m.end < sent.end and doc[m.end].text == ",":
            for tok in doc[m.end + 1:min(sent.end, m.end + 9)]:
                if tok.text == "," or tok.pos_ == "VERB":
                    break
                after.append(tok)
        return any(t.lower_ in self.lex.opposition_words for t in [*before, *after])

    def _group_parent(self, key: str) -> str | None:
        return key if self.table.actors[key].type in ("country", "organization") else None

    def _preappositive(self, m: Mention) -> tuple[str | None, str | None]:
        """A title before the name and a comma: 'Argentine Economic Minister, Roberto Lavagna',
        "India's delegate, S. Venkitaramanan", 'the chairman of the Bar Council, Guy Mansfield'."""
        doc = self.doc
        comma = m.start - 1
        if comma < 2 or doc[comma].text != ",":
            return None, None
        floor = max(sent_of(doc[m.start]).start, m.start - 10)
        if title_ending_at(doc, comma, self.lex, floor):
            return self._premodifier(m, comma)
        other = self.table.actor_at(doc[comma - 1])
        if other is None or other.key == m.key:
            return None, None
        k = other.start - 1
        if k > floor and doc[k].lower_ == "the":
            k -= 1
        if k > floor and doc[k].lower_ in ("of", "at", "for"):
            title = title_ending_at(doc, k, self.lex, floor)
            if title:
                return title[0], self._group_parent(other.key)
        return None, None

    def _premodifier(self, m: Mention, end: int | None = None) -> tuple[str | None, str | None]:
        """'State Department spokesman John Kirby', 'Chinese Foreign Minister Wang Yi' (the
        title ends where the name starts, or at ``end``)."""
        doc = self.doc
        floor = max(sent_of(doc[m.start]).start, m.start - 8)
        i = m.start if end is None else end
        role = None
        found = title_ending_at(doc, i, self.lex, floor)
        if found is None:
            # "Oxfam's Barbara Stocking": an organisation or country owning the name.
            if i >= 2 and doc[i - 1].lower_ in ("'s", "\u2019s"):
                other = self.table.actor_at(doc[i - 2])
                if other is not None and other.key != m.key:
                    return None, self._group_parent(other.key)
            return None, None
        role, i = found
        # Skip modifiers like 'senior', 'deputy', 'Asian affairs'; stop at the first actor.
        j = i - 1
        while j >= floor:
            tok = doc[j]
            other = self.table.actor_at(tok)
            if other is not None and other.key != m.key:
                return role, self._group_parent(other.key)
            if tok.lower_ in ("'s", "\u2019s") and j > floor and doc[j - 1].lower_ in ORG_NOUNS \
                    and self.table.actor_at(doc[j - 1]) is None:
                # "the agency's chief executive Doug Smith": the agency the article named
                return role, self._organization_called(doc[j - 1].lower_, j - 1)
            if tok.lower_ in ("'s", "\u2019s") or tok.dep_ in ("compound", "amod", "nmod") or tok.is_title:
                j -= 1
                continue
            break
        return role, None

    def _organization_called(self, noun: str, before: int) -> str | None:
        """The organisation named last before token ``before`` whose name ends in ``noun``
        ('the agency' after 'the Child Support Agency') or that was introduced as one ('the
        country's major farm union, FNSEA')."""
        doc = self.doc

        def called(other: Mention) -> bool:
            if other.text.split()[-1].lower() == noun:
                return True  # as written: 'the union' is no 'EC'
            k = other.start - 1
            if k > 0 and doc[k].text == ",":
                k -= 1
            return k >= 0 and doc[k].lower_ == noun

        named = [other for other in self.table.mentions
                 if other.start < before and self.table.actors[other.key].type == "organization" and called(other)]
        return max(named, key=lambda other: other.start).key if named else None

    def _leaders_speaking_for_an_organization(self) -> None:
        """'Farm leader Raymond Lacombe said the union planned ...': a leader or spokesman who
        says what 'the union' (company, party ...) will do speaks for the one the article named
        as such."""
        doc = self.doc
        for m in self.table.mentions:
            person = self.table.actors[m.key]
            if person.type != "person" or person.affiliation is not None or not person.role \
                    or person.role.split()[-1] not in LEADING_ROLES:
                continue
            root = doc[m.start:m.end].root
            verb = root.head
            if root.dep_ != "nsubj" or verb.lemma_.lower() not in self.lex.speech_verbs:
                continue
            for clause in (c for c in verb.children if c.dep_ == "ccomp"):
                subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is None or subject.lower_ not in ORG_NOUNS or subject.i == 0 \
                        or doc[subject.i - 1].lower_ != "the":
                    continue
                org = self._organization_called(subject.lower_, subject.i)
                if org is not None:
                    self._affiliate(m.key, org)
                    break

    def _apposition(self, m: Mention) -> tuple[str | None, str | None]:
        """'Jeong Joon-hee, spokesman at the Unification Ministry, ...'."""
        doc = self.doc
        i = m.end
        if i >= len(doc) or doc[i].text != ",":
            return None, None
        sent_end = sent_of(doc[m.start]).end
        role = None
        first_any = None
        j = i + 1
        stop = min(sent_end, i + 14)
        while j < stop:
            tok = doc[j]
            if tok.text == "(":
                # 'a senior Keidanren (a leading business organization) official'
                close = next((k for k in range(j + 1, min(sent_end, j + 10)) if doc[k].text == ")"), None)
                if close is None:
                    break
                stop = min(sent_end, stop + close + 1 - j)  # the aside does not count in the reach
                j = close + 1
                continue
            if tok.text in (",", ";", ".", ")") or (tok.pos_ == "VERB" and tok.dep_ not in ("amod", "compound")):
                break
            if role is None:
                title = title_at(doc, j, self.lex)
                if title:
                    role = title[0]
            other = self.table.actor_at(tok)
            if other is not None and other.key != m.key and other.end + 1 < len(doc) \
                    and doc[other.end].lower_ in ("'s", "\u2019s") \
                    and self.table.actor_at(doc[other.end + 1]) is not None:
                j = other.end + 1  # "from the UK's Human Rights Watch": the owned one counts
                continue
            if other is not None and other.key != m.key:
                parent = self._group_parent(other.key)
                office = self._office_of(other.end) if other.key in self.parties else None
                if office:
                    # 'Scott Pruitt, the Republican attorney general of Oklahoma': the office
                    # holder belongs to the government he serves, not to his party
                    return office
                if parent and j > 0 and doc[other.start - 1].lower_ in ("at", "of", "for", "with", "from", "in", "'s", "the"):
                    return role, parent
                first_any = first_any or parent
                j = other.end
                continue
            j += 1
        if role is None:
            return None, None
        return role, first_any

    def _office_of(self, i: int) -> tuple[str, str] | None:
        """An executive office starting at token ``i`` and the place or body it is 'of':
        'attorney general of Oklahoma', 'governor of the Bank of England' -> (title, parent)."""
        doc = self.doc
        found = title_at(doc, i, self.lex)
        if found is None or found[0] not in self.lex.place_offices:
            return None
        k = found[1]
        if k + 1 >= len(doc) or doc[k].lower_ != "of":
            return None
        k += 1
        if doc[k].lower_ == "the" and k + 1 < len(doc):
            k += 1
        other = self.table.actor_at(doc[k])
        parent = self._group_parent(other.key) if other is not None else None
        return (found[0], parent) if parent and parent not in self.parties else None

    def _country_nearby(self, m: Mention) -> str | None:
        """A bare government title ('Foreign Minister Ri', 'the prime minister') takes the
        country acting in its sentence, else the dateline's, else the article's main one."""
        return self._country_in_sentence(m.start, m.end)


def _portfolio_words(name: str, lex) -> frozenset[str]:
    """'Ministry of Oceans and Fisheries' -> {oceans, fisheries}; 'Home Office' -> {home};
    empty for a body whose name is no ministry, department or office."""
    words = name.lower().split()
    if not {"ministry", "department", "office"} & set(words):
        return frozenset()
    return frozenset(w for w in words if w not in PORTFOLIO_FILLER and w not in lex.demonyms
                     and w not in lex.places)


def _portfolio_in(title_words: frozenset[str], body_words: frozenset[str]) -> bool:
    """Every word of a title's portfolio is a word of the body's, up to its ending: 'Postal'
    in 'Post and Telecommunications', 'Agricultural' in 'Agriculture, Forestry and Fisheries'."""
    return all(any(_same_stem(t, b) for b in body_words) for t in title_words)


def _same_stem(a: str, b: str) -> bool:
    """'postal' ~ 'post', 'economic' ~ 'economy', 'defence' ~ 'defense'; not 'interior' ~
    'international'."""
    if a == b:
        return True
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= 4 and common >= min(len(a), len(b)) - 2
