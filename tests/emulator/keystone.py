"""A minimal Keystone v3: version document and password authentication."""

import datetime
import secrets

from flask import Blueprint, current_app, jsonify, request

bp = Blueprint("keystone", __name__)


def _emu():
    return current_app.extensions["dms_emulator"]


def _iso(ts):
    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%S.%fZ")


def keystone_error(status, title, message):
    resp = jsonify({"error": {"code": status, "title": title, "message": message}})
    resp.status_code = status
    return resp


def _unauthorized():
    return keystone_error(401, "Unauthorized",
                          "The request you have made requires authentication.")


@bp.route("/v3", methods=["GET"], strict_slashes=False)
def version():
    base = _emu().base_url()
    return jsonify({"version": {
        "id": "v3.0", "status": "stable", "updated": "2016-04-04T00:00:00Z",
        "links": [{"rel": "self", "href": base + "/v3/"}],
        "media-types": [{"base": "application/json",
                         "type": "application/vnd.openstack.identity-v3+json"}]}})


def _find_account(accounts, user):
    """The seeded account matching a password-method ``user`` object, or None."""
    for account in accounts:
        known = account["user"]
        if user.get("id"):
            if user["id"] == known["id"]:
                return account
            continue
        domain = user.get("domain") or {}
        if user.get("name") == known["name"] and (
                domain.get("id") == known["domain"]["id"]
                or domain.get("name") == known["domain"]["name"]):
            return account
    return None


def _scope_matches(account, scope):
    project = scope.get("project")
    if not isinstance(project, dict):
        return False
    if project.get("id"):
        return project["id"] == account["project"]["id"]
    if project.get("name") != account["project"]["name"]:
        return False
    domain = project.get("domain")
    if domain:
        known = account["user"]["domain"]
        return domain.get("id") == known["id"] or domain.get("name") == known["name"]
    return True


@bp.route("/v3/auth/tokens", methods=["POST"])
def issue_token():
    emu = _emu()
    body = request.get_json(silent=True)
    try:
        identity = body["auth"]["identity"]
        methods = identity["methods"]
        user = identity["password"]["user"]
    except (KeyError, TypeError):
        return keystone_error(400, "Bad Request",
                              "Expecting to find auth.identity.password.user in request body.")
    if "password" not in methods or not isinstance(user, dict):
        return _unauthorized()
    account = _find_account(emu.accounts, user)
    if account is None or user.get("password") != account["user"]["password"]:
        return _unauthorized()
    scope = body["auth"].get("scope")
    project = None
    if scope:
        if not _scope_matches(account, scope):
            return _unauthorized()
        project = account["project"]
    now = emu.clock()
    expires = now + emu.config.token_ttl
    token = "emu-" + secrets.token_urlsafe(24)
    with emu.store.transaction() as db:
        db.execute("DELETE FROM tokens WHERE expires_at < ?", (now - 3600,))
        db.execute("INSERT INTO tokens VALUES (?, ?, ?, ?)",
                   (token, account["user"]["id"], project and project["id"], expires))
    domain = account["user"]["domain"]
    body = {"token": {
        "methods": ["password"], "issued_at": _iso(now), "expires_at": _iso(expires),
        "user": {"id": account["user"]["id"], "name": account["user"]["name"],
                 "domain": dict(domain)},
    }}
    if project:
        base = emu.base_url()
        region = emu.config.region
        body["token"].update({
            "project": {"id": project["id"], "name": project["name"], "domain": dict(domain)},
            "roles": [{"id": "r-te-admin", "name": "te_admin"}],
            "catalog": [
                {"type": "identity", "id": "svc-identity", "name": "keystone", "endpoints": [
                    {"id": "ep-identity", "interface": "public", "region": region,
                     "region_id": region, "url": base + "/v3"}]},
                # Published without the project id: the SDK appends %(project_id)s
                # itself, and strips it again for the project-less calls (1.2).
                {"type": "dms", "id": "svc-dms", "name": "dms", "endpoints": [
                    {"id": "ep-dms", "interface": "public", "region": region,
                     "region_id": region, "url": base + "/v1.0"}]},
                # The versioned entries carry the literal project id, as the real catalog's
                # versioned services do; the SDK uses dmsv2 verbatim (no project id added).
                {"type": "dmsv1", "id": "svc-dmsv1", "name": "dmsv1", "endpoints": [
                    {"id": "ep-dmsv1", "interface": "public", "region": region,
                     "region_id": region, "url": "%s/v1.0/%s" % (base, project["id"])}]},
            ],
        })
        if emu.config.catalog_dmsv2:
            body["token"]["catalog"].append(
                {"type": "dmsv2", "id": "svc-dmsv2", "name": "dmsv2", "endpoints": [
                    {"id": "ep-dmsv2", "interface": "public", "region": region,
                     "region_id": region, "url": "%s/v2/%s" % (base, project["id"])}]})
    resp = jsonify(body)
    resp.status_code = 201
    resp.headers["X-Subject-Token"] = token
    return resp
