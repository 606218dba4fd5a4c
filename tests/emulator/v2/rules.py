"""The v2 field rules shared by several areas: names, passwords, windows, tags, booleans."""

import re

from ..errors import bad_request
from ..util import as_bool
from .common import invalid

SASL_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{3,63}$")  # access_user and SASL users
PASSWORD_SPECIALS = set("`~!@#$%^&*()-_=+\\|[{}]:'\",<.>/? ")
WINDOW_STARTS = (22, 2, 6, 10, 14, 18)
TAG_CHARS_RE = re.compile(r"^[A-Za-z0-9 _.:=+\-@]*$")
MAX_TAGS = 20


def password(value, user):
    """8-32 characters, three kinds of lower/upper/digit/special, not starting with '-',
    not the user name or its reverse."""
    rule = ("The password must be 8-32 characters, contain at least three of: lowercase,"
            " uppercase, digits, special characters, and not start with '-'.")
    if not isinstance(value, str) or not 8 <= len(value) <= 32 or value.startswith("-"):
        raise bad_request("DMS.00400012", rule)
    kinds = [any(c.islower() for c in value), any(c.isupper() for c in value),
             any(c.isdigit() for c in value), any(c in PASSWORD_SPECIALS for c in value)]
    allowed = all(c.isascii() and (c.isalnum() or c in PASSWORD_SPECIALS) for c in value)
    if sum(kinds) < 3 or not allowed:
        raise bad_request("DMS.00400012", rule)
    if user and value in (user, user[::-1]):
        raise bad_request("DMS.00400019", "The password cannot be the username or the username"
                          " spelt backwards.")


def window_time(value):
    """HH, HH:mm or HH:mm:ss -> the hour when it is a whole hour, else None."""
    if not isinstance(value, str):
        return None
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?", value.strip())
    if not match or (match[3] is not None and match[2] is None):
        return None
    hours, minutes, seconds = int(match[1]), int(match[2] or 0), int(match[3] or 0)
    if hours > 23 or minutes or seconds:
        return None
    return hours


def maintenance_window(body):
    """("HH:00:00", "HH:00:00") of a valid pair, None when neither is given; 400 otherwise."""
    begin, end = body.get("maintain_begin"), body.get("maintain_end")
    if begin is None and end is None:
        return None
    hbegin, hend = window_time(begin), window_time(end)
    if hbegin is None or hend is None or hbegin not in WINDOW_STARTS or hend != (hbegin + 4) % 24:
        raise bad_request("DMS.00400106", "The maintenance time window is invalid: maintain_begin"
                          " and maintain_end must be given together as one of the four-hour"
                          " slots starting at 22, 02, 06, 10, 14 or 18 o'clock.")
    return "%02d:00:00" % hbegin, "%02d:00:00" % hend


def flag(body, key, default=False):
    """A boolean field (JSON or "true"/"false"); 400 DMS.00400062 otherwise."""
    if body.get(key) is None:
        return default
    value = as_bool(body[key])
    if value is None:
        raise invalid("%s must be a boolean." % key)
    return value


def tags(items, existing=()):
    """Validated ``[{key, value}]``; ``existing`` keys count towards the limit of 20."""
    if not isinstance(items, list):
        raise bad_request("DMS.10240035", "tags must be a list of {key, value}.")
    keys = []
    for item in items:
        if not isinstance(item, dict):
            raise bad_request("DMS.10240035", "Each tag must be an object with key and value.")
        key, value = item.get("key"), item.get("value", "")
        if not isinstance(key, str) or not 1 <= len(key) <= 128:
            raise bad_request("DMS.10240035", "A tag key must have 1-128 characters.")
        if (not TAG_CHARS_RE.match(key) or key != key.strip()
                or key.lower().startswith("_sys_")):
            raise bad_request("DMS.10240036", "The tag key %r is invalid: letters, digits, spaces"
                              " and _.:=+-@ only, no leading or trailing space, not _sys_." % key)
        if value is None:
            value = ""
        if not isinstance(value, str) or len(value) > 255:
            raise bad_request("DMS.10240038", "A tag value must have at most 255 characters.")
        if not TAG_CHARS_RE.match(value) or value != value.strip():
            raise bad_request("DMS.10240039", "The tag value %r is invalid." % value)
        if key in keys:
            raise bad_request("DMS.10240045", "The tag key %s is given twice." % key)
        keys.append(key)
    if len(set(keys) | set(existing)) > MAX_TAGS:
        raise bad_request("DMS.10240044", "An instance has at most %d tags." % MAX_TAGS)
    return [{"key": i["key"], "value": i.get("value") or ""} for i in items]
