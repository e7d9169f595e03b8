# make demo — set up (.venv) and check the bundled example copy against the bundled promise books
# make test — set up (.venv) and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The CPU build of torch, installed before sentence-transformers so pip does not pull the CUDA build.
TORCH ?= torch==2.13.0
FIND_LINKS := $(if $(wildcard /opt/wheels),--find-links /opt/wheels)
PIP := $(BIN)/python -m pip --disable-pip-version-check

.PHONY: setup demo test eval train train-pair train-retrieval clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q $(FIND_LINKS) "$(TORCH)"
	$(PIP) install -q $(FIND_LINKS) -e ".[test]"
	touch $@

demo: setup
	@for brand in tallo fresco; do \
	  echo "== corpora/copy/$$brand against corpora/books/$$brand.yaml"; \
	  $(BIN)/promisecheck check corpora/copy/$$brand --promises corpora/books/$$brand.yaml --exit-zero || exit $$?; \
	done

test: setup
	$(BIN)/python -m pytest -q

eval: setup
	$(BIN)/promisecheck eval corpora/cases/dev.jsonl --books corpora/books

# The default judge, xe-e5-v6: xe-e5-v2's recipe (about 50 min on 2 cores; on a GPU machine see
# scripts/train_judge_gpu.sh), then phase C on judge set 1 from v2's work folder (about 30 min).
train: setup
	$(BIN)/python scripts/train_cross_judge.py --work build/xe-train-v2
	$(BIN)/python scripts/train_cross_judge.py --continue-work build/xe-train-v2 --name xe-e5-v6 \
	  --work build/xe-train-v6 --contradicts 0.7

train-pair: setup
	$(BIN)/python scripts/train_judge.py

# The retrieval projection use-m3-promise (about 15 s); --folds 7 --eval gives the out-of-fold train figures.
train-retrieval: setup
	$(BIN)/python scripts/train_retrieval.py

clean:
	rm -rf $(VENV) build .cache .pytest_cache
