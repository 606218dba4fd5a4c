"""State in SQLite, serialised by one lock so concurrent clients lose no update."""

import contextlib
import sqlite3
import threading

SCHEMA = """
CREATE TABLE IF NOT EXISTS tokens (
    token TEXT PRIMARY KEY, user_id TEXT NOT NULL, project_id TEXT, expires_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS queues (
    id TEXT PRIMARY KEY, project_id TEXT NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL,
    queue_mode TEXT NOT NULL, redrive_policy TEXT NOT NULL, max_consume_count INTEGER,
    retention_hours INTEGER, created INTEGER NOT NULL, kafka_topic TEXT,
    UNIQUE (project_id, name));
CREATE TABLE IF NOT EXISTS groups (
    id TEXT PRIMARY KEY, queue_id TEXT NOT NULL, name TEXT NOT NULL, created INTEGER NOT NULL,
    UNIQUE (queue_id, name));
CREATE TABLE IF NOT EXISTS messages (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, queue_id TEXT NOT NULL,
    body TEXT NOT NULL, attributes TEXT, size INTEGER NOT NULL, created REAL NOT NULL);
CREATE INDEX IF NOT EXISTS messages_queue ON messages (queue_id, seq);
-- One row per (group, message) once the group has touched the message.
-- state: inflight | ready | acked | dead | dead_inflight | dead_acked
CREATE TABLE IF NOT EXISTS deliveries (
    group_id TEXT NOT NULL, seq INTEGER NOT NULL, state TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0, handler TEXT, deadline REAL, dead_at REAL,
    PRIMARY KEY (group_id, seq));
CREATE INDEX IF NOT EXISTS deliveries_handler ON deliveries (handler);
CREATE TABLE IF NOT EXISTS instances (
    id TEXT PRIMARY KEY, project_id TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL,
    status_until REAL, next_status TEXT, created REAL NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS topics (
    instance_id TEXT NOT NULL, name TEXT NOT NULL, partition INTEGER NOT NULL,
    replication INTEGER NOT NULL, retention_time INTEGER NOT NULL,
    sync_replication INTEGER NOT NULL, sync_message_flush INTEGER NOT NULL, created REAL NOT NULL,
    configs TEXT NOT NULL DEFAULT '{}', description TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (instance_id, name));
-- Below here: what DMS for Kafka v2 adds to an instance (tests/emulator/v2/).
-- Offsets of a partition; batches = [[first offset, count, epoch ms]] of produced messages.
CREATE TABLE IF NOT EXISTS partitions (
    instance_id TEXT NOT NULL, topic TEXT NOT NULL, partition INTEGER NOT NULL,
    lso INTEGER NOT NULL, leo INTEGER NOT NULL, updated INTEGER NOT NULL, batches TEXT NOT NULL,
    PRIMARY KEY (instance_id, topic, partition));
-- SASL users other than the initial one (the instance's access_user); no passwords kept.
CREATE TABLE IF NOT EXISTS kafka_users (
    instance_id TEXT NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL,
    created REAL NOT NULL, PRIMARY KEY (instance_id, name));
CREATE TABLE IF NOT EXISTS acls (
    instance_id TEXT NOT NULL, topic TEXT NOT NULL, user_name TEXT NOT NULL,
    policy TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (instance_id, topic, user_name));
-- members: JSON list of {member_id, client_id, host, topics, assignment}.
CREATE TABLE IF NOT EXISTS kafka_groups (
    instance_id TEXT NOT NULL, name TEXT NOT NULL, description TEXT, created REAL NOT NULL,
    state TEXT NOT NULL, members TEXT NOT NULL, strategy TEXT NOT NULL,
    committed INTEGER NOT NULL, auto_delete INTEGER NOT NULL, PRIMARY KEY (instance_id, name));
CREATE TABLE IF NOT EXISTS group_offsets (
    instance_id TEXT NOT NULL, group_name TEXT NOT NULL, topic TEXT NOT NULL,
    partition INTEGER NOT NULL, offset INTEGER NOT NULL, committed REAL NOT NULL,
    PRIMARY KEY (instance_id, group_name, topic, partition));
-- Background tasks; bound ones end with the instance's transition, the others at until.
CREATE TABLE IF NOT EXISTS tasks (
    id TEXT PRIMARY KEY, instance_id TEXT NOT NULL, name TEXT NOT NULL, params TEXT NOT NULL,
    status TEXT NOT NULL, created REAL NOT NULL, updated REAL NOT NULL, until REAL NOT NULL,
    bound INTEGER NOT NULL, effect TEXT NOT NULL, user_id TEXT NOT NULL, user_name TEXT NOT NULL);
"""


class Store:
    """One SQLite database (a file with ``--state``, else in memory).

    Every API call runs inside :meth:`transaction`, which holds a re-entrant
    lock, so requests from concurrent clients are applied one after another.
    ``changed`` is a condition on the same lock: long-polling consumers wait on
    it and writers that make messages visible notify it.
    """

    def __init__(self, path=None):
        self.db = sqlite3.connect(path or ":memory:", check_same_thread=False,
                                  isolation_level=None)
        self.db.row_factory = sqlite3.Row
        if path:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
        self.lock = threading.RLock()
        self._depth = 0
        self.changed = threading.Condition(self.lock)
        with self.lock:
            self.db.executescript(SCHEMA)

    @contextlib.contextmanager
    def transaction(self):
        with self.lock:
            if self._depth:  # nested: the outer transaction commits or rolls back
                self._depth += 1
                try:
                    yield self.db
                finally:
                    self._depth -= 1
                return
            self._depth = 1
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            else:
                self.db.execute("COMMIT")
            finally:
                self._depth = 0

    def close(self):
        with self.lock:
            self.db.close()
