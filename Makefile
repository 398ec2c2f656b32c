# `make run` trains, records and plots with the defaults; `make test` runs the test suite.
# Both install the Debian packages they need first (see scripts/install-deps).
export PATH := /opt/swift/usr/bin:$(PATH)

.PHONY: run test deps build bench format check-cluster
deps:
	@scripts/install-deps

build: deps
	swift build -c release --product cartpole
	@scripts/unlink-ffmpeg .build/release/cartpole

run: build
	.build/release/cartpole

# The code's format (.swift-format) is checked first; `make format` applies it.
test: deps
	swift format lint --strict -r Sources Tests Examples Package.swift
	swift build --build-tests
	swift test --skip-build

# cartpole-bench first: building it can relink cartpole, whose load list `build` then patches last.
bench: deps
	swift build -c release --product cartpole-bench
	@scripts/unlink-ffmpeg .build/release/cartpole-bench
	$(MAKE) --no-print-directory build
	.build/release/cartpole-bench all

format:
	swift format format -i -r Sources Tests Examples Package.swift

# A real, one-node Slurm started by hand runs a small sweep through the scripts of `compare --slurm`, with
# one task cancelled and run again (scripts/check-slurm; about a minute, as root).
check-cluster: deps
	scripts/check-slurm
