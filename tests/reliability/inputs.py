"""One table of hostile and unusual sentences, shared by every surface that accepts a sentence.

The model API, the translate CLI, the trace CLI and (once the app exists) an AppTest run all read
`BAD_INPUTS`, so a case added here is checked everywhere at once. Import it with
`from tests.reliability.inputs import BAD_INPUTS` (the repository root is on sys.path in tests).

Each row says what a user must get: a translation (unknown words marked in
`trace.unknown_source_tokens`), one clear refusal, or - for input over the model's length limit -
a refusal naming the limit where the caller asked for no cutting, and a cut everywhere else.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# What the row must produce.
TRANSLATED = "translated"  # a Trace / a translation line
REFUSED = "refused"  # InputError / exit status 2 with one stderr line / an empty translate line
TOO_LONG = "too long"  # over max_source_tokens: refused by trace() and the trace CLI, cut by translate

# The surfaces a row can be run on, as keys of BadInput.known_bugs.
API, TRANSLATE_CLI, TRACE_CLI, APP = "api", "translate_cli", "trace_cli", "app"

# model/ bugs found by this table, by key; a row that hits one names it in known_bugs for the
# surface concerned, and the tests mark it xfail(strict=True), so the fix shows up as XPASS and the
# marker must then be removed. Empty now: the three the table found (lone surrogates in trace input,
# a bare CR splitting a translate-CLI line, unchecked config languages) were fixed in model/.
MODEL_BUGS: dict[str, str] = {}


@dataclass(frozen=True)
class AppExpectation:
    """What the app must show for the row, for an AppTest (or browser) run over the same table.

    outcome: "translation" (a translation and its heatmap, unknown words marked),
             "message" (one st.error / st.warning / st.info, no exception, no traceback),
             "truncated" (a translation of the first max_source_tokens words and a visible notice
             that the sentence was cut, as model/config.py says the app does).
    mentions: a word the visible message must contain (case-insensitive), when outcome is
              "message"; a "truncated" notice should name the model's max_source_tokens.
    """

    outcome: str
    mentions: str = ""


@dataclass(frozen=True)
class BadInput:
    id: str
    text: str  # what the user types: the API argument, the app's text box, the trace CLI argument
    expect: str  # TRANSLATED, REFUSED or TOO_LONG
    mentions: str = ""  # a word the refusal message must contain (case-insensitive)
    all_unknown: bool = False  # no model in the tests knows any of its words
    stdin: bytes | None = None  # the row's bytes on the translate CLI's stdin; None: text as UTF-8 + "\n"
    stdin_lines: int = 1  # lines the translate CLI must print for those bytes
    argv: bytes | None = None  # the trace CLI argument as raw bytes, when text is not what the OS passes
    in_argv: bool = True  # False when no OS can pass it as an argument (NUL, lone surrogates)
    trace_cli: bool = False  # also run through the trace CLI (each call costs ~2 s of torch import)
    known_bugs: dict = field(default_factory=dict)  # surface -> key of MODEL_BUGS
    app: AppExpectation | None = None

    @property
    def stdin_bytes(self) -> bytes:
        return self.stdin if self.stdin is not None else self.text.encode("utf-8") + b"\n"

    @property
    def app_expectation(self) -> AppExpectation:
        if self.app is not None:
            return self.app
        if self.expect == REFUSED:
            return AppExpectation("message", self.mentions)
        if self.expect == TOO_LONG:
            return AppExpectation("truncated")
        return AppExpectation("translation")


def translated(id: str, text: str, **details) -> BadInput:
    return BadInput(id, text, TRANSLATED, **details)


def refused(id: str, text: str, mentions: str, **details) -> BadInput:
    return BadInput(id, text, REFUSED, mentions=mentions, **details)


def too_long(id: str, text: str, **details) -> BadInput:
    return BadInput(id, text, TOO_LONG, mentions="limit", **details)


TEN_THOUSAND_CHARACTERS = ("The cat sat on the mat and looked at the dog. " * 220)[:10_000]

BAD_INPUTS: list[BadInput] = [
    # Nothing to translate
    refused("empty", "", "empty", trace_cli=True),
    refused("only-spaces", "      ", "empty"),
    refused("only-unicode-spaces", " \t\u00a0\u2003\u3000 ", "empty"),
    refused("only-zero-width", "\u200b\u200d\ufeff", "empty"),
    refused("only-control-characters", "\x00\x01\x07\x1b\x7f", "empty", in_argv=False),
    # Tiny input
    translated("only-punctuation", "?!... ;:"),
    translated("one-word", "go"),
    translated("one-letter", "a"),
    translated("a-number", "42"),
    translated("known-sentence", "Let's go."),
    translated("surrounding-spaces", "     go     "),
    # Long input
    too_long("ten-thousand-characters", TEN_THOUSAND_CHARACTERS, trace_cli=True),
    too_long("two-hundred-words", " ".join(["word"] * 200)),
    translated("ten-thousand-character-word", "a" * 10_000, all_unknown=True),
    translated("very-long-words", "Pneumonoultramicroscopicsilicovolcanoconiosis supercalifragilisticexpialidocious "
               + "x" * 500),
    translated("repeated-words", " ".join(["go"] * 40)),
    translated("repeated-punctuation", "!" * 40),
    # Line breaks, tabs, control characters
    translated("line-break-inside", "I am cold.\nYou are warm.", stdin_lines=2),
    translated("crlf-line-end", "Let's go.\r\n", stdin=b"Let's go.\r\n"),
    translated("carriage-return-inside", "first\rsecond"),
    translated("unicode-line-separators", "go\u2028to\u2029go\x85go"),
    translated("vertical-tab-form-feed", "go\x0bto\x0cgo"),
    translated("tabs", "go\tto\t\tgo"),
    translated("control-characters", "go\x07\x1b[31m red\x1b[0m\x08 now"),
    translated("nul-inside", "go\x00go", in_argv=False),
    translated("byte-order-mark", "\ufeffLet's go."),
    translated("right-to-left-override", "\u202egnp.exe"),
    # Bytes that are not UTF-8
    translated("invalid-utf8", "\udcff\udcfe go", stdin=b"\xff\xfe go\n", argv=b"\xff\xfe go", trace_cli=True),
    translated("lone-surrogate", "\ud800 go", stdin=b"\xed\xa0\x80 go\n", in_argv=False),
    # Scripts and languages
    translated("emoji", "I love pizza 🍕😀👍🏽 👨‍👩‍👧", trace_cli=True),
    translated("only-emoji", "😀😀😀"),
    translated("accents-and-ligatures", "Café naïve façade œuvre ﬁnal Æsir"),
    translated("combining-accents", "cafe\u0301 nai\u0308ve"),
    translated("zalgo", "Z\u0334\u0321\u031ba\u0337l\u0336g\u0338o\u0335"),
    translated("full-width", "Ｈｅｌｌｏ　ｗｏｒｌｄ！"),
    translated("homoglyphs", "Ρаураl gο"),
    translated("french", "Je ne sais pas où est la gare aujourd'hui."),
    translated("spanish", "¿Dónde está la estación? ¡Vamos!"),
    translated("arabic", "مرحبا بالعالم", all_unknown=True),
    translated("hebrew", "שלום עולם", all_unknown=True),
    translated("chinese", "你好，世界。"),
    translated("japanese", "こんにちは、世界。カタカナ"),
    translated("korean", "안녕하세요 세계", all_unknown=True),
    translated("mixed-scripts", "Hello мир 世界 عالم 🌍 go"),
    translated("typographic-quotes", "“Hello,” she said — ‘go’ «bien» „gut“ don’t"),
    translated("math-symbols", "∑ ∫ √2 ≠ ∞ ± × ÷"),
    # Things that look like code or markup
    translated("numbers-and-dates", "On 12/25/2024 at 6:30 I paid $1,000.50 (3.14%), 2024-01-01T10:00Z"),
    translated("url", "See https://example.com/a?b=c&d=e#frag now"),
    translated("email", "Write to jane.doe+tag@example.co.uk today"),
    translated("html-script", "<script>alert('x')</script>", trace_cli=True),
    translated("html-markup", "<b>bold</b> &amp; <img src=x onerror=alert(1)> &lt;"),
    translated("markdown", "# Title **bold** _italic_ `code` [link](http://x.y) > quote"),
    translated("latex", "$\\frac{a}{b}$ \\begin{equation} x^2 \\end{equation}"),
    translated("sql", "Robert'); DROP TABLE students;-- SELECT * FROM users WHERE 1=1"),
    translated("shell", "$(rm -rf /) `whoami` ; | && > /dev/null"),
    translated("format-strings", "%s %d {0} {name} %(x)s {{}}"),
    translated("json", '{"a": [1, 2, null], "b": "c"}'),
    translated("path-traversal", "C:\\Windows\\System32\\..\\..\\etc/passwd ../../"),
    translated("special-tokens", "<unk> <EOS> <pad> go"),
    translated("every-word-unknown", "Xyzzy plugh frobnicate quux", all_unknown=True),
]

# Forced prefixes (the app's what-if box, `--prefix`): each must give a Trace or one InputError.
# (id, prefix, expected: None for a Trace, else a word the InputError message must contain)
BAD_PREFIXES = [
    ("empty-string", "", None),
    ("only-spaces", "   ", None),
    ("unknown-word", "xyzzyplugh", "xyzzyplugh"),
    ("special-token-as-text", "<pad>", "vocabulary"),
    ("eos-token-in-list", ["<EOS>"], None),
    ("pad-token-in-list", ["<pad>"], None),
    ("unk-token-in-list", ["<unk>"], None),
    ("emoji", "😀", "vocabulary"),
    ("control-characters", "\x00\x1b", None),
    ("over-output-limit", ["<unk>"] * 500, "limit"),
]


def ids(rows) -> list[str]:
    return [row.id for row in rows]


assert len(set(ids(BAD_INPUTS))) == len(BAD_INPUTS), "row ids must be unique"
assert all(row.expect in (TRANSLATED, REFUSED, TOO_LONG) for row in BAD_INPUTS)
assert all(bug in MODEL_BUGS for row in BAD_INPUTS for bug in row.known_bugs.values())
