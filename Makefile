# shipkpi — the two commands a new user needs are `make report` and `make test`.
# Both install what is missing (Debian packages) before building.

SWIFT        ?= swift
APT_PACKAGES := pkg-config libxml2-dev libsimdjson-dev zlib1g-dev libssl-dev libxxhash-dev python3
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SAMPLE_ARGS  := samples --status-map samples/status-map.csv \
                --remittance samples/remittance/247express-remittance.csv \
                --remittance samples/remittance/247express-remittance-2026-03-27.csv \
                --as-of 2026-04-01T00:00:00Z
RELEASE_BIN  := .build/release/shipkpi

.PHONY: all deps build release report test screenshot lint clean help fuzz test-asan install uninstall dist spark-deps test-spark bench-spark

all: report

help:
	@echo "make report      build (release) and run shipkpi report on samples/ into reports/"
	@echo "make dist        dist/shipkpi-dist.tar.gz: the binary without the Swift toolchain, its libraries beside it (for Spark executors)"
	@echo "make spark-deps  Java 17 and pyspark 4 (into .venv) for the Spark application"
	@echo "make test-spark  the Spark tests alone (local[2]); make test runs them too"
	@echo "make bench-spark report vs shipkpi on Spark vs a PySpark-native job on the bench input"
	@echo "make install     install the release binary as \$$(PREFIX)/bin/shipkpi (PREFIX=/usr/local), with shell completions"
	@echo "make test        build and run every test (unit, end-to-end, oracle, hostile input, faults)"
	@echo "make screenshot  whole-page PNGs of reports/report.html (1280 and 412 px wide) with headless Chromium"
	@echo "make bench       throughput and memory against DuckDB and Polars on ~1 GB of generated exports"
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

# `make install` puts the release binary in $(PREFIX)/bin (default /usr/local/bin) and its bash,
# zsh and fish completion scripts where those shells look for them; DESTDIR stages a package.
PREFIX  ?= /usr/local
DESTDIR ?=

install: release
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/bash-completion/completions" \
	  "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	install -m 755 $(RELEASE_BIN) "$(DESTDIR)$(PREFIX)/bin/shipkpi"
	$(RELEASE_BIN) --generate-completion-script bash > "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/shipkpi"
	$(RELEASE_BIN) --generate-completion-script zsh > "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_shipkpi"
	$(RELEASE_BIN) --generate-completion-script fish > "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/shipkpi.fish"
	@echo "make: installed $(DESTDIR)$(PREFIX)/bin/shipkpi"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/shipkpi" "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/shipkpi" \
	  "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_shipkpi" "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/shipkpi.fish"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) test-spark

# The shipped binary: the Swift runtime linked in (--static-swift-stdlib: executors have no Swift
# toolchain), the C libraries Debian ships only as shared objects (simdjson, and libxml2 with
# ICU and lzma, libcrypto, zlib, libstdc++) copied into lib/ beside it and found through the
# binary's RUNPATH $ORIGIN/lib. glibc itself is the executor's. dist/shipkpi-dist.tar.gz is what
# `spark-submit --archives dist/shipkpi-dist.tar.gz#shipkpi` ships.
DIST_DIR := dist/shipkpi
DIST_BIN := $(DIST_DIR)/shipkpi

dist: deps
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path .build-static -Xlinker --disable-new-dtags -Xlinker -rpath -Xlinker '$$ORIGIN/lib'
	rm -rf dist && mkdir -p $(DIST_DIR)/lib
	cp .build-static/release/shipkpi $(DIST_BIN)
	ldd $(DIST_BIN) | awk '$$3 ~ /^\// {print $$3}' \
	  | grep -v -E '/(libc|libm|libpthread|libdl|librt|ld-linux[^/]*)\.so' \
	  | xargs -r -I{} cp -L {} $(DIST_DIR)/lib/
	tar -C $(DIST_DIR) -czf dist/shipkpi-dist.tar.gz .
	@echo "make: dist/shipkpi-dist.tar.gz ($$(du -h dist/shipkpi-dist.tar.gz | cut -f1)); libraries: $$(ls $(DIST_DIR)/lib | tr '\n' ' ')"

# Apache Spark for the distributed run: Debian's Java 17 and pyspark 4.x from PyPI in .venv.
PYSPARK_VERSION := 4.3.0
VENV := .venv

