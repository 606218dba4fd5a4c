# One entry point for a fresh machine with Python 3.11 and make.
#   make test   - install the pinned tooling into .venv and run every test
#   make demo   - install, start the emulator, run docs/examples/demo.yml against it, stop
#   make venv   - only the install
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python

.PHONY: venv test demo emulator clean

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# pytest exits 5 when it collects nothing; make treats that as a failure too.
test: venv
	$(PY) -m pytest

# The main job: start the emulator, run the example playbook against it, stop the emulator.
demo: venv
	$(PY) tests/emulator/with_emulator.py --instance-delay 1 -- \
		$(VENV)/bin/ansible-playbook -i localhost, -c local \
		-e ansible_python_interpreter=$(abspath $(PY)) docs/examples/demo.yml

# Run the emulator in the foreground (clouds.yaml written to .emulator/clouds.yaml).
emulator: venv
	mkdir -p .emulator
	$(PY) tests/emulator/serve.py --clouds-yaml .emulator/clouds.yaml --instance-delay 2

clean:
	rm -rf $(VENV) .pytest_cache .emulator
