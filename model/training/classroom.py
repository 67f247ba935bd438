"""The classroom development set (classroom.json beside this file): 60 sentences a teacher would type,
with references written for this project in French and Spanish. Used for evaluation only: no
training command reads it."""
from __future__ import annotations

import json
from pathlib import Path

CLASSROOM_FILE = Path(__file__).with_name("classroom.json")


def classroom_set(target_language: str, path: Path = CLASSROOM_FILE) -> tuple[list[str], list[list[str]], list[str]]:
    """-> (English sentences, their references in target_language, their topics); empty for a language
    the set has no references in."""
    sentences = json.loads(path.read_text(encoding="utf-8"))["sentences"]
    rows = [s for s in sentences if s.get(target_language)]
    return [s["english"] for s in rows], [list(s[target_language]) for s in rows], [s["topic"] for s in rows]


def normalised(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


def classroom_scores(model, beam: int, score) -> dict | None:
    """BLEU and chrF on the classroom set, and how many translations are exactly one of the references
    (spaces and apostrophes normalised), with every translation for reading."""
    sources, references, topics = classroom_set(model.config.target_language)
    if not sources:
        return None
    hypotheses = model.translate(sources, beam=beam)
    exact = [normalised(h) in {normalised(r) for r in refs} for h, refs in zip(hypotheses, references)]
    result = score(hypotheses, references)
    result.update(exact=sum(exact), exact_share=round(sum(exact) / len(exact), 4),
                  translations=[{"source": s, "translation": h, "exact": e, "topic": topic}
                                for s, h, e, topic in zip(sources, hypotheses, exact, topics)])
    return result
