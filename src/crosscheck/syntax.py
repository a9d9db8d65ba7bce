"""A claim's dependency parse as plain data, and what crosscheck reads from it.

The parse comes from spaCy (`crosscheck.names`), once per compared claim, and is cached as this
plain table; everything here is pure functions over it, so the rules are tested without a model.
What is read:

* the *attachment* of a stretch of text (a name, a date, a number): the content word it qualifies
  and whether that word is the claim's main predicate, the fact the claim states;
* the *tense* of the clause a date sits in, from the clause's finite verb: "voted ... to override
  Wednesday" is past, whatever the infinitive;
* the *main predicate*: the root verb, or, when the root only reports ("officials said Thursday
  the vote took place Wednesday"), the verb of what is reported;
* the *deed* a participle or an infinitive tells the circumstances of ("killed while visiting
  ..."), and the *episode*: a subject singled out as one of several ("the first quake").
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Word:
    """One token: its characters in the claim, lemma, Penn tag, universal part of speech,
    dependency label and the index of its head (its own index for the root)."""

    start: int
    end: int
    lemma: str
    tag: str
    pos: str
    dep: str
    head: int


Syntax = tuple[Word, ...]

# Verbs that report what another clause states; the fact is in that clause. Neg-raising verbs
# ("I don't think it works" says what "I think it doesn't work" says) are the same set's
# opinion half.
REPORTING = frozenset(
    "say tell report announce confirm state add claim note explain write insist warn reveal "
    "allege acknowledge admit assert declare disclose testify tweet "
    "believe think feel expect suppose seem appear want".split()
)
NEG_RAISING = frozenset("believe think feel expect suppose seem appear want".split())
# Verbs whose complement is still to come, whatever their own tense.
PLANNING = frozenset("schedule plan expect set due intend aim prepare".split())
UNTIL = frozenset({"until", "till"})
COMPLEMENTS = frozenset({"ccomp", "parataxis", "xcomp"})
NOUNS = frozenset({"NOUN", "PROPN"})
# Words that only finish a time expression the temporal grammar reads without them, or are a
# time of their own the date is written with ("7 p.m. [Wednesday]", "Thursday, [November 10th]").
TIME_NOUNS = frozenset(
    "morning afternoon evening night day week weekend month year time a.m. p.m. am pm "
    "monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december".split()
)
# A noun that does a verb's deed or undergoes it: a date written on it dates the verb ("the UN
# refugee agency on Friday condemned ...": condemn).
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# Words that single out one of several events of a kind: "the first quake", "an earlier blast".
EPISODES = frozenset("first second third fourth fifth earlier previous initial subsequent".split())
MODIFIERS = frozenset({"amod", "compound", "nmod", "aux", "auxpass"})
PREDICATES = frozenset({"VERB", "AUX"})
# Prepositions that place the fact in time against another event: "riots since the shooting
# Saturday night" dates the shooting, not the riots ("during" shares the fact's time; not here).
TEMPORAL_RELATIONS = frozenset("since after before following until till prior ahead".split())
# Prepositions that bound the span a count is made over ("three times since October").
SCOPES = frozenset({"since", "during", "throughout"})


class Tense(enum.StrEnum):
    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"


@dataclass(frozen=True)
class Attachment:
    """What a value qualifies: the lemma of that word, and whether it is the claim's main
    predicate (the fact itself) or a word of it; "" when nothing is found. `noun`: the word is a
    noun (an event or thing named, "the April 2012 shooting"), not a verb. `reference`: the word
    is an event the fact is placed against in time ("riots since the shooting [Saturday]",
    "after he [was] injured [Sunday]")."""

    word: str
    main: bool
    noun: bool = False
    reference: bool = False
    # The verb of the relative clause the word stands in, if any, the outermost one: such a
    # clause tells of a participant ("fired O'Brien, who signed the contract when he [was hired]
    # on April 21": sign), which is the fact only if the other claim states that verb.
    relative_clause: str = ""
    # The verb whose doing the word's clause is part of, when the word is a participle or an
    # infinitive that only tells what went on around it (`deed`): "was killed while visiting a
    # neighbour to welcome his daughter-in-law [Friday evening]": kill.
    deed: str = ""


def words_in(syntax: Syntax, start: int, end: int) -> list[int]:
    return [k for k, w in enumerate(syntax) if w.start < end and start < w.end]


def span_root(syntax: Syntax, start: int, end: int) -> int | None:
    """The word of the span whose head lies outside it (the first such, for a broken span)."""
    inside = words_in(syntax, start, end)
    members = set(inside)
    return next((k for k in inside if syntax[k].head not in members or syntax[k].head == k), None)


def ancestors(syntax: Syntax, k: int) -> Iterator[int]:
    """The heads above word k, nearest first, up to the root (a cycle-safe walk)."""
    seen = {k}
    while syntax[k].head != k and syntax[k].head not in seen:
        k = syntax[k].head
        seen.add(k)
        yield k


def main_predicate(syntax: Syntax) -> int | None:
    """The root, or the verb a reporting root reports ("said ... the vote took place")."""
    root = next((k for k, w in enumerate(syntax) if w.head == k or w.dep == "ROOT"), None)
    if root is None:
        return None
    if syntax[root].lemma in REPORTING:
        reported = [k for k, w in enumerate(syntax) if w.head == root and w.dep in COMPLEMENTS and k != root]
        if reported:
            return reported[0]
    return root


def attachment(syntax: Syntax, start: int, end: int, *, to_verb: bool = False) -> Attachment:
    """The word outside the span that the span qualifies: the nearest noun or verb above it ("the
    [April 2012] shooting": shooting; "struck on [Tuesday]": strike), or with `to_verb` the
    nearest verb (a number's: "rushed for [226] yards": rush).

    `main` when that word is the main predicate or a noun right under it, through a preposition
    at most ("[Tuesday]'s quake killed five", "placed him on the injured list [Friday]"); not a
    noun of a noun ("charged ... in the [April 2012] shooting death"), nor a noun the value is
    written before in a prepositional phrase ("charged in the [April 2012] shooting"), nor the
    event a temporal preposition relates the fact to ("clashes since the shooting [Saturday]"),
    nor a verb a number reaches through a noun's prepositional phrase ("a mark of [2,290] points
    held": the number counts for the mark)."""
    k = span_root(syntax, start, end)
    if k is None:
        return Attachment("", False)
    inside = set(words_in(syntax, start, end))
    main = main_predicate(syntax)
    of_noun = False  # passed a noun's prepositional phrase: "a mark of [2,290] points ... held"
    below = k  # the word the walk came up from
    for head in ancestors(syntax, k):
        word = syntax[head]
        of_noun |= word.dep == "prep" and syntax[word.head].pos in NOUNS and head not in inside
        if head in inside or word.lemma in TIME_NOUNS:  # "[Saturday] afternoon" dates what the afternoon does
            below = head
            continue
        if not (word.pos in PREDICATES or (word.pos in NOUNS and not to_verb)):
            below = head
            continue
        if _dates_the_deed(syntax, head, below, to_verb):
            head, word = word.head, syntax[word.head]
        if to_verb and of_noun:  # the number counts for that noun, not for the verb's fact
            return Attachment(
                word.lemma, False, False, _reference(syntax, head, main), _relative_clause(syntax, head, main)
            )
        noun = word.pos in NOUNS
        # "charged in the [April 2012] shooting": written inside the noun phrase, before the noun
        # of a prepositional phrase, the value is that event's own, not the main predicate's.
        own = noun and syntax[syntax[head].head].dep == "prep" and syntax[head].start >= end
        return Attachment(
            word.lemma,
            head == main or (noun and not own and _under(syntax, head, main)),
            noun,
            _reference(syntax, head, main),
            _relative_clause(syntax, head, main),
            syntax[deed(syntax, head)].lemma,
        )
    return Attachment("", False)


def deed(syntax: Syntax, k: int) -> int:
    """The verb whose doing word k tells the circumstances of: up from a present participle or an
    infinitive in an adverbial clause or a complement ("killed ... while [visiting] a neighbour
    to [welcome] ...": kill; "placed [running] back Bush on IR Friday", misparsed: place), or
    one that modifies the verb's subject ("a grandmother [crossing] a street ... was mowed
    down": mow); k itself otherwise. A past participle tells of an earlier event ("a man
    arrested Friday was charged Monday"), and a clause a temporal preposition or conjunction
    introduces is placed against the fact, not part of it; the walk stops at both."""
    seen = {k}
    while syntax[k].tag in ("VBG", "VB") and not _marked(syntax, k):
        up = syntax[k].head
        if syntax[k].dep == "acl" and syntax[up].dep in SUBJECTS:
            up = syntax[up].head
        elif syntax[k].dep not in ("advcl", "xcomp"):
            break
        if up in seen or syntax[up].pos not in PREDICATES:
            break
        seen.add(up)
        k = up
    return k


def _marked(syntax: Syntax, k: int) -> bool:
    """Whether a temporal preposition or conjunction introduces word k's clause ("after [being]
    struck", "since [taking] office")."""
    return any(w.head == k and w.dep == "mark" and w.lemma in TEMPORAL_RELATIONS for w in syntax) or (
        syntax[k].dep == "pcomp" and syntax[syntax[k].head].lemma in TEMPORAL_RELATIONS
    )


def _dates_the_deed(syntax: Syntax, noun: int, below: int, to_verb: bool) -> bool:
    """Whether a date that reached `noun` from `below` dates the verb the noun is the subject of:
    written after the noun, in a prepositional phrase or bare ("the agency [on Friday] condemned",
    "officials [Thursday] said"); not within its phrase ("[Tuesday]'s quake killed five": the
    quake's)."""
    word = syntax[noun]
    return (
        not to_verb
        and word.pos in NOUNS
        and word.dep in SUBJECTS
        and syntax[word.head].pos in PREDICATES
        and syntax[below].dep in ("prep", "npadvmod")
        and syntax[below].start > word.start
    )


def _relative_clause(syntax: Syntax, k: int, main: int | None) -> str:
    """The lemma of the outermost relative clause's verb that word k stands in, below the main
    predicate; "" when it stands in none."""
    found = ""
    for n in (k, *ancestors(syntax, k)):
        if n == main:
            break
        if syntax[n].dep == "relcl":
            found = syntax[n].lemma
    return found


def _reference(syntax: Syntax, k: int, main: int | None) -> bool:
    """Whether word k, or a head of it below the main predicate, is introduced by a temporal
    preposition or conjunction (TEMPORAL_RELATIONS): "since [the shooting]", "after [he fell]"."""
    for n in (k, *ancestors(syntax, k)):
        if n == main:
            return False
        if syntax[n].dep == "prep" and syntax[n].lemma in TEMPORAL_RELATIONS:
            return True
        if any(w.head == n and w.dep == "mark" and w.lemma in TEMPORAL_RELATIONS for w in syntax):
            return True
    return False


def holder(syntax: Syntax, start: int, end: int) -> int | None:
    """The noun a bare number belongs to as the object of its "of" ("a mother of [12]", "a
    family of [five]", "a crowd of [5,000]"): what the number counts is that noun's, so it is
    that noun's figure, not one of the verb above it. None when the number counts a noun of its
    own ("a mother of [12] children") or stands anywhere else."""
    k = span_root(syntax, start, end)
    if k is None or syntax[k].dep != "pobj" or any(w.head == k and w.pos in NOUNS for w in syntax):
        return None
    of = syntax[k].head
    if syntax[of].lemma != "of" or syntax[of].dep != "prep" or syntax[syntax[of].head].pos not in NOUNS:
        return None
    return syntax[of].head


def participle(syntax: Syntax, start: int, end: int) -> int | None:
    """The past participle that tells what befell the noun a number counts ("more than [60]
    Palestinians killed", "[200] people injured"): the count is of that event, whatever verb the
    noun phrase hangs from ("reports of ..."). None when the counted noun has no such modifier."""
    k = span_root(syntax, start, end)
    if k is None or syntax[k].dep != "nummod":
        return None
    noun = syntax[k].head
    return next((n for n, w in enumerate(syntax) if w.head == noun and w.dep == "acl" and w.tag == "VBN"), None)


def scope(syntax: Syntax, start: int, end: int) -> str:
    """The span a count is made over, when its verb says so: "since" or "during" on the verb
    that governs it, or on the verb that verb is coordinated with ("arrested three times since
    October": "since"; "During the run, he scored ... and blocked two shots": "during"); ""
    when none does. A count over a span is no count of the whole story. A count of what befell
    its noun takes the span of that participle ("68 punches thrown during the round")."""
    k = span_root(syntax, start, end)
    if k is None:
        return ""
    # "[68] punches thrown during the round": the participle of the counted noun, if any, first.
    verb = participle(syntax, start, end)
    if verb is None:
        verb = next((h for h in ancestors(syntax, k) if syntax[h].pos in PREDICATES), None)
    seen: set[int] = set()
    while verb is not None and verb not in seen:
        seen.add(verb)
        found = next((w.lemma for w in syntax if w.head == verb and w.dep == "prep" and w.lemma in SCOPES), None)
        if found is not None:
            return found
        verb = syntax[verb].head if syntax[verb].dep == "conj" else None
    return ""


def _under(syntax: Syntax, k: int, main: int | None) -> bool:
    head = syntax[k].head
    preposition = syntax[head]
    return head == main or (
        preposition.dep == "prep" and preposition.head == main and preposition.lemma not in TEMPORAL_RELATIONS
    )


# A verb's participants: its subject and objects, and the objects of its prepositions.
ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "attr", "oprd"})


