# Handreiking-portaal. `make run` serves it locally; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
DEV_ENV := DJANGO_DEBUG=1 DJANGO_HTTPS=0
# Lint and benchmarks: production settings (DEBUG off) over plain HTTP. Tests use their own
# settings module, portal/settings_test.py (pytest --ds, in pyproject.toml).
TEST_ENV := DJANGO_SECRET_KEY=test-secret-key-not-for-production DJANGO_HTTPS=0 DJANGO_DEBUG=0

.PHONY: run test lint format superuser account bench bench-tools soak install install-test clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	@echo ""
	@echo "Het portaal draait op http://127.0.0.1:8000/ (stoppen: Ctrl+C)."
	@echo "Een account voor de redactie maakt u met: make superuser"
	@echo "  (daarna in /admin/ de gebruiker aan de groep Redacteuren of Beoordelaars toevoegen)"
	@echo ""
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

test: install-test
	$(PY) -m pytest --cov --cov-report=term $(PYTEST_ARGS)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run

format: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

superuser: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py createsuperuser

# An account for an editor, a reviewer or HR: asks for the role, name, e-mail and password.
account: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py create_staff

# Benchmarks need wrk and nginx (installed with apt when missing and run as root) and py-spy
# (from PyPI, into the venv) for the zelftoets profile; PostgreSQL and Redis on 127.0.0.1.
bench: install-test bench-tools
	$(TEST_ENV) $(PY) bench/run.py $(BENCH_ARGS)

bench-tools:
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
soak: install-test
	$(TEST_ENV) $(PY) bench/soak.py $(SOAK_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
