# Two commands do all set-up: `make demo` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.rashomon-installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install demo test bench lint clean browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# torch first, pinned: pip takes the CPU build from local disk; an unpinned torch pulls CUDA.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev,postgres,ray]'
	# the embedding model exported to ONNX once, here, rather than by the first analysis (tens of seconds)
	$(BIN)/python -c "from rashomon.embed import load_embedder; load_embedder(backend='onnx')"
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/rashomon analyze examples/reports --out out/demo

test: install
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q

# the browser tests use Debian's Chromium; CI (.ci/run) installs it the same way
browser:
	@test -x /usr/bin/chromium || apt-get install -y --no-install-recommends chromium \
		|| { apt-get update && apt-get install -y --no-install-recommends chromium; }

# sizes (reports per run): the defaults take minutes; 5,000 is opt-in, e.g.
#   make bench BENCH_SIZES=100,1000,5000 BENCH_PG_SIZES=100,1000,5000
BENCH_SIZES ?= 100,1000
BENCH_PG_SIZES ?= 100
BENCH_RAY_WORKERS ?= 1,2
bench: install
	$(BIN)/python bench/bench.py --sizes $(BENCH_SIZES) --postgres-sizes $(BENCH_PG_SIZES) \
		--ray-workers $(BENCH_RAY_WORKERS)

lint: install
	$(BIN)/ruff check src tests bench

clean:
	rm -rf out .pytest_cache