def participants(syntax: Syntax, k: int, *, doers_only: bool = False) -> frozenset[str]:
    """The nouns and names that fill verb k's roles, lower-cased lemmas with their compounds:
    "Pierre Thomas was placed on injured reserve" gives pierre, thomas, reserve. With
    `doers_only`, who does it and to what: the heads of its subject and objects (a passive's
    agent too), without prepositional roles or compounds ("Microsoft released an emergency
    patch on Friday": microsoft, patch)."""
    children = [n for n, w in enumerate(syntax) if w.head == k and n != k]
    linking = {n for n in children if syntax[n].dep == "agent" or (syntax[n].dep == "prep" and not doers_only)}
    fillers = [n for n in children if syntax[n].dep in ARGUMENTS]
    fillers += [n for n, w in enumerate(syntax) if w.head in linking and w.dep == "pobj"]
    if not doers_only:
        fillers += [n for n, w in enumerate(syntax) if w.head in fillers and w.dep == "compound"]
    return frozenset(syntax[n].lemma.lower() for n in fillers if syntax[n].pos in NOUNS)


def episode(syntax: Syntax, k: int) -> str:
    """The word that singles out the subject of verb k as one of several of its kind ("[The
    first] quake, magnitude 7.6, struck at 4:43 a.m.": first); "" when none does."""
    subjects = {n for n, w in enumerate(syntax) if w.head == k and n != k and w.dep in SUBJECTS}
    return next(
        (w.lemma.lower() for w in syntax if w.head in subjects and w.dep == "amod" and w.lemma.lower() in EPISODES),
        "",
    )


