"""`python -m model.trace --model DIR [--prefix "words"] "sentence"`: every number of one translation as JSON.

The Trace dataclasses themselves live in model/inference/trace.py (torch-free); their names are
re-exported here for code that imports them from `model.trace`.
"""
from .inference.trace import BeamHypothesis, Candidate, ModelInfo, Step, Trace  # noqa: F401

if __name__ == "__main__":
    from .inference.cli import trace_main

    trace_main()
