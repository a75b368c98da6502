"""Stance of one statement on one topic: support | oppose | conditional | neutral.

Decided by the first rule that applies, with the words that decided it kept as evidence:
1. a condition marker ('on condition that', 'must be part of', 'should first ... before'):
   the topic on the condition side is supported, the other topics are conditional;
2. a stance act ('Pyongyang rejected the proposal'): the verb's side, flipped by negation;
3. the nearest stance word to the topic in its sentence ('top priority', 'nonstarter'),
   flipped by a negation just before it;
4. otherwise neutral.
A side found is then turned round where the topic is a cut of itself ('backs council tax cuts'
under 'council tax') or sits in a 'despite ...' phrase ('pressed on despite a call for a pause').
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import StanceRec
from .sents import sent_of
from .lexicon import Lexicon, vader
from .acts import VOTE_SIDES
from .statements import Found
from .topics import TopicMention

NEGATIONS = {"not", "n't", "never", "no", "without", "nor"}
FLIP = {"support": "oppose", "oppose": "support"}
# Condition markers that only reach the topics of their own sentence.
SENTENCE_SCOPED = {("if",), ("before",), ("after",), ("once",)}
WINDOW = 12
# Entity types whose words are names, not judgements.
NAME_ENTITIES = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"}
# Links the climb from a topic to the verb that governs it may follow.
_CLIMB = ("xcomp", "acl", "dobj", "pobj", "prep", "relcl")
# Prepositions of what the speaker acts against ('despite a call for a pause').
CONCESSIVE = {"despite", "notwithstanding"}
# Subjects that stand for the speaker when a topic is an act they do.
ACTING_PRONOUNS = {"i", "we", "he", "she", "they", "it"}
# Nouns that undo what they follow: a side on 'tax cuts' is the other side on 'tax'.
CUT_NOUNS = {"cut", "reduction", "abolition", "repeal", "removal", "freeze", "scrapping", "phase-out"}
# Prepositions that place something in or at the topic: a side on it is not a side on the topic.
PLACE_PREPOSITIONS = {"in", "into", "inside", "within", "at"}
# Speech verbs that favour what they report.
CUE_SUPPORT = {"propose", "urge", "demand", "suggest", "recommend", "call", "push", "advocate", "insist"}
# Verbs that take a side on what the statement they introduce is about: the cue itself
# ('condemned the plan, saying ...') or the verb a 'saying' clause hangs on.
CUE_SIDE = {
    **dict.fromkeys(("criticise", "criticize", "condemn", "denounce", "attack", "slam", "accuse",
                     "oppose", "reject", "complain", "protest", "blast", "deplore"), "oppose"),
    **dict.fromkeys(("welcome", "praise", "back", "support", "endorse", "applaud", "hail",
                     "urge", "defend"), "support"),
}
# Speech verbs that doubt what they report: 'questioned why there was such a rush to
# introduce the bill' opposes it, 'questioned whether the council needed the toll' turns the
# side the content takes round.
DOUBT_CUES = {"question", "doubt", "dispute", "query"}
# A topic that does these things is bad or good in the speaker's eyes.
HARMFUL = {"destroy", "hurt", "damage", "harm", "threaten", "kill", "undermine", "cost", "ruin",
           "devastate", "wreck", "cripple", "punish", "disrupt", "raise", "violate", "endanger"}
HELPFUL = {"help", "protect", "benefit", "work", "save", "support", "boost", "create", "improve",
           "strengthen", "secure", "ensure", "reduce", "cut"}
# How strongly VADER must rate a word before it takes a side on its own: predicates about a
# topic ('the rebate is unjustified'), verbs governing it ('attacked the rebate').
EVALUATION_VALENCE = 1.0
VERB_VALENCE = 1.5
NEGATIVE_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non")
# VADER compound score from which the tone of a statement's clause decides a side (last rule).
TONE_THRESHOLD = 0.4
PREDICTIVE = {"will", "would", "could", "might", "may", "wo", "'ll"}
# 'if necessary', 'if need be', 'even if', 'as if': an 'if' that sets no condition on a side.
IDLE_IF_AFTER = {"necessary", "needed", "need", "required", "possible", "appropriate"}
IDLE_IF_ALONE = {"so", "any"}
IDLE_IF_BEFORE = {"even", "as"}
# Nouns that deny the act hung on them: "Blair's refusal to accept the proposals".
DENYING_NOUNS = {"refusal", "failure", "reluctance", "unwillingness", "inability"}


def valence_side(lex: Lexicon, word, threshold: float) -> str | None:
    """'support' or 'oppose' for a word VADER rates at least ``threshold`` either way; a word
    it lacks that negates one it rates ('unjustified', 'unworkable') takes the opposite."""
    for form in (word.lower_, word.lemma_.lower()):
        value = lex.valence.get(form)
        if value is None:
            for prefix in NEGATIVE_PREFIXES:
                if form.startswith(prefix) and (stem := lex.valence.get(form[len(prefix):])) and stem > 0:
                    value = -stem
                    break
        if value is not None and abs(value) >= threshold:
            return "support" if value > 0 else "oppose"
    return None


# Words that decide only when nothing stronger is near.
WEAK = {"should", "must", "remains", "possible", "need", "needs", "key", "good", "end", "no", "stop", "lead"}


def _find_phrases(words: list[str], phrases, lo: int, hi: int) -> list[tuple[int, int, str]]:
    out = []
    for i in range(lo, hi):
        for p in phrases:
            if words[i] == p[0] and i + len(p) <= hi and tuple(words[i:i + len(p)]) == p:
                out.append((i, i + len(p), " ".join(p)))
                break
    return out


def denying_frame(verb) -> str | None:
    """The noun phrase that denies an act: "Blair's refusal to accept ...", 'there could be
    no question of Brazil adopting ...', 'had no intention of backing ...'."""
    node = verb
    if node.dep_ == "pcomp" and node.head.dep_ == "prep":
        node = node.head
    elif node.dep_ not in ("acl", "xcomp"):
        return None
    noun = node.head
    if noun.pos_ != "NOUN" or noun == node:
        return None
    if noun.lemma_.lower() in DENYING_NOUNS:
        return noun.text
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return "no " + noun.text
    return None


