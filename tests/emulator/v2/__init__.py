"""DMS for Kafka v2 (the API T Cloud Public files as "API V2 (recommended)"), one file per
area: reference data, instances, parameters/tags/tasks, topics, users and topic permissions,
consumer groups, and the admin calls that simulate Kafka clients. Same store as v1."""

from . import configs, groups, instances, reference, simulate, topics, users  # noqa: F401

BLUEPRINTS = (reference.bp, instances.bp, users.acl_bp)
