"""Resident memory with every installed model loaded: in a plain Python process using the model
API, and in a real `streamlit run` replica after each model has served a page; plus how much the
replica grows per new sentence (the app keeps its 32 most recent traces)."""
from __future__ import annotations

import gc

from bench.common import FIFTEEN_WORDS, Figure, choose_model, cli, installed_models

MB = 1024 * 1024
EXTRA_SENTENCES = [
    "I am cold.", "Where is the train station?", "She reads a book every evening.", "Tom is my friend.",
    "We have to leave now.", "It is raining again today.", "My mother bought a new car last week.",
    "They live in a small house near the sea.", "How old are you?", "I want to learn French this year.",
]


def rss_mb(process=None) -> float:
    """Resident set size of a process and its children, in MiB."""
    import psutil

    process = process or psutil.Process()
    members = [process, *process.children(recursive=True)]
    return sum(p.memory_info().rss for p in members) / MB


def api_process(pretrained) -> list[Figure]:
    import torch  # noqa: F401 - counted in the baseline, as any process using the models has it

    from model import load_model

    before = rss_mb()
    folders = installed_models(pretrained)
    models = [load_model(folder) for folder in folders]
    for model in models:
        model.trace(FIFTEEN_WORDS, truncate=True)  # first calls allocate kernels' workspaces
    gc.collect()
    after = rss_mb()
    names = ", ".join(folder.name for folder in folders)
    return [
        Figure("resident memory, all models loaded (Python process, model API)", after, "MiB", 600,
               note=f"{len(models)} models: {names}; {after - before:.0f} MiB above torch imported"),
    ]


def replica(pretrained) -> list[Figure]:
    import psutil

    from bench.harness.app_server import STEP_LABEL, app_missing_reason, chromium, new_page, streamlit_server

    reason = app_missing_reason()
    if reason:
        return [Figure("resident memory of one app replica, all models loaded", None, "MiB", 600, note=reason)]
    folders = installed_models(pretrained)
    choice = choose_model(pretrained)
    with chromium() as browser, streamlit_server(pretrained) as server:
        server.wait_healthy()
        page = new_page(browser)
        shown = f'[aria-label="{STEP_LABEL}"]'
        for folder in folders:
            page.goto(server.page_url(lang="en", model=folder.name, sentence=FIFTEEN_WORDS))
            page.wait_for_selector(shown, timeout=180_000)
        process = psutil.Process(server.process.pid)
        all_loaded = rss_mb(process)
        for sentence in EXTRA_SENTENCES:
            page.goto(server.page_url(lang="en", model=choice.name, sentence=sentence))
            page.wait_for_selector(shown, timeout=180_000)
        grown = rss_mb(process)
    per_sentence = (grown - all_loaded) / len(EXTRA_SENTENCES)
    names = ", ".join(folder.name for folder in folders)
    return [
        Figure("resident memory of one app replica, all models loaded", all_loaded, "MiB", 600,
               note=f"streamlit server RSS after one page per model ({names})"),
        Figure("replica memory growth per new sentence", per_sentence, "MiB", model=choice.name,
               note=f"over {len(EXTRA_SENTENCES)} new sentences (the app caches each trace); "
                    f"{grown:.0f} MiB after them. {choice.note}".strip()),
    ]


def measure(args) -> list[Figure]:
    return api_process(args.pretrained) + replica(args.pretrained)


if __name__ == "__main__":
    cli("memory", __doc__, measure)
