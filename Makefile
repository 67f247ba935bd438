# The two commands of the README: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CORPORA ?= ../shared/corpora
# The subword recipe: SentencePiece pieces, bidirectional encoder, tied embeddings, joined pairs and
# swapped names/numbers, the last two epochs averaged when that scores better. Sizes and budget chosen from
# measured throughput on 2 CPU cores (~2,400-2,900 target pieces/s idle; the cards give each run's figures).
RECIPE_ARGS ?= --tokenizer sentencepiece --vocab-size 8000 --bidirectional --tie-embeddings \
	--embedding-size 256 --hidden-size 256 --num-layers 2 --max-train-tokens 60 --max-source-tokens 100 \
	--max-output-tokens 120 --joined-percent 25 --copy-percent 15 --batch-tokens 6000 --learning-rate 0.002 \
	--max-epochs 5 --lr-decay-start-epoch 4 --lr-decay 0.5 --average-last 2 --time-budget-minutes 125

.PHONY: run test test-fast bench screenshot vendor models model cards evidence venv clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

run: venv
	$(PY) -m streamlit run app/main.py

test: venv
	$(PY) -m pytest

test-fast: venv
	$(PY) -m pytest -m "not browser"

bench: venv
	$(PY) -m bench.run_all

# The README's picture (docs/screenshot.png), drawn by Chromium from the app; `make test` never writes it.
screenshot: venv
	$(PY) -m tests.browser.readme_screenshot

# The browser libraries the step viewer ships with, at the versions app/static/vendor/package.json pins,
# copied again from the npm registry's builds with their licenses (axe-core, for the accessibility test,
# into tests/browser/vendor). Only needed to change a version: the copies are committed.
VENDOR := app/static/vendor
vendor:
	rm -rf $(VENDOR)/.npm && mkdir -p $(VENDOR)/.npm && cp $(VENDOR)/package.json $(VENDOR)/.npm/
	cd $(VENDOR)/.npm && npm install --no-audit --no-fund --ignore-scripts
	for lib in vega vega-lite vega-embed; do \
		cp $(VENDOR)/.npm/node_modules/$$lib/build/$$lib.min.js $(VENDOR)/.npm/node_modules/$$lib/LICENSE $(VENDOR)/$$lib/; \
		sed -i '/sourceMappingURL=/d' $(VENDOR)/$$lib/$$lib.min.js; done
	cp $(VENDOR)/.npm/node_modules/axe-core/axe.min.js $(VENDOR)/.npm/node_modules/axe-core/LICENSE tests/browser/vendor/axe-core/
	rm -rf $(VENDOR)/.npm

# Further training from a model's own weights (its card's Part 2 and Part 3): lower learning rates, more
# swapped names and numbers. Each part keeps its checkpoints in its own folder, so that it starts from the
# weights of the part before instead of resuming that part's finished run.
FR_PART2_ARGS ?= --copy-percent 40 --learning-rate 0.0005 --max-epochs 1 --average-last 1 --time-budget-minutes 13
FR_PART3_ARGS ?= --copy-percent 30 --learning-rate 0.001 --max-epochs 5 --lr-decay-start-epoch 3 --lr-decay 0.6 \
	--average-last 1 --time-budget-minutes 62
ES_PART2_ARGS ?= --learning-rate 0.001 --max-epochs 7 --lr-decay-start-epoch 4 --lr-decay 0.7 --average-last 1 \
	--time-budget-minutes 95
FR_PART4_ARGS ?= --copy-percent 30 --seed 4321 --learning-rate 0.0005 --max-epochs 4 --lr-decay-start-epoch 2 \
	--lr-decay 0.7 --average-last 1 --time-budget-minutes 50
ES_PART3_ARGS ?= --seed 4321 --learning-rate 0.0006 --max-epochs 5 --lr-decay-start-epoch 2 --lr-decay 0.75 \
	--average-last 1 --time-budget-minutes 55
ES_PART4_ARGS ?= --seed 5432 --learning-rate 0.0005 --max-epochs 3 --lr-decay-start-epoch 2 --lr-decay 0.7 \
	--average-last 1 --time-budget-minutes 110
# en-es Part 5, forward translation: Part 4's own beam-4 translations of the English that eng-fra has and
# eng-spa lacks (model.distill --other), added to the training pairs.
ES_FORWARD := $(HOME)/.cache/attention-explorer/distill/en-es-forward-from-fra-beam4.tsv.gz
# en-fr Part 5 (both models, each its own teacher), the same lever: the English that eng-spa has and eng-fra lacks.
FR_FORWARD = $(CACHE)/distill/$(1)-forward-from-spa-beam4.tsv.gz
FR_PART5_ARGS ?= --copy-percent 30 --seed 6789 --learning-rate 0.0005 --max-epochs 3 --lr-decay-start-epoch 2 \
	--lr-decay 0.7 --average-last 1 --time-budget-minutes 130
