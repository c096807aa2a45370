PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO   := scenarios/almelo-2018.xlsx
DEMO_UIT := uitvoer/almelo-2018-besluiten.xlsx

.PHONY: demo test bench bench-sweep install notebooks clean

$(BIN)/plaatsing: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/plaatsing

demo: install
	@mkdir -p uitvoer
	$(BIN)/plaatsing solve $(DEMO) --uitvoer $(DEMO_UIT) --overschrijf
	@echo "Besluiten geschreven naar $(DEMO_UIT)"
	@echo "De notebooks (notebooks/) openen: make notebooks"

notebooks: install
	$(BIN)/pip install --quiet -e '.[notebook]'
	$(BIN)/jupyter lab notebooks/

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/bench.py

bench-sweep: install
	$(BIN)/python benchmarks/sweep_bench.py

clean:
	rm -rf $(VENV) uitvoer .pytest_cache .hypothesis
