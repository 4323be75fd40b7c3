# Earshot: `make run` benchmarks the shipped policies headless; `make test`
# runs every test. Both install what is missing first (scripts/setup.sh).
SWIFT ?= swift
EARSHOT := .build/release/earshot
POLICIES := oracle random $(sort $(wildcard assets/policies/*.safetensors))

.PHONY: run test setup build release bench-dynamics bench-all contract clean

run: setup release
	@mkdir -p results
	$(EARSHOT) bench scenarios/default $(foreach p,$(POLICIES),--policy $(p)) \
	  --json results/bench.json

# Tests write their scratch files under TMPDIR: a fresh folder, removed afterwards.
test: setup
	$(SWIFT) build --build-tests
	@scratch=$$(mktemp -d); TMPDIR=$$scratch $(SWIFT) test --disable-swift-testing; \
	  status=$$?; rm -rf "$$scratch"; exit $$status
	@if [ -x ../shared/checks/contract ]; then ../shared/checks/contract; fi

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release --product earshot

# Speed, in release builds, side by side with reference implementations.
bench-dynamics: setup
	benchmarks/dynamics_vs_minigrid.sh

clean:
	rm -rf .build results
