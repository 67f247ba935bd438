"""Two checks of what a teacher sees in class, beside BLEU on the held-out sentences.

- Joined sentences: held-out sentences joined three at a time into one long input (the lesson's
  claim: attention keeps long inputs from collapsing), scored against their references joined the
  same way, beside the same sentences translated one by one and joined afterwards.
- Names and numbers: everyday sentences of our own making with a name or a number the corpus rarely
  or never has; the share of them written unchanged in the translation.
"""
from __future__ import annotations

import hashlib
import re

JOIN = 3

# (sentence, the names and numbers it holds): each must appear unchanged in a good translation.
NAMES_AND_NUMBERS: list[tuple[str, list[str]]] = [
    ("My name is Josh.", ["Josh"]),
    ("I was born in 1987.", ["1987"]),
    ("Zhang Wei won the race in 2019.", ["Zhang Wei", "2019"]),
    ("Priya lives in a small house.", ["Priya"]),
    ("Kwame has 3 brothers.", ["Kwame", "3"]),
    ("The train leaves at 7.", ["7"]),
    ("Olga bought 12 apples.", ["Olga", "12"]),
    ("Hiroshi is my best friend.", ["Hiroshi"]),
    ("I have 250 books.", ["250"]),
    ("Fatima called me yesterday.", ["Fatima"]),
    ("Mateo is 42 years old.", ["Mateo", "42"]),
    ("We met Ingrid at the station.", ["Ingrid"]),
    ("This bridge was built in 1890.", ["1890"]),
    ("Dmitri plays the piano every day.", ["Dmitri"]),
    ("Aiko and Kenji are married.", ["Aiko", "Kenji"]),
    ("The room costs 85 euros.", ["85"]),
    ("Siobhan is a doctor.", ["Siobhan"]),
    ("There are 31 students in my class.", ["31"]),
    ("Nkechi speaks three languages.", ["Nkechi"]),
    ("Lars wrote a letter to Astrid.", ["Lars", "Astrid"]),
    ("I need 6 eggs.", ["6"]),
    ("Rahul is waiting for you.", ["Rahul"]),
    ("He ran 10 kilometers.", ["10"]),
    ("Bogdan doesn't like coffee.", ["Bogdan"]),
    ("My grandmother was born in 1932.", ["1932"]),
    ("Esperanza opened the window.", ["Esperanza"]),
    ("We waited 45 minutes.", ["45"]),
    ("Yusuf found his keys.", ["Yusuf"]),
    ("The book has 300 pages.", ["300"]),
    ("Chiara and Paolo are here.", ["Chiara", "Paolo"]),
    ("Tom gave Anouk 20 dollars.", ["Tom", "Anouk", "20"]),
    ("I saw Xavier in 2015.", ["Xavier", "2015"]),
]


def _stable_key(sentence: str) -> bytes:
    return hashlib.sha1(sentence.encode("utf-8")).digest()


def joined_groups(sources: list[str], size: int = JOIN) -> list[list[int]]:
    """Indices of the sentences, in a fixed hash order, cut into groups of `size` (the rest dropped)."""
    order = sorted(range(len(sources)), key=lambda i: _stable_key(sources[i]))
    return [order[start:start + size] for start in range(0, len(order) - size + 1, size)]


def join_references(references: list[list[str]], group: list[int]) -> list[str]:
    """Reference k of a joined input: reference k of each part (its last one where it has fewer)."""
    streams = max(len(references[i]) for i in group)
    return [" ".join(references[i][min(k, len(references[i]) - 1)] for i in group) for k in range(streams)]


def joined_sentences(model, sources: list[str], references: list[list[str]], score, beam: int = 1) -> dict:
    """BLEU/chrF of the joined inputs translated whole, and of their parts translated one by one."""
    groups = joined_groups(sources)
    joined_sources = [" ".join(sources[i] for i in group) for group in groups]
    joined_refs = [join_references(references, group) for group in groups]
    parts = model.translate([sources[i] for group in groups for i in group], beam=beam)
    one_by_one = [" ".join(parts[n * JOIN:(n + 1) * JOIN]) for n in range(len(groups))]
    whole = model.translate(joined_sources, beam=beam)
    joined, separate = score(whole, joined_refs), score(one_by_one, joined_refs)
    return {"inputs": len(groups), "sentences_per_input": JOIN,
            "mean_words": round(sum(len(s.split()) for s in joined_sources) / max(len(groups), 1), 1),
            "joined": {"bleu": joined["bleu"], "chrf": joined["chrf"]},
            "one_by_one": {"bleu": separate["bleu"], "chrf": separate["chrf"]},
            "bleu_change": round(joined["bleu"] - separate["bleu"], 2),
            "example": {"source": joined_sources[0], "translation": whole[0]}}


def names_and_numbers(model, beam: int = 1) -> dict:
    """Share of the names and numbers of NAMES_AND_NUMBERS written unchanged in the translation."""
    sentences = [sentence for sentence, _ in NAMES_AND_NUMBERS]
    translations = model.translate(sentences, beam=beam)
    rows, kept, total = [], 0, 0
    for (sentence, items), translation in zip(NAMES_AND_NUMBERS, translations):
        copied = [item for item in items if re.search(rf"(?<!\w){re.escape(item)}(?!\w)", translation)]
        kept, total = kept + len(copied), total + len(items)
        rows.append({"source": sentence, "translation": translation, "items": items, "copied": copied})
    return {"items": total, "copied": kept, "share": round(kept / total, 4), "sentences": rows}