spark-deps: EXTRA_PACKAGES = openjdk-17-jre-headless python3-venv procps
spark-deps: deps
	@[ -x $(VENV)/bin/python ] || python3 -m venv $(VENV)
	@$(VENV)/bin/python -c 'import pyspark, sys; sys.exit(pyspark.__version__ != "$(PYSPARK_VERSION)")' 2>/dev/null \
	  || $(VENV)/bin/pip install --quiet pyspark==$(PYSPARK_VERSION)

# The Spark tests (spark/test_spark.py) in local mode: every report file of Spark runs with 1, 2
# and 7 fold partitions byte-identical to `shipkpi report` (samples and a generated set), a map
# task that fails once and is retried, inputs read through Hadoop (file:// URIs), and the shipped
# binary (make dist) with the Swift toolchain off every search path.
test-spark: spark-deps dist
	SHIPKPI_BIN=$(CURDIR)/$(DIST_BIN) SHIPKPI_DIST_BIN=$(CURDIR)/$(DIST_BIN) \
	  $(VENV)/bin/python -m unittest -v spark/test_spark.py

# Whole-page PNGs of reports/report.html: reports/report.png 1280 px wide (a desktop) and
# reports/report-412.png 412 px wide (a phone, mobile viewport). Chromium's --screenshot flag captures
# only its window, so a long page was cut at the --window-size height. tools/screenshot.py (Python
# standard library only) drives headless Chromium through its DevTools protocol over a pipe
# (--remote-debugging-pipe, no WebSocket library): it loads the page at the given width, measures the
# laid-out document height (Page.getLayoutMetrics) and captures the whole document
# (Page.captureScreenshot with captureBeyondViewport), however long the page is.
screenshot: EXTRA_PACKAGES = chromium fonts-dejavu-core
screenshot: report
	python3 tools/screenshot.py reports/report.html reports/report.png --width 1280
	python3 tools/screenshot.py reports/report.html reports/report-412.png --width 412

# libFuzzer over the record decoder and everything a hostile line reaches (Sources/ShipKPIFuzz over
# ShipKPIFuzzing's FuzzHarness), under AddressSanitizer, in its own scratch path. The seed corpus is
# every line of every .ndjson/.jsonl sample, every .json sample whole, the CSVs, and the regression
# inputs (Tests/ShipKPIFuzzingTests/FuzzRegressions, *.gz stored compressed). Crashes go to
# fuzz-out/crashes/; libFuzzer exits non-zero when it finds one.
FUZZ_SECONDS ?= 600
FUZZ_DIR     := fuzz-out
FUZZ_BIN     := .build-fuzz/release/ShipKPIFuzz
FUZZ_SAN     := -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address \
                -Xcxx -fsanitize=fuzzer-no-link,address
FUZZ_REGRESSIONS := Tests/ShipKPIFuzzingTests/FuzzRegressions

