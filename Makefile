# pstscope: `make demo` and `make test` work on a fresh Debian machine with Swift installed.
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := tzdata libpff-dev libbfio-dev libsqlite3-dev libxlsxwriter-dev libzstd-dev pkg-config pff-tools pst-utils patch time
BIN := .build/release/pstscope
SCRATCH :=

# libpff is 20260926, built from its source release (PyPI's libpff-python: pinned, checked by
# SHA-256) with the project's patches in patches/libpff/, self-contained and static, into
# .build-libpff/; pstscope links it statically. LIBPFF=debian builds against Debian's libpff-dev
# (20180714) instead, in .build-debian/: opening a file then costs the square of its items when
# messages are numbered in arrival order, as Outlook numbers them (README, "Known limits").
LIBPFF ?= source
ifeq ($(LIBPFF),source)
LIBPFF_VERSION := 20260926
LIBPFF_SHA256 := be56440d7f214de912f9568fc94b1b7c0a10a131de21a7f4c7096ba5722b6e40
LIBPFF_TARBALL := .build-libpff/libpff_python-$(LIBPFF_VERSION).tar.gz
LIBPFF_PATCHES := $(sort $(wildcard patches/libpff/*.patch))
LIBPFF_PREFIX := $(CURDIR)/.build-libpff/prefix
LIBPFF_PC := $(LIBPFF_PREFIX)/lib/pkgconfig/libpff.pc
export PKG_CONFIG_PATH := $(LIBPFF_PREFIX)/lib/pkgconfig
else ifeq ($(LIBPFF),debian)
SCRATCH := --scratch-path .build-debian
BIN := .build-debian/release/pstscope
else
$(error LIBPFF=$(LIBPFF): expected source or debian)
endif

.PHONY: deps chromium build demo test bench samples clean

# Installs only what is missing (needs root, as in CI); runs apt-get update first.
deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi
	@# Python modules the tests read output with (networkx, openpyxl, jsonschema): any python3 will do.
	@for module in networkx openpyxl jsonschema; do \
		python3 -c "import $$module" 2>/dev/null || /usr/bin/python3 -c "import $$module" 2>/dev/null || { \
			echo "installing: python3-$$module"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-$$module >/dev/null; }; \
	done

# Headless Chromium prints the PDF reports and takes the demo's screenshots; the tests read the
# PDFs with poppler's tools and measure the HTML reports' layout through chromedriver.
BROWSER_PACKAGES := chromium chromium-driver python3-selenium poppler-utils
chromium:
	@missing=$$(for p in $(BROWSER_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps $(LIBPFF_PC)
	$(SWIFT) build -c release --product pstscope $(SCRATCH)

$(LIBPFF_TARBALL):
	mkdir -p .build-libpff
	python3 -m pip download --quiet --no-deps --no-binary :all: libpff-python==$(LIBPFF_VERSION) -d .build-libpff
	echo "$(LIBPFF_SHA256)  $@" | sha256sum --check --quiet || { rm -f $@; exit 1; }

# Self-contained: every libyal library it needs comes local from the release, and its own
# DEFLATE instead of zlib, so the static library links with nothing else. A patch changed
# means a new libpff: the binaries linked to the old one are removed so that SwiftPM links again.
# -fno-optimize-strlen: at -O2, GCC turns libpff's malloc-then-zero of each record entry, array
# and index value into calloc, which glibc 2.36 serves without its per-thread cache; as
# malloc they come from the cache. A 20,000-message walk: 4,508 → 4,294 million instructions,
# and 3,432 million with the worker's larger cache (Sources/Ingest/Worker/WorkerProcess.swift).
LIBPFF_CFLAGS := -g -O2 -fno-optimize-strlen
$(LIBPFF_PC): $(LIBPFF_TARBALL) $(LIBPFF_PATCHES)
	rm -rf .build-libpff/prefix .build-libpff/libpff_python-$(LIBPFF_VERSION)
	tar -xzf $(LIBPFF_TARBALL) -C .build-libpff
	@for patch in $(LIBPFF_PATCHES); do \
		patch --quiet --forward -p1 -d .build-libpff/libpff_python-$(LIBPFF_VERSION) < $$patch \
			|| { echo "cannot apply $$patch"; exit 1; }; done
	@echo "building libpff $(LIBPFF_VERSION) with $(words $(LIBPFF_PATCHES)) patches (log: .build-libpff/build.log)"
	@cd .build-libpff/libpff_python-$(LIBPFF_VERSION) && { CFLAGS="$(LIBPFF_CFLAGS)" ./configure --prefix=$(LIBPFF_PREFIX) \
		--disable-shared --enable-static --with-pic --with-libbfio=no --with-zlib=no --disable-python \
		&& $(MAKE) -j$$(nproc) && $(MAKE) install; } > ../build.log 2>&1 || { tail -20 ../build.log; exit 1; }
	rm -f .build/*/pstscope .build/*/pstscopePackageTests.xctest

# Every report of the sample mailboxes into ./pstscope-demo/, with screenshots of each HTML
# report at phone (375 px), tablet (768 px) and desktop (1440 px) width.
demo: build chromium
	$(BIN) demo --out pstscope-demo
	@for report in executive detailed operational; do for width in 375 768 1440; do \
		chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --run-all-compositor-stages-before-draw \
			--window-size=$$width,3000 --screenshot=pstscope-demo/$$report-$$width.png \
			file://$$PWD/pstscope-demo/$$report.html 2>/dev/null \
		&& echo "wrote pstscope-demo/$$report-$$width.png"; done; done
	@echo "Browse the demo store: $(BIN) serve --store pstscope-demo/pstscope.sqlite, then open http://127.0.0.1:8080/"

# schemathesis (from PyPI, pinned) checks serve's API against its OpenAPI document; in its own
# virtual environment, so that nothing is installed into the system's Python.
SCHEMATHESIS_VERSION := 4.32.5
SCHEMATHESIS := .build-venv/bin/schemathesis
$(SCHEMATHESIS):
	@dpkg-query -W -f='$${Status}' python3-venv 2>/dev/null | grep -q "ok installed" || { \
		echo "installing: python3-venv"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; }
	rm -rf .build-venv
	/usr/bin/python3 -m venv .build-venv
	.build-venv/bin/pip install --quiet --disable-pip-version-check schemathesis==$(SCHEMATHESIS_VERSION)

# A release build of Ingest too, in .build-check/ (.build-debian-check/ with LIBPFF=debian): a
# test checks that shipped code has no fault switches, in the compiled module that holds them.
# Without the optimizer (-Onone): the switches exist only where DEBUG is defined, which a
# release build never defines at any optimization level, and optimizing only removes code; it
# halves the build (97 s against 197 s on 2 cores). Not the whole binary: a build of the server's
# dependencies (swift-nio) would add minutes and nothing to the check.
#
# The tests run in three processes side by side (the command line's tests in two halves, every
# other target in the third): many tests wait on the processes they start, and each test process
# has only as many threads as cores to wait with (one process: 325-380 s; three: 277 s).
CHECK_SCRATCH := --scratch-path $(if $(filter debian,$(LIBPFF)),.build-debian-check,.build-check)
TEST_GROUPS := '--filter=pstscopeTests\.[A-K]' '--filter=pstscopeTests\.[L-Z]' '--skip=pstscopeTests\.'
test: deps chromium $(LIBPFF_PC) $(SCHEMATHESIS)
	$(SWIFT) build -c release -Xswiftc -Onone --target Ingest $(CHECK_SCRATCH)
	$(SWIFT) build --build-tests $(SCRATCH)
	@mkdir -p .build-logs; pids=""; n=0; \
	for group in $(TEST_GROUPS); do n=$$((n + 1)); \
		$(SWIFT) test --skip-build $(SCRATCH) "$$group" > .build-logs/tests-$$n.log 2>&1 & pids="$$pids $$!"; \
	done; status=0; for pid in $$pids; do wait $$pid || status=1; done; \
	cat .build-logs/tests-*.log; echo; grep -h "Test run with" .build-logs/tests-*.log; exit $$status

bench: build chromium
	BIN=$(BIN) bench/run

# The committed sample mailboxes, regenerated byte for byte from samples/seeds.
samples: build
	@grep -v '^#' samples/seeds | while read -r name count seed; do \
		$(BIN) synth --out samples/$$name.pst --scenario $$name --messages $$count --seed $$seed; \
	done

# Damaged copies (flipped bits, zeroed, duplicated or shuffled pages, torn headers, truncations,
# garbage, an empty file) of the real samples and of synth's mailboxes, imported one by one and
# all together: no crash, no hang, one clear error line, an intact store, no clean mail lost.
# FUZZ_SEED (1) and FUZZ_FILES (200) choose the files; see Fuzz/Mutations/mutate-run for the rest.
.PHONY: fuzz
fuzz: build
	BIN=$(BIN) Fuzz/Mutations/mutate-run

clean:
	rm -rf .build .build-debian .build-check .build-debian-check .build-libpff .build-venv .build-logs \
		.build-fuzz .build-tsan .build-asan pstscope-demo

# libFuzzer harnesses (Fuzz/) of pstscope's own parsers of hostile input: transport headers,
# the worker stream, the PST header, holiday files and pstscope.toml. Each is built with
# libFuzzer and AddressSanitizer into .build-fuzz/ (C and C++ dependencies too, so that the TOML
# parser is covered) and run for FUZZ_SECONDS on its seeds in Fuzz/corpus/NAME, which stay as
# they are: what a run finds goes to .build-fuzz/corpus/NAME, a failing input to
# .build-fuzz/artifacts/NAME/, the output to .build-fuzz/NAME.log. To keep what a run found,
# minimised: .build-fuzz/debug/FuzzNAME -merge=1 EMPTY_FOLDER Fuzz/corpus/NAME .build-fuzz/corpus/NAME
# In ordinary builds each harness replays files instead, such as the inputs of past findings:
# .build/debug/FuzzNAME Fuzz/corpus/NAME Fuzz/regressions/NAME
# SWIFT_BACKTRACE=enable=no leaves a trap to libFuzzer, which saves the input, instead of
# Swift's backtracer, whose memory reads AddressSanitizer reports in its place.
FUZZ_SECONDS ?= 600
FUZZ_HARNESSES := TransportHeaders ReadRecord FileHeader HolidayFile ImportConfig
# TOMLKit keeps about 2 KB of every parse (see Fuzz/ImportConfig), so ten minutes of that
# harness pass 2 GB of resident memory with nothing wrong: it gets more room, while a single
# allocation over 2 GB, the failure a hostile file could cause, is still caught.
FUZZ_IMPORTCONFIG_OPTIONS := -rss_limit_mb=8192 -malloc_limit_mb=2048
FUZZ_BUILD := --scratch-path .build-fuzz -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
	-Xcc -fsanitize=fuzzer-no-link,address -Xcxx -fsanitize=fuzzer-no-link,address

.PHONY: fuzz-harnesses
fuzz-harnesses: deps $(LIBPFF_PC)
	@set -o pipefail; for name in $(FUZZ_HARNESSES); do \
		$(SWIFT) build $(FUZZ_BUILD) --product Fuzz$$name 2>&1 | { grep -v "Cannot export local symbol" || true; } || exit 1; \
	done
	@failed=0; for name in $(FUZZ_HARNESSES); do \
		rm -rf .build-fuzz/artifacts/$$name; mkdir -p .build-fuzz/corpus/$$name .build-fuzz/artifacts/$$name; \
		start=$$(date +%s); extra=""; \
		if [ $$name = ImportConfig ]; then extra="$(FUZZ_IMPORTCONFIG_OPTIONS)"; fi; \
		SWIFT_BACKTRACE=enable=no .build-fuzz/debug/Fuzz$$name .build-fuzz/corpus/$$name Fuzz/corpus/$$name \
			-max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 $$extra \
			-artifact_prefix=.build-fuzz/artifacts/$$name/ > .build-fuzz/$$name.log 2>&1; \
		code=$$?; seconds=$$(( $$(date +%s) - start )); \
		runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' .build-fuzz/$$name.log | tail -1); \
		found=$$(ls -A .build-fuzz/artifacts/$$name); \
		if [ $$code -ne 0 ] || [ -n "$$found" ]; then \
			failed=1; crash="YES (exit $$code): .build-fuzz/artifacts/$$name/$$found, see .build-fuzz/$$name.log"; \
		else crash=no; fi; \
		printf '%-22s %12s runs %6s s   crash: %s\n' Fuzz$$name "$${runs:-?}" $$seconds "$$crash"; \
	done; exit $$failed

# The whole test suite under ThreadSanitizer (in .build-tsan/), then under AddressSanitizer with
# LeakSanitizer (in .build-asan/); `make -k sanitize` runs the second when the first fails. The
# tests run the built pstscope, whose workers are pstscope too: these processes are sanitized
# as well, and the tests capture their standard error, where a report would go unseen. So every
# process writes its reports to a file in the build folder's sanitizer-logs/ (log_path), and a
# run fails when any file was written there, even with every test passed. The folder is open
# to all (mode 1777): one test runs pstscope as nobody, to be refused a file.
SANITIZER_SCRATCH_thread := .build-tsan
SANITIZER_SCRATCH_address := .build-asan
# .ci/tsan-mutex.c says why ThreadSanitizer needs it preloaded: without it, every access made
# under a contended Synchronization.Mutex is reported as a race.
SANITIZER_OPTIONS_thread := LD_PRELOAD=$(CURDIR)/.build-tsan/tsan-mutex.so \
	TSAN_OPTIONS="log_path=$(CURDIR)/.build-tsan/sanitizer-logs/report"
# .ci/lsan.supp says which leaks are the Swift runtime's or a dependency's, not pstscope's;
# printing the ones it matched would count as a report.
SANITIZER_OPTIONS_address := ASAN_OPTIONS="log_path=$(CURDIR)/.build-asan/sanitizer-logs/report" \
	LSAN_OPTIONS="suppressions=$(CURDIR)/.ci/lsan.supp print_suppressions=0"
# ThreadSanitizer holds a signal's handler back until the thread it reached next calls into
# something instrumented: the import's main thread, which the kernel hands Ctrl-C to, waits
# for its file threads inside libdispatch, so under ThreadSanitizer a SIGINT stops the run only
# once every file is read, and InterruptionTests cannot interrupt it (it passes under
# AddressSanitizer and in `make test`).
SANITIZER_SKIP_thread := --skip InterruptionTests

.PHONY: sanitize sanitize-thread sanitize-address
sanitize: sanitize-thread sanitize-address

sanitize-thread: .build-tsan/tsan-mutex.so
.build-tsan/tsan-mutex.so: .ci/tsan-mutex.c
	@mkdir -p $(@D)
	clang -O1 -fPIC -shared -o $@ $<

sanitize-thread sanitize-address: sanitize-%: deps $(LIBPFF_PC)
	$(SWIFT) build --build-tests --sanitize=$* --scratch-path $(SANITIZER_SCRATCH_$*)
	@logs=$(CURDIR)/$(SANITIZER_SCRATCH_$*)/sanitizer-logs; rm -rf $$logs && mkdir -m 1777 $$logs || exit 1; \
	start=$$(date +%s); \
	env $(SANITIZER_OPTIONS_$*) $(SWIFT) test --skip-build --sanitize=$* --scratch-path $(SANITIZER_SCRATCH_$*) \
		--parallel --num-workers 2 $(SANITIZER_SKIP_$*); \
	code=$$?; echo "sanitize-$*: tests exited with $$code after $$(( $$(date +%s) - start )) s"; \
	if [ -n "$$(ls -A $$logs)" ]; then \
		for report in $$logs/*; do echo "== $$report"; head -n 60 $$report; done; \
		echo "sanitize-$*: $$(ls $$logs | wc -l) processes wrote sanitizer reports to $$logs"; exit 1; \
	fi; exit $$code
