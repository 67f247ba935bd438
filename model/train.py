"""`python -m model.train ...`: train a translator (or, with --toy, the video's toy); see model/training/train.py."""
from .training.train import main

if __name__ == "__main__":
    main()
