# Handreiking-portaal. `make run` serves it locally; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
DEV_ENV := DJANGO_DEBUG=1 DJANGO_HTTPS=0
# Lint and benchmarks: production settings (DEBUG off) over plain HTTP. Tests use their own
# settings module, portal/settings_test.py (pytest --ds, in pyproject.toml).
TEST_ENV := DJANGO_SECRET_KEY=test-secret-key-not-for-production DJANGO_HTTPS=0 DJANGO_DEBUG=0

.PHONY: help run test lint format superuser account bench bench-tools soak install install-test clean

help: ## Toon alle opdrachten met een korte uitleg
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | \
	  awk -F'\t' '{printf "  make %-14s %s\n", $$1, $$2}' | sed 's/\$$(PORT)/8000/'


$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed ## Installeer het portaal in .venv/
install-test: $(VENV)/.installed-test ## Installeer ook wat de tests nodig hebben

# The port `make run` serves on: make run PORT=8001
PORT ?= 8000

run: install ## Installeer, migreer en start het portaal op http://127.0.0.1:$(PORT)/ (SQLite)
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	@echo ""
	@echo "Het portaal start op http://127.0.0.1:$(PORT)/ (stoppen: Ctrl+C)."
	@echo "Een account voor de redactie, de beoordelaars of HR maakt u met: make account"
	@echo "Geplande publicaties gaan live via publish_scheduled, dat hiernaast elke 10 seconden kijkt."
	@echo "Reflecties komen vrij na afloop van de week (release_reflections kijkt elk uur);"
	@echo "meteen vrijgeven: .venv/bin/python manage.py release_reflections --close-period"
	@echo ""
	@# Scheduled publications and releases need timers (a reader's request never publishes
	@# or releases): beside the development server, stopped with it.
	@$(DEV_ENV) $(PY) manage.py publish_scheduled --every 10 > /dev/null & timer=$$!; \
	  $(DEV_ENV) $(PY) manage.py release_reflections --every 3600 > /dev/null & release=$$!; \
	  trap 'kill $$timer $$release 2>/dev/null' EXIT INT TERM; \
	  $(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install-test ## Draai alle tests (SQLite; DATABASE_URL=postgres://… voor PostgreSQL)
	$(PY) -m pytest --cov --cov-report=term $(PYTEST_ARGS)

lint: install-test ## ruff en de controle op ontbrekende migraties
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

format: install-test ## Zet de code in de vaste opmaak (ruff)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

superuser: install ## Maak een beheerder met alle rechten
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py createsuperuser

# An account for an editor, a reviewer or HR: asks for the role, name, e-mail and password.
account: install ## Maak een account voor een redacteur, beoordelaar of HR
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py create_staff

# Benchmarks need wrk and nginx (installed with apt when missing and run as root) and py-spy
# (from PyPI, into the venv) for the zelftoets profile; PostgreSQL and Redis on 127.0.0.1.
bench: install-test bench-tools ## Meet de snelheid (wrk, nginx, PostgreSQL, Redis)
	$(TEST_ENV) $(PY) bench/run.py $(BENCH_ARGS)

bench-tools: ## Installeer wrk, nginx en py-spy voor make bench
	@if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update && apt-get install -y --no-install-recommends wrk nginx; \
		else \
			echo "wrk of nginx ontbreekt: apt-get install wrk nginx (als root)"; \
		fi; \
	fi
	@$(PIP) show py-spy >/dev/null 2>&1 || $(PIP) install --quiet py-spy

# Soak test: two instances on PostgreSQL and Redis under mixed load for 5 minutes; writes
# bench/SOAK.md and fails on any error. Shorter: make soak SOAK_ARGS="--seconds 60".
soak: install-test ## Duurtest: twee instanties onder gemengde last (5 minuten)
	$(TEST_ENV) $(PY) bench/soak.py $(SOAK_ARGS)

# Faults under load (issue 23): a worker killed, database connections ended, a database restart,
# a stalled database and a Redis outage, each under zelftoets load; prints and writes to
# bench/RESULTS.md what was sent, acknowledged, stored, lost and duplicated, and fails when
# anything acknowledged was lost or stored twice. About 2 minutes, as root. It restarts this
# machine's PostgreSQL (other databases' sessions drop) and stops its Redis for 5 s.
.PHONY: chaos
chaos: install-test ## Storingen onder last: verzonden, bevestigd, opgeslagen, verloren (herstart PostgreSQL en Redis)
	$(TEST_ENV) $(PY) bench/chaos.py $(CHAOS_ARGS)

clean: ## Ruim .venv, statische bestanden en caches op (de lokale database db.sqlite3 blijft)
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis .coverage test-results *.egg-info
