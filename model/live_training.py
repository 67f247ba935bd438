"""The Train page's API, `from model.live_training import ToySettings, TrainingPool, train_live`
(torch-free); it lives in model/training/live.py."""
from .training.live import AttentionSnapshot, ToyProgress, ToyRun, ToySettings, TrainingPool, chunk_sizes, train_live  # noqa: F401
