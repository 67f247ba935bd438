"""The languages the translators read and write: one entry each, everything a language needs.

Adding a language pair en-xx (see README, "A new language pair"):
1. one `Language` entry here (its codes, its names in the interface's languages, its tokenizer
   rules, and example sentences that the en-xx model translates right);
2. the corpus `eng-<corpus_code>.tsv.gz` in ../shared/corpora (or --corpora DIR);
3. `make model PAIR=en-xx`: trains pretrained/en-xx with the subword recipe, evaluates it, writes its card.
The app offers every model folder it finds in pretrained/; Compare pairs a model with the model of
the same language pair trained without attention, when there is one.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1: model names (en-fr) and config.json
    corpus_code: str  # ISO 639-3: the corpus file eng-<corpus_code>.tsv.gz
    names: dict[str, str]  # the language's name in each interface language
    moses: str = ""  # sacremoses's rules to use (default: code)
    protected: tuple[str, ...] = ()  # regexes the word tokenizer keeps as one token, beside times ("6:30")
    merge_clitics: bool = False  # "don't", "let's", "Tom's" stay one word (Moses alone splits "do" "n't")
    inverted_pronouns: tuple[str, ...] = ()  # "asseyez-vous" -> "asseyez" "-vous" for these; glued back on output
    glue_opening_marks: bool = False  # "¿" and "¡" are words of their own, glued to the next word on output
    examples: tuple[str, ...] = field(default=())  # English sentences the en-<code> models translate right

    @property
    def moses_code(self) -> str:
        return self.moses or self.code


ENGLISH = Language("en", "eng", {"en": "English", "fr": "anglais"}, merge_clitics=True)
FRENCH = Language(
    "fr", "fra", {"en": "French", "fr": "français"},
    protected=(r"(?i)\baujourd'hui\b", r"(?i)\bprud'hom\w*", r"(?i)\bquelqu'un\b"),
    inverted_pronouns=("je", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "ce", "moi", "toi", "le", "la",
                       "les", "lui", "leur", "en", "y"),
    examples=("Let's go.", "I am hungry.", "Where is the train station?", "She reads a book every evening.",
              "The cat is sleeping on the sofa."),
)
SPANISH = Language(
    "es", "spa", {"en": "Spanish", "fr": "espagnol"}, glue_opening_marks=True,
    examples=("Let's go.", "I am hungry.", "Where is the train station?", "She reads a book every evening.",
              "The cat is sleeping on the sofa."),
)
REGISTRY: dict[str, Language] = {language.code: language for language in (ENGLISH, FRENCH, SPANISH)}


def language(code: str) -> Language:
    """The entry of a language code; ValueError names the known ones."""
    try:
        return REGISTRY[code]
    except KeyError:
        raise ValueError(f"unsupported language {code!r}; expected one of {', '.join(REGISTRY)}") from None


def corpus_file(target: str) -> str:
    """The corpus file name of the pair en-<target>, as manythings.org names it (eng-fra.tsv.gz)."""
    return f"{ENGLISH.corpus_code}-{language(target).corpus_code}.tsv.gz"
