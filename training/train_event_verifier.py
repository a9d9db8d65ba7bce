"""Train the event verifier: do two words of two sentences name one event? (docs/conflicts.md)

    pip install -e '.[train]'
    python training/train_event_verifier.py --out runs/verifier --write           # about 15 min
    python training/train_event_verifier.py --out runs/verifier --topics test     # the other half's

Why: the pair model matches two facts of one story ("a woman was killed Wednesday night" /
"police identified the woman on Thursday"), since ECB+'s same-fact pairs include them; their dates
then differ without disagreeing, and the hand readings of conflicts find this the main cause of
false ones. crosscheck knows what each date or number qualifies ("kill", "identify"); the verifier
says whether those two words, each read in its sentence, name one event. Only pairs of values
that disagree are asked, a few per story.

Data: ECB+ dev's event mentions (ACTION / NEG_ACTION, CC BY 3.0). An example is two mentions in
two articles of one topic, each given as "<lemma of its head word>: <its sentence>"
(crosscheck.verifier.event_text, as at run time): 1 when ECB+ puts them in one event instance.
Per topic, every positive pair up to POSITIVES, and twice as many negatives, half from the same
story (another fact: the killing and the identification) and half from the topic's other event
(another earthquake). Values must not decide: VALUE_AUGMENT of the positives get one number,
weekday or month changed, or a "not" added, in one sentence (train_encoder.change_a_value).

The model is train_cross_encoder.CrossEncoder (all-MiniLM-L6-v2 reading both texts, LoRA rank 16
and a linear head, BCE balanced, EPOCHS epochs, batch 16, one CPU thread, seeded). It trains on
one half of the topics and prints average precision on the other half's pairs, against the
same-lemma rule. --write ships the verifier trained on the tune topics (1, 5, 9, ...), so that
every test-topic figure (3, 7, 11, ...) stays held out.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "training"), str(ROOT / "benchmarks")]

from ecbplus_matching import DEFAULT_DATA, is_tune_topic, topic_number  # noqa: E402
from safetensors.numpy import save_file  # noqa: E402
from sklearn.metrics import average_precision_score  # noqa: E402
from train_cross_encoder import CrossEncoder, train  # noqa: E402
from train_encoder import change_a_value  # noqa: E402
from train_pair_model import SEED  # noqa: E402

from crosscheck.names import SpacyNames  # noqa: E402
from crosscheck.verifier import VERIFIER_PATH, event_text  # noqa: E402

POSITIVES = 300  # positive pairs per topic at most (the largest topics have thousands)
VALUE_AUGMENT = 0.5
EPOCHS = 1.5
EVENT_TYPES = ("ACTION", "NEG_ACTION")


@dataclass(frozen=True)
class Mention:
    doc: str
    subtopic: str
    instance: str
    lemma: str  # of the mention's head word, from spaCy's parse of its sentence
    sentence: str


def mentions(data: Path) -> list[Mention]:
    """ECB+'s event mentions whose words are found in their sentence, with their head's lemma."""
    lines = {p.stem: p.read_text().splitlines() for p in data.glob("*/*.txt")}
    rows = []
    for row in (data / "mentions.tsv").read_text().splitlines()[1:]:
        subtopic, instance, kind, doc, line, _, words = row.split("\t")
        if kind.startswith(EVENT_TYPES) and doc in lines:
            rows.append((subtopic, instance, doc, lines[doc][int(line) - 1], words))
    sentences = sorted({r[3] for r in rows})
    parses = dict(zip(sentences, SpacyNames().parse(sentences), strict=True))
    found = []
    for subtopic, instance, doc, sentence, words in rows:
        where = re.search(rf"\b{re.escape(words)}\b", sentence)
        if where is None:
            continue
        inside = [k for k, w in enumerate(parses[sentence]) if w.start < where.end() and where.start() < w.end]
        if not inside:
            continue
        head = next((k for k in inside if parses[sentence][k].head not in inside), inside[-1])
        found.append(Mention(doc, subtopic, instance, parses[sentence][head].lemma.lower(), sentence))
    return found


def pairs(found: list[Mention], tune: bool, rng: np.random.Generator) -> list[tuple[Mention, Mention, int]]:
    """Per topic of the half: positives up to POSITIVES, and as many negatives of the same story
    and as many of the topic's other event."""
    by_topic: dict[int, list[Mention]] = {}
    for m in found:
        if is_tune_topic(topic_number(m.doc)) == tune:
            by_topic.setdefault(topic_number(m.doc), []).append(m)
    chosen = []
    for topic in sorted(by_topic):
        ms = by_topic[topic]
        kinds: dict[str, list[tuple[int, int]]] = {"same": [], "story": [], "other": []}
        for x in range(len(ms)):
            for y in range(x + 1, len(ms)):
                a, b = ms[x], ms[y]
                if a.doc == b.doc:
                    continue
                kind = "same" if a.instance == b.instance else "story" if a.subtopic == b.subtopic else "other"
                kinds[kind].append((x, y))
        take = min(POSITIVES, len(kinds["same"]))
        for kind, label in (("same", 1), ("story", 0), ("other", 0)):
            rows = kinds[kind]
            for k in rng.permutation(len(rows))[:take].tolist():
                x, y = rows[k]
                chosen.append((ms[x], ms[y], label))
    return chosen


