# TargetCast — two commands on a fresh machine:
#   make run    install system deps if missing, build (release), run the healthcare example
#   make test   install system deps if missing, run the whole test suite
SHELL := /bin/bash
SWIFT ?= swift
SCENARIO ?= scenarios/healthcare-2020-100b.yaml
# Release builds use the CPU's vector units when it has AVX2 and FMA (x86-64 Haswell or later,
# the machine the binary is built on): the engine's SIMD loops and fused multiply-adds need
# them, and the benchmark figures are for such a build. `make run CPU=` builds portably.
CPU ?= $(shell grep -qw avx2 /proc/cpuinfo 2>/dev/null && grep -qw fma /proc/cpuinfo 2>/dev/null && echo haswell)
RELEASE := -c release $(if $(CPU),-Xswiftc -target-cpu -Xswiftc $(CPU))

.PHONY: deps build run test bench clean

# libopenblas-dev provides cblas.h and the Fortran LAPACK symbols the linear-algebra module uses;
# zlib1g-dev the zlib that ZIPFoundation (reading .xlsx workbooks) links on Linux.
deps:
	@if pkg-config --exists openblas zlib 2>/dev/null; then \
	  echo "deps: OpenBLAS found ($$(pkg-config --modversion openblas)), zlib found ($$(pkg-config --modversion zlib))"; \
	else \
	  echo "deps: OpenBLAS or zlib not found by pkg-config; installing libopenblas-dev, zlib1g-dev and pkg-config"; \
	  if [ "$$(id -u)" = "0" ]; then SUDO=""; \
	  elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; \
	  else echo "deps: error: need root or sudo to run: apt-get install -y libopenblas-dev zlib1g-dev pkg-config" >&2; exit 1; fi; \
	  if ! command -v apt-get >/dev/null 2>&1; then \
	    echo "deps: error: apt-get not available; install OpenBLAS (with its pkg-config file) by hand" >&2; exit 1; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libopenblas-dev zlib1g-dev pkg-config >/dev/null \
	    || { echo "deps: error: apt-get install libopenblas-dev zlib1g-dev failed" >&2; exit 1; }; \
	  pkg-config --exists openblas zlib || { echo "deps: error: openblas.pc or zlib.pc still not found after install" >&2; exit 1; }; \
	  echo "deps: installed OpenBLAS $$(pkg-config --modversion openblas)"; \
	fi

build: deps
	$(SWIFT) build $(RELEASE) --product targetcast

run: build
	@bin=$$($(SWIFT) build $(RELEASE) --show-bin-path)/targetcast; \
	$$bin run $(SCENARIO)

test: deps
	$(SWIFT) test

bench: deps
	cd benchmarks && $(SWIFT) package benchmark

clean:
	rm -rf .build
