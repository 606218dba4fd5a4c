"""The Flask application: routing, auth, request log, fault injection, errors."""

import random
import threading
import time
import types
import uuid

from flask import Flask, current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException

from . import accounts, admin, keystone, v1, v2
from .errors import ApiError
from .store import Store

# Every DMS path: v1 (/v1.0), v2 (/v2) and the v2 topic permissions (/v1/{project_id}).
DMS_PREFIXES = ("/v1.0", "/v2", "/v1")
LOGGED_BODY = 65536  # characters of each request and response body kept in the request log
PROJECT_ID_CHARS = frozenset("0123456789abcdef")

DEFAULTS = {
    "host": "127.0.0.1", "port": 0, "region": "eu-de", "cloud_name": "emulator",
    "state": None, "instance_delay": 3.0, "token_ttl": 86400.0, "max_time_wait": None,
    "queue_quota": 30, "instance_quota": 100, "storage_usable_ratio": 0.82,
    "retired_queues": False,
    # A fixed delay before every answer, in milliseconds: Keystone's and DMS's (a latency
    # profile of the real cloud: --latency-profile cloud).
    "identity_latency_ms": 0.0, "dms_latency_ms": 0.0,
    # DMS for Kafka v2 (contract section 10)
    "extend_delay": 3.0, "delete_delay": 0.0, "task_delay": 1.0, "extend_failed_recovery": None,
    "group_auto_delete": 600.0, "max_users": 20, "min_storage_per_node": 100,
    "min_storage_step": 100, "strict_storage_multiple": True, "single_node_sasl": "accept",
    "autotopic_restarts": False, "unknown_group": "404", "maintain_window_format": "hours",
    "seed_system_topics": False, "catalog_dmsv2": True, "auto_topic_field": True,
}


class Service:
    """Everything one running emulator holds: config, state, log and faults."""

    def __init__(self, **config):
        unknown = set(config) - set(DEFAULTS)
        if unknown:
            raise TypeError("unknown emulator settings: %s" % ", ".join(sorted(unknown)))
        self.config = types.SimpleNamespace(**dict(DEFAULTS, **config))
        self.store = Store(self.config.state)
        self.accounts = accounts.seed_accounts(self.config.region, self.config.cloud_name)
        self.zones = v1.reference.availability_zones(self.config.region)
        self.bound = None  # (host, port) once the server listens
        self.log_lock = threading.Lock()
        self.request_log = []
        self.faults = None
        self.fault_rng = random.Random()
        self.clock_offset = 0.0
        self.next_failures = {}  # operation -> {"status", "count"} (admin next-failure)
        self.sold_out = {}  # v2 product id -> AZ codes it is sold out in

    def clock(self):
        """The emulator's time: the wall clock plus what the admin clock call advanced it by."""
        return time.time() + self.clock_offset

    def base_url(self):
        if self.bound:
            return "http://%s:%d" % self.bound
        return request.host_url.rstrip("/")

    def account_for_user(self, user_id):
        for account in self.accounts:
            if account["user"]["id"] == user_id:
                return account
        return None

    def account_for_project(self, project_id):
        for account in self.accounts:
            if account["project"]["id"] == project_id:
                return account
        return None

    # -- request log -------------------------------------------------------
    def log_request(self, method, path, query, status, request_body="", response_body="",
                    lost=False):
        with self.log_lock:
            self.request_log.append({"method": method, "path": path, "query": query,
                                     "status": status, "lost": lost, "at": time.time(),
                                     "request_body": request_body, "response_body": response_body})

    def take_log(self, reset=False, bodies=False):
        keys = ("method", "path", "query", "status", "lost", "at")
        with self.log_lock:
            entries = list(self.request_log)
            if reset:
                self.request_log.clear()
        if bodies:
            return entries
        return [dict((k, e[k]) for k in keys) for e in entries]

    # -- authentication of DMS calls ----------------------------------------
    def authenticate(self, project_id=None):
        """The caller's project id; 401 in the service's own words otherwise."""
        token = request.headers.get("X-Auth-Token")
        if not token:
            raise ApiError(401, "DMS.10240103", "Missing token.")
        with self.store.transaction() as db:
            row = db.execute("SELECT * FROM tokens WHERE token = ?", (token,)).fetchone()
        if row is None:
            raise ApiError(401, "DMS.10240101", "Invalid token.")
        if row["expires_at"] <= self.clock():
            raise ApiError(401, "DMS.10240102", "Expired token.")
        g.user_id = row["user_id"]
        if project_id is not None:
            if len(project_id) != 32 or not set(project_id) <= PROJECT_ID_CHARS:
                raise ApiError(400, "DMS.10240005", "The project ID format is invalid.")
            if row["project_id"] != project_id:
                raise ApiError(401, "DMS.10240104", "The project ID and token do not match.")
        elif row["project_id"] is None:
            raise ApiError(401, "DMS.10240104", "The token is not scoped to a project.")
        return row["project_id"]


def emulator():
    return current_app.extensions["dms_emulator"]


def _is_dms(path):
    return any(path == p or path.startswith(p + "/") for p in DMS_PREFIXES)


def create_app(emu):
    app = Flask("dms_emulator")
    app.json.sort_keys = False
    app.json.compact = True
    app.extensions["dms_emulator"] = emu
    app.register_blueprint(keystone.bp)
    for blueprint in v1.BLUEPRINTS + v2.BLUEPRINTS:
        app.register_blueprint(blueprint)
    app.register_blueprint(admin.bp)

    @app.before_request
    def inject_fault():
        if request.path.startswith("/v3"):
            if emu.config.identity_latency_ms:
                time.sleep(emu.config.identity_latency_ms / 1000.0)
            return None
        if not _is_dms(request.path):
            return None
        if emu.config.dms_latency_ms:
            time.sleep(emu.config.dms_latency_ms / 1000.0)
        fault = admin.draw_fault(emu, request.method)
        if fault is None:
            return None
        status, after = fault
        if after:
            g.fault_after = status  # the server acts, then the answer is "lost"
            return None
        return admin.fault_response(status)

    @app.after_request
    def record(response):
        status = getattr(g, "fault_after", None)
        if status is not None:
            response = admin.fault_response(status)
        response.headers["X-Request-Id"] = uuid.uuid4().hex
        if not request.path.startswith(admin.PREFIX):
            emu.log_request(request.method, request.path,
                            request.query_string.decode("latin-1"), response.status_code,
                            request.get_data(as_text=True)[:LOGGED_BODY],
                            response.get_data(as_text=True)[:LOGGED_BODY], lost=status is not None)
        return response

    @app.errorhandler(ApiError)
    def api_error(exc):
        resp = jsonify(exc.body())
        resp.status_code = exc.status
        return resp

    @app.errorhandler(HTTPException)
    def http_error(exc):
        if request.path.startswith("/v3"):
            return keystone.keystone_error(exc.code, exc.name, exc.description)
        if not request.path.startswith(admin.PREFIX):
            if exc.code == 405:
                body = {"error_code": "DMS.00405001", "error_msg": "The method is not allowed."}
            elif exc.code == 404:
                body = {"error_code": "DMS.00404001", "error_msg": "The URL does not exist."}
            else:
                body = {"error_code": "DMS.00%d000" % exc.code, "error_msg": exc.description}
            resp = jsonify(body)
            resp.status_code = exc.code
            return resp
        resp = jsonify({"error": exc.name, "message": exc.description})
        resp.status_code = exc.code
        return resp

    return app
