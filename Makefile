# sitroom: the two commands a new user needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= sitroom.duckdb
OUT    ?= out

.PHONY: demo test venv install install-test accuracy bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	# pip 23 ignores lxml's html_clean extra; a current pip resolves pins reliably.
	$(BIN)/python -m pip install --quiet --upgrade pip

venv: $(BIN)/python

install: venv
	$(BIN)/pip install --quiet -e .

install-test: venv
	$(BIN)/pip install --quiet -e '.[test,ray]'

demo: install
	mkdir -p $(OUT)
	$(BIN)/sitroom ingest examples/corpus --db $(DB)
	$(BIN)/sitroom fuse --db $(DB)
	$(BIN)/sitroom report --db $(DB) --format html -o $(OUT)/report.html
	$(BIN)/sitroom report --db $(DB) --format md -o $(OUT)/report.md
	$(BIN)/sitroom export --db $(DB) --format acled-csv -o $(OUT)/events.csv
	$(BIN)/sitroom export --db $(DB) --format geojson -o $(OUT)/events.geojson
	@echo "Store: $(DB) (try: $(BIN)/sitroom events --db $(DB))"
	@echo "Situation report: $(OUT)/report.html and $(OUT)/report.md"
	@echo "Incidents: $(OUT)/events.csv (ACLED columns) and $(OUT)/events.geojson (QGIS)"

test: install-test
	$(BIN)/python -m pytest

accuracy: install
	$(BIN)/python bench/accuracy.py

bench: install
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(OUT) $(DB) .pytest_cache test-output
