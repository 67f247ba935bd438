"""`python -m model.evidence --model DIR [--side source|target] [--limit N] WORD ...`: in how many training
pairs the model saw each word, with up to N of them; one JSON object per word and line:
{"word": ..., "side": ..., "pairs": N, "examples": [[english, translation], ...]}."""
from .inference.cli import evidence_main

if __name__ == "__main__":
    evidence_main()
