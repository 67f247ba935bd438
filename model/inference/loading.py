"""Save and load a model folder (model/inference/folder.py names its files); no pickle anywhere.

torch is imported inside the functions: the app imports this module's names before torch has loaded.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from .config import ModelConfig
from .errors import ModelLoadError
from .folder import CONFIG_FILE, EVIDENCE_FILE, SOURCE_VOCAB_FILE, SUBWORD_FILE, TARGET_VOCAB_FILE, WEIGHTS_FILE
from .kernels import use_native_lstm_kernels
from .vocab import Vocab

if TYPE_CHECKING:
    from .api import TranslationModel
    from .evidence import EvidenceIndex
    from .seq2seq import Seq2Seq
    from .subword import SubwordTokenizer


def save_model(net: "Seq2Seq", source_vocab: Vocab, target_vocab: Vocab, folder: str | Path,
               subword: "SubwordTokenizer | None" = None) -> None:
    """Write config.json, model.safetensors, both vocabularies and the SentencePiece model (no pickle anywhere)."""
    import torch
    from safetensors.torch import save_file

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    dtype = getattr(torch, net.config.weights_dtype)
    tensors = {name: t.detach().to(dtype).contiguous() for name, t in net.state_dict().items()}
    save_file(tensors, str(folder / WEIGHTS_FILE), metadata={"format": "pt", "name": net.config.name})
    net.config.save(folder / CONFIG_FILE)
    source_vocab.save(folder / SOURCE_VOCAB_FILE)
    target_vocab.save(folder / TARGET_VOCAB_FILE)
    if subword is not None:
        subword.save(folder / SUBWORD_FILE)


def load_model(folder: str | Path, half_weight_kernels: bool = True) -> "TranslationModel":
    """Load a model folder written by `save_model`; ModelLoadError says clearly what is wrong.
    half_weight_kernels=False keeps float16 weights off FBGEMM's float16-weight kernels (for comparison:
    see use_fast_decoding_layout)."""
    import torch
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    from .api import TranslationModel
    from .seq2seq import Seq2Seq
    from .subword import SubwordTokenizer

    folder = Path(folder)
    if not folder.is_dir():
        raise ModelLoadError(f"No model folder at {folder}.")
    for name in (CONFIG_FILE, WEIGHTS_FILE, SOURCE_VOCAB_FILE, TARGET_VOCAB_FILE):
        if not (folder / name).is_file():
            raise ModelLoadError(f"The model folder {folder} has no {name}.")
    try:
        config = ModelConfig.load(folder / CONFIG_FILE)
    except (ValueError, TypeError, json.JSONDecodeError) as error:
        raise ModelLoadError(f"The model folder {folder} has a broken {CONFIG_FILE}: {error}") from None
    try:
        source_vocab = Vocab.load(folder / SOURCE_VOCAB_FILE)
        target_vocab = Vocab.load(folder / TARGET_VOCAB_FILE)
    except (ValueError, json.JSONDecodeError) as error:
        raise ModelLoadError(f"The model folder {folder} has a broken vocabulary: {error}") from None
    try:
        tensors = load_file(str(folder / WEIGHTS_FILE))
    except (SafetensorError, OSError, ValueError) as error:
        raise ModelLoadError(f"The weights in {folder / WEIGHTS_FILE} are corrupt or truncated: {error}") from None
    net = Seq2Seq(config, len(source_vocab), len(target_vocab))
    expected = {name: tuple(t.shape) for name, t in net.state_dict().items()}
    found = {name: tuple(t.shape) for name, t in tensors.items()}
    if expected != found:
        missing = sorted(set(expected) - set(found))
        wrong = sorted(n for n in set(expected) & set(found) if expected[n] != found[n])
        raise ModelLoadError(
            f"The weights in {folder} do not fit its config and vocabularies "
            f"(missing: {missing[:3]}, wrong shape: {wrong[:3]}, extra: {sorted(set(found) - set(expected))[:3]})."
        )
    net.load_state_dict({name: t.float() for name, t in tensors.items()})
    if not all(torch.isfinite(p).all() for p in net.parameters()):
        raise ModelLoadError(f"The weights in {folder} contain NaN or infinite values.")
    subword = None
    if config.tokenizer == "sentencepiece":
        try:
            subword = SubwordTokenizer.load(folder / SUBWORD_FILE)
        except (OSError, RuntimeError) as error:
            raise ModelLoadError(f"The model folder {folder} has no readable {SUBWORD_FILE}: {error}") from None
        if subword.pieces != source_vocab.itos:
            raise ModelLoadError(f"The vocabulary of {folder} does not match its {SUBWORD_FILE}.")
    stored_as_half = all(t.dtype == torch.float16 for t in tensors.values())
    use_fast_decoding_layout(net, half_weights=half_weight_kernels and stored_as_half)
    return TranslationModel(net, source_vocab, target_vocab, folder, subword, load_evidence(folder))


def load_evidence(folder: Path) -> "EvidenceIndex | None":
    """The folder's evidence index (what it was trained on), or None when it has none."""
    from .evidence import EvidenceIndex

    path = folder / EVIDENCE_FILE
    if not path.is_file():
        return None
    try:
        return EvidenceIndex.load(path)
    except (OSError, ValueError, KeyError, EOFError) as error:
        raise ModelLoadError(f"The model folder {folder} has a broken {EVIDENCE_FILE}: {error}") from None


def use_fast_decoding_layout(net: "Seq2Seq", half_weights: bool = False) -> None:
    """Decoding runs one word at a time (batch of 1, one position), where CPU defaults are slow
    (bench/trace_latency.py measures the whole trace): oneDNN's LSTM kernel (see model/inference/kernels.py),
    and weights stored row-major: a 1 x features by features x vocab product, and the LSTMs' own, read a
    weight stored column-major several times faster. Same numbers, same shapes, no extra memory.
    half_weights: the weights are float16 values (as stored); where the CPU has FBGEMM, the LSTMs and the
    output layer run on its float16-weight kernels instead, which read half the bytes a step
    (model/inference/half_weights.py).
    """
    import torch

    use_native_lstm_kernels()
    if half_weights:
        from . import half_weights as half

        if half.has_half_weight_kernels():
            half.use_half_weight_kernels(net)
            return
    with torch.no_grad():
        if not net.config.tie_embeddings:
            weight = net.output_layer.weight
            net.output_layer.weight = torch.nn.Parameter(weight.t().contiguous().t(), requires_grad=weight.requires_grad)
        for lstm in (net.encoder, net.decoder):
            for name in lstm._flat_weights_names:
                if name.startswith("weight_"):  # nn.LSTM's __setattr__ keeps its flat weight list in step
                    weight = getattr(lstm, name)
                    setattr(lstm, name, torch.nn.Parameter(weight.t().contiguous().t(), requires_grad=weight.requires_grad))
