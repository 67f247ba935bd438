"""Sentences per second of batched translation (`m.translate`, what `python -m model.translate`
runs), greedy on 1 and 2 torch threads, and with a beam of 4."""
from __future__ import annotations

import time

from bench.common import Figure, choose_model, cli, torch_threads

# Everyday sentences of 2 to 16 words, the lengths of the Tatoeba pairs the models learn from.
SENTENCES = [
    "Let's go.", "I am cold.", "Where is the train station?", "She reads a book every evening.",
    "Don't eat the delicious looking and smelling pizza.", "Tom is my friend.", "Can you help me?",
    "We have to leave now.", "It is raining again today.", "My mother bought a new car last week.",
    "I don't know what to do.", "They live in a small house near the sea.", "Close the door, please.",
    "How old are you?", "He plays the piano very well.", "I want to learn French this year.",
    "The children are sleeping upstairs.", "What time does the shop open tomorrow morning?",
    "I forgot my keys at the office.", "We walked along the river until the sun went down.",
    "Is this seat free?", "She has never been to Paris.", "The coffee is too hot to drink.",
    "Please call me when you arrive at the airport.", "I like cats more than dogs.",
    "My brother and I walked to the old train station near the river this morning.",
    "Thank you very much.", "Why are you laughing?", "The teacher explained the lesson twice.",
    "I will visit my grandparents during the summer holidays.", "Nobody knows the answer.",
    "Do you speak English?", "He runs five kilometres before breakfast every day.",
    "The museum is closed on Mondays.", "I'm hungry.", "Could you speak a little more slowly, please?",
    "She opened the window because the room was hot.", "We need more time.", "Good night.",
    "The book that you lent me was very interesting.",
]
BATCH = 512  # SENTENCES repeated: several of the API's 64-sentence batches
BEAM_SENTENCES = 64  # beam search runs sentence by sentence: fewer of them


def sentences_per_second(model, sentences: list[str], beam: int) -> float:
    model.translate(sentences[:8], beam=beam)  # warm-up
    start = time.perf_counter()
    model.translate(sentences, beam=beam)
    return len(sentences) / (time.perf_counter() - start)


def measure(args) -> list[Figure]:
    from model import load_model

    choice = choose_model(args.pretrained)
    model = load_model(choice.folder)
    batch = (SENTENCES * (BATCH // len(SENTENCES) + 1))[:BATCH]
    figures = []
    for threads in (1, 2):
        torch_threads(threads)
        rate = sentences_per_second(model, batch, beam=1)
        figures.append(Figure(f"batched translation, greedy, torch {threads} thread{'s' if threads > 1 else ''}",
                              rate, "sentences/s", model=choice.name,
                              note=f"{BATCH} sentences of 2-16 words. {choice.note}".strip()))
    torch_threads(1)
    rate = sentences_per_second(model, batch[:BEAM_SENTENCES], beam=4)
    figures.append(Figure("translation, beam 4, torch 1 thread", rate, "sentences/s", model=choice.name,
                          note=f"{BEAM_SENTENCES} sentences. {choice.note}".strip()))
    return figures


if __name__ == "__main__":
    cli("translate_throughput", __doc__, measure)
