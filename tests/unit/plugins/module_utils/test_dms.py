"""Pure helpers of the module base: connection options, error details, shaping."""

import json

import requests

from ansible_collections.otc.dms.plugins.module_utils import dms
from ansible_collections.otc.dms.plugins.module_utils.queues import queue_view


def params(**kwargs):
    base = dict(api_timeout=None, auth=None, auth_type=None, ca_cert=None, client_cert=None,
                client_key=None, cloud=None, interface="public", region_name=None,
                timeout=180, validate_certs=None, wait=True)
    base.update(kwargs)
    return base


def test_connection_kwargs_map_option_names_and_drop_unset():
    assert dms.connection_kwargs(params(cloud="prod")) == {"cloud": "prod", "interface": "public"}
    kwargs = dms.connection_kwargs(params(
        cloud="prod", validate_certs=False, ca_cert="/ca.pem", client_cert="/c.pem",
        client_key="/k.pem", api_timeout=30, region_name="eu-nl", auth_type="v3password"))
    assert kwargs == {"cloud": "prod", "interface": "public", "verify": False,
                      "cacert": "/ca.pem", "cert": "/c.pem", "key": "/k.pem",
                      "api_timeout": 30, "region_name": "eu-nl", "auth_type": "v3password"}


def test_connection_kwargs_with_a_cloud_dict_let_explicit_options_win():
    cloud = {"auth": {"auth_url": "https://iam"}, "region_name": "eu-de"}
    kwargs = dms.connection_kwargs(params(cloud=cloud, region_name="eu-nl"))
    assert kwargs == {"auth": {"auth_url": "https://iam"}, "region_name": "eu-nl",
                      "interface": "public"}


def response(status, body, headers=None):
    resp = requests.Response()
    resp.status_code = status
    resp._content = json.dumps(body).encode() if not isinstance(body, bytes) else body
    resp.headers.update({"Content-Type": "application/json"})
    resp.headers.update(headers or {})
    resp.reason = "Bad Request"
    return resp


class HttpError(Exception):
    def __init__(self, resp):
        super().__init__("boom")
        self.response = resp
        self.status_code = resp.status_code


def test_api_error_details_from_a_dms_error_body():
    exc = HttpError(response(400, {"error_code": "DMS.10240017",
                                   "error_msg": "The queue already exists."},
                             {"X-Request-Id": "req-1"}))
    assert dms.api_error_details(exc) == {"status_code": 400, "code": "DMS.10240017",
                                          "message": "The queue already exists.",
                                          "request_id": "req-1"}


def test_api_error_details_from_a_keystone_body_and_from_text():
    exc = HttpError(response(401, {"error": {"code": 401, "title": "Unauthorized",
                                             "message": "The request you have made requires authentication."}}))
    details = dms.api_error_details(exc)
    assert details["code"] == "Unauthorized" and details["status_code"] == 401
    plain = dms.api_error_details(HttpError(response(502, b"<html>bad\n gateway</html>")))
    assert plain["message"] == "<html>bad gateway</html>" and plain["code"] is None


def test_api_error_details_without_a_response():
    details = dms.api_error_details(ValueError("connection refused"))
    assert details == {"status_code": None, "code": None, "message": "connection refused",
                       "request_id": None}


def test_ms_to_iso():
    assert dms.ms_to_iso(1495701557000) == "2017-05-25T08:39:17.000Z"
    assert dms.ms_to_iso("1572866120990") == "2019-11-04T11:15:20.990Z"
    assert dms.ms_to_iso(None) is None and dms.ms_to_iso("x") is None


def test_version_tuple():
    assert dms._version_tuple("4.22.0") == (4, 22, 0)
    assert dms._version_tuple("4.3.0.dev12") == (4, 3, 0)
    assert dms._version_tuple("5") == (5, 0, 0)


def test_queue_view_is_a_whitelist_in_ansible_style():
    raw = {"id": "q1", "name": "orders", "description": "d", "queue_mode": "FIFO",
           "reservation": 4320, "created": 1495701557000, "eff_date": 1495701557000,
           "max_msg_size_byte": 524288, "produced_messages": 4, "group_count": 1,
           "redrive_policy": "enable", "max_consume_count": 3, "location": {"secret": "x"}}
    assert queue_view(raw) == {"id": "q1", "name": "orders", "description": "d",
                               "queue_mode": "fifo", "dead_letter": True, "max_consume_count": 3,
                               "retention_hours": None, "group_count": 1, "produced_messages": 4,
                               "created": "2017-05-25T08:39:17.000Z"}
    kafka = queue_view({"id": "k", "name": "k", "queue_mode": "KAFKA_HA", "reservation": 1440})
    assert kafka["retention_hours"] == 24 and kafka["dead_letter"] is False
    assert kafka["description"] == ""


def test_tune_cloud_config_adds_retry_defaults_the_cloud_did_not_set():
    config = dms.tune_cloud_config({"auth_type": "password", "status_code_retries": 2,
                                    "auth": {"auth_url": "https://iam.example/v3/",
                                             "username": "u", "user_domain_name": "d",
                                             "project_name": "p", "project_domain_name": "d"}})
    assert config["status_code_retries"] == 2  # the cloud's own value stays
    assert config["connect_retries"] == 3
    assert config["retriable_status_codes"] == [429, 500, 502, 503, 504]
    assert config["auth_type"] == "v3password"


def test_tune_cloud_config_keeps_the_generic_plugin_when_v3password_would_refuse():
    unversioned = dms.tune_cloud_config({"auth_type": "password",
                                         "auth": {"auth_url": "https://iam.example"}})
    assert unversioned["auth_type"] == "password"
    no_project_domain = dms.tune_cloud_config({"auth_type": None, "auth": {
        "auth_url": "https://iam.example/v3", "username": "u", "user_domain_name": "d",
        "project_name": "p"}})
    assert no_project_domain["auth_type"] is None
    other = dms.tune_cloud_config({"auth_type": "token", "auth": {"auth_url": "https://x/v3"}})
    assert other["auth_type"] == "token"


def test_parent_ref_takes_an_id_as_given_and_looks_a_name_up_once():
    looked_up = []

    def find(name):
        looked_up.append(name)
        if name != "orders":
            return None
        return {"id": "0f6a3c5e-2c1d-4b7e-9a55-3e1f0d2c4b6a", "name": name}

    by_id = dms.parent_ref("0F6A3C5E-2C1D-4B7E-9A55-3E1F0D2C4B6A", find)
    assert (by_id.label, by_id.id, by_id.view, by_id.name) == (
        "0F6A3C5E-2C1D-4B7E-9A55-3E1F0D2C4B6A", "0f6a3c5e-2c1d-4b7e-9a55-3e1f0d2c4b6a", None, None)
    assert looked_up == []
    by_name = dms.parent_ref("orders", find)
    assert (by_name.label, by_name.id, by_name.name) == (
        "orders", "0f6a3c5e-2c1d-4b7e-9a55-3e1f0d2c4b6a", "orders")
    assert dms.parent_ref("nothing", find) is None
    assert looked_up == ["orders", "nothing"]
    # A name that only looks like an id up to a trailing line break is a name.
    assert dms.parent_ref("0f6a3c5e-2c1d-4b7e-9a55-3e1f0d2c4b6a\n", find) is None


def test_as_bool_reads_json_booleans_and_their_strings():
    assert [dms.as_bool(v) for v in (True, False, "true", "False", " TRUE ", "yes", None)] == [
        True, False, True, False, True, False, False]
