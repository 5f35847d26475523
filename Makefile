# The commands the README names. Everything builds from crates.io; nothing else is fetched.
CARGO ?= cargo
export DANTIN_TEST_PG_URL ?= postgres://postgres@127.0.0.1:5432

.PHONY: setup run test lint fmt openapi check-postgres bench conformance faults

## Everything a fresh machine with Rust needs: the lint components, the test runner,
## every crate fetched and built (nothing is downloaded at run time), and the pinned
## conformance tools (Schemathesis and openapi-python-client from PyPI, Redocly from npm).
setup:
	rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
	rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
	command -v cargo-nextest >/dev/null || $(CARGO) install --locked cargo-nextest
	$(CARGO) fetch
	$(CARGO) build --workspace --all-targets
	bash tests/conformance/setup.sh

## Build, migrate, and serve the demo on SQLite at 127.0.0.1:8080.
run:
	$(CARGO) run -p dantin-api --bin dantin -- serve --demo

## Everything CI checks: format, lints, all tests on SQLite and PostgreSQL, spec drift,
## then the served contract checked by outside tools, and the fault drills.
test: lint check-postgres
	$(CARGO) nextest run --workspace --no-fail-fast
	$(MAKE) conformance faults

## Spec lint, the generated client's core flow, Schemathesis, personal-data scan (both backends).
conformance: check-postgres
	$(CARGO) build --workspace --all-targets
	bash tests/conformance/run.sh

## kill -9 during a national import, PostgreSQL restarted under load.
faults: check-postgres
	$(CARGO) build --workspace --all-targets
	bash tests/conformance/faults.sh

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

fmt:
	$(CARGO) fmt --all

## Regenerate openapi/openapi.json from the handlers' annotations.
openapi:
	$(CARGO) run -q -p dantin-api --bin dantin -- openapi > openapi/openapi.json

## The PostgreSQL tests must run, never be skipped: fail early and clearly if the server is down.
check-postgres:
	@pg_isready -d "$(DANTIN_TEST_PG_URL)/postgres" >/dev/null 2>&1 || psql "$(DANTIN_TEST_PG_URL)/postgres" -c 'select 1' >/dev/null 2>&1 || \
	  { echo "PostgreSQL is not reachable at $(DANTIN_TEST_PG_URL): start it (see README) or set DANTIN_TEST_PG_URL" >&2; exit 1; }

## Import the whole country in one request on each backend; prints ratios against a
## province-sized baseline measured in the same run (needs PostgreSQL, like the tests).
bench: check-postgres
	$(CARGO) bench -p dantin-tests --bench national_import
