# `make run` trains, records and plots with the defaults; `make test` runs the test suite.
# Both install the Debian packages they need first (see scripts/install-deps).
export PATH := /opt/swift/usr/bin:$(PATH)

.PHONY: run test deps build bench
deps:
	@scripts/install-deps

build: deps
	swift build -c release --product cartpole
	@scripts/unlink-ffmpeg .build/release/cartpole

run: build
	.build/release/cartpole

test: deps
	swift build --build-tests
	swift test --skip-build

# cartpole-bench first: building it can relink cartpole, whose load list `build` then patches last.
bench: deps
	swift build -c release --product cartpole-bench
	@scripts/unlink-ffmpeg .build/release/cartpole-bench
	$(MAKE) --no-print-directory build
	.build/release/cartpole-bench all
