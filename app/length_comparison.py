"""The BLEU-by-sentence-length comparison written by model evaluation (the app never computes BLEU)."""
from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from model.inference.folder import COMPARISON_FILE

from . import models
from .charts import bleu_by_length, show
from .format import md_code, num
from .i18n import t

FILE_NAME = COMPARISON_FILE


@dataclass
class LengthComparison:
    model_names: list[str]
    rows: list[dict]
    joined: dict | None = None  # held-out sentences joined three at a time (model/checks.py), if evaluated


def comparison_path(model_id: str):
    return models.model_folder(model_id) / FILE_NAME


def read_comparison(model_id: str) -> LengthComparison | str:
    """The parsed file of the attention model `model_id`, or a message saying why there is none."""
    path = comparison_path(model_id)
    if not path.is_file():
        return t("compare.bleu_missing", path=md_code(str(path)))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        names = [str(name) for name in data["models"]]
        rows = list(data["rows"])
        for row in rows:
            for name in names:
                float(row[name]["bleu"])
        joined = data.get("joined")
        if joined is not None:
            for name in names:
                float(joined[name]["joined"]["bleu"]), float(joined[name]["one_by_one"]["bleu"])
        return LengthComparison(names, rows, joined)
    except (OSError, ValueError, KeyError, TypeError) as error:
        return t("compare.bleu_broken", path=md_code(str(path)), reason=md_code(f"{type(error).__name__}: {error}"))


def render(model_id: str) -> None:
    st.subheader(t("compare.bleu_title"))
    comparison = read_comparison(model_id)
    if isinstance(comparison, str):
        st.info(comparison)
        return
    st.markdown(t("compare.bleu_explain"))
    rows = list(comparison.rows)
    lengths = [str(row["length"]) for row in rows]
    joined = comparison.joined
    if joined:  # one more group of bars: the joined inputs, scored as the buckets are
        lengths.append(t("compare.joined_bucket", count=joined["sentences_per_input"], words=num(joined["mean_words"], 0)))
        rows.append({"sentences": joined["inputs"], "bleu_gap": joined.get("bleu_gap"),
                     **{name: joined[name]["joined"] for name in comparison.model_names}})
    series = [(name, [row[name]["bleu"] for row in rows]) for name in comparison.model_names]
    show(bleu_by_length(lengths, series, "BLEU"), key="bleu-chart")
    table = {t("compare.length"): [md_code(length) for length in lengths]}
    table[t("compare.sentences")] = [str(row.get("sentences", "")) for row in rows]
    for name in comparison.model_names:
        table[f"BLEU {name}"] = [num(row[name]["bleu"], 1) for row in rows]
        table[f"chrF {name}"] = [num(row[name]["chrf"], 1) if "chrf" in row[name] else "" for row in rows]
    table[t("compare.gap")] = [num(row["bleu_gap"], 1) if row.get("bleu_gap") is not None else "" for row in rows]
    st.table(pd.DataFrame(table), hide_index=True)
    if joined:
        st.markdown(" ".join(
            t("compare.joined_explain", model=md_code(name), count=joined["sentences_per_input"],
              inputs=joined["inputs"], joined=num(joined[name]["joined"]["bleu"], 1),
              separate=num(joined[name]["one_by_one"]["bleu"], 1))
            for name in comparison.model_names))