def _in_name(token) -> bool:
    """A word of a name ('Supreme' in 'the Supreme Court', 'Rights' in 'Human Rights Watch'):
    it rates nothing the speaker says."""
    return token.pos_ == "PROPN" or token.ent_type_ in NAME_ENTITIES


def _depth(token, top) -> int:
    """Dependency steps from a token up to ``top`` (a large number if it is not above it)."""
    steps = 0
    while token != top and token.head != token and steps < 12:
        token = token.head
        steps += 1
    return steps if token == top else 99


class StanceRules:
    def __init__(self, doc: Doc, lex: Lexicon, table=None, resolver=None):
        self.doc = doc
        self.lex = lex
        self.words = [t.lower_ for t in doc]
        self.table = table  # ActorTable and SpeakerResolver: who the subject of a verb is
        self.resolver = resolver

    def _tokens(self, f: Found) -> tuple[int, int]:
        span = self.doc.char_span(f.start, f.end, alignment_mode="expand")
        return (span.start, span.end) if span is not None else (0, 0)

    def classify(self, f: Found, mentions: list[TopicMention], all_mentions: list[TopicMention]) -> list[StanceRec]:
        """One StanceRec per topic mentioned in ``mentions`` (all inside the statement)."""
        lo, hi = self._tokens(f)
        markers = self._conditions(lo, hi)
        by_topic: dict[str, list[TopicMention]] = {}
        for m in mentions:
            by_topic.setdefault(m.topic, []).append(m)
        doubted = self._doubted(f)
        out = []
        for topic, ms in by_topic.items():
            label, confidence, evidence = self._one(f, ms, markers, lo, hi)
            if doubted and label in ("support", "oppose", "neutral"):
                label = "oppose" if label == "neutral" else FLIP[label]
                evidence = f"{doubted} ({evidence})" if evidence else doubted
                confidence = 0.55
            cut = self._named_cut(topic, ms)
            if cut and label in FLIP:
                label, evidence = FLIP[label], f"{evidence} ({cut})"  # 'backs tax cuts': against the tax
            if label in FLIP and all(self._conceded(m, lo) for m in ms):
                # 'vowed to plough on despite a call for a pause': the speaker goes against it
                label, evidence = FLIP[label], f"despite ({evidence})"
            confidence = self.lex.calibration.get(round(confidence * 100), confidence)
            out.append(StanceRec(topic, label, confidence, evidence))
        return out

    def _set_aside(self, m: TopicMention, lo: int, hi: int) -> str | None:
        """'should not be measured by the volume of its lending but by its contribution': the
        topic sits in the member a negated verb rules out, and a 'but' member hung on the
        same word gives the alternative; returns 'not ... but'."""
        doc = self.doc
        node = doc[m.start:m.end].root
        for _ in range(4):
            if node.head == node or not (lo <= node.head.i < hi):
                return None
            child, node = node, node.head
            if node.pos_ in ("VERB", "AUX"):
                break
        else:
            return None
        if child.dep_ not in ("prep", "agent", "dobj", "attr", "acomp"):
            return None
        neg = next((c for c in node.children if c.dep_ == "neg" and c.i < m.start), None)
        if neg is None:
            return None
        # the 'but' member: a cc 'but' after the topic on the member or the verb, with a
        # conjunct or a second member of the same kind after it
        for holder in (child, node):
            but = next((c for c in holder.children if c.dep_ == "cc" and c.lower_ == "but" and c.i >= m.end), None)
            kinds = {"conj", child.dep_} | ({"prep", "agent"} if child.dep_ in ("prep", "agent") else set())
            if but is not None and any(c.i > but.i and c.dep_ in kinds
                                       for c in [*holder.children, *node.children]):
                return f"{neg.text} ... but"
        return None

    def _doubted(self, f: Found) -> str | None:
        """The cue of reported speech doubts its content ('questioned why ...'): its word."""
        cue = f.cue
        if f.kind != "indirect" or cue is None or cue.lemma_.lower() not in DOUBT_CUES:
            return None
        if any(c.dep_ == "neg" for c in cue.children):
            return None
        return cue.text

    def _conceded(self, m: TopicMention, lo: int) -> bool:
        """The topic is in a 'despite ...' phrase of the statement: what is said there is what
        the speaker acts against."""
        node = self.doc[m.start:m.end].root
        for _ in range(8):
            if node.head == node or node.i < lo:
                return False
            node = node.head
            if node.lower_ in CONCESSIVE and node.pos_ in ("ADP", "SCONJ"):
                return True
        return False

    def _named_cut(self, topic: str, ms: list[TopicMention]) -> str | None:
        """A mention that ends in a cut the topic's name lacks ('tax cuts' for the topic 'tax'):
        a side on the cut is the other side on the topic."""
        names = set(topic.lower().split())
        for m in ms:
            last = self.doc[m.end - 1]
            if m.end - m.start > 1 and last.lemma_.lower() in CUT_NOUNS and last.lower_ not in names \
                    and last.lemma_.lower() not in names:
                return last.text
        return None

    def _prediction(self, m: TopicMention) -> bool:
        """'tariffs would keep hurting farmers if ...': the topic is the subject of a
        prediction, not of an offer."""
        root = self.doc[m.start:m.end].root
        return root.dep_ in ("nsubj", "nsubjpass") and any(
            c.dep_ == "aux" and c.lower_ in ("would", "could", "might", "will", "may") for c in root.head.children)

    def _before_token(self, lo: int, hi: int) -> int | None:
        return next((i for i in range(lo, hi) if self.words[i] == "before"), None)

    def _governing_verb(self, f: Found, m: TopicMention, lo: int, hi: int):
        doc, lex = self.doc, self.lex
        root = doc[m.start:m.end].root
        head = None
        if root.dep_ in ("nsubj", "nsubjpass") and lo <= root.head.i < hi:
            # 'Illegal fishing is destroying livelihoods', 'tariffs would keep hurting farmers',
            # 'the tariffs ... must be removed'
            verb = root.head
            judged = self._evaluation(verb)
            if judged:
                return judged[0], 0.6, judged[1]
            for v in [verb, *(c for c in verb.children if c.dep_ in ("xcomp", "conj") and c.pos_ in ("VERB", "AUX"))]:
                lemma = v.lemma_.lower()
                passive = v.i != verb.i and any(c.dep_ == "auxpass" for c in v.children)
                if root.dep_ == "nsubj" and not passive:
                    effect = "oppose" if lemma in HARMFUL else "support" if lemma in HELPFUL else None
                else:
                    effect = "oppose" if lemma in lex.reduce_verbs or lemma in lex.oppose_verbs else None
                if effect:
                    negated = any(c.dep_ == "neg" for c in v.children)
                    return (FLIP[effect] if negated else effect), 0.6, ("not " if negated else "") + v.text
        own = self._own_act(m, root, lo, hi)
        if own:
            return own
        if root.dep_ in ("dobj", "nsubjpass", "xcomp", "ccomp"):
            head = root.head
        elif root.dep_ == "pobj" and root.head.dep_ in ("prep", "agent"):
            if root.head.lower_ in PLACE_PREPOSITIONS:
                return None  # 'wanted a sunset clause inserted in the bill': the clause is wanted
            head = root.head.head
            if head.lemma_.lower() == "vote" and root.head.lower_ in VOTE_SIDES and lo <= head.i < hi:
                # 'would never vote for Clinton', 'voted against the bill'
                label = VOTE_SIDES[root.head.lower_]
                negated = any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in head.children)
                return (FLIP[label] if negated else label), 0.65, ("not " if negated else "") + f"vote {root.head.text}"
        # Climb through verbs and nouns that take no side ('withdrew plans to install
        # automated cranes'): the first verb with a side decides.
        label = None
        for _ in range(3):
            if head is None or not (lo <= head.i < hi):
                return None
            if head.pos_ == "ADP" and head.lower_ in PLACE_PREPOSITIONS:
                return None
            lemma = head.lemma_.lower()
            particle = next((c.lower_ for c in head.children if c.dep_ == "prt"), None)
            if head.pos_ in ("VERB", "AUX"):
                if particle and f"{lemma} {particle}" in lex.phrasal_sides:
                    label = lex.phrasal_sides[f"{lemma} {particle}"]  # 'ruled out', 'turned down'
                elif lemma in lex.support_verbs:
                    label = "support"
                elif lemma in lex.oppose_verbs or lemma in lex.reduce_verbs:
                    label = "oppose"
                elif lemma not in lex.speech_verbs:
                    label = valence_side(lex, head, VERB_VALENCE)  # 'praised', 'attacked'
                if label or lemma in self.lex.speech_verbs:
                    break
            if head.dep_ in _CLIMB and head.head != head:
                head = head.head
            else:
                return None
        if label is None or self._other_persons_act(f, head):
            return None
        negated = any(c.dep_ == "neg" for c in head.children) or (
            head.dep_ == "xcomp" and any(c.dep_ == "neg" for c in head.head.children))
        evidence = head.text
        particle = next((c.text for c in head.children if c.dep_ == "prt"), None)
        if particle:
            evidence += " " + particle
        denied = denying_frame(head)
        if denied and not negated:
            label, evidence = FLIP[label], f"{denied} ({evidence})"
        elif negated:
            label, evidence = FLIP[label], "not " + evidence
        # What is said about the act itself: 'opposed the plan to extend drinking hours',
        # 'lifting the embargo would be irresponsible'.
        outer = self._outer_judgement(head, lo, hi)
        if outer:
            flip, words = outer
            if flip:
                label = FLIP[label]
            evidence = f"{words} ({evidence})"
        return label, (0.6 if negated else 0.65), evidence

    def _other_persons_act(self, f: Found, verb) -> bool:
        """'this week the treasurer has backed the levy' in someone else's words: a verb whose
        subject is another person (named, or a title with no name) takes that person's side,
        not the speaker's; acts have their own subject."""
        if self.table is None or f.speaker is None or f.kind == "action":
            return False
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.pos_ == "PRON":
            return False
        m = self.table.actor_at(subject)
        if m is not None:
            return m.key != f.speaker.key and self.table.actors[m.key].type == "person"
        # a title with no name ('the chancellor'): someone else unless it is how the speaker
        # was written
        return subject.pos_ == "NOUN" and (subject.lower_,) in self.lex.titles \
            and subject.lower_ not in f.speaker.text.lower().split()

    def _own_act(self, m: TopicMention, root, lo: int, hi: int) -> tuple[str, float, str] | None:
        """A topic that is an act ('vote for Clinton', 'scrapping the agency') done by the
        speaker's pronoun: 'he would never vote for Clinton' opposes it, 'we are scrapping
        the agency' supports it."""
        if root.pos_ != "VERB" or not (m.start <= root.i < m.end and lo <= root.i < hi):
            return None
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ not in ACTING_PRONOUNS:
            return None
        negated = any(c.dep_ == "neg" for c in root.children)
        return ("oppose" if negated else "support"), 0.6, ("not " if negated else "") + root.text

    def _cue_side(self, f: Found) -> tuple[str, float, str] | None:
        """The side of a reported statement's cue, or of the verb its participle hangs on
        ('welcomed the move, saying ...'), flipped by negation."""
        if f.kind != "indirect" or f.cue is None:
            return None
        verb = f.cue
        if verb.lemma_.lower() not in CUE_SIDE and verb.dep_ in ("advcl", "xcomp", "conj") \
                and verb.head.pos_ == "VERB":
            verb = verb.head
        side = CUE_SIDE.get(verb.lemma_.lower())
        if side is None:
            return None
        if any(c.dep_ == "neg" for c in verb.children):
            return FLIP[side], 0.5, "not " + verb.text
        return side, 0.55, verb.text

    def _evaluation(self, head) -> tuple[str, str] | None:
        """'X is deeply flawed', 'X would be disastrous', 'X is a good idea': the side a
        predicate about its subject takes, flipped by negation ('is not fair')."""
        lex = self.lex
        words = [head] if head.pos_ in ("ADJ", "VERB") and head.tag_ in ("JJ", "VBN") else []
        for c in head.children:
            if c.dep_ in ("acomp", "attr", "oprd"):
                words.append(c)
                words += [g for g in c.children if g.dep_ in ("amod", "conj", "compound")]
        for w in words:
            key = w.lemma_.lower()
            label = ("oppose" if key in lex.negative_evaluations or w.lower_ in lex.negative_evaluations
                     else "support" if key in lex.positive_evaluations or w.lower_ in lex.positive_evaluations
                     else valence_side(lex, w, EVALUATION_VALENCE) if w.pos_ in ("ADJ", "NOUN") else None)
            if label:
                if any(c.dep_ == "neg" for c in head.children) or any(c.dep_ == "neg" for c in w.children):
                    return FLIP[label], "not " + w.text
                return label, w.text
        return None

    def _outer_judgement(self, verb, lo: int, hi: int) -> tuple[bool, str] | None:
        """Above a verb that takes a side on the topic: an opposing verb ('rejected calls to
        lift the ban') or a negative judgement of the act ('lifting it would be reckless')
        turns the side round; returns (flip, words) or None."""
        if verb.dep_ in ("csubj", "csubjpass", "nsubj") and lo <= verb.head.i < hi:
            judged = self._evaluation(verb.head)
            if judged:
                return judged[0] == "oppose", judged[1]
        node = verb
        for _ in range(4):
            if node.dep_ not in _CLIMB or node.head == node:
                return None
            node = node.head
            if not (lo <= node.i < hi):
                return None
            if node.pos_ in ("VERB", "AUX"):
                lemma = node.lemma_.lower()
                if lemma in self.lex.speech_verbs:
                    return None
                if lemma in self.lex.oppose_verbs and lemma not in self.lex.reduce_verbs:
                    negated = any(c.dep_ == "neg" for c in node.children)
                    return (not negated), ("not " if negated else "") + node.text
        return None

    def _placed(self, m: TopicMention, act) -> bool:
        """The topic is where the act's object goes, not its object: 'wanted a sunset clause
        inserted in the bill' (but 'in tandem with denuclearization talks' places nothing)."""
        root = self.doc[m.start:m.end].root
        return root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS and root.head.head != act

    def _act_reversal(self, m: TopicMention, act) -> str | None:
        """'defended plans to end the embargo', 'want the embargo lifted': a verb that acts
        against the topic between it and the act verb turns the act's side round."""
        node = self.doc[m.start:m.end].root
        if act not in node.ancestors:
            # 'the tax, opposed by France, was dropped': verbs above both the act and the
            # topic do not act on the topic for the act's speaker
            return self._gerund_between(m, act)
        for _ in range(6):
            if node == act or node.head == node:
                break
            child, node = node, node.head
            if node == act:
                break
            if child.dep_ == "conj" or m.start <= node.i < m.end:
                continue  # 'end the debt and double aid': 'end' does not reach 'aid'
            if child.dep_ in ("nsubj", "csubj") and node.tag_ != "VBN":
                continue  # 'a treaty to end the war': the topic does the ending
            if node.pos_ == "VERB" and (node.lemma_.lower() in self.lex.reduce_verbs
                                        or node.lemma_.lower() in self.lex.oppose_verbs) \
                    and not any(c.dep_ == "neg" for c in node.children):
                # Sides compose along the path: 'backed Brazil in resisting pressures for
                # quotas' opposes the quotas, 'welcomed the decision to reject the plan'
                # opposes the plan.
                return node.text
        return self._gerund_between(m, act)

    def _gerund_between(self, m: TopicMention, act) -> str | None:
        """'backed Brazil in resisting pressures for quotas based on objective criteria': a
        gerund that acts against what follows it, between the act and the topic, with no
        clause break between (the parser often hangs such a gerund on the wrong noun, so the
        dependency path misses it)."""
        doc = self.doc
        if not act.i < m.start:
            return None
        for i in range(m.start - 1, act.i, -1):
            t = doc[i]
            if t.is_punct or t.lower_ in ("and", "but", "or", "which", "that", "who", "while"):
                return None
            if t.pos_ in ("VERB", "AUX") and t.tag_ == "VBG":
                lemma = t.lemma_.lower()
                if (lemma in self.lex.oppose_verbs or lemma in self.lex.reduce_verbs) \
                        and not any(c.dep_ == "neg" for c in t.children) \
                        and not (i > 0 and doc[i - 1].lower_ in NEGATIONS):
                    return t.text
                return None
            if t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN":
                return None
        return None

    def _attached_condition(self, m: TopicMention, markers, lo: int, hi: int) -> str | None:
        """A condition clause ('if ...', 'once ...') hung on a verb that governs the topic, the
        topic outside that clause and not the subject of a prediction: the marker's words."""
        doc = self.doc
        if self._prediction(m):
            return None
        ancestors = set()
        node = doc[m.start:m.end].root
        for _ in range(8):
            if node.head == node or not (lo <= node.head.i < hi):
                break
            node = node.head
            ancestors.add(node.i)
        for s, _e, text, kind in markers:
            if kind != "condition_after":
                continue
            clause = doc[s].head
            if doc[s].dep_ not in ("mark", "advmod") or clause.dep_ != "advcl":
                continue
            if clause.left_edge.i <= m.start <= clause.right_edge.i:
                continue  # the topic is the condition itself
            if clause.head.i in ancestors or m.start <= clause.head.i < m.end:
                # '... would not rule out scrapping the agency if it failed': the clause
                # may hang on a verb the topic's own words hold.
                return text
        return None

    def _conditions(self, lo: int, hi: int) -> list[tuple[int, int, str, str]]:
        found = []
        for kind, phrases in (("prerequisite_first", self.lex.prerequisite_first),
                              ("condition_after", self.lex.condition_after)):
            for s, e, text in _find_phrases(self.words, phrases, lo, hi):
                if text == "if" and self._idle_if(s):
                    continue
                found.append((s, e, text, kind))
        # 'we would only do that when we were convinced', 'will only back it if ...': 'only'
        # on the verb that an 'if' or 'when' clause hangs on makes the clause a condition
        # (the phrase list only sees 'only if' written together).
        for i in range(lo, hi):
            t = self.doc[i]
            if t.lower_ not in ("if", "when") or t.dep_ not in ("mark", "advmod") or t.head.dep_ != "advcl":
                continue
            verb = t.head.head
            only = next((c for c in verb.children if c.lower_ == "only" and c.dep_ == "advmod"
                         and c.i < i and not (c.i > 0 and self.words[c.i - 1] == "not")), None)
            if only is not None and not any(s == i and text.startswith("only") for s, _e, text, _k in found):
                found = [x for x in found if x[0] != i]  # the bare 'if' becomes 'only ... if'
                found.append((i, i + 1, f"only {t.lower_}", "condition_after"))
        return found

    def _idle_if(self, i: int) -> bool:
        words = self.words
        if i + 1 < len(words) and words[i + 1] in IDLE_IF_ALONE:
            # 'few, if any, ...', 'if so,': idle only standing alone; 'if any bank fails' sets a condition
            return i + 2 >= len(words) or self.doc[i + 2].is_punct
        return (i + 1 < len(words) and words[i + 1] in IDLE_IF_AFTER) or (i > 0 and words[i - 1] in IDLE_IF_BEFORE)

    def _one(self, f: Found, ms: list[TopicMention], markers, lo: int, hi: int):
        doc = self.doc
        # 1. conditions; a bare 'if' yields to a verb that takes a side ('tariffs would keep
        # hurting farmers if ...' is a prediction, not a condition)
        if markers and all(tuple(t.split()) in SENTENCE_SCOPED for _, _, t, _ in markers):
            for m in ms:
                attached = self._attached_condition(m, markers, lo, hi)
                if attached:
                    # 'willing to drop tariffs if Japan ...': the offer holds only under the
                    # condition, whatever side the verb takes on its own.
                    return "conditional", 0.7, attached
                found = self._governing_verb(f, m, lo, hi)
                if found:
                    return found
        side_labels = []
        for s, e, text, kind in markers:
            scoped = tuple(text.split()) in SENTENCE_SCOPED
            marker_sent = sent_of(doc[s])
            for m in ms:
                same_sent = sent_of(doc[m.start]).start == marker_sent.start
                if scoped and not same_sent:
                    continue
                before = same_sent and m.end <= s
                after = same_sent and m.start >= e
                if after and text.endswith("first"):
                    # 'should first deal with X before Y': Y comes after, so it is conditional.
                    later = self._before_token(e, marker_sent.end)
                    after = later is None or m.start < later
                if kind == "prerequisite_first":
                    side_labels.append(("support" if before else "conditional", text))
                elif after and scoped:
                    continue  # 'if someone was given a control order, it would ...' asks for nothing
                elif after:
                    side_labels.append(("support", text))
                elif not (text == "if" and self._prediction(m)):
                    side_labels.append(("conditional", text))
        if side_labels:
            for label in ("support", "conditional"):
                for lab, text in side_labels:
                    if lab == label:
                        return label, 0.7, text
        # 2. stance acts, and intentions in an infinitive ('proposed to hold talks')
        if f.verb_class:
            label = FLIP[f.verb_class] if f.negated else f.verb_class
            evidence = ("not " if f.negated else "") + (f.cue.text if f.cue is not None else "")
            denied = denying_frame(f.cue) if f.cue is not None and not f.negated else None
            if denied:
                label, evidence = FLIP[label], f"{denied} ({evidence})"
            if label == "support" and f.cue is not None and all(self._placed(m, f.cue) for m in ms):
                # 'wanted a clause inserted in the bill' wants the clause; criticism of what is
                # in something ('accused the bank of ignoring needs in its loans') still reaches it.
                return "neutral", 0.4, None
            reversals = [self._act_reversal(m, f.cue) for m in ms] if f.cue is not None else [None]
            reversal = reversals[0] if all(reversals) else None
            if reversal:
                label, evidence = FLIP[label], f"{evidence} ({reversal})"
            return label, 0.75, evidence
        # 3a. a neutral phrase about the topic ('no decision on', 'did not take sides on')
        for m in ms:
            sent = sent_of(doc[m.start])
            found = _find_phrases(self.words, self.lex.neutral_words, max(lo, sent.start), min(hi, sent.end))
            if found:
                return "neutral", 0.55, found[0][2]
        # 3. the verb that governs the topic ('scale back tariffs', 'supported a trade deal')
        for m in ms:
            found = self._governing_verb(f, m, lo, hi)
            if found:
                return found
        # 3b. reported speech whose cue takes a side ('Pryce proposed that ... arbitration')
        if f.kind == "indirect" and f.cue is not None:
            lemma = f.cue.lemma_.lower()
            if lemma in CUE_SUPPORT and any(_depth(doc[m.start:m.end].root, f.cue) <= 3 for m in ms):
                negated = any(c.dep_ == "neg" for c in f.cue.children)
                return ("oppose" if negated else "support"), 0.6, ("not " if negated else "") + f.cue.text
        # 3c. a cue that takes a side ('criticised the council, saying the levy ...')
        cue_side = self._cue_side(f)
        if cue_side:
            return cue_side
        # 3d. the topic is the alternative a 'not ... but ...' contrast sets aside
        for m in ms:
            contrast = self._set_aside(m, lo, hi)
            if contrast:
                return "oppose", 0.55, contrast
        # 4. nearest stance word in the topic's sentence
        best = None
        for m in ms:
            sent = sent_of(doc[m.start])
            # A topic named around the cue, outside the content ('Worried about the cuts, X
            # said ...'), is judged by the words of its sentence.
            outside = m.end <= lo or m.start >= hi
            c_lo, c_hi = (sent.start, sent.end) if outside else (lo, hi)
            s_lo, s_hi = max(c_lo, sent.start, m.start - WINDOW), min(c_hi, sent.end, m.end + WINDOW)
            for label, phrases in (("support", self.lex.support_words), ("oppose", self.lex.oppose_words)):
                for s, e, text in _find_phrases(self.words, phrases, s_lo, s_hi):
                    if m.start <= s < m.end:
                        continue  # the topic's own words ('call for a ban' aside) never decide
                    if all(_in_name(t) for t in doc[s:e]):
                        continue  # a name ('the Child Support Agency'), not a judgement
                    if text == "right" and doc[s].pos_ == "NOUN":
                        continue  # an entitlement ('the right to detain'), not a judgement
                    if e - s == 1 and doc[s].pos_ == "ADJ" and (
                            any(c.dep_ == "ccomp" for c in doc[s].children)
                            or s + 1 < len(doc) and self.words[s + 1] == "that"):
                        # Certainty, not evaluation: 'I'm positive that there won't be a war'.
                        continue
                    if e - s == 1 and doc[s].pos_ == "ADP" and doc[s].dep_ == "prep" and not (
                            doc[s].left_edge.i <= m.start and m.end - 1 <= doc[s].right_edge.i):
                        # A preposition ('against') speaks of its own object only: 'sanctions
                        # against Japan', 'the yen's rise against the dollar' are not 'against X'.
                        continue
                    dist = (m.start - e) if e <= m.start else (s - m.end)
                    if e - s == 1 and text in WEAK:
                        dist += 6
                    if best is None or dist < best[0]:
                        negated = not (set(text.split()) & NEGATIONS) and (
                            any(self.words[k] in NEGATIONS for k in range(max(s_lo, s - 3), s))
                            or any(c.dep_ == "neg" for c in doc[s].head.children)
                            and doc[s].pos_ in ("VERB", "AUX", "ADJ"))
                        best = (dist, label, text, negated)
        if best:
            _, label, text, negated = best
            if negated:
                return FLIP[label], 0.55, f"not {text}"
            return label, 0.6, text
        # 5. the tone of what is said around the topic (VADER, with its negation and
        # intensifier handling): news rarely quotes someone on an issue without a side.
        toned = self._tone(ms, lo, hi)
        if toned:
            return toned
        return "neutral", 0.4, None

    def _tone(self, ms: list[TopicMention], lo: int, hi: int) -> tuple[str, float, str] | None:
        doc = self.doc
        for m in ms:
            sent = sent_of(doc[m.start])
            a, b = max(lo, sent.start), min(hi, sent.end)
            # Not the topic's own words, nor names ('the Supreme Court'), nor certainty ('positive that ...', 'clearly').
            words = [t for t in doc[a:b] if not (m.start <= t.i < m.end) and not _in_name(t) and not (
                t.pos_ == "ADV" and t.lower_ not in NEGATIONS and t.lower_ != "less") and not (
                t.pos_ == "ADJ" and (any(c.dep_ == "ccomp" for c in t.children)
                                     or t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "that"))]
            if len(words) < 3 or any(t.tag_ == "MD" and t.lower_ in PREDICTIVE for t in words):
                continue  # a forecast ('will not develop into a trade war') takes no side
            # VADER reads 'not' but not the comparative 'less enthusiastic about'.
            score = vader().polarity_scores(" ".join(
                "not" if t.lower_ == "less" and t.dep_ == "advmod" else t.text for t in words))["compound"]
            if abs(score) >= TONE_THRESHOLD:
                label = "support" if score > 0 else "oppose"
                rated = [t.text for t in words if self.lex.valence.get(t.lower_, 0) * score > 0]
                return label, 0.45, "tone: " + " ".join(rated[:3])
        return None
