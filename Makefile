# pstscope: `make demo` and `make test` work on a fresh Debian machine with Swift installed.
SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libpff-dev libbfio-dev libsqlite3-dev libxlsxwriter-dev pkg-config pff-tools pst-utils
BIN := .build/release/pstscope

.PHONY: deps build demo test bench clean

# Installs only what is missing (needs root, as in CI); runs apt-get update first.
deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build -c release --product pstscope

demo: build
	$(BIN) demo --out pstscope-demo

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel --num-workers 2

bench: build
	bench/run

clean:
	rm -rf .build pstscope-demo
