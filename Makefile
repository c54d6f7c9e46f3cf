# Frontdesk: `make run` serves the demo clinic; `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv
STAMP  := $(VENV)/.installed
UV_VERSION := 0.13.9
# The local model's llama.cpp is built for AVX2, not for the build machine's own CPU:
# its AMX kernels crash on some Xeon hosts (ggml-org/llama.cpp#20824). The package is
# rebuilt on every install so that a wheel built earlier with other flags is never reused.
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON

export PYTHONDONTWRITEBYTECODE := 1
export HF_HUB_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install run test lint typecheck pytest evals bench lock clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium) \
	    || echo "could not install Debian's chromium: the page tests will fail; install it as root"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(UV) pip install --python $(BIN)/python --compile-bytecode \
	    --refresh-package llama-cpp-python --reinstall-package llama-cpp-python -r requirements.lock
	$(UV) pip install --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

# Regenerate the pinned lock file after changing dependencies in pyproject.toml.
lock:
	$(UV) pip compile pyproject.toml --extra dev --extra local --python-version 3.11 \
	    --output-file requirements.lock

run: install
	$(BIN)/frontdesk serve

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/pytest

# The built-in eval suites: every check must pass; the report stays in reports/eval/.
evals: install
	$(BIN)/frontdesk eval run evals/suites --report reports/eval --min-pass 1.0

test: lint typecheck pytest evals

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
