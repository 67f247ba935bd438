"""Load a model folder, translate, and trace: the Python API the app and the CLIs use.

    from model import load_model
    m = load_model("pretrained/en-fr")
    m.trace("Let's go.")            # -> Trace, every number of one greedy translation
    m.translate(["I am cold."])     # -> ["J'ai froid."]

A loaded model is shared by many app sessions at once: every call keeps its state in local
variables and stores nothing on the model.
"""
from __future__ import annotations

import math
from pathlib import Path

import torch

from .decode import beam_search, beam_search_many, greedy_decode
from .errors import InputError, ModelLoadError
from .evidence import EXAMPLES_KEPT, EvidenceIndex, Side, WordEvidence
from .folder import EVIDENCE_FILE
from .reading import Reading, read_sentence, write_back
from .sentence_evidence import reading_notes, sentence_evidence
from .seq2seq import Seq2Seq, explain_steps
from .subword import WORD_START, SubwordTokenizer, piece_label, piece_labels
from .tokenize import detokenize, normalize, tokenize
from .trace import BeamHypothesis, Candidate, LogitParts, ModelInfo, Rows, Step, Trace, TraceEvidence, float32_rows
from .vocab import EOS, EOS_ID, UNK_ID, Vocab

TOP_K = 10
MAX_BEAM = 64
TRANSLATE_BATCH = 64


