"""Helpers for the pytest suites: the collection on sys.path, running modules and playbooks."""
