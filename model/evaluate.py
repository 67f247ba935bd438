"""`python -m model.evaluate --model DIR ...`: score a model folder; see model/training/evaluate.py."""
from .training.evaluate import main

if __name__ == "__main__":
    main()