class TranslationModel:
    """A trained network with its vocabularies, in eval mode, read-only after loading."""

    def __init__(self, net: Seq2Seq, source_vocab: Vocab, target_vocab: Vocab, folder: Path | None = None,
                 subword: SubwordTokenizer | None = None, evidence: EvidenceIndex | None = None):
        self.net = net.eval()
        self.config = net.config
        self.source_vocab = source_vocab
        self.target_vocab = target_vocab
        self.folder = folder
        self.subword = subword
        self.evidence_index = evidence  # what it was trained on (None: the folder has no evidence file)

    def tokenize(self, text: str, side: str = "source") -> list[str]:
        """Text -> the tokens the model reads (subword pieces, or Moses words for word-level models)."""
        if self.subword is not None:
            return self.subword.tokenize(text)
        return tokenize(text, self.config.source_language if side == "source" else self.config.target_language)

    def detokenize(self, tokens: list[str], side: str = "target") -> str:
        if self.subword is not None:
            return self.subword.detokenize(tokens)
        return detokenize(tokens, self.config.source_language if side == "source" else self.config.target_language)

    @property
    def info(self) -> ModelInfo:
        c = self.config
        return ModelInfo(
            name=c.name,
            language_pair=c.language_pair,
            attention=c.attention,
            score=c.score,
            embedding_size=c.embedding_size,
            hidden_size=c.hidden_size,
            num_layers=c.num_layers,
            source_vocab_size=len(self.source_vocab),
            target_vocab_size=len(self.target_vocab),
            max_source_tokens=c.max_source_tokens,
            max_output_tokens=c.max_output_tokens,
            tokenizer=c.tokenizer,
            score_scale=math.sqrt(c.hidden_size),
        )

    def labels(self, tokens: list[str]) -> list[str]:
        """Tokens as the app writes them: pieces readably ("smell", "·ing"), words as they are."""
        return piece_labels(tokens) if self.subword is not None else list(tokens)

    def token_label(self, token: str) -> str:
        """One token on its own (a candidate, a step's word) as the app writes it."""
        return piece_label(token) if self.subword is not None else token

    def evidence(self, word: str, side: Side = "source", limit: int = EXAMPLES_KEPT) -> WordEvidence:
        """In how many training pairs the model saw `word` (case-insensitive), and up to `limit` of them.
        A word it never saw: 0 pairs, no examples. ModelLoadError if the folder has no evidence index."""
        if self.evidence_index is None:
            raise ModelLoadError(f"The model folder {self.folder} has no {EVIDENCE_FILE}: "
                                 f"python -m model.training.evidence_index {self.folder} writes it.")
        return self.evidence_index.lookup(word, side, limit)

    # -- input ---------------------------------------------------------------------------------
    def source_tokens(self, sentence: str, truncate: bool) -> tuple[list[str], int]:
        """Tokenize, refuse empty input, and refuse or cut input over the length limit."""
        if not isinstance(sentence, str):
            raise InputError("The sentence must be text.", "not_text")
        tokens = self.tokenize(sentence)
        if not tokens:
            raise InputError("Type a sentence to translate: the input is empty.", "empty")
        limit = self.config.max_source_tokens
        if len(tokens) > limit:
            if not truncate:
                raise InputError(f"The sentence has {len(tokens)} words and punctuation marks; the limit is {limit}.",
                                 "too_many_tokens", count=len(tokens), limit=limit)
            return tokens[:limit], len(tokens)
        return tokens, len(tokens)

    def prefix_ids(self, prefix: str | list[str] | None) -> list[int]:
        """Output words to force, as ids; a word the model does not know is refused."""
        if prefix is None:
            return []
        words = self.tokenize(prefix, "target") if isinstance(prefix, str) else list(prefix)
        unknown = [w for w in words if w not in self.target_vocab]
        if unknown:
            raise InputError(f"The model cannot write {', '.join(repr(w) for w in unknown)}: not in its vocabulary.",
                             "unknown_forced_words", words=unknown)
        if len(words) > self.config.max_output_tokens:
            raise InputError(f"The forced words are more than the output limit of {self.config.max_output_tokens}.",
                             "too_many_forced_words", limit=self.config.max_output_tokens)
        ids = self.target_vocab.encode(words)
        return ids[: ids.index(EOS_ID) + 1] if EOS_ID in ids else ids

    # -- the two calls -------------------------------------------------------------------------
    def attention_edit_tensors(self, edits: dict | None, source_count: int) -> dict[int, torch.Tensor]:
        """Check hand-set attention weights and normalise them to sum to 1; InputError says what is wrong."""
        if not edits:
            return {}
        if not self.config.attention:
            raise InputError("This model has no attention to edit.", "no_attention_to_edit")
        if not isinstance(edits, dict):
            raise InputError("Attention edits must map a step number to weights.", "bad_attention_edit")
        checked = {}
        for step, weights in edits.items():
            if isinstance(step, bool) or not isinstance(step, int) or not 0 <= step < self.config.max_output_tokens:
                raise InputError(f"There is no decoding step {step!r} to edit.", "bad_attention_step", step=str(step))
            try:
                if isinstance(weights, (str, bytes)):
                    raise TypeError("text is not a list of weights")
                values = [float(w) for w in weights]
            except (TypeError, ValueError):
                raise InputError(f"The weights of step {step + 1} must be numbers.", "bad_attention_weights",
                                 step=step + 1) from None
            if len(values) != source_count:
                raise InputError(f"Step {step + 1} needs {source_count} weights, one per input token; got {len(values)}.",
                                 "wrong_attention_count", step=step + 1, count=len(values), expected=source_count)
            total = sum(values)
            if not all(math.isfinite(v) and v >= 0 for v in values) or not 0 < total < math.inf:
                raise InputError(f"The weights of step {step + 1} must be finite, not negative and not all zero.",
                                 "bad_attention_weights", step=step + 1)
            normalised = torch.tensor([v / total for v in values], dtype=torch.float32)  # in float64 first: 1e39 fits
            if not torch.isfinite(normalised).all():
                raise InputError(f"The weights of step {step + 1} must be finite, not negative and not all zero.",
                                 "bad_attention_weights", step=step + 1)
            checked[step] = normalised
        return checked

    def trace(
        self, sentence: str, prefix: str | list[str] | None = None, truncate: bool = False, allow_unk: bool = False,
        attention_edits: dict[int, list[float]] | None = None, beam: int = 1,
    ) -> Trace:
        """Translate greedily (or with beam search) and return every number of every step.

        prefix: output words to impose at the first steps (what-if); decoding continues greedily.
        truncate: cut over-long input at max_source_tokens (and say so in the trace) instead of
        refusing it.
        allow_unk: write <unk> when it is the most likely word (by default the most likely real
        word is written, and the step says so: see model.decode).
        attention_edits: {step index (0-based, as in trace.steps): one weight per source token}, set by
        hand; normalised to sum to 1. That step's context, candidates and word follow the edit, its
        scores stay the model's own; decoding continues from the word written, with the model's own
        beam: trace the best translation of a beam search of this width (the one translate(beam=...)
        writes): the numbers are the model's own along that path, and each step lists the
        hypotheses the beam weighed there (`Step.beam`). Not with prefix or attention_edits.
        """
        if not isinstance(sentence, str):
            raise InputError("The sentence must be text.", "not_text")
        reading = self.read(sentence)
        tokens, original_count = self.source_tokens(reading.read, truncate)
        source_ids = self.source_vocab.encode(tokens)
        forced = self.prefix_ids(prefix)
        edits = self.attention_edit_tensors(attention_edits, len(tokens))
        limit = max(self.output_limit(len(tokens)), len(forced))
        searched = self.beam_path(source_ids, beam, allow_unk, bool(forced or edits), limit)
        outputs, decoder_steps, encoder_outputs = greedy_decode(
            self.net, [source_ids], limit, prefix=forced or searched[0], record=True,
            allow_unk=allow_unk, attention_edits=edits,
        )
        encoder_outputs = encoder_outputs[0]  # src_len x hidden
        output_ids = outputs[0]
        beyond = sorted(step for step in edits if step >= len(output_ids))
        if beyond:
            raise InputError(f"The translation has {len(output_ids)} steps; there is no step {beyond[0] + 1} to edit.",
                             "bad_attention_step", step=str(beyond[0] + 1))
        steps = self._steps(decoder_steps, encoder_outputs, output_ids, len(forced), set(edits), searched[1])
        finished = bool(output_ids) and output_ids[-1] == EOS_ID
        target_ids = output_ids[:-1] if finished else output_ids
        target_tokens = self.target_vocab.decode(target_ids)
        truncated = original_count > len(tokens)
        written = self.detokenize(target_tokens)
        translation, left_out = write_back(written, reading)
        read_as = self.detokenize(tokens, "source") if truncated else reading.read
        evidence = self.trace_evidence(read_as, tokens, written, target_tokens)
        return Trace(
            model=self.info,
            source=read_as if truncated and not reading.changed else reading.typed,
            source_tokens=tokens,
            unknown_source_tokens=[i for i, token_id in enumerate(source_ids) if token_id == UNK_ID],
            encoder_outputs=encoder_outputs.tolist(),
            steps=steps,
            target_tokens=target_tokens,
            translation=translation,
            truncated=truncated,
            original_token_count=original_count,
            finished=finished,
            forced_prefix=self.target_vocab.decode(forced),
            source_labels=self.labels(tokens),
            target_labels=self.labels(target_tokens),
            beam_width=beam,
            read_as=read_as if reading.changed else "",
            notes=reading_notes(reading, left_out, finished, limit, len(output_ids), evidence),
            output_limit=limit,
            evidence=evidence,
        )

    # -- what the model reads, and what it learned from ------------------------------------------
    def read(self, sentence: str) -> Reading:
        """The sentence as the model reads it: capitals in ordinary case, unseen characters as names
        (model/inference/reading.py)."""
        typed = normalize(sentence)
        if self.subword is None:
            return read_sentence(typed, lambda word: word in self.source_vocab, None)
        knows = lambda word: WORD_START + word in self.source_vocab  # noqa: E731
        reading = read_sentence(typed, knows, self.subword.can_write)
        if (reading.full_stop_added or reading.question_mark_added) and \
                len(self.tokenize(reading.read)) > self.config.max_source_tokens:
            return read_sentence(typed, knows, self.subword.can_write, punctuate=False)  # the mark would not fit
        return reading

    def output_limit(self, source_count: int) -> int:
        """Steps at most for an input of source_count tokens: twice its length plus ten, within the model's
        own limit, so that a repeated word cannot loop on. Of the corpora's pairs, 2 of 138,427 English-French
        and none of 115,382 English-Spanish translations need more pieces (<EOS> counted)."""
        return min(self.config.max_output_tokens, 2 * source_count + 10)

    def trace_evidence(self, read: str, tokens: list[str], written: str, target_tokens: list[str]) -> TraceEvidence | None:
        """Every word of the sentence and of the translation with the training pairs that hold it."""
        if self.evidence_index is None:
            return None
        return sentence_evidence(self.evidence_index, read, tokens, written, target_tokens, self.config,
                                 self.subword is not None)

    def beam_path(self, source_ids: list[int], beam: int, allow_unk: bool, forced_or_edited: bool, limit: int):
        """-> (the beam's best output ids, what it weighed at each step), or ([], []) for greedy."""
        if isinstance(beam, bool) or not isinstance(beam, int) or not 1 <= beam <= MAX_BEAM:
            raise InputError(f"The beam width must be a whole number from 1 to {MAX_BEAM}.", "bad_beam", limit=MAX_BEAM)
        if beam == 1:
            return [], []
        if forced_or_edited:
            raise InputError("Beam search is traced without forced words or attention edits.", "beam_with_edits")
        record: list = []
        best = beam_search(self.net, source_ids, beam, limit, allow_unk=allow_unk, record=record)
        return best, record

    @torch.inference_mode()
    def _steps(self, decoder_steps, encoder_outputs: torch.Tensor, output_ids: list[int], forced_count: int,
               edited: set[int] = frozenset(), beam_record: list | None = None) -> list[Step]:
        """The trace's steps: the numbers of explain_steps (a few tensor calls for the whole sentence),
        turned into plain lists and packed one Step per output word."""
        numbers = explain_steps(self.net, decoder_steps, encoder_outputs, output_ids, TOP_K)
        count = len(output_ids)
        rows = {name: per_step(getattr(numbers, name), count)
                for name in ("decoder_outputs", "scores", "cosine", "weights", "context", "scaled_weights",
                             "output_probs", "decoder_parts", "bias_parts", "input_parts")}
        score_terms, weighted = float32_row_lists(numbers.score_terms, count), float32_row_lists(
            numbers.weighted_encodings, count)
        top_ids, top_probs, top_logits = (numbers.output.top_ids.tolist(), numbers.output.top_probs.tolist(),
                                          numbers.output.top_logits.tolist())
        itos, label = self.target_vocab.itos, self.token_label
        steps, previous = [], EOS
        for n, output_id in enumerate(output_ids):
            inputs = rows["input_parts"][n] or [[] for _ in top_ids[n]]
            steps.append(Step(
                input_token=previous,
                decoder_output=rows["decoder_outputs"][n],
                scores=rows["scores"][n],
                cosine=rows["cosine"][n],
                weights=rows["weights"][n],
                context=rows["context"][n],
                top_k=[Candidate(token=itos[i], prob=p, logit=logit, label=label(itos[i]),
                                 parts=LogitParts(decoder=d, inputs=inp, bias=b))
                       for i, p, logit, d, inp, b in zip(top_ids[n], top_probs[n], top_logits[n],
                                                         rows["decoder_parts"][n], inputs, rows["bias_parts"][n])],
                output_token=itos[output_id],
                forced=n < forced_count,
                score_terms=score_terms[n],
                weighted_encoder_outputs=weighted[n],
                output_prob=rows["output_probs"][n],
                skipped_unk=not beam_record and n >= forced_count and top_ids[n][0] == UNK_ID and output_id != UNK_ID,
                input_label=label(previous),
                output_label=label(itos[output_id]),
                attention_edited=n in edited,
                scaled_weights=rows["scaled_weights"][n],
                beam=self._beam_hypotheses(beam_record[n]) if beam_record and n < len(beam_record) else None,
            ))
            previous = itos[output_id]
        return steps

    def _beam_hypotheses(self, weighed) -> list[BeamHypothesis]:
        return [BeamHypothesis(tokens=(words := self.target_vocab.decode(c.tokens)), labels=self.labels(words),
                               log_prob=c.log_prob, status=c.status) for c in weighed]

    def translate(self, sentences: list[str], beam: int = 1, allow_unk: bool = False) -> list[str]:
        """Translate many sentences; an empty one gives "", an over-long one is cut at the limit.
        A translation never has <unk> unless allow_unk (see model.decode)."""
        results = [""] * len(sentences)
        encoded, readings = [], {}
        for index, sentence in enumerate(sentences):
            readings[index] = self.read(sentence)
            tokens = self.tokenize(readings[index].read)[: self.config.max_source_tokens]
            if tokens:
                encoded.append((index, self.source_vocab.encode(tokens)))
        encoded.sort(key=lambda pair: len(pair[1]))  # similar lengths together: less padding
        outputs = []
        batch = max(1, TRANSLATE_BATCH // max(beam, 1))  # about as many decoder rows per step whatever the beam
        for start in range(0, len(encoded), batch):
            chunk = encoded[start : start + batch]
            sources, limits = [ids for _, ids in chunk], [self.output_limit(len(ids)) for _, ids in chunk]
            if beam > 1:
                decoded = beam_search_many(self.net, sources, beam, limits, allow_unk=allow_unk)
            else:
                decoded, _, _ = greedy_decode(self.net, sources, limits, allow_unk=allow_unk)
            outputs += [(i, ids) for (i, _), ids in zip(chunk, decoded)]
        for index, ids in outputs:
            ids = ids[:-1] if ids and ids[-1] == EOS_ID else ids
            results[index] = write_back(self.detokenize(self.target_vocab.decode(ids)), readings[index])[0]
        return results


def per_step(values: torch.Tensor | None, count: int) -> list:
    """steps x ... -> one plain Python value per step (None for each step when there is no tensor)."""
    return [None] * count if values is None else values.tolist()


def float32_row_lists(matrices: torch.Tensor | None, count: int) -> list[Rows | None]:
    """steps x rows x numbers (float32) -> per step, its rows as the trace keeps them: the same
    values as .tolist(), in an eighth of the memory (see model.inference.trace)."""
    if matrices is None:
        return [None] * count
    return [float32_rows(row.tobytes() for row in step) for step in matrices.contiguous().numpy()]
