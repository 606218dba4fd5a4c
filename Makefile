# One entry point for a fresh machine with Python 3.11 and make.
#   make test   - install the pinned tooling and run every test: pytest, the version matrix
#                 (sanity + integration on each ansible-core), units, molecule, lint, docs, release
#   make pytest | sanity | units | integration | matrix | molecule | lint   - one of them
#   make matrix - ansible-test sanity and the integration targets on ansible-core 2.16 and 2.19
#                 (Python 3.11), 2.20 (3.12) and 2.21 (3.13; each skipped without its Python)
#   make release-check | docsite | faults | bench   - the installed tarball; the HTML docs;
#                                                   the fault scenario; the benchmark
#   make demo   - install, start the emulator, run docs/examples/demo.yml against it, stop
#   make kafka-demo - the same for docs/examples/kafka-setup.yml (check mode, converge, unchanged)
#   make venv   - only the install (make tools-venv: lint, docsite and molecule tools in .venv-tools)
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
# The test tools (the emulator, the benchmark, the fault scenario) are packages under tests/,
# run as python -m with tests/ on the path.
TOOLS_PY := PYTHONPATH=$(CURDIR)/tests $(PY)
TOOLS_VENV ?= .venv-tools
TOOLS_BIN  := $(abspath $(TOOLS_VENV))/bin

.PHONY: venv tools-venv test pytest sanity units integration matrix molecule lint release-check docsite faults bench demo kafka-demo emulator clean lane-py311 lane-py312-313

venv: $(VENV)/.installed

# pip compiles every package it installs: keep it that way. Module runs do not write bytecode
# (Ansible's module wrapper), so without .pyc files each one would compile openstacksdk again.

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# One venv for lint, the docsite and molecule; installed (once, under a lock) by whichever asks first.
tools-venv:
	PYTHON=$(PYTHON) TOOLS_VENV=$(TOOLS_VENV) tests/tools/tools-venv.sh >/dev/null

# The two venvs side by side (pip uses one core), pytest (two workers), then two lanes side by
# side, each printed when it ends: ansible-test units, the version matrix's Python 3.11 entries
# (ansible-core 2.19, 2.16), lint, molecule | its Python 3.12 and 3.13 entries (2.20, 2.21), the
# docsite, the release check. Two lanes on two cores: everything is CPU-bound, and more at once
# only costs more CPU. Any failure fails the run. units shares a lane with the 2.19 entry: they
# share ansible-test's venv cache. lint and molecule share a lane: both write .ansible/ in the
# checkout.
test:
	$(MAKE) --no-print-directory -j 2 venv tools-venv
	$(MAKE) --no-print-directory pytest
	$(MAKE) --no-print-directory -j 2 --output-sync=recurse lane-py311 lane-py312-313

lane-py311: venv
	$(MAKE) --no-print-directory units
	MATRIX_JOBS=1 tests/tools/matrix.sh core2.19 core2.16
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory molecule

lane-py312-313: venv
	MATRIX_JOBS=1 tests/tools/matrix.sh core2.20 core2.21
	$(MAKE) --no-print-directory docsite
	$(MAKE) --no-print-directory release-check

# pytest exits 5 when it collects nothing; make treats that as a failure too.
pytest: venv
	$(PY) -m pytest

# ansible-test sanity on the shipped files, no ignore files (tests/tools/ansible-test.sh).
sanity: venv
	tests/tools/ansible-test.sh sanity

# ansible-test units (tests/unit) in ansible-test's own venv.
units: venv
	tests/tools/ansible-test.sh units

# ansible-test integration targets against a fresh emulator.
integration: venv
	tests/tools/integration.sh

# Sanity and integration on every ansible-core the collection claims, each in its own venv
# (.venv-core2.16, ...; the 2.19 entry is .venv); see tests/tools/matrix.sh. Entries run side by
# side; logs in tests/output/matrix/.
matrix: venv
	tests/tools/matrix.sh

# The roles' molecule scenarios (extensions/molecule/) against a fresh emulator; molecule in .venv-tools.
molecule: venv
	tests/tools/molecule.sh

# The lint tools run from their venv's bin on PATH (ansible-lint calls ansible-config).
lint: tools-venv
	PATH="$(TOOLS_BIN):$$PATH" ansible-lint --profile production
	PATH="$(TOOLS_BIN):$$PATH" antsibull-docs lint-collection-docs --plugin-docs .
	PATH="$(TOOLS_BIN):$$PATH" antsibull-changelog lint

# Build the tarball, install it into an empty path, ansible-doc every module and role,
# check the execution-environment metadata, run the demo from the installed copy.
release-check: venv
	tests/tools/release-check.sh

# Requests and wall time per task against the emulator (prints figures; not a test).
# The auth-cache case needs keyring with a file backend: installed beside the venv, not into it
# (tests/bench/requirements-keyring.txt says why).
BENCH_KEYRING := $(VENV)/bench-keyring

$(BENCH_KEYRING)/.installed: tests/bench/requirements-keyring.txt | venv
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --upgrade \
		--target $(BENCH_KEYRING) -r tests/bench/requirements-keyring.txt
	touch $@

bench: venv $(BENCH_KEYRING)/.installed
	$(TOOLS_PY) -m bench.bench --keyring-path $(abspath $(BENCH_KEYRING))

# HTML docsite (modules, roles, guides) in build/docsite/html; tooling in .venv-tools. Its lint
# step is `make lint`'s too: skipped here unless DOCSITE_LINT=1.
docsite:
	DOCSITE_LINT=$${DOCSITE_LINT:-0} TOOLS_VENV=$(TOOLS_VENV) PYTHON=$(PYTHON) tests/tools/docsite.sh build/docsite

# The fault scenario: the same playbook without and with injected faults, compared.
faults: venv
	$(TOOLS_PY) -m faults.run

# The main job: start the emulator, run the example playbook against it, stop the emulator.
demo: venv
	$(TOOLS_PY) -m emulator.with_emulator --instance-delay 1 -- \
		$(VENV)/bin/ansible-playbook -i localhost, -c local \
		-e ansible_python_interpreter=$(abspath $(PY)) docs/examples/demo.yml

# The Kafka example: the role's whole setup in check mode, converged, then again unchanged.
kafka-demo: venv
	$(TOOLS_PY) -m emulator.with_emulator --instance-delay 1 -- \
		tests/tools/kafka-demo.sh docs/examples/kafka-setup.yml

# Run the emulator in the foreground (clouds.yaml written to .emulator/clouds.yaml).
emulator: venv
	mkdir -p .emulator
	$(TOOLS_PY) -m emulator.serve --clouds-yaml .emulator/clouds.yaml --instance-delay 2

clean:
	rm -rf $(VENV) $(TOOLS_VENV) $(TOOLS_VENV).lock .venv-core* .pytest_cache .emulator .ansible tests/output build
