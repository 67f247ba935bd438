"""`python -m model.translate --model DIR [--beam N]`: stdin sentences -> stdout translations."""
from .inference.cli import translate_main

if __name__ == "__main__":
    translate_main()