# en-fr Part 6 (both models), a model soup: two runs of two more epochs from Part 5's weights with two seeds, the
# second saving the mean of both runs' weights (--soup-with) since that scored a lower validation loss.
FR_PART6_ARGS ?= --copy-percent 30 --learning-rate 0.0003 --max-epochs 2 --lr-decay-start-epoch 2 --lr-decay 0.7 \
	--average-last 2 --time-budget-minutes 90
# en-fr Part 7 (both models), a wider model: the LSTM states grown from 256 to 384 numbers (--hidden-size above the
# folder's: model/training/widen.py starts the new units silent), then three epochs on Part 5's data.
FR_PART7_ARGS ?= --hidden-size 384 --copy-percent 30 --seed 1122 --learning-rate 0.0005 --max-epochs 3 \
	--lr-decay-start-epoch 2 --lr-decay 0.7 --average-last 2 --time-budget-minutes 120
ES_PART5_ARGS ?= --seed 6789 --learning-rate 0.0005 --max-epochs 3 --lr-decay-start-epoch 2 --lr-decay 0.7 \
	--average-last 1 --time-budget-minutes 70 --synthetic $(ES_FORWARD)
# en-es Part 6, a wider model as en-fr's Part 7: the LSTM states grown from 256 to 384 numbers from Part 5's weights,
# then five epochs on Part 5's data (its own forward translations included).
ES_PART6_ARGS ?= --hidden-size 384 --seed 1122 --learning-rate 0.0005 --max-epochs 5 --lr-decay-start-epoch 2 \
	--lr-decay 0.7 --average-last 2 --time-budget-minutes 110 --synthetic $(ES_FORWARD)
# en-es Part 7: the forward translations made again by Part 6, a better teacher than Part 4, then three more epochs
# at a lower learning rate (the last two averaged).
ES_FORWARD_P6 := $(HOME)/.cache/attention-explorer/distill/en-es-forward-from-fra-part6-beam4.tsv.gz
ES_PART7_ARGS ?= --hidden-size 384 --seed 7101 --learning-rate 0.0002 --max-epochs 3 --lr-decay-start-epoch 2 \
	--lr-decay 0.7 --average-last 2 --time-budget-minutes 110 --synthetic $(ES_FORWARD_P6)
CACHE := $(HOME)/.cache/attention-explorer
FR_DATA = --pair en-fr --corpora $(CORPORA)
ES_DATA = --pair en-es --corpora $(CORPORA)

# en-fr's six parts (its card's Part 1 to 6) for model $(1), with extra arguments $(2).
define en_fr_parts
$(PY) -m model.train $(FR_DATA) --name $(1) $(2) $(RECIPE_ARGS) --no-evaluate
$(PY) -m model.train $(FR_DATA) --name $(1) $(2) --init-from pretrained/$(1) --cache-dir $(CACHE)/part2 \
	$(RECIPE_ARGS) $(FR_PART2_ARGS) --no-evaluate
$(PY) -m model.train $(FR_DATA) --name $(1) $(2) --init-from pretrained/$(1) --cache-dir $(CACHE)/part3 \
	$(RECIPE_ARGS) $(FR_PART3_ARGS) --no-evaluate
$(PY) -m model.train $(FR_DATA) --name $(1) $(2) --init-from pretrained/$(1) --cache-dir $(CACHE)/part4-fr \
	$(RECIPE_ARGS) $(FR_PART4_ARGS) --no-evaluate
$(PY) -m model.distill --model pretrained/$(1) --data $(CORPORA)/eng-fra.tsv.gz --other $(CORPORA)/eng-spa.tsv.gz \
	--out $(FR_FORWARD) --beam 4
$(PY) -m model.train $(FR_DATA) --name $(1) $(2) --init-from pretrained/$(1) --cache-dir $(CACHE)/part5-fr \
	$(RECIPE_ARGS) $(FR_PART5_ARGS) --synthetic $(FR_FORWARD) --no-evaluate
$(PY) -m model.train $(FR_DATA) --name $(1) $(2) --init-from pretrained/$(1) --cache-dir $(CACHE)/part6-avg \
	--out runs/$(1)-p6 $(RECIPE_ARGS) $(FR_PART6_ARGS) --seed 8642 --synthetic $(FR_FORWARD) --no-evaluate
