# Testlens — one repository, modules released independently (see README.md).
# `make help` lists the targets. PostgreSQL: DATABASE_URL when set, otherwise a
# project-local cluster that scripts/pg.sh starts (and `make down` stops).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
MODULES := contracts web collector sdk tools e2e
BIN := $(CURDIR)/bin
# Resolved lazily: only targets that need a database start one.
DB_URL = $$($(CURDIR)/scripts/pg.sh url)

.DEFAULT_GOAL := help

# web and collector require released versions of contracts, published in the committed file-system proxy
# third_party/goproxy (scripts/goenv.sh says why); every other module comes from the usual proxy.
TESTLENS_GOPROXY := file://$(CURDIR)/third_party/goproxy
ifeq ($(findstring $(TESTLENS_GOPROXY),$(GOPROXY)),)
export GOPROXY := $(TESTLENS_GOPROXY),$(shell GOWORK=off go env GOPROXY)
endif
comma := ,
export GONOSUMDB := github.com/testlens/testlens$(if $(GONOSUMDB),$(comma)$(GONOSUMDB))

.PHONY: help
help: ## list the targets
	@grep -hE '^[a-zA-Z_%-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

# Binaries are built as they are released: each module on its own, against the contracts version it
# requires. BUILD_GOWORK= (empty) builds with go.work, i.e. the working tree of contracts.
BUILD_GOWORK ?= off

.PHONY: build
build: ## build the web, collector and testlens (CLI) binaries into bin/
	@mkdir -p $(BIN)
	cd web && GOWORK=$(BUILD_GOWORK) go build -trimpath -o $(BIN)/web ./cmd/web
	cd collector && GOWORK=$(BUILD_GOWORK) go build -trimpath -o $(BIN)/collector ./cmd/collector
	cd sdk && GOWORK=$(BUILD_GOWORK) go build -trimpath -o $(BIN)/testlens ./cmd/testlens

.PHONY: migrate
migrate: build ## apply schema.sql (Atlas, declarative) and River's migrations; ALLOW_DESTRUCTIVE=1 to permit drops
	@DATABASE_URL="$(DB_URL)" $(BIN)/collector migrate

.PHONY: migrate-plan
migrate-plan: build ## print the SQL that `make migrate` would run, without applying it
	@DATABASE_URL="$(DB_URL)" $(BIN)/collector migrate --plan

.PHONY: run
run: migrate ## run web (:8080) and collector in the foreground until Ctrl-C
	@url="$(DB_URL)"; \
	trap 'kill -TERM $$wpid $$cpid 2>/dev/null; wait $$wpid $$cpid 2>/dev/null; exit 0' INT TERM; \
	DATABASE_URL="$$url" TESTLENS_ALLOW_LOCAL_REPOS="$${TESTLENS_ALLOW_LOCAL_REPOS:-1}" $(BIN)/collector run & cpid=$$!; \
	DATABASE_URL="$$url" TESTLENS_ALLOW_LOCAL_REPOS="$${TESTLENS_ALLOW_LOCAL_REPOS:-1}" TESTLENS_ADDR="$${TESTLENS_ADDR:-:8080}" $(BIN)/web & wpid=$$!; \
	echo "web on $${TESTLENS_ADDR:-:8080}, collector working; Ctrl-C stops both"; \
	wait $$wpid $$cpid

.PHONY: demo
demo: migrate ## start PostgreSQL, web and collector, analyze this repository through the API, print the result, stop
	@cd e2e && DATABASE_URL="$(DB_URL)" TESTLENS_BIN=$(BIN) go run ./cmd/demo

.PHONY: bench
bench: migrate ## measure the engine (files/s, MB/s, CPU ms per test file, peak RSS) and the collector's memory; BENCH_REPO=path adds a checkout
	@cd e2e && DATABASE_URL="$(DB_URL)" TESTLENS_BIN=$(BIN) go run ./cmd/bench

