# The two commands of the README's quick start:
#   make run    set everything up and open the app on a demo station
#   make test   set everything up and run every check (ruff, mypy, pytest)
# Both create .venv themselves and, where the machine allows it (root with apt-get),
# install the system packages they need.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := .demo/demo-station.sqlite
DEMO_ITEMS ?= 500

# Fonts for Chinese PDFs, poppler to look at them, and Qt's runtime libraries
# (offscreen for tests; the xcb set for a real desktop); libpq5 for the bureau's PostgreSQL
# driver (psycopg's pure-Python form loads it; the .deb depends on it too).
SYSTEM_PACKAGES := fonts-wqy-microhei poppler-utils libegl1 libgl1 libxkbcommon0 \
	libfontconfig1 libglib2.0-0 libdbus-1-3 libxkbcommon-x11-0 libxcb-cursor0 \
	libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 \
	libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libpq5

# The bureau's tests run on SQLite and on PostgreSQL: `make test` installs the distribution's
# server package (as root) and runs the tests with a private server it starts and stops
# (tools/pg-test-server); without one those tests skip and say why (and fail under CI=true).
TEST_PACKAGES := postgresql

# Building the desktop bundle also needs: icu-devtools and gcc (a smaller ICU data library,
# packaging/gwgk_pack/icu.py), binutils (readelf: glibc versions, the .deb's dependencies),
# and for the bundle's own Python built for glibc 2.28 (packaging/gwgk_pack/runtime.py;
# zig itself comes from PyPI): make, perl (OpenSSL), tcl (SQLite), patch, pkg-config.
BUILD_PACKAGES := icu-devtools gcc binutils make perl tcl patch pkg-config

.PHONY: run test setup system-deps test-deps build-deps lint typecheck pytest bench clean \
	bundle deb bundle-test bundle-bench

$(BIN)/gwgk: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

setup: $(BIN)/gwgk

system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then \
		sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "note: cannot install$$missing here; PDF tests that need a CJK font will say so"; \
	fi

build-deps:
	@$(MAKE) --no-print-directory system-deps SYSTEM_PACKAGES="$(BUILD_PACKAGES)"

test-deps:
	@$(MAKE) --no-print-directory system-deps SYSTEM_PACKAGES="$(TEST_PACKAGES)"

$(DEMO_DB): | setup
	$(BIN)/gwgk demo --db $(DEMO_DB) --items $(DEMO_ITEMS)

run: system-deps setup $(DEMO_DB)
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ] && [ "$$(uname)" = Linux ]; then \
		echo "没有图形显示（DISPLAY 未设置）：以录入员 clerk 登录，离屏打开并截图到 .demo/main-window.png"; \
		GWGK_PASSWORD=clerk123 QT_QPA_PLATFORM=offscreen:configfile=tools/offscreen-1366x768.json \
			$(BIN)/gwgk --db $(DEMO_DB) gui --user clerk --screenshot .demo/main-window.png; \
	else \
		$(BIN)/gwgk --db $(DEMO_DB); \
	fi

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

pytest: system-deps test-deps setup
	QT_QPA_PLATFORM=offscreen tools/pg-test-server run -- $(BIN)/pytest

test: lint typecheck pytest

bench: setup
	$(BIN)/python benchmarks/run.py

# The desktop bundle (dist/gwgk-desktop/) and the Debian package (dist/*.deb), each from a
# clean checkout with one command; docs/building.md has the Linux and Windows recipes.
bundle: build-deps setup
	$(BIN)/python packaging/build.py bundle

deb: bundle
	$(BIN)/python packaging/build.py deb

# CI's second command: build both, then test them (the bundle's own self-test, its GUI
# offscreen, an old database upgraded; as root also install the .deb, self-test it from
# /opt, upgrade it over a user's data and remove it).
# The bundled bureau is also tried on PostgreSQL (tools/pg-test-server, as in `make test`).
bundle-test: system-deps test-deps deb
	QT_QPA_PLATFORM=offscreen tools/pg-test-server run -- $(BIN)/pytest -m bundle tests/packaging

bundle-bench: bundle
	$(BIN)/python benchmarks/bundle_bench.py

clean:
	-tools/pg-test-server remove
	rm -rf $(VENV) .demo build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
