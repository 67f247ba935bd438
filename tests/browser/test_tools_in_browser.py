"""The three student tools in Chromium: a guess revealed and scored in the browser, an edit that changes
the written word (through the server), a contrast whose parts add up to the logit gap shown; and a
split word shown readably."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from model.inference.trace import contrast
from tests.browser.browser_helpers import count_frames_sent, new_page, open_app, step_heading, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[2]
TOY = "?model=statquest-toy&sentence=let%27s+go"
PIZZA = "Don't eat the delicious looking and smelling pizza."


def test_a_guess_is_revealed_in_presentation_mode(browser, app_url, screenshots):
    page = new_page(browser, width=1280, height=720)
    frames = count_frames_sent(page)
    try:
        open_app(page, f"{app_url}{TOY}&quiz=true&present=true")
        expect(page.get_by_text("Which word will it write after")).to_be_visible()
        expect(step_heading(page)).not_to_contain_text("vamos")  # the answer waits
        before = len(frames)
        page.locator(".ae-option", has_text=re.compile("^go$")).click()
        page.locator(".ae-option", has_text=re.compile("^vamos$")).click()
        page.screenshot(path=str(screenshots / "quiz-question-present.png"))
        page.keyboard.press("v")  # Reveal, by its key
        expect(page.get_by_text(re.compile("Right: it writes"))).to_be_visible()
        expect(page.get_by_text(re.compile("the word right at 1 of 1 steps; the input word right at 1 of 1"))).to_be_visible()
        expect(step_heading(page)).to_contain_text("writes vamos")
        assert len(frames) == before  # guessing and revealing happen in the page
        page.screenshot(path=str(screenshots / "quiz-revealed-present.png"))
    finally:
        page.context.close()


def test_a_guess_in_french(page, app_url):
    open_app(page, f"{app_url}{TOY}&quiz=true&lang=fr")
    expect(page.get_by_text("Quel mot va-t-il écrire après")).to_be_visible()
    page.locator(".ae-option", has_text=re.compile("^ir$")).click()
    page.get_by_label("Quelle part de l'attention").select_option(label="40\u202f%")
    page.locator(".ae-option", has_text=re.compile("^let's$")).click()
    page.get_by_role("button", name="Révéler").click()
    expect(page.get_by_text(re.compile("Pas cette fois : il écrit"))).to_be_visible()
    expect(page.get_by_text("Vous avez parié 40\u202f% pour ce mot d'entrée ; il reçoit 45,1\u202f% (écart de 5,1\u202f%).")).to_be_visible()


@pytest.mark.skipif(not (ROOT / "pretrained" / "en-fr").is_dir(), reason="pretrained/en-fr is not there")
def test_an_edit_changes_the_written_word(page, app_url, screenshots):
    from model import load_model
    model = load_model(ROOT / "pretrained" / "en-fr")
    plain = model.trace(PIZZA, truncate=True)
    pizza = max(i for i, label in enumerate(plain.source_labels) if "pizza" in label)
    weights = [float(i == pizza) for i in range(len(plain.source_tokens))]
    edited = model.trace(PIZZA, truncate=True, attention_edits={0: weights})
    assert edited.steps[0].output_token != plain.steps[0].output_token

    open_app(page, f"{app_url}/?model=en-fr&sentence={PIZZA.replace(' ', '+')}")
    page.locator(".st-key-step-tools").scroll_into_view_if_needed()
    page.get_by_text("Edit the attention by hand").click()
    wait_idle(page)
    page.locator(".st-key-edit_all_on input").click()
    page.keyboard.type(f"{pizza + 1}. pizza")
    page.keyboard.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="All on this word").click()
    wait_idle(page)
    expect(step_heading(page)).to_contain_text(f"writes {edited.steps[0].output_label}")
    expect(step_heading(page)).to_contain_text("attention set by hand")
    expect(page).to_have_url(re.compile(r"[?&]edit=1(%3A|:)"))
    page.locator(".ae-panel[data-panel='softmax']").screenshot(path=str(screenshots / "edit-attention.png"))


def test_why_this_word_adds_up_to_the_gap_in_the_table(page, app_url, toy_model, screenshots):
    open_app(page, f"{app_url}{TOY}")
    panel = page.locator(".ae-panel[data-panel='output_layer']")
    panel.scroll_into_view_if_needed()
    step = toy_model.trace("let's go", truncate=True).steps[0]
    other = next(c for c in step.top_k if c.token != step.output_token)
    panel.get_by_label(re.compile("^Why ")).select_option(label=other.label)
    expect(panel.get_by_text(re.compile(r"^Why .* and not .*\?$"))).to_be_visible()
    shown = panel.get_by_text(re.compile(r"^Decoder output .* = .*the gap")).text_content()  # the DOM text: not layout-dependent
    decoder, inputs, bias, gap = map(float, re.findall(r"-?\d+\.\d+", shown)[:4])
    assert abs(decoder + inputs + bias - gap) <= 0.002
    assert f"{contrast(step.top_k[0], other).gap:.3f}" == f"{gap:.3f}"
    table = panel.locator("table").first.text_content()
    assert f"{step.top_k[0].logit:.3f}" in table and f"{other.logit:.3f}" in table  # the gap is theirs
    panel.screenshot(path=str(screenshots / "why-this-word.png"))


def subword_model() -> str | None:
    """A committed model that reads subword pieces, if there is one."""
    import json
    for name in ("en-fr", "en-es"):
        config = ROOT / "pretrained" / name / "config.json"
        if config.is_file() and json.loads(config.read_text()).get("tokenizer") == "sentencepiece":
            return name
    return None


@pytest.mark.skipif(subword_model() is None, reason="no committed model reads subword pieces yet")
def test_a_name_and_a_rare_word_are_shown_as_readable_pieces(page, app_url, screenshots):
    from model import load_model
    name = subword_model()
    sentence = "Zhang Wei smelled the pizza in 2019."
    trace = load_model(ROOT / "pretrained" / name).trace(sentence, truncate=True)
    split = [label for label in trace.source_labels if label.startswith("·")]
    assert split, trace.source_labels  # the name is split into pieces
    open_app(page, f"{app_url}/?model={name}&sentence={sentence.replace(' ', '+')}&step=1")
    expect(page.get_by_text(re.compile(r"reads these \d+ pieces"))).to_be_visible()
    for label in split[:3]:
        expect(page.locator("code", has_text=label).first).to_be_visible()
    page.screenshot(path=str(screenshots / "pieces.png"), full_page=True)


def test_beam_search_and_the_transformer_view(page, app_url, toy_model, screenshots):
    """A traced beam (the hypotheses of the step) and the step as a Transformer writes it."""
    trace = toy_model.trace("let's go", beam=2)
    open_app(page, f"{app_url}{TOY}&beam=2")
    expect(page.get_by_text(re.compile(r"^Beam search at this step"))).to_be_visible()
    expect(page.get_by_text(trace.translation, exact=True).first).to_be_visible()
    page.locator(".ae-panel[data-panel='output_layer']").screenshot(path=str(screenshots / "beam.png"))
    panel = page.locator(".ae-panel[data-panel='transformer']")
    panel.get_by_text("Show this step as a Transformer writes it").click()
    expect(panel.get_by_text(re.compile("What a Transformer changes"))).to_be_visible()
    expect(panel.locator("math").first).to_be_visible()
    panel.screenshot(path=str(screenshots / "transformer.png"))


def test_the_transformer_slide_in_french_at_1280x720(browser, app_url, screenshots):
    page = new_page(browser, width=1280, height=720)
    try:
        open_app(page, f"{app_url}{TOY}&present=true&panel=8&lang=fr")
        expect(page.get_by_text(re.compile("Ce que change un Transformer"))).to_be_visible()
        page.screenshot(path=str(screenshots / "transformer-present-fr.png"))
    finally:
        page.context.close()


def test_what_the_model_learned_from_a_rare_word(page, app_url, screenshots):
    """Panel 9: the pizza sentence's rare word, its count and its training pairs, picked in the page."""
    from model import load_model
    name = subword_model() or "statquest-toy"
    sentence = PIZZA if name != "statquest-toy" else "let's go"
    evidence = load_model(ROOT / "pretrained" / name).trace(sentence, truncate=True).evidence
    rare = evidence.source_words[evidence.rare_source_words[0]]
    frames = count_frames_sent(page)
    open_app(page, f"{app_url}/?model={name}&sentence={sentence.replace(' ', '+')}")
    expect(page.get_by_text(re.compile(r"^Rarely seen in training")).first).to_be_visible()  # the sentence line
    before = len(frames)
    panel = page.locator(".ae-panel[data-panel='evidence']")
    panel.scroll_into_view_if_needed()
    panel.get_by_text("Show what the model learned from").click()
    expect(panel.locator("td", has_text=re.compile(rf"^⚠ {re.escape(rare.word)}$")).first).to_be_visible()
    panel.get_by_label("The training pairs holding a word of the sentence").select_option(label=rare.word)
    expect(panel.get_by_text(f"{len(rare.examples)} of the {rare.pairs} training pairs holding {rare.word}:")).to_be_visible()
    for english, translation in rare.examples:
        expect(panel.locator("td code", has_text=english).first).to_be_visible()
        expect(panel.locator("td code", has_text=translation).first).to_be_visible()
    assert len(frames) == before  # the pairs came with the document
    panel.screenshot(path=str(screenshots / "evidence.png"))
