"""Who a statement counts for: its speaker and everyone up the speaker's affiliation chain.

'A statement by an official or spokesman counts for the person and for the government or
country they speak for': John Kirby -> State Department -> United States. Groups (anonymous
officials, critics) are not holders themselves, only their affiliation is; commentators (an
analyst at a bank) hold nothing. Media are not stance holders: a statement voiced by a media
actor counts for no one, and the chain stops before a media actor (a reporter's words do not
become their outlet's or their country's).
"""

from __future__ import annotations

from ..records import GOVERNMENT_ROLE, PARTY_ROLE


# Words of a role that speaks for its party ('the Lib Dem leader', 'home affairs spokesman',
# 'shadow chancellor'); a party's other members ('Senator', 'nominee') speak for themselves.
PARTY_VOICES = {"leader", "leaders", "leadership", "spokesman", "spokeswoman", "spokesperson", "spokesmen",
                "spokeswomen", "spokespeople", "chairman", "chairwoman", "chair", "shadow", "whip"}


# Roles of people news quotes on markets and the like ('Darrell Whitten, an analyst at Bache
# Securities'): they comment, they hold no side, and neither does their firm through them.
COMMENTATOR_ROLES = {"analyst", "strategist", "trader", "dealer", "broker"}


class Holders:
    def __init__(self, actors: dict[int, tuple[str, str, int | None]], roles: dict[int, str] | None = None):
        # actors: id -> (name, type, affiliation_id), as StanceRowRepo.actors() returns;
        # roles: id -> role, as StanceRowRepo.roles() returns.
        self.actors = actors
        self.roles = roles or {}
        # Government bodies carry their role since extractor 1.22; before, every organisation
        # spoke for its country.
        self._bodies_known = GOVERNMENT_ROLE in self.roles.values()
        self._cache: dict[int, tuple[int, ...]] = {}

    def _private_body(self, member: int) -> bool:
        """An organisation that is no government body (a company, a charity): it belongs to a
        country without speaking for it."""
        return self.actors[member][1] == "organization" and self._bodies_known \
            and self.roles.get(member) not in (GOVERNMENT_ROLE, PARTY_ROLE)

    def _speaks_for_party(self, member: int) -> bool:
        name, type_, _parent = self.actors[member]
        if type_ not in ("person", "group"):
            return True
        # A group is known by its name ('Republican leaders', 'the Democratic senator').
        words = f"{self.roles.get(member) or ''} {name if type_ == 'group' else ''}"
        return bool(PARTY_VOICES & set(words.lower().replace(",", " ").split()))

    def _commentator(self, member: int) -> bool:
        actor = self.actors.get(member)
        if actor is None or actor[1] != "person":
            return False
        words = set((self.roles.get(member) or "").lower().replace(",", " ").split())
        return bool(words & COMMENTATOR_ROLES)

    def of(self, speaker_id: int) -> tuple[int, ...]:
        """The actors a statement by ``speaker_id`` counts for, speaker first."""
        cached = self._cache.get(speaker_id)
        if cached is not None:
            return cached
        chain: list[int] = []
        if self._commentator(speaker_id):
            self._cache[speaker_id] = ()
            return ()
        current: int | None = speaker_id
        previous: int | None = None
        while current is not None and current not in chain and current in self.actors:
            _name, type_, parent = self.actors[current]
            if type_ == "media":
                break
            if previous is not None and self.roles.get(current) == PARTY_ROLE and not self._speaks_for_party(previous):
                break  # a party holds a side when it states one, or its leader or spokesperson does
            if previous is not None and type_ in ("country", "organization") and self._private_body(previous):
                # 'France's Suez' wants a tariff rise: France does not; nor does the owner of
                # a company or body ('the European Community's executive Commission')
                break
            if type_ != "group":
                # Unnamed groups ('critics', 'officials') hold no stance of their own; an
                # affiliated one speaks for what it belongs to (its government, its company).
                chain.append(current)
            previous, current = current, parent
        out = tuple(chain)
        self._cache[speaker_id] = out
        return out

    def top(self, actor_id: int) -> str | None:
        """Name of the top of an actor's affiliation chain (its country, usually), or None.

        This is the plain chain, media included: it describes the actor, not who it speaks for."""
        seen = {actor_id}
        current = self.actors.get(actor_id, (None, None, None))[2]
        top = None
        while current is not None and current not in seen and current in self.actors:
            seen.add(current)
            top = self.actors[current][0]
            current = self.actors[current][2]
        return top