def predicates(syntax: Syntax) -> list[int]:
    """The verbs that head a clause (not "a [developing] player", an adjective's work), and what
    a copula predicates ("was [pregnant]", "is [a suspect]")."""
    return [
        k
        for k, w in enumerate(syntax)
        if (w.pos in PREDICATES and w.dep not in MODIFIERS) or complement(syntax, w.head) == k
    ]


def governor(syntax: Syntax, k: int) -> str:
    """The lemma of the word that governs the clause word k heads ("told him she was not
    [pregnant]": tell; "was dropped off and was not [walking]": drop); "" for the main clause."""
    clause = syntax[k].head if syntax[k].dep in ("acomp", "attr") and syntax[syntax[k].head].lemma == "be" else k
    above = syntax[clause].head
    return "" if above == clause else syntax[above].lemma.lower()


def complement(syntax: Syntax, k: int) -> int | None:
    """What copula k predicates: "she was not [pregnant]", "he is [a suspect]"; None for any other word."""
    if syntax[k].lemma != "be":
        return None
    return next((n for n, w in enumerate(syntax) if w.head == k and n != k and w.dep in ("acomp", "attr")), None)


def tense(syntax: Syntax, start: int, end: int) -> Tense | None:
    """The tense of the clause the span sits in: future when a verb on the way up plans ahead
    ("is scheduled to vote Wednesday"), else its finite verb's; None if no finite verb is
    found (a headline's bare noun phrase)."""
    k = span_root(syntax, start, end)
    if k is None:
        return None
    if syntax[syntax[k].head].lemma in UNTIL:  # "closed until Friday": a day still to come
        return Tense.FUTURE
    for head in ancestors(syntax, k):
        if syntax[head].lemma in PLANNING and syntax[head].pos not in NOUNS:  # not "the plans announced in January"
            return Tense.FUTURE
        found = clause_tense(syntax, head)
        if found is not None:
            return found
    return None