$(PY) -m model.train $(FR_DATA) --name $(1) $(2) --init-from pretrained/$(1) --cache-dir $(CACHE)/part6-seed9753 \
	$(RECIPE_ARGS) $(FR_PART6_ARGS) --seed 9753 --synthetic $(FR_FORWARD) --soup-with runs/$(1)-p6 --no-evaluate
$(PY) -m model.train $(FR_DATA) --name $(1) $(2) --init-from pretrained/$(1) --cache-dir $(CACHE)/part7-wide \
	$(RECIPE_ARGS) $(FR_PART7_ARGS) --synthetic $(FR_FORWARD) --no-evaluate
endef

# Retrain every model from $(CORPORA), every part its card lists, and rewrite the model cards: the cards' parts
# took 9.6 hours for en-fr, 8.4 for en-fr-no-attention (both runs of Part 6) and 7.9 for en-es (plus 4-8 minutes for each teacher) on 2 CPU
# cores. Each part resumes from its checkpoint in ~/.cache/attention-explorer if it was stopped.
models: venv
	$(PY) -m model.train --toy
	$(call en_fr_parts,en-fr,)
	$(call en_fr_parts,en-fr-no-attention,--no-attention)
	$(PY) -m model.train $(ES_DATA) --name en-es $(RECIPE_ARGS) --no-evaluate
	$(PY) -m model.train $(ES_DATA) --name en-es --init-from pretrained/en-es --cache-dir $(CACHE)/part2 \
		$(RECIPE_ARGS) $(ES_PART2_ARGS) --no-evaluate
	$(PY) -m model.train $(ES_DATA) --name en-es --init-from pretrained/en-es --cache-dir $(CACHE)/part3 \
		$(RECIPE_ARGS) $(ES_PART3_ARGS) --no-evaluate
	$(PY) -m model.train $(ES_DATA) --name en-es --init-from pretrained/en-es --cache-dir $(CACHE)/part4-es \
		$(RECIPE_ARGS) $(ES_PART4_ARGS) --no-evaluate
	$(PY) -m model.distill --model pretrained/en-es --data $(CORPORA)/eng-spa.tsv.gz --other $(CORPORA)/eng-fra.tsv.gz \
		--out $(ES_FORWARD) --beam 4
	$(PY) -m model.train $(ES_DATA) --name en-es --init-from pretrained/en-es --cache-dir $(CACHE)/part5-es \
		$(RECIPE_ARGS) $(ES_PART5_ARGS) --no-evaluate
	$(PY) -m model.train $(ES_DATA) --name en-es --init-from pretrained/en-es --cache-dir $(CACHE)/part6-wide-es \
		$(RECIPE_ARGS) $(ES_PART6_ARGS) --no-evaluate
	$(PY) -m model.distill --model pretrained/en-es --data $(CORPORA)/eng-spa.tsv.gz --other $(CORPORA)/eng-fra.tsv.gz \
		--out $(ES_FORWARD_P6) --beam 4
	$(PY) -m model.train $(ES_DATA) --name en-es --init-from pretrained/en-es --cache-dir $(CACHE)/part7-es \
		$(RECIPE_ARGS) $(ES_PART7_ARGS) --no-evaluate
	$(MAKE) cards

# A new language pair (README, "A new language pair"): its entry in model/inference/languages.py, its corpus
# eng-<code>.tsv.gz in $(CORPORA), then `make model PAIR=en-de`: the subword recipe's first part, evaluation,
# the evidence index and the card.
PAIR ?=
model: venv
	@test -n "$(PAIR)" || { echo "usage: make model PAIR=en-xx"; exit 2; }
	$(PY) -m model.train --pair $(PAIR) --corpora $(CORPORA) $(RECIPE_ARGS) --no-evaluate
	$(PY) -m model.evaluate --model pretrained/$(PAIR) --beam 4
	$(PY) -m model.card pretrained/$(PAIR)

# The evidence index of each committed model (training writes it; this rewrites it from the corpora).
evidence: venv
	$(PY) -m model.training.evidence_index pretrained/statquest-toy pretrained/en-fr pretrained/en-fr-no-attention \
		pretrained/en-es

cards: venv
	$(PY) -m model.evaluate --model pretrained/en-fr --compare pretrained/en-fr-no-attention --beam 4
	$(PY) -m model.evaluate --model pretrained/en-es --beam 4
	$(PY) -m model.card pretrained/statquest-toy pretrained/en-fr pretrained/en-fr-no-attention pretrained/en-es

clean:
	rm -rf $(VENV) .pytest_cache test-output
