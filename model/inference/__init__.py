"""What runs in class: a model folder loaded, a sentence tokenized, decoded and traced.

Nothing here imports model.training (how models are made): the app needs only this package.
"""
