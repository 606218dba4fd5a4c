"""What every v2 area shares: authentication, loading an instance in the states it may be
used in, paging, and the request helpers of the v2 body rules."""

from flask import g, request

from .. import lifecycle
from ..errors import bad_request, not_found
from ..util import UUID_RE, as_int, emu

# Contract 4.3: which states allow what.
READ_REFUSED = ("CREATING", "CREATEFAILED", "DELETING")  # sub-resource reads
MAX_PAGE = 50
DEFAULT_PAGE = 10


def authenticate():
    g.project_id = emu().authenticate(request.view_args.get("project_id"))


def load(db, instance_id, now=None):
    """The instance row (timers applied), 400/404 in the service's words otherwise."""
    e = emu()
    if not UUID_RE.match(instance_id or ""):
        raise bad_request("DMS.00400061", "The instance ID is invalid.")
    row = db.execute("SELECT * FROM instances WHERE id = ? AND project_id = ?",
                     (instance_id, g.project_id)).fetchone()
    if row is not None:
        row = lifecycle.settle(e, db, row, e.clock() if now is None else now)
    if row is None:
        raise not_found("DMS.00404022", "The instance does not exist.")
    return row


def not_allowed(row):
    return bad_request("DMS.00400026", "This operation is not allowed due to the instance status"
                       " (%s)." % row["status"])


def for_reading(db, instance_id):
    """An instance whose topics, users, groups or configs may be read (4.3)."""
    row = load(db, instance_id)
    if row["status"] in READ_REFUSED:
        raise not_allowed(row)
    return row


def for_writing(db, instance_id):
    """A RUNNING instance: every write below an instance needs one (4.3)."""
    row = load(db, instance_id)
    if row["status"] != "RUNNING":
        raise not_allowed(row)
    return row


def page(name_offset="offset", name_limit="limit"):
    """(offset, limit) of a list call: offset >= 0 (default 0), limit 1-50 (default 10)."""
    args = request.args
    offset = as_int(args.get(name_offset, "0") or "0")
    limit = as_int(args.get(name_limit, str(DEFAULT_PAGE)) or str(DEFAULT_PAGE))
    if offset is None or offset < 0:
        raise bad_request("DMS.00400062", "offset must be an integer >= 0.")
    if limit is None or not 1 <= limit <= MAX_PAGE:
        raise bad_request("DMS.00400062", "limit must be an integer from 1 to %d." % MAX_PAGE)
    return offset, limit


def user_of_request():
    account = emu().account_for_user(g.user_id)
    return account["user"] if account else {"id": g.user_id, "name": ""}


def invalid(message):
    """The generic 400 for a field that is missing, ill-typed or out of its own range."""
    return bad_request("DMS.00400062", message)


def conflict(message):
    """The generic 400 for a valid value that conflicts with the state of things."""
    return bad_request("DMS.00400800", message)