.PHONY: test
test: ## every test of every module against a real PostgreSQL (each module also on its own, GOWORK=off)
	@test -z "$$(gofmt -l $(MODULES))" || { echo "gofmt needed:"; gofmt -l $(MODULES); exit 1; }
	@cmp -s schema.sql contracts/schema/schema.sql || { echo "contracts/schema/schema.sql differs from schema.sql: run make sync-schema"; exit 1; }
	@scripts/generate.sh --check
	@scripts/api-check.sh
	@url="$(DB_URL)"; export TEST_DATABASE_URL="$${TEST_DATABASE_URL:-$$url}"; \
	for m in $(MODULES); do \
		echo "== $$m"; \
		(cd $$m && GOWORK=off go vet ./... && GOWORK=off go test -count=1 -timeout 15m ./...); \
	done
	@scripts/fuzz.sh 10000x
	@scripts/contracts-status.sh

.PHONY: fuzz
fuzz: ## run every engine fuzz target for FUZZTIME each (default 60s)
	@scripts/fuzz.sh $${FUZZTIME:-60s}

.PHONY: generate
generate: ## rewrite sdk/openapi.yaml and .json from web's operations, then the SDK's generated code from them
	@scripts/generate.sh

.PHONY: api-check
api-check: ## fail when sdk/openapi.yaml breaks users of the last sdk/v* release (or sdk/api/baseline.yaml) without a new major
	@scripts/api-check.sh

.PHONY: release-%
release-%: ## release one module (sdk, contracts, web, collector): make release-sdk VERSION=v1.2.0 → changelog, commit, tag sdk/v1.2.0
	@test -n "$(VERSION)" || { echo "usage: make $@ VERSION=vX.Y.Z"; exit 2; }
	@url="$(DB_URL)"; TEST_DATABASE_URL="$${TEST_DATABASE_URL:-$$url}" scripts/release.sh $* $(VERSION)

.PHONY: use-contracts
use-contracts: ## make web and collector require a released contracts: make use-contracts VERSION=v0.2.0 (after make release-contracts)
	@test -n "$(VERSION)" || { echo "usage: make $@ VERSION=vX.Y.Z (a version in third_party/goproxy)"; exit 2; }
	@for m in web collector; do \
		(cd $$m && GOWORK=off go get github.com/testlens/testlens/contracts@$(VERSION) && GOWORK=off go mod tidy) || exit 1; \
		echo "$$m: requires $$(grep 'testlens/contracts ' $$m/go.mod | xargs)"; \
	done

.PHONY: sync-schema
sync-schema: ## copy schema.sql into contracts (the copy the modules embed)
	cp schema.sql contracts/schema/schema.sql

.PHONY: fmt
fmt: ## gofmt every module
	gofmt -w $(MODULES)

.PHONY: down
down: ## stop the project-local PostgreSQL (its data stays for next time)
	@scripts/pg.sh down

.PHONY: clean
clean: down ## stop PostgreSQL and remove bin/ and the local cluster's data
	rm -rf $(BIN) .testlens

.PHONY: test-skew
test-skew: ## web and collector from the skew baseline and from HEAD, both ways, on one database at HEAD's schema (also part of make test)
	@url="$(DB_URL)"; export TEST_DATABASE_URL="$${TEST_DATABASE_URL:-$$url}"; \
	cd e2e && GOWORK=off go test -count=1 -run 'TestVersionSkew|TestEveryJobArgsVersionIsWorked' -v .

.PHONY: tf-check
tf-check: ## check the formatting of terraform/ (works offline; e2e's TestTerraform checks its structure)
	terraform fmt -check -recursive terraform

.PHONY: tf-test
tf-test: ## terraform/tests/*.tftest.hcl with a mocked AWS provider, for small and large; needs the hashicorp/aws provider (registry or mirror)
	@cd terraform && if ! out=$$(terraform init -backend=false -input=false -no-color 2>&1); then \
		echo "$$out" | grep -E 'Error|registry|provider' | head -5; \
		echo "tf-test: terraform init could not install the hashicorp/aws provider, which terraform test needs even with mock_provider."; \
		echo "tf-test: run it where registry.terraform.io is reachable, or point Terraform at a local copy of the provider:"; \
		echo "tf-test:   TF_CLI_CONFIG_FILE=<file with provider_installation { filesystem_mirror { path = \"<mirror>\" } }> make tf-test"; \
		echo "tf-test: (terraform/README.md, \"Checks\"). Failing: nothing was tested."; \
		exit 1; \
	fi
	@cd terraform && for env in small large; do \
		echo "== terraform test -var-file=environments/$$env.tfvars"; \
		terraform test -no-color -var-file=environments/$$env.tfvars || exit 1; \
	done
