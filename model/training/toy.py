"""The StatQuest video's toy model: two phrases ("let's go" -> "vamos", "to go" -> "ir"), a 2-number
embedding and LSTM, full-batch Adam. `python -m model.train --toy` trains the committed one;
`train_chunk` trains some epochs of a live run (model/live_training.py drives it from the Train page).
"""
from __future__ import annotations

import time
from pathlib import Path

import torch
from safetensors.torch import load as load_tensors
from safetensors.torch import save as save_tensors

from ..inference.api import TranslationModel
from ..inference.config import ModelConfig
from ..inference.evidence import EvidenceIndex
from ..inference.folder import TRAINING_FILE, write_record
from ..inference.kernels import use_native_lstm_kernels
from ..inference.loading import load_model, save_model
from ..inference.seq2seq import Seq2Seq
from ..inference.tokenize import tokenize
from ..inference.vocab import RESERVED, Vocab
from .batches import Example, batch_loss
from .evidence_index import build_index, write_evidence
from .toy_settings import TOY_PAIRS, WATCHED_PHRASE, AttentionSnapshot, ChunkResult, ToySettings

TOY_SOURCE_WORDS, TOY_TARGET_WORDS = ["let's", "to", "go"], ["ir", "vamos", "y"]
COMMITTED_EPOCHS = 1000  # the committed toy's full-batch Adam steps
TOY_DATA = "built in: let's go -> vamos, to go -> ir"

def toy_config(settings: ToySettings = ToySettings(), name: str = "statquest-toy") -> ModelConfig:
    """The video's sizes (embedding and hidden size alike), no dropout: the weights stay small enough to read."""
    return ModelConfig(name=name, source_language="en", target_language="es", attention=True,
                       score=settings.score, embedding_size=settings.hidden_size, hidden_size=settings.hidden_size,
                       num_layers=1, dropout=0.0, max_source_tokens=50, max_output_tokens=10,
                       weights_dtype="float32")


def toy_vocabs() -> tuple[Vocab, Vocab]:
    return Vocab([*RESERVED, *TOY_SOURCE_WORDS]), Vocab([*RESERVED, *TOY_TARGET_WORDS])


def toy_examples(source_vocab: Vocab, target_vocab: Vocab) -> list[Example]:
    return [(source_vocab.encode(tokenize(en, "en")), target_vocab.encode(tokenize(es, "es"))) for en, es in TOY_PAIRS]


def new_toy(settings: ToySettings) -> tuple[Seq2Seq, torch.optim.Adam]:
    """Seeded initial weights (the same settings, the same network) and their optimizer."""
    source_vocab, target_vocab = toy_vocabs()
    torch.manual_seed(settings.seed)
    net = Seq2Seq(toy_config(settings), len(source_vocab), len(target_vocab))
    return net, torch.optim.Adam(net.parameters(), lr=settings.learning_rate)


def train_step(net: Seq2Seq, optimizer: torch.optim.Optimizer, examples: list[Example]) -> float:
    """One full-batch Adam step on both phrases -> the cross-entropy per target word before the step."""
    loss, tokens = batch_loss(net, examples, list(range(len(examples))), smoothing=0.0)
    optimizer.zero_grad()
    (loss / tokens).backward()
    optimizer.step()
    return float(loss.detach()) / tokens


def pack_state(net: Seq2Seq, optimizer: torch.optim.Optimizer) -> bytes:
    """Weights and Adam's moments as safetensors bytes (no pickle between processes)."""
    tensors = {f"net.{name}": t.detach().clone() for name, t in net.state_dict().items()}
    for index, moments in optimizer.state_dict()["state"].items():
        tensors.update({f"adam.{index}.{name}": value.clone() for name, value in moments.items()})
    return save_tensors(tensors)


