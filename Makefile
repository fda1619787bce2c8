# Schakel: the two commands of the README, plus bench and fuzz.
SHELL := /bin/bash
JOBS ?= 2
RELEASE_DIR := build/release
DEBUG_DIR := build/debug
export CCACHE_DIR ?= $(HOME)/.cache/ccache
# Paths below the checkout are hashed relative to it, so worktrees and fresh
# clones share cached objects.
export CCACHE_BASEDIR ?= $(CURDIR)
export CCACHE_NOHASHDIR ?= 1

.PHONY: run test bench fuzz build-release build-debug deps format clean

deps:
	@scripts/install-deps

build-release: deps
	@cmake -S . -B $(RELEASE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DSCHAKEL_TESTS=OFF >/dev/null
	@cmake --build $(RELEASE_DIR) -j $(JOBS)

build-debug: deps
	@cmake -S . -B $(DEBUG_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSCHAKEL_SANITIZE=ON >/dev/null
	@cmake --build $(DEBUG_DIR) -j $(JOBS)

run: build-release
	@scripts/run-demo $(RELEASE_DIR)/schakel

test: build-debug
	@SCHAKEL_BROWSER_DEPS=1 scripts/install-deps >/dev/null
	@scripts/test-all $(DEBUG_DIR)

bench: build-release
	@scripts/bench $(RELEASE_DIR)/schakel

fuzz: deps
	@CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSCHAKEL_FUZZ=ON -DSCHAKEL_TESTS=OFF >/dev/null
	@cmake --build build/fuzz -j $(JOBS)
	@scripts/fuzz build/fuzz

format:
	@find src tests fuzz bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	rm -rf build
