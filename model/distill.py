"""`python -m model.distill --model DIR --out FILE.tsv.gz [--beam 4]`: a teacher model's beam translations of
its training split's English, for `python -m model.train --distilled FILE`; see model/training/distill.py."""
from .training.distill import main

if __name__ == "__main__":
    main()
