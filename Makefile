# The two commands of the README:
#   make demo   set everything up and run the demo site at http://127.0.0.1:8000
#   make test   run the whole test suite against the real PostgreSQL and Redis
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install system-packages system-packages-test messages lint worker beat bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

system-packages:
	./scripts/system-packages.sh

system-packages-test:
	./scripts/system-packages.sh --test

messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv -v 0

demo: system-packages install messages
	KOFST_DEMO=true KOFST_REQUIRE_2FA=false $(BIN)/python manage.py migrate -v 0
	KOFST_DEMO=true KOFST_REQUIRE_2FA=false $(BIN)/python manage.py seed_demo
	KOFST_DEMO=true KOFST_REQUIRE_2FA=false $(BIN)/python manage.py runserver 127.0.0.1:8000

test: system-packages-test install messages
	./scripts/services.sh
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -n 2 --create-db $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

worker: install
	$(BIN)/celery -A kofst worker -l info

beat: install
	$(BIN)/celery -A kofst beat -l info

bench: install
	$(BIN)/python bench/roster.py
	$(BIN)/python bench/mail.py
	$(BIN)/python bench/import.py

clean:
	rm -rf $(VENV) var
