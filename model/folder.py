"""A model folder: the one place that knows its file names, and saves and loads it.

    pretrained/en-fr/
        config.json             the ModelConfig: sizes, tokenizer, how it was trained
        model.safetensors       the weights (float16 or float32; no pickle)
        source_vocab.json       token list, id order (the same list twice for a joint vocabulary)
        target_vocab.json
        sentencepiece.model     subword models only: the SentencePiece model the vocabulary comes from
        training.json           model.train's record        evaluation.json   model.evaluate's
        length_comparison.json  model.evaluate --compare    README.md         the card, model.card

torch is imported inside save_model and load_model only: the app reads these names without it.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from .config import ModelConfig
from .errors import ModelLoadError
from .vocab import Vocab

if TYPE_CHECKING:
    from .api import TranslationModel
    from .seq2seq import Seq2Seq
    from .subword import SubwordTokenizer

CONFIG_FILE, WEIGHTS_FILE = "config.json", "model.safetensors"
SOURCE_VOCAB_FILE, TARGET_VOCAB_FILE = "source_vocab.json", "target_vocab.json"
SUBWORD_FILE = "sentencepiece.model"  # only for config.tokenizer == "sentencepiece"
TRAINING_FILE, EVALUATION_FILE, COMPARISON_FILE = "training.json", "evaluation.json", "length_comparison.json"
CARD_FILE = "README.md"


def read_record(folder: str | Path, name: str) -> dict | None:
    """One of the folder's JSON records (training, evaluation, comparison), or None if it is not there."""
    path = Path(folder) / name
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def write_record(folder: str | Path, name: str, record: dict) -> Path:
    path = Path(folder) / name
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


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


def load_model(folder: str | Path) -> "TranslationModel":
    """Load a model folder written by `save_model`; ModelLoadError says clearly what is wrong."""
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
    use_fast_decoding_layout(net)
    return TranslationModel(net, source_vocab, target_vocab, folder, subword)


def use_fast_decoding_layout(net: "Seq2Seq") -> None:
    """Decoding runs one word at a time (batch of 1, one position), where two CPU defaults are slow
    (timed in isolation here on 2 cores, torch 2.13, 1 thread; bench/trace_latency.py shows the
    whole trace):

    - the oneDNN LSTM kernel re-lays-out its weights on every call: 3.8 ms per decoder step against
      0.25 ms for PyTorch's native kernel (training batches: within 5 %). The switch is process-wide.
    - a 1 x 512 by 512 x vocab product reads the output layer's weight 3x faster stored column-major
      (0.7 against 2.1 ms for 8,119 words). Same numbers, same shape, no extra memory.
    - the same holds for the LSTMs' weight matrices (a 2 x 256 decoder step: 0.30 against 0.48 ms).
    """
    import torch

    torch.backends.mkldnn.enabled = False
    with torch.no_grad():
        if not net.config.tie_embeddings:
            weight = net.output_layer.weight
            net.output_layer.weight = torch.nn.Parameter(weight.t().contiguous().t(), requires_grad=weight.requires_grad)
        for lstm in (net.encoder, net.decoder):
            for name in lstm._flat_weights_names:
                if name.startswith("weight_"):  # nn.LSTM's __setattr__ keeps its flat weight list in step
                    weight = getattr(lstm, name)
                    setattr(lstm, name, torch.nn.Parameter(weight.t().contiguous().t(), requires_grad=weight.requires_grad))
