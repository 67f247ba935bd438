"""The process-wide choice of PyTorch's LSTM kernel, made in this one place.

PyTorch's own LSTM kernel, not oneDNN's: oneDNN re-lays-out the weights on every call, which
dominates decoding one word at a time (bench/trace_latency.py), while training batches run about as
fast on either. Loading a model switches the process to it, and the toy trains on it too, so a toy
run gives the same numbers in a worker, in the server's process and in `python -m model.train --toy`,
whatever was loaded before.
"""


def use_native_lstm_kernels() -> None:
    import torch  # noqa: PLC0415  (imported by modules that must not load torch at import)

    torch.backends.mkldnn.enabled = False
