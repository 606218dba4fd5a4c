"""A local double of T Cloud Public's DMS v1 API and a minimal Keystone v3.

It shares no code with the collection: tests drive it over HTTP with the real
openstacksdk + otcextensions.  The contract is ``shared/dms-v1-api.md``; the
decisions where that contract is silent are in ``README.md`` beside this file.
"""