def clause_tense(syntax: Syntax, k: int) -> Tense | None:
    """The tense of verb k's clause: its own form or its auxiliaries'. Participles and
    infinitives are not finite: their clause's tense is their governor's (None here)."""
    word = syntax[k]
    if word.pos not in PREDICATES:
        return None
    auxiliaries = [syntax[a] for a, w in enumerate(syntax) if w.head == k and w.dep in ("aux", "auxpass")]
    for aux in auxiliaries:
        if aux.tag == "MD":
            return Tense.FUTURE if aux.lemma in ("will", "shall", "'ll") else Tense.PRESENT
        if aux.tag == "VBD":
            return Tense.PAST
        if aux.tag in ("VBZ", "VBP") and aux.lemma == "be" and word.tag == "VBG" and _going_to(syntax, k):
            return Tense.FUTURE
        if aux.tag in ("VBZ", "VBP"):
            # "has voted" reports the past; "is voting" the present.
            return Tense.PAST if word.tag == "VBN" and aux.lemma == "have" else Tense.PRESENT
    if word.tag == "VBD" or (word.tag == "VBN" and word.dep == "acl"):  # "the plans announced in January"
        return Tense.PAST
    if word.tag in ("VBZ", "VBP"):
        return Tense.PRESENT
    return None


def _going_to(syntax: Syntax, k: int) -> bool:
    return syntax[k].lemma == "go" and any(w.head == k and w.dep == "xcomp" for w in syntax)
