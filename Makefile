# OpModel Studio — `make run` launches the app on a demo session, `make test` runs every check,
# `make bundle` builds the self-contained desktop bundle, `make bundle-test` also smoke-tests it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := demo.opmodel
# Shared libraries Qt 6 needs (Debian package names): offscreen and the X11 (xcb) platform.
QT_DEBS := libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libxkbcommon0 libdbus-1-3 \
	libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
	libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1

BUNDLE_STAMP := $(VENV)/.bundle-installed
# bpmn-moddle and bpmnlint (tests/bpmn_tools/package.json) check every exported BPMN file;
# installed with npm into tests/.node (not tracked). Without npm those tests are skipped.
NODE_DIR := tests/.node
NODE_STAMP := $(NODE_DIR)/.installed

.PHONY: run test lint format venv qt-deps gui-deps pdf-tools ocr-tools bpmn-tools bundle bundle-test clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null && $(PYTHON) -m venv $(VENV); \
	  else echo "error: '$(PYTHON) -m venv' failed: install python3-venv (sudo apt-get install python3-venv)"; exit 1; fi; }
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

qt-deps: $(STAMP)
	@QT_QPA_PLATFORM=offscreen $(BIN)/python -c "from PySide6.QtWidgets import QApplication" 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Qt system libraries: $(QT_DEBS)"; \
	    apt-get update -qq && apt-get install -y -qq --no-install-recommends $(QT_DEBS) >/dev/null; \
	  else echo "error: Qt needs these system libraries: $(QT_DEBS)"; \
	    echo "install them with: sudo apt-get install $(QT_DEBS)"; exit 1; fi; }

# A real window (X11/xcb) needs more libraries than the offscreen tests: check them all.
gui-deps: qt-deps
	@missing=$$(for p in $(QT_DEBS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ] && command -v dpkg-query >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Qt system libraries: $$missing"; \
	    (apt-get install -y -qq --no-install-recommends $$missing || (apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing)) >/dev/null; \
	  else echo "error: the app window needs these system libraries: $$missing"; \
	    echo "install them with: sudo apt-get install $$missing"; exit 1; fi; fi

run: gui-deps
	@test -f $(DEMO) || $(BIN)/opmodel new $(DEMO) --template sales --title "Demo: AI operating model"
	$(BIN)/opmodel $(DEMO)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# pdftoppm (poppler-utils) lets the PDF tests render page 1; optional, installed when root.
pdf-tools:
	@command -v pdftoppm >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && (apt-get install -y -qq poppler-utils || (apt-get update -qq && apt-get install -y -qq poppler-utils)) >/dev/null 2>&1; } \
	  || echo "note: pdftoppm not found (apt-get install poppler-utils); the page render test is skipped"

# tesseract reads the --slides PNGs in the legibility test; installed when root.
ocr-tools:
	@command -v tesseract >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && (apt-get install -y -qq tesseract-ocr || (apt-get update -qq && apt-get install -y -qq tesseract-ocr)) >/dev/null 2>&1; } \
	  || echo "note: tesseract not found (apt-get install tesseract-ocr); the slide legibility test is skipped"

# bpmn-moddle and bpmnlint (npm, into tests/.node) check every exported BPMN file; nodejs and
# npm are installed when root.
bpmn-tools:
	@command -v npm >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && (apt-get install -y -qq nodejs npm || (apt-get update -qq && apt-get install -y -qq nodejs npm)) >/dev/null 2>&1; } || true
	@if ! command -v npm >/dev/null; then \
	  echo "note: npm not found (apt-get install nodejs npm); the BPMN checks with bpmn-moddle and bpmnlint are skipped"; \
	elif [ ! -f $(NODE_STAMP) ] || [ tests/bpmn_tools/package.json -nt $(NODE_STAMP) ]; then \
	  mkdir -p $(NODE_DIR) && cp tests/bpmn_tools/package.json $(NODE_DIR)/package.json && \
	  (cd $(NODE_DIR) && npm install --no-audit --no-fund --loglevel=error >/dev/null) && \
	  touch $(NODE_STAMP) || echo "note: npm install failed; the BPMN checks are skipped"; \
	fi

test: qt-deps pdf-tools ocr-tools bpmn-tools lint
	QT_QPA_PLATFORM=offscreen timeout 1200 $(BIN)/python -m pytest

# The self-contained desktop bundle (PyInstaller, packaging/opmodel.spec): dist/opmodel-studio/
# and its archive dist/opmodel-studio-VERSION-linux-x86_64.tar.gz. Not part of `make test`,
# which runs the bundle's smoke test (tests/test_bundle.py) only when a bundle is present.
$(BUNDLE_STAMP): $(STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test,bundle]'
	@touch $(BUNDLE_STAMP)

bundle: qt-deps $(BUNDLE_STAMP)
	@command -v objdump >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && (apt-get install -y -qq binutils || (apt-get update -qq && apt-get install -y -qq binutils)) >/dev/null; } \
	  || { echo "error: PyInstaller needs objdump: sudo apt-get install binutils"; exit 1; }
	rm -rf build/opmodel dist/opmodel-studio dist/opmodel-studio-*
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build packaging/opmodel.spec
	$(BIN)/python packaging/archive.py
	@du -sh --apparent-size dist/opmodel-studio

# Build, then run the bundled binary from the unpacked archive with no Python in its environment.
bundle-test: bundle pdf-tools
	$(BIN)/python packaging/smoke_test.py "$$($(BIN)/python packaging/archive.py --print-name)"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build dist $(NODE_DIR)
