// The step viewer: lays out one translation's step document (app/viewer/document.py) and steps through it
// in the browser. It knows kinds of blocks, not panels, and computes nothing that the page shows: every
// number and sentence arrives written. User text arrives escaped inside markup made in Python, or is set
// as textContent here.
//
// mountViewer(root, doc, {step, panel, onSettle}) returns a controller: setDocument(doc, step, panel),
// destroy(). onSettle(step, panel, sentence) is called once the user pauses on a step (the server catches up).

const PLAY_MS = 2500;
const SETTLE_MS = 700;
const SWIPE_PX = 60;
const MATHML = "http://www.w3.org/1998/Math/MathML";

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name === "className") node.className = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

function markup(tag, html, attrs = {}) {
  // html was made in Python (app/viewer/blocks.py): catalog Markdown rendered with raw HTML off, every
  // value in it, the user's sentence and its words included, escaped there. Nothing else is set as HTML.
  const node = el(tag, attrs);
  node.innerHTML = html;
  return node;
}

function math(tag, text) {
  const node = document.createElementNS(MATHML, tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

function isTyping(event) {
  const target = event.composedPath()[0];
  if (!(target instanceof Element)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  return tag === "INPUT" && !["range", "radio", "checkbox", "button"].includes(target.type);
}

export function setUrlParameters(values) {
  const url = new URL(window.location.href);
  let changed = false;
  for (const [name, value] of Object.entries(values)) {
    if (value === null || value === undefined) continue;
    if (url.searchParams.get(name) !== String(value)) {
      url.searchParams.set(name, String(value));
      changed = true;
    }
  }
  if (!changed) return;
  try {
    window.history.replaceState(window.history.state, "", url);
  } catch (error) {
    // a saved file (file://) may not take a query string: the page still steps
  }
}

class Viewer {
  constructor(root, doc, options) {
    this.root = root;
    this.options = options;
    this.charts = new Map(); // block number -> {node, view (a promise)}
    this.answers = new Map(); // quiz: step -> {input, word, share}
    this.choices = new Map(); // select block key + step -> chosen option
    this.playing = null;
    this.settleTimer = null;
    this.onKey = (event) => this.key(event);
    this.onResize = () => this.fit();
    window.addEventListener("keydown", this.onKey);
    window.addEventListener("resize", this.onResize);
    this.setDocument(doc, options.step, options.panel);
  }

  destroy() {
    window.removeEventListener("keydown", this.onKey);
    window.removeEventListener("resize", this.onResize);
    this.stopPlaying();
    clearTimeout(this.settleTimer);
    for (const chart of this.charts.values()) chart.view.then((view) => view && view.finalize());
    this.charts.clear();
    this.root.replaceChildren();
  }

  setDocument(doc, step, panel) {
    const sameSentence = this.doc && this.doc.sentence === doc.sentence;
    const keepStep = sameSentence ? this.index + 1 : step;
    const keepPanel = sameSentence && this.panelId ? this.panelId : panel;
    if (!sameSentence) this.answers.clear();
    this.stopPlaying();
    for (const chart of this.charts.values()) chart.view.then((view) => view && view.finalize());
    this.charts.clear();
    this.doc = doc;
    this.presenting = doc.mode === "present";
    this.index = Math.min(Math.max((Number(keepStep) || 1) - 1, 0), doc.step_count - 1);
    const panelIds = doc.panels.map((p) => p.id);
    this.panelId = panelIds.includes(keepPanel) ? keepPanel : panelIds[0];
    this.build();
    this.show(false);
  }

  // The frame: the control bar, the step heading, the quiz, the panels.
  build() {
    const ui = this.doc.ui;
    this.slider = el("input", {type: "range", min: 1, max: this.doc.step_count, value: this.index + 1,
                               "aria-label": ui["step.label"], className: "ae-slider", step: 1});
    this.slider.addEventListener("input", () => this.go(Number(this.slider.value) - 1));
    this.position = el("output", {className: "ae-position", "aria-hidden": "true"});
    this.previousButton = el("button", {type: "button", className: "ae-button", text: ui["step.previous"],
                                        "aria-keyshortcuts": "ArrowLeft"});
    this.nextButton = el("button", {type: "button", className: "ae-button", text: ui["step.next"],
                                    "aria-keyshortcuts": "ArrowRight"});
    this.playButton = el("button", {type: "button", className: "ae-button ae-play", text: ui["step.play"],
                                    "aria-keyshortcuts": "P"});
    this.previousButton.addEventListener("click", () => this.go(this.index - 1));
    this.nextButton.addEventListener("click", () => this.go(this.index + 1));
    this.playButton.addEventListener("click", () => this.togglePlay());
    const label = el("label", {className: "ae-slider-label"}, el("span", {text: ui["step.label"]}), this.slider);
    const bar = el("div", {className: "ae-bar", role: "toolbar", "aria-label": ui["viewer.controls"]},
                   this.previousButton, label, this.position, this.nextButton, this.playButton);
    if (this.presenting) {
      this.panelButtons = this.doc.panels.map((panel, number) => {
        const button = el("button", {type: "button", className: "ae-panel-choice", text: String(number),
                                     title: panel.title, "aria-label": panel.title});
        button.addEventListener("click", () => this.choosePanel(panel.id));
        return button;
      });
      const previous = el("button", {type: "button", className: "ae-button", text: ui["panel.previous"],
                                     "aria-label": ui["panel.chooser"] + " " + ui["panel.previous"],
                                     "aria-keyshortcuts": "PageUp"});
      const next = el("button", {type: "button", className: "ae-button", text: ui["panel.next"],
                                 "aria-label": ui["panel.chooser"] + " " + ui["panel.next"],
                                 "aria-keyshortcuts": "PageDown"});
      previous.addEventListener("click", () => this.movePanel(-1));
      next.addEventListener("click", () => this.movePanel(1));
      bar.append(el("span", {className: "ae-separator", "aria-hidden": "true"}), previous,
                 el("span", {className: "ae-panel-choices", role: "group", "aria-label": ui["panel.chooser"]},
                    ...this.panelButtons), next);
    }
    this.heading = el("div", {className: "ae-heading", role: "status", "aria-live": "polite"});
    this.quizArea = el("div", {className: "ae-quiz"});
    this.panelsArea = el("div", {className: "ae-panels"});
    this.sections = new Map();
    for (const panel of this.doc.panels) {
      const section = el("section", {className: "ae-panel" + (panel.wide ? " ae-wide" : ""), "data-panel": panel.id,
                                     "aria-label": panel.title});
      this.sections.set(panel.id, {node: section, shown: []});
      this.panelsArea.append(section);
    }
    this.addSwipe(this.panelsArea);
    const keys = el("p", {className: "ae-keys", text: ui["viewer.keys"]});
    const frame = el("div", {className: "ae-viewer " + (this.presenting ? "ae-present" : "ae-page"),
                             lang: this.doc.lang},
                     el("div", {className: "ae-top"}, bar, this.heading), this.quizArea, this.panelsArea, keys);
    this.root.replaceChildren(frame);
    this.frame = frame;
  }

  addSwipe(area) {
    let start = null;
    area.addEventListener("touchstart", (event) => {
      const touch = event.changedTouches[0];
      start = {x: touch.clientX, y: touch.clientY};
    }, {passive: true});
    area.addEventListener("touchend", (event) => {
      if (!start) return;
      const touch = event.changedTouches[0];
      const dx = touch.clientX - start.x;
      const dy = touch.clientY - start.y;
      start = null;
      if (Math.abs(dx) > SWIPE_PX && Math.abs(dx) > 2 * Math.abs(dy)) this.go(this.index + (dx < 0 ? 1 : -1));
    }, {passive: true});
  }

  key(event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || isTyping(event)) return;
    if (!this.root.isConnected) return;
    const target = event.composedPath()[0];
    const onSlider = target === this.slider;
    const moves = {ArrowLeft: () => this.go(this.index - 1), ArrowRight: () => this.go(this.index + 1),
                   Home: () => this.go(0), End: () => this.go(this.doc.step_count - 1)};
    let handled = true;
    if (moves[event.key] && !onSlider) moves[event.key]();
    else if (event.key === "p" || event.key === "P") this.togglePlay();
    else if (this.presenting && event.key === "PageUp") this.movePanel(-1);
    else if (this.presenting && event.key === "PageDown") this.movePanel(1);
    else if ((event.key === "v" || event.key === "V") && this.revealButton) this.revealButton.click();
    else handled = false;
    if (handled) event.preventDefault();
  }

  go(index, fromPlay = false) {
    const bounded = Math.min(Math.max(index, 0), this.doc.step_count - 1);
    if (!fromPlay) this.stopPlaying();
    if (bounded === this.index) return;
    this.index = bounded;
    this.show(true);
  }

  togglePlay() {
    if (this.playing) {
      this.stopPlaying();
      return;
    }
    if (this.index >= this.doc.step_count - 1) this.go(0);
    this.playing = setInterval(() => {
      if (this.index >= this.doc.step_count - 1) this.stopPlaying();
      else this.go(this.index + 1, true);
    }, PLAY_MS);
    this.playButton.textContent = this.doc.ui["step.pause"];
    this.playButton.setAttribute("aria-pressed", "true");
  }

  stopPlaying() {
    if (!this.playing) return;
    clearInterval(this.playing);
    this.playing = null;
    this.playButton.textContent = this.doc.ui["step.play"];
    this.playButton.setAttribute("aria-pressed", "false");
  }

  choosePanel(id) {
    this.panelId = id;
    this.show(true);
  }

  movePanel(delta) {
    const ids = this.doc.panels.map((p) => p.id);
    const position = Math.min(Math.max(ids.indexOf(this.panelId) + delta, 0), ids.length - 1);
    this.choosePanel(ids[position]);
  }

  // Draw the current step: heading, quiz or panels; then the URL follows, and the server once the user pauses.
  show(moved) {
    const doc = this.doc;
    const step = doc.steps[this.index];
    this.slider.value = String(this.index + 1);
    this.position.textContent = `${this.index + 1} / ${doc.step_count}`;
    this.previousButton.disabled = this.index === 0;
    this.nextButton.disabled = this.index === doc.step_count - 1;
    const asking = doc.quiz && step.quiz && !this.answers.has(this.index);
    // the heading's markup was made in Python, the user's words in it escaped there (see markup())
    this.heading.innerHTML = asking ? step.quiz.heading : step.heading;
    this.renderQuiz(step, asking);
    this.panelsArea.hidden = asking;
    if (this.panelButtons) {
      this.panelButtons.forEach((button, number) =>
        button.setAttribute("aria-pressed", String(doc.panels[number].id === this.panelId)));
    }
    if (!asking) {
      for (const panel of doc.panels) {
        const visible = !this.presenting || panel.id === this.panelId;
        const section = this.sections.get(panel.id);
        section.node.hidden = !visible;
        if (visible) this.renderBlocks(section, panel.steps[this.index]);
      }
    }
    this.fit();
    const panel = this.presenting ? this.panelId : null;
    const panelNumber = this.presenting ? doc.panels.findIndex((p) => p.id === panel) : null;
    this.followInUrl({step: this.index + 1, panel: panelNumber});
    if (moved && this.options.onSettle) {
      clearTimeout(this.settleTimer);
      this.settleTimer = setTimeout(() => this.options.onSettle(this.index + 1, panel, doc.sentence), SETTLE_MS);
    }
  }

  // The link follows the page right after the new step is painted (history.replaceState costs the
  // browser a while: it must not delay the frame); steps faster than frames are written once.
  followInUrl(values) {
    this.urlValues = values;
    if (this.urlPending) return;
    this.urlPending = true;
    requestAnimationFrame(() => setTimeout(() => {
      this.urlPending = false;
      setUrlParameters(this.urlValues);
    }, 0));
  }

  // Presentation mode: the current panel is scaled to the room it has under the bar, so it never scrolls.
  fit() {
    if (!this.presenting) return;
    const section = this.sections.get(this.panelId).node;
    cancelAnimationFrame(this.fitFrame);
    section.style.zoom = "";
    this.fitFrame = requestAnimationFrame(() => {
      const room = window.innerHeight - section.getBoundingClientRect().top - 8;
      const needed = section.scrollHeight;
      if (room > 120 && needed > room) section.style.zoom = String(Math.max(room / needed, 0.45));
    });
  }

  renderBlocks(section, numbers) {
    const same = numbers.length === section.shown.length && numbers.every((n, k) => n === section.shown[k].number);
    if (same) {
      section.shown.forEach((entry) => this.refresh(entry));
      return;
    }
    const previous = new Map(section.shown.map((entry) => [entry.number, entry]));
    section.shown = numbers.map((number) => previous.get(number) || {number, node: this.render(number)});
    section.shown.forEach((entry) => this.refresh(entry));
    section.node.replaceChildren(...section.shown.map((entry) => entry.node));
  }

  // A block kept from the previous step: a stepped chart moves its step parameter; a choice re-renders.
  refresh(entry) {
    const block = this.doc.blocks[entry.number];
    if (block.kind === "chart" && block.stepped) this.stepChart(entry.number);
    if (block.kind === "select" && entry.update) entry.update();
  }

  render(number) {
    const block = this.doc.blocks[number];
    switch (block.kind) {
      case "heading":
        return el(this.presenting ? "h2" : "h3", {className: "ae-panel-title", text: block.text});
      case "text":
        return markup("div", block.html, {className: "ae-text"});
      case "note":
        return markup("div", block.html, {className: `ae-note ae-${block.tone}`, role: "note"});
      case "formula":
        return markup("div", block.mathml, {className: "ae-formula"});
      case "products":
        return this.products(block);
      case "table":
        return this.table(block);
      case "chart":
        return this.chart(number, block);
      case "select":
        return this.select(number, block);
      case "fold":
        return this.fold(block);
      default:
        return el("div");
    }
  }

  table(block) {
    const head = el("tr", {}, ...block.header.map((text, k) =>
      el("th", {scope: "col", className: block.right[k] ? "ae-right" : null, text})));
    const rows = block.rows.map((cells) => el("tr", {}, ...cells.map((html, k) =>
      markup("td", html, {className: block.right[k] ? "ae-right" : null}))));
    return el("div", {className: "ae-table-wrap"}, el("table", {className: "ae-table"}, el("thead", {}, head),
                                                     el("tbody", {}, ...rows)));
  }

  products(block) {
    // (a1 × b1) + … = t1 + … = total, three aligned lines; every number arrives written
    const number = (text, bracketed = true) => {
      const negative = text.startsWith("-") || text.startsWith("\u2212");
      const value = math("mn", negative ? "\u2212" + text.slice(1) : text);
      if (!negative || !bracketed) return value;
      const row = math("mrow");
      row.append(math("mo", "("), value, math("mo", ")"));
      return row;
    };
    const sum = (items) => {
      const row = math("mrow");
      items.forEach((item, k) => {
        if (k > 0) row.append(math("mo", "+"));
        if (block.elided && k === items.length - 1) row.append(math("mo", "\u22ef"), math("mo", "+"));
        row.append(item);
      });
      return row;
    };
    const pairs = block.left.map((left, k) => {
      const row = math("mrow");
      row.append(math("mo", "("), number(left, false), math("mo", "\u00d7"), number(block.right[k]), math("mo", ")"));
      return row;
    });
    const lhs = math("mrow");
    const d = math("msub");
    d.append(math("mi", "d"), math("mi", "t"));
    lhs.append(d, math("mo", "\u22c5"), math("mi", "h"));
    const table = math("mtable");
    [sum(pairs), sum(block.terms.map((text, k) => number(text, k > 0))), number(block.total, false)].forEach((line, k) => {
      const tr = math("mtr");
      const left = math("mtd");
      left.setAttribute("columnalign", "right");
      if (k === 0) left.append(lhs);
      const right = math("mtd");
      right.setAttribute("columnalign", "left");
      right.append(math("mo", "="), line);
      tr.append(left, right);
      table.append(tr);
    });
    const root = math("math");
    root.setAttribute("display", "block");
    root.append(table);
    return el("div", {className: "ae-formula"}, root);
  }

  chart(number, block) {
    const node = el("div", {className: "ae-chart", "data-chart": block.key});
    const options = {actions: false, renderer: "svg", mode: "vega-lite", ...(block.spec.usermeta?.embedOptions || {})};
    if (this.doc.chart_locale) options.formatLocale = this.doc.chart_locale;
    const view = window.vegaEmbed(node, block.spec, options)
      .then((result) => {
        if (block.stepped) result.view.signal("step", this.index);
        return result.view.runAsync();
      })
      .then((view) => {
        this.fit();
        return view;
      })
      .catch((error) => {
        node.textContent = String(error);
        return null;
      });
    this.charts.set(number, {node, view, stepped: block.stepped});
    return node;
  }

  stepChart(number) {
    const chart = this.charts.get(number);
    if (!chart) return;
    const index = this.index;
    chart.view = chart.view.then((view) => view && view.signal("step", index).runAsync());
  }

  select(number, block) {
    const node = el("div", {className: "ae-select"});
    const id = `ae-select-${number}`;
    const picker = el("select", {id, className: "ae-picker"});
    if (block.chosen === null) picker.append(el("option", {value: "", text: block.placeholder || ""}));
    block.options.forEach((option, k) => picker.append(el("option", {value: String(k), text: option})));
    const body = el("div", {className: "ae-select-body"});
    const choiceKey = `${block.key}:${this.index}`;
    const entry = {node: body, shown: []};
    const draw = () => {
      const value = picker.value === "" ? null : Number(picker.value);
      this.renderBlocks(entry, value === null ? [] : block.each[value]);
    };
    const remembered = this.choices.get(choiceKey);
    picker.value = remembered !== undefined ? remembered : (block.chosen === null ? "" : String(block.chosen));
    picker.addEventListener("change", () => {
      this.choices.set(choiceKey, picker.value);
      draw();
    });
    draw();
    node.append(el("label", {for: id, text: block.label}), picker, body);
    node.update = draw;
    return node;
  }

  fold(block) {
    const details = el("details", {className: "ae-fold"});
    const summary = el("summary", {text: block.summary});
    details.append(summary);
    if (block.hint) details.append(el("p", {className: "ae-hint", text: block.hint}));
    const body = el("div");
    const entry = {node: body, shown: []};
    details.append(body);
    details.addEventListener("toggle", () => {
      if (details.open && !entry.shown.length) this.renderBlocks(entry, block.blocks);
    });
    return details;
  }

  // Guess first: the step's questions until the student reveals them, then the marks and the score.
  renderQuiz(step, asking) {
    this.revealButton = null;
    if (!this.doc.quiz || !step.quiz) {
      this.quizArea.replaceChildren();
      return;
    }
    const quiz = step.quiz;
    const answer = this.answers.get(this.index);
    if (!asking) {
      this.quizArea.replaceChildren(this.quizResult(quiz, answer));
      return;
    }
    const chosen = {input: null, word: null, share: null};
    const parts = [];
    const group = (name, question, options, onPick) => {
      const legend = el("legend", {text: question});
      const fieldset = el("fieldset", {className: "ae-question"}, legend);
      options.forEach((option, k) => {
        const id = `ae-${name}-${this.index}-${k}`;
        const input = el("input", {type: "radio", name: `ae-${name}-${this.index}`, id, value: String(k)});
        input.addEventListener("change", () => onPick(k));
        fieldset.append(el("label", {for: id, className: "ae-option"}, input, el("code", {text: option})));
      });
      return fieldset;
    };
    if (quiz.input) parts.push(group("input", quiz.input.question, quiz.input.options, (k) => { chosen.input = k; }));
    parts.push(group("word", quiz.word.question, quiz.word.options, (k) => { chosen.word = k; }));
    if (quiz.share) {
      const id = `ae-share-${this.index}`;
      const picker = el("select", {id});
      picker.append(el("option", {value: "", text: this.doc.ui["quiz.no_guess"]}));
      quiz.share.options.forEach((text, k) => picker.append(el("option", {value: String(k), text})));
      picker.addEventListener("change", () => { chosen.share = picker.value === "" ? null : Number(picker.value); });
      parts.push(el("div", {className: "ae-question"}, el("label", {for: id, text: quiz.share.question}), picker));
    }
    this.revealButton = el("button", {type: "button", className: "ae-button ae-primary", text: this.doc.ui["quiz.reveal"],
                                      "aria-keyshortcuts": "V"});
    this.revealButton.addEventListener("click", () => {
      this.answers.set(this.index, {...chosen});
      this.show(true);
    });
    parts.push(this.revealButton);
    this.quizArea.replaceChildren(...parts);
  }

  quizResult(quiz, answer) {
    const lines = [];
    const wordRight = answer.word !== null && answer.word === quiz.word.written;
    if (quiz.input) {
      const key = answer.input === null ? "none" : (answer.input === quiz.input.top ? "right" : "wrong");
      lines.push(markup("p", quiz.input[key]));
      if (answer.input !== null && answer.share !== null && quiz.share) {
        const text = quiz.share.result.replace("{guess}", quiz.share.options[answer.share])
          .replace("{actual}", quiz.share.actual[answer.input]).replace("{off}", quiz.share.off[answer.input][answer.share]);
        lines.push(el("p", {text}));
      }
    }
    lines.push(markup("p", wordRight ? quiz.word.right : quiz.word.wrong));
    // the score counts the student's own answers
    let right = 0, inputs = 0, inputsAnswered = 0;
    for (const [index, given] of this.answers) {
      const asked = this.doc.steps[index].quiz;
      if (given.word !== null && given.word === asked.word.written) right += 1;
      if (asked.input && given.input !== null) {
        inputsAnswered += 1;
        if (given.input === asked.input.top) inputs += 1;
      }
    }
    lines.push(el("p", {text: quiz.score.replace("{right}", right).replace("{answered}", this.answers.size)
      .replace("{inputs}", inputs).replace("{inputs_answered}", inputsAnswered)}));
    return el("div", {className: `ae-note ${wordRight ? "ae-success" : "ae-warning"}`, role: "status"}, ...lines);
  }
}

export function mountViewer(root, doc, options = {}) {
  return new Viewer(root, doc, options);
}
