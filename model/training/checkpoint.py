"""Training checkpoints without pickle: tensors in safetensors, everything else in JSON."""
from __future__ import annotations

import json
import os
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file

from ..inference.folder import SUBWORD_FILE

CHECKPOINT_WEIGHTS, CHECKPOINT_META = "checkpoint.safetensors", "checkpoint.json"


def epoch_weights_file(folder: Path, epoch: int) -> Path:
    """An epoch's weights, kept for checkpoint averaging (--average-last)."""
    return folder / f"epoch-{epoch}.safetensors"


def clear_checkpoint(folder: Path) -> None:
    """Start over (--fresh): the checkpoint, the epochs kept for averaging and the SentencePiece model go."""
    for path in [folder / CHECKPOINT_META, folder / CHECKPOINT_WEIGHTS, folder / SUBWORD_FILE,
                 *folder.glob("epoch-*.safetensors")]:
        path.unlink(missing_ok=True)


def save_checkpoint(folder: Path, net: torch.nn.Module, optimizer: torch.optim.Optimizer,
                    best_weights: dict[str, torch.Tensor] | None, progress: dict) -> None:
    """Write atomically (temp file + rename) so a run stopped mid-write leaves the old checkpoint."""
    folder.mkdir(parents=True, exist_ok=True)
    tensors = {f"model.{k}": v.detach().clone().contiguous() for k, v in net.state_dict().items()}
    if best_weights is not None:
        tensors.update({f"best.{k}": v.contiguous() for k, v in best_weights.items()})
    optimizer_state = optimizer.state_dict()
    steps = {}
    for index, state in optimizer_state["state"].items():
        for key, value in state.items():
            if key == "step":
                steps[str(index)] = float(value)
            else:
                tensors[f"optim.{index}.{key}"] = value.contiguous()
    meta = {"progress": progress, "param_groups": optimizer_state["param_groups"], "steps": steps}
    save_file(tensors, str(folder / f"{CHECKPOINT_WEIGHTS}.tmp"))
    (folder / f"{CHECKPOINT_META}.tmp").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    os.replace(folder / f"{CHECKPOINT_WEIGHTS}.tmp", folder / CHECKPOINT_WEIGHTS)
    os.replace(folder / f"{CHECKPOINT_META}.tmp", folder / CHECKPOINT_META)


def load_checkpoint(folder: Path, net: torch.nn.Module, optimizer: torch.optim.Optimizer):
    """-> (progress dict, best weights or None), or None when there is no checkpoint."""
    if not (folder / CHECKPOINT_META).is_file() or not (folder / CHECKPOINT_WEIGHTS).is_file():
        return None
    meta = json.loads((folder / CHECKPOINT_META).read_text(encoding="utf-8"))
    tensors = load_file(str(folder / CHECKPOINT_WEIGHTS))
    net.load_state_dict({k[len("model."):]: v for k, v in tensors.items() if k.startswith("model.")})
    best = {k[len("best."):]: v for k, v in tensors.items() if k.startswith("best.")} or None
    state: dict[int, dict] = {}
    for key, value in tensors.items():
        if key.startswith("optim."):
            _, index, name = key.split(".", 2)
            state.setdefault(int(index), {})[name] = value
    for index, step in meta["steps"].items():
        state.setdefault(int(index), {})["step"] = torch.tensor(step)
    optimizer.load_state_dict({"state": state, "param_groups": meta["param_groups"]})
    return meta["progress"], best