def texts(
    chosen: list[tuple[Mention, Mention, int]], rng: np.random.Generator, augment: bool
) -> tuple[list[str], list[str]]:
    first, second = [], []
    for a, b, label in chosen:
        if rng.random() < 0.5:  # the order of the two means nothing
            a, b = b, a
        sentence = b.sentence
        if augment and label == 1 and rng.random() < VALUE_AUGMENT:
            sentence = change_a_value(sentence, rng)
        first.append(event_text(a.lemma, a.sentence))
        second.append(event_text(b.lemma, sentence))
    return first, second


def scores(model: CrossEncoder, first: list[str], second: list[str]) -> npt.NDArray[np.float32]:
    model.eval()
    found = np.zeros(len(first), np.float32)
    with torch.no_grad():
        for start in range(0, len(first), 64):
            found[start : start + 64] = model(first[start : start + 64], second[start : start + 64]).numpy()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the ecbplus-dev folder")
    parser.add_argument(
        "--topics", choices=("tune", "test"), default="tune", help="train on these topics, judge the other half (tune)"
    )
    parser.add_argument("--out", type=Path, required=True, help="folder for the weights and the other half's scores")
    parser.add_argument(
        "--write", action="store_true", help=f"install the tune topics' verifier as {VERIFIER_PATH.name} in the package"
    )
    args = parser.parse_args()
    if args.write and args.topics != "tune":
        parser.error("--write ships the verifier trained on the tune topics (--topics tune)")
    torch.manual_seed(SEED)
    torch.set_num_threads(1)  # measured faster than two on a shared 2-core machine
    rng = np.random.default_rng(SEED)
    found = mentions(args.data)
    training = pairs(found, args.topics == "tune", rng)
    training = [training[k] for k in rng.permutation(len(training)).tolist()]
    judged = pairs(found, args.topics != "tune", rng)
    y = np.array([label for _, _, label in training], np.int8)
    print(f"{len(found):,} event mentions; training pairs {len(training):,} ({int(y.sum()):,} one event)", flush=True)
    first, second = texts(training, rng, augment=True)
    model = CrossEncoder()
    train(model, first, second, y, epochs=EPOCHS)
    args.out.mkdir(parents=True, exist_ok=True)
    trained = args.out / f"{args.topics}.safetensors"
    save_file(model.trained_weights(), str(trained))
    truth = np.array([label for _, _, label in judged], np.int8)
    story = np.array([a.subtopic == b.subtopic for a, b, _ in judged])
    same_lemma = np.array([a.lemma == b.lemma for a, b, _ in judged], np.float32)
    logits = scores(model, *texts(judged, np.random.default_rng(SEED), augment=False))
    np.savez(args.out / f"judged-by-{args.topics}.npz", logits=logits, y=truth, story=story)
    print(f"the other half's pairs: {len(judged):,} ({int(truth.sum()):,} one event)")
    for name, rows in (("all", np.ones(len(truth), bool)), ("one story (another fact)", story)):
        print(
            f"  {name}: average precision verifier {average_precision_score(truth[rows], logits[rows]):.3f}, "
            f"same lemma {average_precision_score(truth[rows], same_lemma[rows]):.3f}"
        )
    probability = 1 / (1 + np.exp(-logits))
    for cut in (0.1, 0.2, 0.3, 0.5):
        kept = story & (probability >= cut)
        print(
            f"  one story, p >= {cut:.1f}: one-event pairs kept {truth[kept].sum() / truth[story].sum():.3f}, "
            f"other-fact pairs kept {(kept & (truth == 0)).sum() / (story & (truth == 0)).sum():.3f}",
            flush=True,
        )
    print(f"{trained}: sha256 {hashlib.sha256(trained.read_bytes()).hexdigest()}")
    if args.write:
        shutil.copyfile(trained, VERIFIER_PATH)
        print(f"wrote {VERIFIER_PATH}: set crosscheck.verifier.VERIFIER_SHA256 to the sha256 above")
    return 0


if __name__ == "__main__":
    sys.exit(main())
