"""Admin endpoints for tests and benchmarks (no auth, loopback only)."""

import ipaddress
import random
import time

from flask import Blueprint, current_app, jsonify, request


PREFIX = "/__emulator__"
bp = Blueprint("admin", __name__, url_prefix=PREFIX)

FAULT_BODIES = {
    429: ("APIGW.0308", "The request is throttled (injected fault)."),
    500: ("DMS.00500000", "Internal server error (injected fault)."),
    502: ("APIGW.0202", "Bad gateway (injected fault)."),
    503: ("APIGW.0203", "The service is unavailable (injected fault)."),
    504: ("APIGW.0204", "Gateway timeout (injected fault)."),
    # DMS answers flow control with a 404 that does not mean "not found" (v2 contract 9.2).
    404: ("DMS.10240407", "The request is too frequent. Flow control is being performed."
          " Please try again later."),
}
METHODS = ("GET", "POST", "PUT", "DELETE")


def _emu():
    return current_app.extensions["dms_emulator"]


@bp.before_request
def loopback_only():
    try:
        loopback = ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        return jsonify({"error": "admin endpoints answer loopback clients only"}), 403
    return None


def _admin_error(message):
    return jsonify({"error": message}), 400


@bp.route("/requests", methods=["GET"])
def get_requests():
    bodies = (request.args.get("bodies") or "").lower() == "true"
    return jsonify(_emu().take_log(bodies=bodies))


@bp.route("/requests", methods=["DELETE"])
def reset_requests():
    _emu().take_log(reset=True)
    return "", 204


@bp.route("/seed", methods=["GET"])
def seed():
    emu = _emu()
    return jsonify({
        "region": emu.config.region,
        "auth_url": emu.base_url() + "/v3",
        "projects": emu.accounts,
        "availability_zones": [{"code": z["code"], "id": z["id"]} for z in emu.zones],
    })


def parse_faults(spec):
    """Validate a fault spec; returns the normalised dict or raises ValueError."""
    if not isinstance(spec, dict):
        raise ValueError("the fault spec must be a JSON object")
    unknown = set(spec) - {"error_rate", "statuses", "latency_ms", "seed", "methods",
                           "lost_response_rate"}
    if unknown:
        raise ValueError("unknown fault settings: %s" % ", ".join(sorted(unknown)))
    rate = spec.get("error_rate", 0.0)
    lost = spec.get("lost_response_rate", 0.0)
    for name, value in (("error_rate", rate), ("lost_response_rate", lost)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise ValueError("%s must be a number between 0 and 1" % name)
    statuses = spec.get("statuses", [500, 503, 429])
    if (not isinstance(statuses, list) or not statuses
            or not all(isinstance(s, int) and 400 <= s <= 599 for s in statuses)):
        raise ValueError("statuses must be a non-empty list of HTTP error codes")
    latency = spec.get("latency_ms", [0, 0])
    if (not isinstance(latency, list) or len(latency) != 2
            or not all(isinstance(v, (int, float)) and v >= 0 for v in latency)
            or latency[0] > latency[1]):
        raise ValueError("latency_ms must be [min, max] milliseconds")
    methods = spec.get("methods", list(METHODS))
    if not isinstance(methods, list) or not all(m in METHODS for m in methods):
        raise ValueError("methods must be a list of %s" % ", ".join(METHODS))
    seed_value = spec.get("seed")
    if seed_value is not None and not isinstance(seed_value, int):
        raise ValueError("seed must be an integer")
    return {"error_rate": float(rate), "statuses": statuses, "latency_ms": latency,
            "seed": seed_value, "methods": methods, "lost_response_rate": float(lost)}


@bp.route("/faults", methods=["PUT"])
def put_faults():
    try:
        faults = parse_faults(request.get_json(silent=True))
    except ValueError as exc:
        return _admin_error(str(exc))
    emu = _emu()
    with emu.log_lock:
        emu.faults = faults
        emu.fault_rng = random.Random(faults["seed"])
    return jsonify(faults)


@bp.route("/faults", methods=["GET"])
def get_faults():
    return jsonify(_emu().faults or {})


@bp.route("/faults", methods=["DELETE"])
def clear_faults():
    emu = _emu()
    with emu.log_lock:
        emu.faults = None
    return "", 204


def draw_fault(emu, method):
    """Sleep the configured latency; return (status, after_action) or None."""
    with emu.log_lock:
        faults = emu.faults
        if faults is None:
            return None
        rng = emu.fault_rng
        low, high = faults["latency_ms"]
        delay = rng.uniform(low, high) / 1000.0 if high else 0.0
        fault = None
        if method in faults["methods"] and rng.random() < faults["error_rate"]:
            status = rng.choice(faults["statuses"])
            after = method != "GET" and rng.random() < faults["lost_response_rate"]
            fault = (status, after)
    if delay:
        time.sleep(delay)
    return fault


def fault_response(status):
    code, msg = FAULT_BODIES.get(status, ("DMS.00%d000" % status, "Injected fault."))
    resp = jsonify({"error_code": code, "error_msg": msg})
    resp.status_code = status
    return resp


@bp.route("/instances/<instance_id>/status", methods=["POST"])
def force_status(instance_id):
    """{"status": S} with no timer, or {"status": S, "until": T, "after_seconds": N}."""
    from . import lifecycle
    from .v1 import instances  # late: instances imports nothing from here

    body = request.get_json(silent=True) or {}
    status, until = body.get("status"), body.get("until")
    allowed = instances.STATUSES + ("DELETING",)
    if status not in allowed or (until is not None and until not in allowed):
        return _admin_error("status and until must be one of %s" % ", ".join(allowed))
    after = body.get("after_seconds", 0)
    if isinstance(after, bool) or not isinstance(after, (int, float)) or after < 0:
        return _admin_error("after_seconds must be a number >= 0")
    emu = _emu()
    with emu.store.transaction() as db:
        row = db.execute("SELECT * FROM instances WHERE id = ?", (instance_id,)).fetchone()
        if row is None:
            return jsonify({"error_code": "DMS.00404022",
                            "error_msg": "The instance does not exist."}), 404
        lifecycle.force(db, row, status, until, after, emu.clock())
        row = lifecycle.fetch(db, instance_id)
    return jsonify(instances.instance_view(row))


@bp.route("/clock", methods=["GET"])
def get_clock():
    emu = _emu()
    return jsonify({"now": emu.clock(), "offset": emu.clock_offset})


@bp.route("/clock", methods=["POST"])
def advance_clock():
    """{"advance": seconds} (or "advance_seconds"): the emulator's clock jumps ahead (token
    expiry, ack_wait, retention, status timers, tasks, group auto-deletion), so a test never
    sleeps for a time-out."""
    body = request.get_json(silent=True) or {}
    seconds = body.get("advance", body.get("advance_seconds"))
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
        return _admin_error("advance must be a number of seconds >= 0")
    emu = _emu()
    with emu.log_lock:
        emu.clock_offset += float(seconds)
    return jsonify({"now": emu.clock(), "offset": emu.clock_offset})
