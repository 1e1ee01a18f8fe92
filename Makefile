# The two commands of the README, and a few helpers for developers.
.PHONY: demo test venv lint messages bench bench-surveys bench-consultations-map

# Scale of `make bench-surveys` (see docs/benchmarks.md).
SCALE ?= 1000000
BODIES ?= 5000
SEED ?= 1

demo: venv          ## the app with demo data on SQLite: prints the address and the demo logins, then serves
	.venv/bin/danvan demo $(if $(PORT),--port $(PORT))

test:               ## the whole suite: lint, types, checks, tests on SQLite and PostgreSQL, browser tests
	scripts/test.sh

venv:
	scripts/venv.sh

lint: venv
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy danvan config benchmarks tests && .venv/bin/lint-imports

messages: venv      ## refresh the .po file after changing user-facing text, then translate and compile
	cd danvan && ../.venv/bin/django-admin makemessages -l vi --no-obsolete --settings=config.settings.test --pythonpath=.. && ../.venv/bin/django-admin compilemessages -l vi --settings=config.settings.test --pythonpath=..

bench: venv        ## HTTP benchmark at SCALE cases: ours, django-helpdesk and the ceiling, one run (docs/benchmarks.md)
	.venv/bin/python -m benchmarks.http_suite --scale $(SCALE) --seed $(SEED)

bench-surveys: venv ## satisfaction indices over SCALE synthetic responses and BODIES bodies, PostgreSQL then SQLite
	.venv/bin/python -m benchmarks.surveys_indices --db both --responses $(SCALE) --bodies $(BODIES) --seed $(SEED)

bench-consultations-map: venv ## the opinion map of 10,000 participants × 500 statements (and smaller, random), 3 runs
	.venv/bin/python -m benchmarks.consultations_map --seed $(SEED)