def unpack_state(settings: ToySettings, state: bytes | None) -> tuple[Seq2Seq, torch.optim.Adam]:
    net, optimizer = new_toy(settings)
    if state is None:
        return net, optimizer
    tensors = load_tensors(state)
    net.load_state_dict({name[4:]: t for name, t in tensors.items() if name.startswith("net.")})
    moments: dict[int, dict] = {}
    for name, value in tensors.items():
        if name.startswith("adam."):
            _, index, key = name.split(".")
            moments.setdefault(int(index), {})[key] = value
    saved = optimizer.state_dict()
    optimizer.load_state_dict({"state": moments, "param_groups": saved["param_groups"]})
    return net, optimizer


def wrap(net: Seq2Seq) -> TranslationModel:
    """A toy network as a model: its vocabularies, and the evidence of its two training pairs."""
    source_vocab, target_vocab = toy_vocabs()
    evidence = EvidenceIndex.from_bytes(build_index(TOY_PAIRS, {"source": "en", "target": "es"}))
    return TranslationModel(net, source_vocab, target_vocab, evidence=evidence)


def attention_snapshot(model: TranslationModel) -> AttentionSnapshot:
    trace = model.trace(WATCHED_PHRASE)
    return AttentionSnapshot(list(trace.source_labels), [step.output_label for step in trace.steps],
                             [list(step.weights) for step in trace.steps])


def train_chunk(settings: ToySettings, state: bytes | None, epochs: int, done: int) -> ChunkResult:
    """`epochs` more epochs of a run that has done `done` (state None: from the seeded start)."""
    started = time.perf_counter()
    use_native_lstm_kernels()
    net, optimizer = unpack_state(settings, state)
    source_vocab, target_vocab = toy_vocabs()
    examples = toy_examples(source_vocab, target_vocab)
    model, phrases = wrap(net), [english for english, _ in TOY_PAIRS]
    losses, first_right = [], None
    for epoch in range(done + 1, done + epochs + 1):
        net.train()
        losses.append(train_step(net, optimizer, examples))
        net.eval()
        with torch.no_grad():
            right = model.translate(phrases) == [spanish for _, spanish in TOY_PAIRS]
        if right and first_right is None:
            first_right = epoch
    with torch.no_grad():
        translations = dict(zip(phrases, model.translate(phrases)))
        attention = attention_snapshot(model)
    return ChunkResult(pack_state(net, optimizer), done + epochs, losses, first_right, translations, attention,
                       time.perf_counter() - started)


def toy_model(settings: ToySettings, state: bytes) -> TranslationModel:
    """A live run's trained toy, ready for every panel of Explore."""
    net, _ = unpack_state(settings, state)
    net.config.name = "trained-toy"
    return wrap(net.eval())


def train_committed_toy(out: Path, command: str) -> Path:
    """`python -m model.train --toy`: the committed toy, 1,000 epochs of the default settings; deterministic."""
    settings = ToySettings(epochs=COMMITTED_EPOCHS)
    started = time.time()
    use_native_lstm_kernels()
    net, optimizer = new_toy(settings)
    examples = toy_examples(*toy_vocabs())
    for _ in range(settings.epochs):
        loss = train_step(net, optimizer, examples)
    print(f"toy: final loss {loss:.4f} after {settings.epochs} iterations", flush=True)
    save_model(net, *toy_vocabs(), out)
    write_evidence(out, list(TOY_PAIRS))
    model = load_model(out)
    phrases = [english for english, _ in TOY_PAIRS]
    record = {"command": command,
              "settings": {"data": TOY_DATA, "learning_rate": settings.learning_rate, "max_epochs": settings.epochs,
                           "seed": settings.seed, "score": settings.score, "hidden_size": settings.hidden_size},
              "iterations": settings.epochs, "final_loss": loss,
              "training_seconds": round(time.time() - started, 2),
              "translations": dict(zip(phrases, model.translate(phrases)))}
    write_record(out, TRAINING_FILE, record)
    from .card import write_card  # noqa: PLC0415

    write_card(out)
    print(f"toy translations: {record['translations']}", flush=True)
    return out
