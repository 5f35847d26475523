# The commands the README names: `make run` and `make test`, each doing the set-up it
# needs. Everything builds from crates.io; nothing else is fetched.
CARGO ?= cargo
# Runs a command against a PostgreSQL for the tests: DANTIN_TEST_PG_URL if the caller set
# it, else a throwaway cluster of its own (see the script).
WITH_PG = bash scripts/with-test-postgres.sh

.PHONY: setup rust-tools conformance-tools ops-tools browser-tools official-map run test nextest lint fmt openapi bench conformance faults instances map

## What the tests need besides the Rust toolchain; each step is skipped when already done,
## so `make test` runs it every time.
setup: rust-tools conformance-tools ops-tools browser-tools official-map

## The lint components and the test runner.
rust-tools:
	@rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
	@command -v cargo-nextest >/dev/null || $(CARGO) install --locked cargo-nextest

## The pinned conformance tools: Schemathesis and openapi-python-client from PyPI, Redocly from npm.
conformance-tools:
	@bash tests/conformance/setup.sh

## From Debian's packages: haproxy for the two-instance drill, promtool (package
## prometheus) to check the metrics.
ops-tools:
	@command -v haproxy >/dev/null && command -v promtool >/dev/null || \
		{ apt-get install -y -q --no-install-recommends haproxy prometheus >/dev/null 2>&1 || \
		{ apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends haproxy prometheus >/dev/null; }; }

## From Debian's packages: Chromium and its driver, for the dashboard's browser test
## (Selenium is told where they are; it fetches nothing).
browser-tools:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		{ apt-get install -y -q --no-install-recommends chromium chromium-driver >/dev/null 2>&1 || \
		{ apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends chromium chromium-driver >/dev/null; }; }

## The official map and its 2025 reform, from PyPI's vietnam-provinces (GPL: fetched into
## target/official-map/, never committed); what `dantin map load` and its test read.
official-map:
	@bash scripts/official-map.sh

## Load the official map and apply the 2025 reform into DANTIN_DATABASE_URL, by default a
## SQLite file of its own (the demo's provinces carry the official codes 22, 38 and 49).
map: official-map
	DANTIN_DATABASE_URL=$${DANTIN_DATABASE_URL:-sqlite://data/official-map.db} \
		$(CARGO) run -p dantin-api --bin dantin -- map load

## Build, migrate, and serve the demo on the real country's map, on SQLite at 127.0.0.1:8080.
run: official-map
	$(CARGO) run -p dantin-api --bin dantin -- serve --demo

## Everything CI checks: format, lints, all tests on SQLite and PostgreSQL, spec drift,
## then the served contract checked by outside tools, the fault drills and the
## two-instance drill; all of them on one PostgreSQL, started after the lints.
test: setup lint
	$(WITH_PG) $(MAKE) --no-print-directory nextest conformance faults instances

nextest: rust-tools official-map
	$(WITH_PG) $(CARGO) nextest run --workspace --no-fail-fast

## Spec lint, the generated client's core flow, Schemathesis, personal-data scan (both backends).
conformance: conformance-tools
	$(CARGO) build --workspace --all-targets
	$(WITH_PG) bash tests/conformance/run.sh

## Two instances on one PostgreSQL behind haproxy: limits, keys, reads, webhooks, the chain.
instances: conformance-tools ops-tools
	$(CARGO) build --workspace --all-targets
	$(WITH_PG) bash tests/conformance/instances.sh

## kill -9 during a national import, PostgreSQL stopped and started under load.
faults: conformance-tools
	$(CARGO) build --workspace --all-targets
	$(WITH_PG) bash tests/conformance/faults.sh

lint: rust-tools
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

fmt:
	$(CARGO) fmt --all

## Regenerate openapi/openapi.json from the handlers' annotations.
openapi:
	$(CARGO) run -q -p dantin-api --bin dantin -- openapi > openapi/openapi.json

## Prints, as ratios against baselines measured in the same run and on each backend: the
## public reads on the national map against /health and Datasette, the reports against
## plain SQL, the imports against plain INSERTs, start-up, memory and a soak; then the
## whole country imported and reformed against a province (on a PostgreSQL as for the tests).
bench: official-map
	@bash scripts/bench-setup.sh
	$(CARGO) build --release -p dantin-api --bin dantin
	$(WITH_PG) $(CARGO) bench -p dantin-tests --bench public_reads
	$(WITH_PG) $(CARGO) bench -p dantin-tests --bench national_import
