# The two commands of the README: "make run" and "make test". Each first
# installs the Debian packages that are missing (scripts/install-deps.sh).

export PATH := $(PATH):/usr/local/go/bin
GO ?= go

.PHONY: deps run demo test bench screenshots package

deps:
	@scripts/install-deps.sh

# The window on the embedded demo shop and virtual printer.
run: deps
	$(GO) run ./cmd/printstation demo

# The same demo without a window: 300 orders printed to ./demo-out.
demo: deps
	$(GO) run ./cmd/printstation demo --headless --orders 300 --out demo-out

# Every test, the end-to-end and window smoke tests included.
test: deps
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 20m ./...

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Screenshot of the real window under Xvfb, after a demo batch.
screenshots: deps
	scripts/screenshot.sh docs/window-zh.png
