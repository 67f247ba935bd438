# The two commands of the README: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CORPORA ?= ../shared/corpora
# Sizes chosen from a measured ~2,100 target tokens/s on 2 CPU cores (see pretrained/*/README.md).
MODEL_ARGS ?= --embedding-size 256 --hidden-size 256 --num-layers 2 --min-count 5 --batch-tokens 4000 \
	--max-epochs 11 --lr-decay-start-epoch 9 --lr-decay 0.5 --time-budget-minutes 0
FURTHER_ARGS := --learning-rate 0.001 --max-epochs 4 --lr-decay-start-epoch 2 --lr-decay 0.5 \
	--cache-dir $(HOME)/.cache/attention-explorer/further

.PHONY: run test test-fast bench models venv clean

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

# Retrain every model from $(CORPORA) and rewrite the model cards (about two hours per model on 2 cores).
models: venv
	$(PY) -m model.train --toy
	$(PY) -m model.train --data $(CORPORA)/eng-fra.tsv.gz --target-language fr --name en-fr $(MODEL_ARGS) --no-evaluate
	$(PY) -m model.train --data $(CORPORA)/eng-fra.tsv.gz --target-language fr --name en-fr-no-attention --no-attention $(MODEL_ARGS) --no-evaluate
	$(PY) -m model.train --data $(CORPORA)/eng-spa.tsv.gz --target-language es --name en-es $(MODEL_ARGS) --no-evaluate
	# Each was then trained 4 epochs further from those weights (later sessions; their own checkpoint folder)
	$(PY) -m model.train --data $(CORPORA)/eng-fra.tsv.gz --target-language fr --name en-fr $(MODEL_ARGS) --no-evaluate \
		$(FURTHER_ARGS) --init-from pretrained/en-fr
	$(PY) -m model.train --data $(CORPORA)/eng-fra.tsv.gz --target-language fr --name en-fr-no-attention --no-attention \
		$(MODEL_ARGS) --no-evaluate $(FURTHER_ARGS) --init-from pretrained/en-fr-no-attention
	$(PY) -m model.train --data $(CORPORA)/eng-spa.tsv.gz --target-language es --name en-es $(MODEL_ARGS) --no-evaluate \
		$(FURTHER_ARGS) --init-from pretrained/en-es
	# en-es then trained further with a larger vocabulary (min count 3; new words start as <unk>)
	$(PY) -m model.train --data $(CORPORA)/eng-spa.tsv.gz --target-language es --name en-es $(MODEL_ARGS) --no-evaluate \
		--min-count 3 --learning-rate 0.001 --max-epochs 8 --lr-decay-start-epoch 4 --lr-decay 0.5 \
		--time-budget-minutes 100 --cache-dir $(HOME)/.cache/attention-explorer/grow --init-from pretrained/en-es
	# and then 9 epochs more from those weights, same vocabulary (learning rate 0.0007, halved each epoch from the fifth)
	$(PY) -m model.train --data $(CORPORA)/eng-spa.tsv.gz --target-language es --name en-es $(MODEL_ARGS) --no-evaluate \
		--min-count 3 --learning-rate 0.0007 --max-epochs 9 --lr-decay-start-epoch 5 --lr-decay 0.5 \
		--cache-dir $(HOME)/.cache/attention-explorer/further4 --init-from pretrained/en-es
	$(MAKE) cards

cards: venv
	$(PY) -m model.evaluate --model pretrained/en-fr --compare pretrained/en-fr-no-attention --beam 4
	$(PY) -m model.evaluate --model pretrained/en-es --beam 4
	$(PY) -m model.card pretrained/statquest-toy pretrained/en-fr pretrained/en-fr-no-attention pretrained/en-es

clean:
	rm -rf $(VENV) .pytest_cache test-output
