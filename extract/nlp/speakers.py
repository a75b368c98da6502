"""Who is speaking: from the subject of a cue verb to an actor of the ``ActorTable``.

Handles names (through their mention), pronouns ('he said' -> the most recent person speaker),
government nouns ('the South Korean government', 'U.S. officials' -> that country), anonymous
sources ('a diplomatic source' -> a group, 'the source' -> the same group later), reports
('the report said' -> the last news organisation named) and 'the company said'.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..records import GOVERNMENT_ROLE, PARTY_ROLE
from .actors import ORG_PRONOUNS, PERSON_PRONOUNS, ActorTable, first_name_and_surname
from .affiliations import ORG_NOUNS
from .lexicon import Lexicon
from .sents import sent_of, start_before
from .titles import titled_apposition

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
RELATIVE_PRONOUNS = {"who", "that", "which"}
# Groups that pass on what others say: their statements carry no stance of their own.
SPOKES_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokespeople"}
# 'a company spokesman', 'a bank spokeswoman': the kind of body, not its name.
COMPANY_NOUNS = {"company", "firm", "bank", "airline", "carrier", "club", "group", "union", "corporation",
                 "business", "retailer", "insurer", "operator", "maker", "broker", "utility", "council"}
# Words before a title that make it another post ('the deputy minister' is not the minister).
POST_QUALIFIERS = {"deputy", "vice", "assistant", "junior", "associate"}
REPORTER_NOUNS = {"source", "sources", "insider", "insiders", "person", "people", "report"}
# What organisations publish and news reports as a source ('a Quinnipiac poll shows').
FINDING_NOUNS = {"poll", "survey", "study", "analysis", "report", "research", "review", "audit",
                 "investigation", "data", "figure", "statistic", "estimate", "projection", "forecast",
                 "model", "index", "census", "assessment", "memo", "document", "letter", "statement"}
# Subjects that count people without naming them: 'some argue', 'most of them said'.
QUANTIFIERS = {"some", "many", "most", "few", "several", "others", "half", "both", "all"}
PLURAL_PRONOUNS = {"they"}
# Who 'I' is outside quotes: the writer of an op-ed or memoir.
WRITER = "the writer"


def is_vague(subject: Token) -> bool:
    """'they', 'most', 'Six in 10', 'I' (the writer): a speaker resolved without a name. Such a
    subject is trusted with what it says, not with an intention or an act ('they were looking
    to', 'most proposed'), which news more often narrates than attributes."""
    lower = subject.lower_
    return lower in PLURAL_PRONOUNS or lower in QUANTIFIERS and subject.pos_ != "NOUN" or subject.text == "I" or (
        subject.pos_ == "NUM" and any(c.lower_ == "in" for c in subject.children))


def _pronoun_gender(pronoun: Token) -> str:
    """'f' for 'she' / 'her', else 'm' (called on person pronouns only)."""
    return "f" if pronoun.lower_ in ("she", "her") else "m"


def is_relative_pronoun(tok: Token) -> bool:
    return tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl" and tok.head.head.i != tok.head.i


@dataclass
class Speaker:
    key: str | None
    text: str
    start: int      # char offsets of the speaker as written
    end: int


class SpeakerResolver:
    def __init__(self, table: ActorTable, lex: Lexicon):
        self.table = table
        self.lex = lex
        self.reporters: set[str] = set()  # group keys that only report
        self._group_heads: dict[str, str] = {}  # group key -> lemma of its head noun
        self._speakers: list[tuple[int, str]] = []  # (token index, key) of resolved speakers
        self._gender: dict[str, str] = {}  # key -> 'f' | 'm', learnt from names, titles, pronouns
        self.quoted: dict[int, int] = {}  # token index -> quote, set by the statement finder

    def note(self, token_i: int, key: str | None) -> None:
        if key:
            self._speakers.append((token_i, key))

    # -- gender agreement for 'he' / 'she' ----------------------------------------------------

    def _phrase_gender(self, subject: Token) -> str | None:
        """'A spokeswoman for Human Rights Watch', 'Mrs Jowell': the gender a phrase states."""
        words = {t.lower_.rstrip(".") for t in subject.subtree} | {subject.lower_}
        if subject.i > 0:
            words.add(subject.doc[subject.i - 1].lower_.rstrip("."))
        female = bool(words & self.lex.female_words)
        male = bool(words & self.lex.male_words)
        return "f" if female and not male else "m" if male and not female else None

    def _learn_gender(self, key: str, subject: Token) -> None:
        if key not in self._gender:
            gender = self._phrase_gender(subject)
            if gender:
                self._gender[key] = gender

    def gender_of(self, key: str, doc) -> str | None:
        """Known gender of an actor: learnt, else a first name, else 'Mr'/'Mrs' or 'spokeswoman'
        next to one of its mentions."""
        if key in self._gender:
            return self._gender[key]
        actor = self.table.actors.get(key)
        if actor is None or actor.type != "person":
            return None
        first = key.split()[0].lower()
        gender = "f" if first in self.lex.female_names else "m" if first in self.lex.male_names else None
        if gender is None:
            for m in self.table.mentions:
                if m.key != key:
                    continue
                around = {doc[i].lower_.rstrip(".") for i in range(max(0, m.start - 2), min(len(doc), m.end + 3))}
                if around & self.lex.female_words - {"her", "she"}:
                    gender = "f"
                    break
                if around & self.lex.male_words - {"he", "him", "his"}:
                    gender = "m"
                    break
        if gender:
            self._gender[key] = gender
        return gender

    def recent_person(self, pronoun: Token, gender: str) -> str | None:
        """'he said' / 'she added': the most recent speaker who can be that pronoun (a person of
        that or unknown gender, or a body that spoke through a spokeswoman/spokesman), else the
        most recent such person mentioned."""
        doc = pronoun.doc
        subject = self._previous_subject(pronoun, gender)
        for i, key in reversed(self._speakers):
            if i >= pronoun.i:
                continue
            if subject is not None and i < subject[0]:
                return subject[1]
            actor = self.table.actors[key]
            known = self.gender_of(key, doc)
            if actor.type == "person" and known in (None, gender):
                return key
            if actor.type != "person" and self._gender.get(key) == gender:
                return key
        for m in reversed(self.table.mentions):
            if m.start < pronoun.i and self.table.actors[m.key].type == "person" \
                    and self.gender_of(m.key, doc) in (None, gender):
                return m.key
        return None

    def _fronted_clause_person(self, pronoun: Token, gender: str) -> str | None:
        """'When President Kirchner took office he began to negotiate': the subject pronoun of a
        main clause is the named person who is the subject of a clause put before it."""
        if pronoun.dep_ not in ("nsubj", "nsubjpass"):
            return None
        for clause in pronoun.head.children:
            if clause.dep_ != "advcl" or clause.i > pronoun.i:
                continue
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            m = self.table.actor_at(subject) if subject is not None else None
            if m is not None and self.table.actors[m.key].type == "person" \
                    and self.gender_of(m.key, pronoun.doc) in (None, gender):
                return m.key
        return None

    def _previous_subject(self, pronoun: Token, gender: str, depth: int = 0) -> tuple[int, str] | None:
        """'Davis warned of miscarriages of justice. "...," he told the radio': the person who is
        the subject of the sentence before the pronoun's, when no person is named in between;
        (token index, key) or None."""
        doc = pronoun.doc
        sent = sent_of(pronoun)
        if sent.start == 0:
            return None
        if any(m.start >= sent.start and m.start < pronoun.i and self.table.actors[m.key].type == "person"
               for m in self.table.mentions):
            return None
        previous = sent_of(doc[sent.start - 1])
        subject = next((c for c in previous.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            return None
        m = self.table.actor_at(subject)
        if m is None and subject.lower_ in PERSON_PRONOUNS and depth < 2 \
                and _pronoun_gender(subject) == gender:
            # 'When Kirchner took office he began ... But he has rejected ...': the pronoun
            # subject before stands for the same person as this one
            key = self._fronted_clause_person(subject, gender)
            found = (subject.i, key) if key else self._previous_subject(subject, gender, depth + 1)
            return found
        if m is None or self.table.actors[m.key].type != "person" or self.gender_of(m.key, doc) not in (None, gender):
            return None
        for o in self.table.mentions:
            head = doc[o.start:o.end].root
            if subject.i < o.start < pronoun.i and o.key != m.key and self.table.actors[o.key].type == "person" \
                    and self.gender_of(o.key, doc) in (None, gender) and head.dep_ in ("nsubj", "nsubjpass") \
                    and not any(a.dep_ == "relcl" for a in head.ancestors):
                return None  # another person, the subject of a clause of its own, may be meant
        return subject.i, m.key

    def _surname_person(self, tok: Token) -> str | None:
        """'Pryce' that NER missed, after 'Graham Pryce': that person (marked as a mention)."""
        table = self.table
        person = next((k for k, a in reversed(table.actors.items())
                       if a.type == "person" and len(k.split()) > 1 and tok.text in k.split()), None)
        if person and table.actor_at(tok) is None:
            table.mention(person, tok.doc, tok.i, tok.i + 1, "RULE_SURNAME")
        return person

    def _governing_person(self, pronoun: Token, gender: str) -> str | None:
        """'Trump said after the convention he would not accept', 'Though she called it
        "outrageous", Clinton restricted ...': the subject pronoun of a clause is the named
        person who is the subject of the clause it hangs on (reported, adverbial or joined),
        when the gender agrees and no listener stands between ('told Stumpf he should')."""
        if pronoun.dep_ not in ("nsubj", "nsubjpass"):
            return None
        node = pronoun.head
        for _ in range(3):
            if node.dep_ not in ("ccomp", "advcl", "xcomp", "conj") or node.head.i == node.i:
                return None
            node = node.head
            outer = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if outer is None:
                continue
            if is_relative_pronoun(outer):
                outer = outer.head.head
            lo, hi = sorted((outer.i, pronoun.i))
            if any(t.text in (".", "?", "!") or "\n" in t.text for t in pronoun.doc[lo:hi]):
                return None  # a parse run across sentences
            m = self.table.actor_at(outer)
            key = m.key if m is not None else self._surname_person(outer) if outer.is_title else None
            if key is None or self.table.actors[key].type != "person" \
                    or self.gender_of(key, pronoun.doc) not in (None, gender):
                return None
            if any(c.dep_ in ("dobj", "dative") for c in node.children if c.i < pronoun.i):
                return None  # 'told Stumpf he should resign': the listener may be meant
            return key
        return None

    def subject_of(self, verb: Token) -> Token | None:
        """The grammatical subject of a cue verb, climbing from 'saying' to its main verb."""
        current = verb
        for _ in range(5):
            subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
            if len(subjects) > 1:
                return self._likelier_subject(subjects, current)
            if subjects:
                return subjects[0]  # a relative pronoun too: resolve() reads its antecedent
            if current.dep_ == "pcomp" and current.head.dep_ == "prep" and current.head.head.i != current.head.i:
                # 'sings to Clinton before asking her', 'began by saying', 'stopped short of
                # calling': a gerund after a preposition has the subject of the verb the
                # preposition hangs on (through an adverb: 'short of').
                current = current.head.head
                if current.dep_ == "advmod" and current.pos_ == "ADV" and current.head.i != current.i:
                    current = current.head
                continue
            if current.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp") and current.head.i != current.i:
                current = current.head
                continue
            if current.dep_ == "relcl":
                return current.head
            break
        return None

    def _likelier_subject(self, subjects: list[Token], verb: Token) -> Token:
        """Of two subjects the parser gave one verb (a dateline, a live blog's '12:15 p.m.' run
        into the next paragraph, 'in Berea, OH, ... Gov. Kasich said'): a named person before
        anything else, a place last, and the nearer one before the verb."""
        people = [c for c in subjects if (m := self.table.actor_at(c)) is not None
                  and self.table.actors[m.key].type == "person"]
        pool = people or [c for c in subjects if c.ent_type_ not in ("GPE", "LOC")] or subjects
        before = [c for c in pool if c.i < verb.i]
        return before[-1] if before else pool[0]

    def resolve(self, subject: Token) -> Speaker | None:
        if is_relative_pronoun(subject):
            # 'Kamin, who said ...': the antecedent speaks; the mention is 'who', as news
            # annotators mark it (as 'he' is the mention of a pronoun's speaker).
            speaker = self.resolve(subject.head.head)
            if speaker is None:
                return None
            return Speaker(speaker.key, subject.text, subject.idx, subject.idx + len(subject))
        doc = subject.doc
        table = self.table
        m = table.actor_at(subject)
        if m is None and subject.pos_ == "PROPN":
            # A mis-parsed title ('Oceans and Fisheries Minister Kang Mi-rae said'): the name
            # is somewhere in the subject phrase; a person wins.
            inside = [table.actor_at(t) for t in list(subject.subtree)[:12] if table.actor_at(t)]
            people = [x for x in inside if table.actors[x.key].type == "person"]
            m = (people or inside or [None])[-1]
        if m is None:
            # A title or description with the name in apposition: "the charity's director
            # Anna Pole said", 'the president, Ellen Marsh, said'.
            named = [table.actor_at(t) for c in subject.children if c.dep_ == "appos"
                     for t in c.subtree if table.actor_at(t)]
            people = [x for x in named if table.actors[x.key].type == "person"]
            m = people[-1] if people else None
        if m is not None:
            self._learn_gender(m.key, subject)
            return Speaker(m.key, m.text, m.start_char, m.end_char)
        lower = subject.lower_
        if lower in PERSON_PRONOUNS:
            gender = _pronoun_gender(subject)
            key = self._governing_person(subject, gender) or self._fronted_clause_person(subject, gender) \
                or self.recent_person(subject, gender)
            if key and key not in self._gender:
                self._gender[key] = gender
            return Speaker(key, subject.text, subject.idx, subject.idx + len(subject)) if key else None
        if lower in ORG_PRONOUNS:
            key = self.recent(subject.i, ("organization",), speakers_only=True)
            return Speaker(key, subject.text, subject.idx, subject.idx + len(subject)) if key else None
        if lower in PLURAL_PRONOUNS:
            return self._plural_antecedent(subject)
        if subject.text == "I" and subject.pos_ == "PRON":
            return self._writer(subject)
        share = self._share_of_people(subject)
        if share is not None:
            return share
        if subject.pos_ == "PRON":
            return None
        phrase = doc[subject.left_edge.i: subject.i + 1]
        while len(phrase) > 1 and (phrase[0].is_punct or phrase[0].is_space):
            phrase = phrase[1:]
        start, end = phrase.start_char, phrase.end_char
        # A modifier that names an actor: 'U.S. officials', 'the South Korean government',
        # 'a member of China's delegation' (relative clauses aside).
        owner = None
        relcl = {t.i for c in subject.children if c.dep_ in ("relcl", "acl", "appos") for t in c.subtree}
        for tok in subject.subtree:
            if tok.i in relcl:
                continue
            other = table.actor_at(tok)
            if other is not None and table.actors[other.key].type in ("country", "organization"):
                owner = other.key
                break
        if lower in self.lex.government_nouns or subject.lemma_.lower() in self.lex.government_nouns:
            if owner:
                return Speaker(owner, phrase.text, start, end)
        if lower in self.lex.report_nouns or subject.lemma_.lower() in self.lex.report_nouns:
            key = self.recent(subject.i, ("media",))
            if key is None and doc[subject.left_edge.i].lower_ in ("the", "its", "this"):
                # 'Oxfam says in a report ... The report said': with no news organisation
                # named, the report is that of the last organisation that spoke.
                key = self.recent(subject.i, ("organization",), speakers_only=True)
            if key:
                return Speaker(key, phrase.text, start, end)
        if lower in ORG_NOUNS and any(c.dep_ == "poss" and c.lower_ == "whose" for c in subject.children):
            key = self._whose_body(subject, lower)
            if key:
                return Speaker(key, phrase.text, start, end)
        if lower in ORG_NOUNS and subject.i > 0 and doc[subject.left_edge.i].lower_ == "the":
            key = owner or self._recent_organization(subject.i)
            if key and not owner and not self._fits_noun(key, lower):
                key = None  # 'the committee' is not the party named last, 'the government' not the union
            if key:
                return Speaker(key, phrase.text, start, end)
        if lower in self.lex.anonymous or subject.lemma_.lower() in self.lex.anonymous:
            if owner and table.actors[owner].type == "country" and lower not in REPORTER_NOUNS:
                # Unnamed officials of a government speak for the country.
                self._learn_gender(owner, subject)
                return Speaker(owner, phrase.text, start, end)
            if owner and table.actors[owner].type == "organization" and lower in SPOKES_NOUNS:
                # 'a spokeswoman for Human Rights Watch' speaks for the organisation.
                self._learn_gender(owner, subject)
                return Speaker(owner, phrase.text, start, end)
            if owner is None and lower in SPOKES_NOUNS and any(
                    c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in COMPANY_NOUNS for c in subject.lefts):
                # 'a company spokesman' speaks for the company the article is about: the
                # organisation that last spoke, else the last one named.
                key = self.recent(subject.i, ("organization",), speakers_only=True) or \
                    self.recent(subject.i, ("organization",))
                if key:
                    self._learn_gender(key, subject)
                    return Speaker(key, phrase.text, start, end)
            return self._anonymous(subject, phrase.text, start, end, owner)
        if subject.pos_ == "PROPN":
            # 'Pryce' that NER missed, after 'Graham Pryce'
            person = self._surname_person(subject)
            if person:
                return Speaker(person, subject.text, subject.idx, subject.idx + len(subject))
            return self._unnamed_organization(subject)
        if subject.pos_ == "NOUN":
            return self._nominal(subject, phrase.text, start, end, owner)
        return None

    def _nominal(self, subject: Token, text: str, start: int, end: int, owner: str | None) -> Speaker:
        """A speaker described, not named. 'The minister', 'the former president': the person
        named earlier with that title; else a group named as written ('top black lawmakers',
        'the announcer'), tied to the organisation or country in its phrase. Unaffiliated
        groups hold no stances (analysis.holders), so they add statements, not sides."""
        doc = subject.doc
        head = subject.lemma_.lower()
        if head in FINDING_NOUNS and owner:
            # 'a Quinnipiac poll shows', 'a CBO analysis found': the organisation behind it.
            return Speaker(owner, text, start, end)
        definite = doc[subject.left_edge.i].lower_ in ("the", "this", "that", "our", "his", "her", "their", "its")
        if definite and (head in self.lex.title_words or subject.lower_ in self.lex.title_words):
            # 'the shadow chancellor', 'the deputy minister': another post than the bare title's.
            qualifiers = {c.lower_ for c in subject.lefts if c.dep_ in ("amod", "compound", "nmod")} \
                & (self.lex.opposition_words | POST_QUALIFIERS)
            titled = self._recent_titled(subject.i, head, qualifiers)
            if titled is None and owner in self.lex.parties.values():
                titled = self._party_member(subject, head, owner)
            if titled:
                self._learn_gender(titled, subject)
                return Speaker(titled, text, start, end)
        return self._anonymous(subject, text, start, end, owner)

    def _writer(self, pronoun: Token) -> Speaker | None:
        """'I told Megyn Kelly that ...' outside quotes: the writer of an op-ed or memoir, a
        group that holds no stance. In a transcript ('TAPPER: ... I think') the label speaks."""
        if pronoun.i in self.quoted:
            return None
        doc = pronoun.doc
        i = pronoun.i
        while i > 0 and "\n" not in doc[i - 1].text:
            i -= 1
        if any(t.text == ":" for t in doc[i:pronoun.i]):
            return None
        key = self.table.add(WRITER, "group")
        return Speaker(key, pronoun.text, pronoun.idx, pronoun.idx + len(pronoun))

    def _share_of_people(self, subject: Token) -> Speaker | None:
        """'Six in 10 say', 'Nine in 10 Democratic voters say', 'most of them said', 'some who
        advocate free speech argue': a share of people, a group named as written."""
        lower = subject.lower_
        proportion = subject.pos_ == "NUM" and any(
            c.lower_ == "in" and c.dep_ in ("prep", "quantmod") for c in subject.children)
        if not (lower in QUANTIFIERS and subject.pos_ in ("PRON", "ADJ", "DET", "NOUN") or proportion):
            return None
        doc = subject.doc
        words = [t for t in subject.subtree if not t.is_punct and not t.is_space]
        if not words or len(words) > 12 or words[-1].i - words[0].i + 1 != len(words):
            return None
        span = doc[words[0].i:words[-1].i + 1]
        key = self.table.add(span.text, "group")
        self._group_heads[key] = lower
        return Speaker(key, span.text, span.start_char, span.end_char)

    def _plural_antecedent(self, pronoun: Token) -> Speaker | None:
        """'Mr. Rubio's advisers conceded ... But they were hoping': 'they' is the nearest
        plural subject before it in its sentence or the two before (a plural noun, or names
        joined by 'and'), when that subject is someone who can speak."""
        doc = pronoun.doc
        lo = start_before(sent_of(pronoun), 2)
        for i in range(pronoun.i - 1, lo - 1, -1):
            tok = doc[i]
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.pos_ == "PRON":
                continue
            plural = tok.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in tok.children)
            if not plural:
                continue
            antecedent = self.resolve(tok)
            if antecedent is None or antecedent.key is None:
                return None
            return Speaker(antecedent.key, pronoun.text, pronoun.idx, pronoun.idx + len(pronoun))
        return None

    def _party_member(self, subject: Token, title: str, party: str) -> str | None:
        """'... from Charles Kennedy. The Lib Dem leader said': a party post described right
        after a person was named is that person's (named in this sentence or the one before,
        with no other party and no other post); the person joins the party."""
        people = self.table.people_between(start_before(sent_of(subject), 1), subject.left_edge.i)
        if not people:
            return None
        person = self.table.actors[max(people, key=lambda m: m.start).key]
        if person.affiliation not in (None, party) or person.role and title not in person.role.split():
            return None
        person.affiliation = party
        person.role = person.role or title
        return person.key

    def _recent_titled(self, before: int, title: str, qualifiers: set[str] = frozenset()) -> str | None:
        """The person most recently mentioned before ``before`` whose role has the word ``title``
        (and each of ``qualifiers``: 'shadow', 'deputy')."""
        for m in reversed(self.table.mentions):
            if m.start >= before:
                continue
            actor = self.table.actors[m.key]
            words = actor.role.replace(",", " ").split() if actor.role else []
            if actor.type == "person" and title in words and qualifiers <= set(words):
                return m.key
        return None

    def _unnamed_organization(self, subject: Token) -> Speaker | None:
        """A capitalised subject NER missed ('The Coalition for a Fair Transition')."""
        doc = subject.doc
        lo = subject.left_edge.i
        hi = subject.i + 1
        for tok in subject.rights:
            if tok.dep_ == "prep":
                hi = max(hi, tok.right_edge.i + 1)
            break
        span = doc[lo:hi]
        words = [t for t in span if not (t.is_punct or t.lower_ in ("the", "a", "an"))]
        if not words or any("," == t.text for t in span) or len(words) > 8:
            return None
        if not all(t.is_title or t.lower_ in ("of", "for", "and", "on", "in", "to") for t in words):
            return None
        if words[0].lower_ in ("of", "for", "and"):
            return None
        name = " ".join(t.text for t in doc[words[0].i:hi])
        # NER missed a person's name too: a post in apposition ('Ann Cole, Tory shadow home
        # secretary, said') or a common first name ('Paul Cable said') says so.
        person = titled_apposition(doc, subject.i + 1, self.lex) or first_name_and_surname(doc[words[0].i:hi], self.lex)
        key = self.table.add(name, "person" if person else "organization")
        self.table.mention(key, doc, words[0].i, hi, "RULE_SUBJECT")
        return Speaker(key, span.text, span.start_char, span.end_char)

    def _whose_body(self, subject: Token, noun: str) -> str | None:
        """'Ann Cole, whose party opposes the levy': the organisation of the person the relative
        clause hangs on, when it can be 'the <noun>'."""
        clause = subject.head
        if clause.dep_ != "relcl":
            return None
        m = self.table.actor_at(clause.head)
        if m is None or self.table.actors[m.key].type != "person":
            return None
        body = self.table.actors[m.key].affiliation
        if body is None or body not in self.table.actors or self.table.actors[body].type != "organization":
            return None
        return body if self._fits_noun(body, noun) else None

    def _fits_noun(self, key: str, noun: str) -> bool:
        """Whether an organisation named earlier can be 'the <noun>': only a party is 'the
        party', only a government body 'the government', and a party nothing else."""
        role = self.table.actors[key].role
        if noun == "party":
            return role == PARTY_ROLE
        if noun in self.lex.government_nouns:
            return role == GOVERNMENT_ROLE
        return role != PARTY_ROLE

    def _anonymous(self, subject: Token, text: str, start: int, end: int, owner: str | None) -> Speaker:
        head = subject.lemma_.lower()
        definite = subject.doc[subject.left_edge.i].lower_ in ("the", "this", "that")
        if definite:
            # 'the source' is the source introduced earlier.
            for key in reversed([k for _, k in self._speakers]):
                actor = self.table.actors.get(key)
                if actor and actor.type == "group" and self._group_heads.get(key) == head:
                    return Speaker(key, text, start, end)
        # The name as written ('party sources', 'Oil industry sources'): modifiers and head.
        modifiers = [t for t in subject.lefts if t.dep_ in ("amod", "compound") and t.is_alpha]
        first = min((t.left_edge.i for t in modifiers), default=subject.i)
        while first < subject.i and not subject.doc[first].is_alpha:
            first += 1
        last = subject.i
        prep = next((c for c in subject.rights if c.dep_ == "prep" and c.i == subject.i + 1), None)
        if owner and prep is not None and prep.lower_ in ("within", "in", "inside", "close", "from", "at"):
            last = prep.right_edge.i  # 'Sources within the Conservative Party'
        words = subject.doc[first:last + 1]
        name = " ".join(t.text for t in words)
        owner_inside = owner is not None and any(
            (m := self.table.actor_at(t)) is not None and m.key == owner for t in words)
        if owner and not owner_inside:
            name = f"{owner} {name}"
        key = self.table.add(name, "group")
        self._group_heads[key] = head
        if owner:
            self.table.actors[key].affiliation = owner
        if head in REPORTER_NOUNS:
            self.reporters.add(key)
        return Speaker(key, text, start, end)

    def group_head(self, key: str) -> str | None:
        """The lemma of the head noun of a group this resolver named ('diplomat')."""
        return self._group_heads.get(key)

    def _recent_organization(self, before: int) -> str | None:
        """'Aguas Argentinas, controlled by France's Suez, ... The firm wants ...': the last
        organisation named, unless it is only there as the owner of one named just before it."""
        key = self.recent(before, ("organization",))
        if key is None:
            return None
        owned = [m for m in self.table.mentions if m.start < before and self.table.actors[m.key].affiliation == key
                 and self.table.actors[m.key].type == "organization"]
        last_own = max((m.start for m in self.table.mentions if m.key == key and m.start < before), default=-1)
        # 'X, a subsidiary of Y,': the owner's name follows the company's within a few words.
        if owned and max(m.start for m in owned) >= last_own - 12:
            return max(owned, key=lambda m: m.start).key
        return key

    def recent(self, before: int, types: tuple[str, ...], speakers_only: bool = False) -> str | None:
        """Most recent speaker of a compatible type, else the most recent such mention."""
        for i, key in reversed(self._speakers):
            if i < before and self.table.actors[key].type in types:
                return key
        if speakers_only:
            return None
        for m in reversed(self.table.mentions):
            if m.start < before and self.table.actors[m.key].type in types:
                return m.key
        return None
