# Thin entry point: every target calls a script under scripts/, which is
# where the work (and its documentation) lives. Most targets need root.
BUILD_DIR ?= build
export BUILD_DIR

.PHONY: build asan test bench demo demo-single lab-up lab-down clean

build:  ## meson + ninja into $(BUILD_DIR)
	bash scripts/build.sh

asan:   ## also the ASan/UBSan build $(BUILD_DIR)-asan
	bash scripts/build.sh --asan

test:   ## set up everything and run every test: "N passed, N failed"
	bash scripts/test.sh

bench:  ## carp-router vs l3fwd vs testpmd, one core (not a test)
	bash scripts/bench.sh

demo:   ## the main job: two CARP routers, kill the master, watch the failover
	bash scripts/carp-demo.sh

demo-single: ## one router between two namespaces: ping, UDP, stats
	bash scripts/demo.sh

lab-up: ## the two-router CARP lab in namespaces (docs/lab.md)
	bash scripts/lab.sh up

lab-down:
	bash scripts/lab.sh down

clean:
	rm -rf $(BUILD_DIR) $(BUILD_DIR)-asan
