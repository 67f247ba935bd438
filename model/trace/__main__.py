"""`python -m model.trace --model DIR [--prefix "words"] "sentence"`: print a trace as JSON."""
from model.cli import trace_main

trace_main()
