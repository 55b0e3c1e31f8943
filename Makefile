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

# Every test, the end-to-end, crash and window smoke tests included, and a
# Windows cross-check of the packages that do not need cgo.
test: deps
	$(GO) vet ./...
	GOOS=windows CGO_ENABLED=0 $(GO) vet ./printer/... ./store/... ./platform/... ./app/plan/...
	$(GO) test -count=1 -timeout 20m ./...

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Screenshots of the real window under Xvfb, after a demo batch: the order
# list for the README and every tab in docs/screens.
screenshots: deps
	scripts/screenshot.sh docs/window-zh.png zh
	scripts/screenshot.sh --screens docs/screens zh

# An installable Linux package (printstation.tar.xz) made by the fyne tool;
# the first run fetches and builds the tool, about 10 minutes on 2 cores.
package: deps
	$(GO) run fyne.io/tools/cmd/fyne@v1.7.4 package -os linux --src ./cmd/printstation \
		--icon ../../assets/icon.png --app-id io.github.printstation --name printstation \
		--app-version 0.1.0 --app-build 1 --release
