# capacity-eval task runner. `make demo` and `make test` are the two commands of the README.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
OUT    ?= out
# System libraries WeasyPrint needs, fonts for the reports, poppler for PDF tests,
# and HarfBuzz's subsetter (makes PDF writing 2-3x faster; optional).
APT_PACKAGES = libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core fonts-noto-core poppler-utils
APT_OPTIONAL = libharfbuzz-subset0

.PHONY: setup system-deps demo test lint bench fuzz trials clean

$(BIN)/capacity-eval: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

system-deps:
	@if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		export DEBIAN_FRONTEND=noninteractive; \
		missing=""; for p in $(APT_PACKAGES) $(APT_OPTIONAL); do \
			dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
		if [ -n "$$missing" ]; then \
			apt-get update -qq && apt-get install -y -qq --no-install-recommends $(APT_PACKAGES) >/dev/null; \
			apt-get install -y -qq --no-install-recommends $(APT_OPTIONAL) >/dev/null 2>&1 || \
				echo "note: $(APT_OPTIONAL) not available; PDF writing will be slower"; \
		fi; \
	else \
		echo "note: install these system packages if reports fail: $(APT_PACKAGES) $(APT_OPTIONAL)"; \
	fi

setup: system-deps $(BIN)/capacity-eval

demo: setup
	@mkdir -p $(OUT)
	$(BIN)/capacity-eval validate questionnaires/*.yaml examples/core/*.yaml
	$(BIN)/capacity-eval score examples/core/xbb-interior-2026.yaml
	$(BIN)/capacity-eval report examples/core/xcc-mjsp-2026.yaml -i questionnaires/dps-core.yaml -o $(OUT)/report-xcc-2026.pdf
	$(BIN)/capacity-eval batch examples/core examples/drafts -i questionnaires/dps-core.yaml -o $(OUT)/batch
	$(BIN)/capacity-eval compare examples/core -i questionnaires/dps-core.yaml -o $(OUT)/regional.pdf
	@echo "Done: see $(OUT)/report-xcc-2026.pdf, $(OUT)/batch/ and $(OUT)/regional.pdf"

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: setup
	$(BIN)/python bench/bench_core.py
	$(BIN)/python bench/bench_report.py
	$(BIN)/python bench/bench_compare.py
	$(BIN)/python bench/bench_batch.py

fuzz: setup
	$(BIN)/python bench/fuzz.py --seconds 60

trials: setup
	$(BIN)/python bench/trials.py --fill 60 --batch 20

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
