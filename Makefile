# shipkpi — the two commands a new user needs are `make report` and `make test`.
# Both install what is missing (Debian packages) before building.

SWIFT        ?= swift
APT_PACKAGES := pkg-config libxml2-dev libsimdjson-dev zlib1g-dev libssl-dev python3
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SAMPLE_ARGS  := samples --status-map samples/status-map.csv \
                --remittance samples/remittance/247express-remittance.csv \
                --remittance samples/remittance/247express-remittance-2026-03-27.csv \
                --as-of 2026-04-01T00:00:00Z
RELEASE_BIN  := .build/release/shipkpi

.PHONY: all deps build release report test screenshot lint clean help

all: report

help:
	@echo "make report      build (release) and run shipkpi report on samples/ into reports/"
	@echo "make test        build and run every test (unit, end-to-end, oracle, hostile input, faults)"
	@echo "make screenshot  render reports/report.html to reports/report.png with headless Chromium"
	@echo "make bench       throughput and memory against DuckDB on ~1 GB of generated exports"
	@echo "make fuzz        libFuzzer on the record decoder (FUZZ_SECONDS, default 600)"
	@echo "make test-asan   the test suite under AddressSanitizer"

# Install missing Debian packages (apt) — only those not yet installed.
deps:
	@missing=""; for p in $(APT_PACKAGES) $(EXTRA_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

report: release
	@rm -rf reports/.shipkpi-tmp.* 2>/dev/null || true
	$(RELEASE_BIN) report $(SAMPLE_ARGS) --out reports
	@echo "make: reports written to reports/ (open reports/report.html)"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

screenshot: EXTRA_PACKAGES = chromium fonts-dejavu-core
screenshot: report
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
	  --screenshot=reports/report.png --window-size=1280,2000 "file://$(CURDIR)/reports/report.html"
	@echo "make: reports/report.png"

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

clean:
	rm -rf .build .build-* reports/*.csv reports/*.xml reports/*.xsd reports/*.html reports/*.ndjson reports/*.json reports/*.png
