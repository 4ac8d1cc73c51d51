# Exhibit. `make run` opens the app (on a sample case when you have none); `make test` runs the tests.
SHELL := /bin/bash
.PHONY: run test lint build deps bench smoke fuzz package
run:
	scripts/run.sh

test:
	scripts/test.sh

lint:
	scripts/lint.sh

build:
	scripts/deps.sh build && . scripts/env.sh && mkdir -p build && go build -o build/exhibit ./cmd/exhibit

deps:
	scripts/deps.sh bench

smoke:
	scripts/smoke-gui.sh

fuzz:
	scripts/fuzz.sh

package: build
	scripts/package.sh
