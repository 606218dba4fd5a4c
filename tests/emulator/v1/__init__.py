"""DMS v1, one file per API area: queues, consumer groups, messages, Kafka instances, topics,
and the project-less look-ups. A v2 package goes beside this one."""

from . import groups, instances, messages, queues, reference, topics  # noqa: F401 - routes

BLUEPRINTS = (reference.bp, queues.bp, instances.bp)
