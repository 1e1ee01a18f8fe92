# The two commands of the README, and a few helpers for developers.
.PHONY: demo test venv lint messages

demo: venv          ## the app with demo data on SQLite: prints the address and the demo logins, then serves
	.venv/bin/danvan demo

test:               ## the whole suite: lint, types, checks, tests on SQLite and PostgreSQL, browser tests
	scripts/test.sh

venv:
	scripts/venv.sh

lint: venv
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy danvan config && .venv/bin/lint-imports

messages: venv      ## refresh the .po file after changing user-facing text, then translate and compile
	cd danvan && ../.venv/bin/django-admin makemessages -l vi --no-obsolete --settings=config.settings.test --pythonpath=.. && ../.venv/bin/django-admin compilemessages -l vi --settings=config.settings.test --pythonpath=..