fuzz: deps
	SHIPKPI_FUZZ=1 $(SWIFT) build -c release --scratch-path .build-fuzz --product ShipKPIFuzz $(FUZZ_SAN)
	@mkdir -p $(FUZZ_DIR)/corpus $(FUZZ_DIR)/crashes $(FUZZ_DIR)/scratch
	@for f in $$(find samples -name '*.ndjson' -o -name '*.jsonl'); do \
	  split -l 1 -a 4 -d "$$f" "$(FUZZ_DIR)/corpus/$$(basename $$f)-"; done
	@for f in $$(find samples -name '*.ndjson.gz' -o -name '*.jsonl.gz'); do \
	  gzip -dc "$$f" | split -l 1 -a 4 -d - "$(FUZZ_DIR)/corpus/$$(basename $$f)-"; cp "$$f" $(FUZZ_DIR)/corpus/; done
	@for f in $$(find samples -name '*.json' -o -name '*.csv'); do cp "$$f" $(FUZZ_DIR)/corpus/; done
	@for f in $(FUZZ_REGRESSIONS)/*; do [ -f "$$f" ] || continue; case "$$f" in \
	  *.gz) gzip -dc "$$f" 2>/dev/null | head -c 65536 > "$(FUZZ_DIR)/corpus/regression-$$(basename $$f .gz)";; \
	  *) cp "$$f" "$(FUZZ_DIR)/corpus/regression-$$(basename $$f)";; esac; done
	@echo "make: fuzzing for $(FUZZ_SECONDS) s from $$(ls $(FUZZ_DIR)/corpus | wc -l) corpus inputs"
	SWIFT_DETERMINISTIC_HASHING=1 SHIPKPI_FUZZ_SCRATCH=$(CURDIR)/$(FUZZ_DIR)/scratch \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/asan/lsan.supp:print_suppressions=0 \
	  $(FUZZ_BIN) $(FUZZ_DIR)/corpus -dict=Sources/ShipKPIFuzz/shipkpi.dict \
	  -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
	  -artifact_prefix=$(FUZZ_DIR)/crashes/ -print_final_stats=1

# The whole test suite under AddressSanitizer (and LeakSanitizer), in its own scratch path. The
# end-to-end tests run the ASan-built binary too. Tests/asan/lsan.supp lists the leaks that are
# not ours (Foundation, XCTest, swift-argument-parser), each with its reason.
test-asan: deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/asan/lsan.supp:print_suppressions=0 \
	  $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan

# Benchmark (bench/bench.py, bench/README.md): `shipkpi report` against DuckDB and Polars computing
# the summary KPIs (bench/duckdb_kpis.sql, bench/polars_kpis.py) on ~1 GB of generated exports and
# on 4x that with the same orders, cached in bench-data/ (gitignored). DuckDB and Polars come from
# PyPI into .venv, pinned below. Knobs: BENCH_RUNS (shipkpi runs, default 5), BENCH_DUCKDB_RUNS (3),
# BENCH_POLARS_RUNS (3), BENCH_QUICK=1 (~100 MB), BENCH_SKIP_4X=1.
# Writes bench-data/results.json and bench-data/results.md.
DUCKDB_VERSION := 2.0.0
POLARS_VERSION := 2.1.0

.PHONY: bench
bench: EXTRA_PACKAGES = time python3-venv
bench: release
	@[ -x $(VENV)/bin/python ] || python3 -m venv $(VENV)
	@$(VENV)/bin/python -c 'import duckdb, sys; sys.exit(duckdb.__version__ != "$(DUCKDB_VERSION)")' 2>/dev/null \
	  || $(VENV)/bin/pip install --quiet duckdb==$(DUCKDB_VERSION)
	@$(VENV)/bin/python -c 'import polars, sys; sys.exit(polars.__version__ != "$(POLARS_VERSION)")' 2>/dev/null \
	  || $(VENV)/bin/pip install --quiet polars==$(POLARS_VERSION)
	SHIPKPI=$(RELEASE_BIN) $(VENV)/bin/python bench/bench.py

# shipkpi on Spark benchmarked (bench/bench_spark.py, bench/README.md), on the same data as
# `make bench`: `shipkpi report` vs spark/shipkpi_spark.py in local[2] (spark-submit, and jobs timed
# inside one session by bench/spark_driver.py, local[1] and local[2]) vs the PySpark-native job for
# the summary KPIs (bench/pyspark_kpis.py, checked cell by cell against summary.csv); the native
# stages one after another (per-stage costs, shuffle bytes); the merge stage's peak memory on the 1x
# and the 4x input; an estimate for 10 and 100 machines. Java 17 from Debian, pyspark from PyPI
# (PYSPARK_VERSION). Knobs: BENCH_RUNS (default 3), BENCH_PYSPARK_RUNS (BENCH_RUNS), BENCH_QUICK=1,
# BENCH_SKIP_4X=1. Writes bench-data/spark-results.json and bench-data/spark-results.md.
.PHONY: bench-spark
bench-spark: EXTRA_PACKAGES = time python3-venv openjdk-17-jre-headless procps
bench-spark: release
	@[ -x $(VENV)/bin/python ] || python3 -m venv $(VENV)
	@$(VENV)/bin/python -c 'import pyspark, sys; sys.exit(pyspark.__version__ != "$(PYSPARK_VERSION)")' 2>/dev/null \
	  || $(VENV)/bin/pip install --quiet pyspark==$(PYSPARK_VERSION)
	SHIPKPI=$(RELEASE_BIN) $(VENV)/bin/python bench/bench_spark.py

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

clean:
	rm -rf .build .build-* dist reports/*.csv reports/*.xml reports/*.xsd reports/*.html reports/*.ndjson reports/*.json reports/*.png
