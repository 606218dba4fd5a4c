"""The client's pure helpers: connection options, tuning, error details; value helpers."""

import json

import requests

import pytest

from ansible_collections.otc.dms.plugins.module_utils import client, values


def params(**kwargs):
    base = dict(api_timeout=None, auth=None, auth_type=None, ca_cert=None, client_cert=None,
                client_key=None, cloud=None, interface="public", region_name=None,
                timeout=180, validate_certs=None, wait=True)
    base.update(kwargs)
    return base


def test_connection_kwargs_map_option_names_and_drop_unset():
    assert client.connection_kwargs(params(cloud="prod")) == {"cloud": "prod", "interface": "public"}
    kwargs = client.connection_kwargs(params(
        cloud="prod", validate_certs=False, ca_cert="/ca.pem", client_cert="/c.pem",
        client_key="/k.pem", api_timeout=30, region_name="eu-nl", auth_type="v3password"))
    assert kwargs == {"cloud": "prod", "interface": "public", "verify": False,
                      "cacert": "/ca.pem", "cert": "/c.pem", "key": "/k.pem",
                      "api_timeout": 30, "region_name": "eu-nl", "auth_type": "v3password"}


def test_connection_kwargs_with_a_cloud_dict_let_explicit_options_win():
    cloud = {"auth": {"auth_url": "https://iam"}, "region_name": "eu-de"}
    kwargs = client.connection_kwargs(params(cloud=cloud, region_name="eu-nl"))
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
    assert client.api_error(exc).error == {
        "status_code": 400, "code": "DMS.10240017", "message": "The queue already exists.",
        "request_id": "req-1"}


def test_api_error_details_from_a_keystone_body_and_from_text():
    exc = HttpError(response(401, {"error": {"code": 401, "title": "Unauthorized",
                                             "message": "The request you have made requires authentication."}}))
    details = client.api_error(exc).error
    assert details["code"] == "Unauthorized" and details["status_code"] == 401
    plain = client.api_error(HttpError(response(502, b"<html>bad\n gateway</html>"))).error
    assert plain["message"] == "<html>bad gateway</html>" and plain["code"] is None


def test_api_error_details_without_a_response():
    details = client.api_error(ValueError("connection refused")).error
    assert details == {"status_code": None, "code": None, "message": "connection refused",
                       "request_id": None}


def test_ms_to_iso():
    assert values.ms_to_iso(1495701557000) == "2017-05-25T08:39:17.000Z"
    assert values.ms_to_iso("1572866120990") == "2019-11-04T11:15:20.990Z"
    assert values.ms_to_iso(None) is None and values.ms_to_iso("x") is None


def test_version_tuple():
    assert client.version_tuple("4.22.0") == (4, 22, 0)
    assert client.version_tuple("4.3.0.dev12") == (4, 3, 0)
    assert client.version_tuple("5") == (5, 0, 0)


def test_tune_cloud_config_adds_retry_defaults_the_cloud_did_not_set():
    config = client.tune_cloud_config({
        "auth_type": "password", "status_code_retries": 2,
        "auth": {"auth_url": "https://iam.example/v3/", "username": "u", "user_domain_name": "d",
                 "project_name": "p", "project_domain_name": "d"}})
    assert config["status_code_retries"] == 2  # the cloud's own value stays
    assert config["connect_retries"] == 3
    assert config["retriable_status_codes"] == [429, 500, 502, 503, 504]
    assert config["auth_type"] == "v3password"


def test_tune_cloud_config_keeps_the_generic_plugin_when_v3password_would_refuse():
    unversioned = client.tune_cloud_config({"auth_type": "password",
                                            "auth": {"auth_url": "https://iam.example"}})
    assert unversioned["auth_type"] == "password"
    no_project_domain = client.tune_cloud_config({"auth_type": None, "auth": {
        "auth_url": "https://iam.example/v3", "username": "u", "user_domain_name": "d",
        "project_name": "p"}})
    assert no_project_domain["auth_type"] is None
    other = client.tune_cloud_config({"auth_type": "token", "auth": {"auth_url": "https://x/v3"}})
    assert other["auth_type"] == "token"


def test_as_bool_reads_json_booleans_and_their_strings():
    assert [values.as_bool(v) for v in (True, False, "true", "False", " TRUE ", "yes", None)] == [
        True, False, True, False, True, False, False]


def test_an_api_error_is_one_line_naming_the_step_and_the_retired_queue_service_is_named():
    error = client.api_error(HttpError(response(400, {"error_code": "DMS.10240017",
                                                      "error_msg": "The queue already exists."})))
    error.step = "create queue 'orders'"
    assert str(error) == ("Failed to create queue 'orders': DMS.10240017 The queue already exists. "
                          "(HTTP 400)")
    retired = client.api_error(HttpError(response(400, {"error_code": "APIGW.0201",
                                                        "error_msg": "API request error."})))
    assert str(retired) == (
        "Failed to talk to the cloud: the DMS queue service is not available in this cloud: T Cloud "
        "Public retired the v1 queue API in 2022 (the gateway answered APIGW.0201). Kafka "
        "instances (otc.dms.dms_instance) are the supported replacement.")
    assert retired.results["error"]["code"] == "APIGW.0201"


# The keystoneauth loader speed-up overrides a private method of openstacksdk. Checked against
# these versions; on others the test still runs and fails loudly if the hook is gone.
CHECKED_AGAINST = {"openstacksdk": "4.22.0", "keystoneauth1": "5.18.1"}


def test_the_private_auth_loader_hook_is_still_called_by_openstacksdk(monkeypatch):
    from openstack.config import loader

    installed = dict((name, client.installed_version(name)) for name in CHECKED_AGAINST)
    assert hasattr(loader.OpenStackConfig, client.AUTH_LOADER_HOOK), (
        "openstacksdk %s has no OpenStackConfig.%s (checked against %s): the keystoneauth loader "
        "speed-up in plugins/module_utils/client.py no longer applies"
        % (installed["openstacksdk"], client.AUTH_LOADER_HOOK, CHECKED_AGAINST))
    called = []
    original = client.keystoneauth_loader

    def recording(auth_type):
        called.append(auth_type)
        return original(auth_type)

    monkeypatch.setattr(client, "keystoneauth_loader", recording)
    config = client.cloud_config_class()(load_yaml_config=False, load_envvars=False,
                                         app_name="otc.dms")
    region = config.get_one(auth_type="v3password", auth={
        "auth_url": "https://iam.example/v3", "username": "u", "password": "p",
        "user_domain_name": "d", "project_name": "p", "project_domain_name": "d"})
    assert called == ["v3password"], (
        "openstacksdk %s (checked against %s) did not call OpenStackConfig.%s while loading a "
        "cloud: the keystoneauth loader speed-up no longer applies"
        % (installed["openstacksdk"], CHECKED_AGAINST, client.AUTH_LOADER_HOOK))
    assert region.config["auth_type"] == "v3password"
    assert type(region.get_auth()).__name__ == "Password"


def test_keystoneauth_loader_finds_its_own_plugins_and_leaves_others_alone():
    assert type(client.keystoneauth_loader("v3password")).__name__ == "Password"
    assert client.keystoneauth_loader("no-such-plugin") is None


@pytest.mark.parametrize("given, expected", [("4.22.0", (4, 22, 0)), ("10.1", (10, 1, 0))])
def test_version_tuple_pads(given, expected):
    assert client.version_tuple(given) == expected
