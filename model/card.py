"""`python -m model.card FOLDER ...`: rewrite each model folder's card (README.md) from its records."""
from .training.card import main

if __name__ == "__main__":
    main()
