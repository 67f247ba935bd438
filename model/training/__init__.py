"""How models are made: corpora, augmentation, training loops, checkpoints, the toy's live training,
evaluation and model cards. Builds on model.inference; never the other way round."""
