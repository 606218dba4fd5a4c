"""Small request helpers shared by the DMS blueprints."""

import json
import re

from flask import current_app, request

from .errors import bad_request

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
NAME_RE = re.compile(r"^[A-Za-z0-9_-]+$")


def emu():
    return current_app.extensions["dms_emulator"]


def json_body(empty_code, invalid_code):
    """The request's JSON object, or the service's 400 for an empty or broken body."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        raise bad_request(empty_code, "The request body is empty.")
    try:
        body = json.loads(raw)
    except ValueError:
        raise bad_request(invalid_code, "The request body is not in JSON format.") from None
    if not isinstance(body, dict):
        raise bad_request(invalid_code, "The request body must be a JSON object.")
    return body


def query_bool(name, default=False):
    """Query booleans arrive as true/false or, from the SDK, True/False."""
    value = request.args.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() == "true"


def as_int(value):
    """An integer from a JSON int or a decimal string; None when it is neither."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        return int(value)
    return None


def as_bool(value):
    """A boolean from JSON true/false or the strings "true"/"false"; None otherwise."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None


def json_size(value):
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def check_new_name_and_quota(db, table, project_id, name, quota, exists, exhausted):
    """Refuse a second resource of that name in the project, or one beyond its quota.

    ``exists`` and ``exhausted`` are the (code, message) of each refusal.
    """
    if db.execute("SELECT 1 FROM %s WHERE project_id = ? AND name = ?" % table,
                  (project_id, name)).fetchone():
        raise bad_request(*exists)
    used = db.execute("SELECT COUNT(*) FROM %s WHERE project_id = ?" % table,
                      (project_id,)).fetchone()[0]
    if used >= quota:
        raise bad_request(*exhausted)
