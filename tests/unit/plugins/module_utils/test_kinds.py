"""Each resource kind's rules and result views: plain data in, plain data out."""

import pytest

from ansible_collections.otc.dms.plugins.module_utils import (
    group, instance, message, queue, reference, rules, topic)
from ansible_collections.otc.dms.plugins.module_utils.errors import Refusal


# -- rules ------------------------------------------------------------------------------------

def test_rule_helpers_name_the_path_and_the_value():
    pattern = rules.Pattern(r"^[a-z]{2}\Z", "use two letters")
    assert pattern.problems("ab") == []
    assert pattern.problems("abc", "x[1].") == ["x[1].name 'abc' is invalid: use two letters."]
    assert pattern.problems(5) == ["name '5' is invalid: use two letters."]
    assert rules.range_problems({"a": 0, "b": 5, "c": None}, {"a": (1, 3), "b": (1, 9), "c": (1, 2)},
                                "x.") == ["x.a must be 1 to 3, got 0."]
    assert rules.repeat_problems(["p", "q", "p", "p"], lambda i: "t[%d]" % i, "thing") == [
        "t[2] 'p' repeats t[0]: list each thing once.", "t[3] 'p' repeats t[0]: list each thing once."]
    assert rules.text_problems("a" * 5, "d", max_length=4) == [
        "d is too long: at most 4 characters, got 5."]
    assert rules.text_problems("a<b", "d", forbidden="<>") == ["d 'a<b' must not contain < or >."]
    assert rules.purge_problems({"purge": True, "topics": None}, "topics") == [
        "purge is only valid with topics."]
    assert rules.purge_problems({"purge": True, "state": "absent"}, None) == [
        "purge is only valid with state: present."]
    assert rules.purge_problems({"purge": False, "topics": None}, "topics") == []
    with pytest.raises(Refusal, match="^one two$"):
        rules.refuse(["one", "two"])
    rules.refuse([])


# -- queues -----------------------------------------------------------------------------------

def test_queue_view_is_a_whitelist_in_ansible_style():
    raw = {"id": "q1", "name": "orders", "description": "d", "queue_mode": "FIFO",
           "reservation": 4320, "created": 1495701557000, "eff_date": 1495701557000,
           "max_msg_size_byte": 524288, "produced_messages": 4, "group_count": 1,
           "redrive_policy": "enable", "max_consume_count": 3, "location": {"secret": "x"}}
    assert queue.view(raw) == {"id": "q1", "name": "orders", "description": "d",
                               "queue_mode": "fifo", "dead_letter": True, "max_consume_count": 3,
                               "retention_hours": None, "group_count": 1, "produced_messages": 4,
                               "created": "2017-05-25T08:39:17.000Z"}
    kafka = queue.view({"id": "k", "name": "k", "queue_mode": "KAFKA_HA", "reservation": 1440})
    assert kafka["retention_hours"] == 24 and kafka["dead_letter"] is False
    assert kafka["description"] == ""


@pytest.mark.parametrize("entry, says", [
    ({"name": "bad name"}, "name 'bad name' is invalid: use 1 to 64 letters, digits, hyphens or "
                           "underscores."),
    ({"name": "q\n"}, "name 'q\n' is invalid: use 1 to 64 letters, digits, hyphens or underscores."),
    ({"name": "q", "description": "d" * 161}, "description is too long: at most 160 characters, got 161."),
    ({"name": "q", "description": "a <b>"}, "description 'a <b>' must not contain < or >."),
    ({"name": "q", "dead_letter": True}, "dead_letter is true but max_consume_count is missing."),
    ({"name": "q", "max_consume_count": 3}, "max_consume_count is only valid with dead_letter: true."),
    ({"name": "q", "dead_letter": True, "max_consume_count": 101},
     "max_consume_count must be 1 to 100, got 101."),
    ({"name": "q", "queue_mode": "kafka_ht", "dead_letter": True, "max_consume_count": 3},
     "dead_letter is not available for queue_mode kafka_ht: Kafka queues have no dead letters."),
    ({"name": "q", "retention_hours": 5},
     "retention_hours is only valid with queue_mode kafka_ha or kafka_ht, not normal."),
    ({"name": "q", "queue_mode": "kafka_ha", "retention_hours": 73},
     "retention_hours must be 1 to 72, got 73."),
])
def test_queue_rules(entry, says):
    assert queue.problems(entry) == [says]


def test_a_valid_queue_has_no_problem_and_a_set_names_each_entry_and_repeat():
    assert queue.problems({"name": "orders", "queue_mode": "fifo", "dead_letter": True,
                           "max_consume_count": 3, "description": "shop"}) == []
    assert queue.set_problems([{"name": "a"}, {"name": "b c"}, {"name": "a"}], "my") == [
        "my[1].name 'b c' is invalid: use 1 to 64 letters, digits, hyphens or underscores.",
        "my[2].name 'a' repeats my[0].name: list each queue once."]


def test_queue_api_attributes_send_only_what_was_set():
    assert queue.api_attributes("q", {"queue_mode": None, "description": None}) == {"name": "q"}
    assert queue.api_attributes("q", {"queue_mode": "kafka_ha", "dead_letter": False,
                                      "retention_hours": 3, "description": ""}) == {
        "name": "q", "queue_mode": "KAFKA_HA", "redrive_policy": "disable", "retention_hours": 3,
        "description": ""}


# -- groups -----------------------------------------------------------------------------------

def test_group_rules_for_one_and_for_a_set():
    assert group.name_problems("billing") == [] and group.name_problems("g-anything") == []
    assert group.name_problems("x" * 33) == [
        "name '%s' is invalid: use 1 to 32 letters, digits, hyphens or underscores." % ("x" * 33)]
    assert group.set_problems(["a", "b c", "a", "d"], "q[0].") == [
        "q[0].groups[1] 'b c' is invalid: use 1 to 32 letters, digits, hyphens or underscores.",
        "q[0].groups[2] 'a' repeats q[0].groups[0]: list each group once.",
        "q[0].groups lists 4 groups (a, b c, a, d); a queue has at most 3 (the limit of the API)."]


def test_group_view_carries_the_queue():
    listing = {"queue_id": "q1", "queue_name": "orders", "groups": []}
    assert group.view({"id": "g-1", "name": "billing", "consumed_messages": 2, "extra": 1},
                      listing) == {
        "id": "g-1", "name": "billing", "queue_id": "q1", "queue_name": "orders",
        "produced_messages": None, "consumed_messages": 2, "available_messages": None,
        "produced_deadletters": None, "available_deadletters": None}


# -- messages ---------------------------------------------------------------------------------

def test_batches_keep_order_within_both_limits():
    messages = [{"body": "x" * 100000}] * 7 + [{"body": i} for i in range(12)]
    split = list(message.batches(messages))
    # 5 x 100000 bytes fit in 512 KB, a sixth not; then at most 10 messages a batch.
    assert [len(b) for b in split] == [5, 10, 4]
    assert [m for b in split for m in b] == messages
    assert message.message_size({"body": {"a": 1}, "attributes": {"k": "v"}}) == 7 + 9


def request(action, **options):
    base = dict(action=action, messages=None, group=None, max_msgs=10, time_wait=None,
                ack_wait=None, ack=False, dead_letter=False, handlers=None, status="success")
    base.update(options)
    return base


def test_message_rules():
    assert message.problems(request("send", messages=[{"body": 1}])) == []
    assert message.problems(request("send", messages=[{"body": 1}], group="g")) == [
        "group is not used with action=send."]
    assert message.problems(request("consume", group="g", max_msgs=0, ack_wait=301)) == [
        "ack_wait must be 15 to 300, got 301.", "max_msgs must be 1 to 10, got 0."]
    assert message.problems(request("send", messages=[])) == [
        "messages is empty: list at least one message."]
    assert message.problems(request("ack", group="g", handlers=["h", ""])) == [
        "handlers[1] is an empty string: give the handlers that consuming returned."]
    # No handlers is nothing to acknowledge (consuming an empty queue returns none), not an error.
    assert message.problems(request("ack", group="g", handlers=[])) == []


# -- instances --------------------------------------------------------------------------------

def declared(**options):
    base = dict((o, None) for o in (
        "access_user", "availability_zones", "broker_num", "description", "disk_encryption_key",
        "enable_auto_topic", "enable_publicip", "engine_version", "enterprise_project_id",
        "flavor", "id", "ipv6_enable", "maintain_begin", "maintain_end", "name", "new_name",
        "password", "publicip_ids", "retention_policy", "sasl_mechanisms", "security_group_id",
        "security_protocol", "ssl_enable", "storage_space", "storage_spec_code", "subnet_id",
        "tags", "vpc_id"))
    base.update(name="kafka-1", timeout=1800, purge_tags=True, update_password="on_create")
    base.update(options)
    return base


@pytest.mark.parametrize("options, says", [
    ({"name": "1kafka"}, "name '1kafka' is invalid: 4 to 64 characters, starting with a letter"),
    ({"id": "nope"}, "id 'nope' is not an instance id (a UUID)."),
    ({"ssl_enable": True, "access_user": "ad", "password": "Secret-Pass-1"},
     "access_user 'ad' is invalid: 4 to 64 characters, starting with a letter"),
    ({"ssl_enable": True, "access_user": "admin-user", "password": "short"},
     "password must be 8 to 32 characters long."),
    ({"ssl_enable": True, "access_user": "Admin-User1", "password": "Admin-User1"},
     "password must not be the user name or the user name backwards."),
    ({"ssl_enable": True, "access_user": "admin-user", "password": "-Secret-Pass-1"},
     "password must not start with a hyphen."),
    ({"ssl_enable": True, "access_user": "admin-user", "password": "Secret;Pass-1"},
     "password may only hold letters, digits, spaces and the special characters"),
    ({"security_protocol": "SASL_SSL"}, "security_protocol is only used with ssl_enable: true."),
    ({"ssl_enable": True, "access_user": "admin-user", "password": "Secret-Pass-1",
      "sasl_mechanisms": []}, "sasl_mechanisms must list at least one of PLAIN, SCRAM-SHA-512."),
    ({"ipv6_enable": True, "ssl_enable": True, "access_user": "admin-user",
      "password": "Secret-Pass-1", "security_protocol": "SASL_SSL"},
     "security_protocol SASL_SSL cannot be used with ipv6_enable: true."),
    ({"broker_num": 0}, "broker_num must be positive, got 0."),
    ({"publicip_ids": ["eip"]}, "publicip_ids are only used with enable_publicip: true."),
    ({"tags": {" padded": "x"}}, "tags: key ' padded' is invalid"),
    ({"tags": {"k": "v" * 256}}, "tags: the value of 'k' is invalid"),
    ({"availability_zones": ["a", "b"]}, "availability_zones must list one AZ or at least three, "
                                         "got 2: a, b."),
    ({"maintain_begin": "25:00", "maintain_end": "02:00"},
     "maintain_begin '25:00' is not a time of day (HH:mm or HH:mm:ss)."),
    ({"timeout": 0}, "timeout must be positive, got 0."),
])
def test_instance_rules(options, says):
    found = instance.problems(declared(**options))
    assert len(found) == 1 and found[0].startswith(says), found


def test_instance_password_problems_never_hold_the_password():
    for password in ("short", "alllowercase1", "Ünïcode-Pass-1", "-Leading-Dash1"):
        found = instance.problems(declared(ssl_enable=True, access_user="admin-user",
                                           password=password))
        assert found and password not in " ".join(found)


def test_instance_wanted_and_view():
    assert instance.wanted(declared(id="0b5b7a5e-1111-4222-8333-944445555666", name="renamed",
                                    maintain_begin="2:00", maintain_end="6:00"))["name"] == "renamed"
    assert instance.wanted(declared(maintain_begin="2", maintain_end="6"))[
        "maintain_begin"] == "02:00:00"
    assert instance.wanted(declared(new_name="kafka-2"))["name"] == "kafka-2"
    assert instance.wanted(declared())["name"] is None
    assert instance.wanted(declared(sasl_mechanisms=["SCRAM-SHA-512", "PLAIN", "PLAIN"]))[
        "sasl_mechanisms"] == ["PLAIN", "SCRAM-SHA-512"]
    assert instance.wanted(declared(tags={"n": 1, "e": None}))["tags"] == {"n": "1", "e": ""}
    shaped = instance.view({
        "instance_id": "i1", "name": "k", "total_storage_space": 300, "storage_space": 246,
        "port": "9093", "available_zones": ["az"], "access_user": "root", "password": "never",
        "product_id": "c6.2u4g.cluster", "broker_num": 3, "partition_num": "750",
        "ssl_enable": False, "kafka_security_protocol": "SASL_SSL", "maintain_begin": "22",
        "kafka_private_connect_address": "10.0.0.1:9093,10.0.0.2:9093",
        "cross_vpc_info": '{"10.0.0.10": {"advertised_ip": "a.example", "port": 9011, "port_id": "p"},'
                          ' "10.0.0.9": {"advertised_ip": "10.0.0.9", "port": "9011"}}',
        "tags": [{"key": "team", "value": "orders"}], "created_at": "0"})
    assert (shaped["id"], shaped["storage_space"], shaped["usable_storage_space"], shaped["port"],
            shaped["flavor"], shaped["partition_num"], shaped["description"]) == (
        "i1", 300, 246, 9093, "c6.2u4g.cluster", 750, "")
    # Without SASL the API's protocol and user mean nothing.
    assert (shaped["access_user"], shaped["security_protocol"], shaped["sasl_mechanisms"]) == (
        None, None, None)
    assert shaped["maintain_begin"] == "22:00:00" and shaped["tags"] == {"team": "orders"}
    assert shaped["private_addresses"] == ["10.0.0.1:9093", "10.0.0.2:9093"]
    assert [b["listener_ip"] for b in shaped["brokers"]] == ["10.0.0.9", "10.0.0.10"]
    assert shaped["brokers"][1] == {"listener_ip": "10.0.0.10", "advertised_ip": "a.example",
                                    "port": 9011, "port_id": "p"}
    assert shaped["created"] == "1970-01-01T00:00:00.000Z"
    assert "password" not in shaped
    assert instance.view({"cross_vpc_info": "not json"})["brokers"] == []


def test_tag_changes_send_only_the_difference():
    assert instance.tag_changes({"a": "1", "b": "2"}, {"b": "3", "c": "4"}) == (
        [{"key": "a", "value": "1"}],
        [{"key": "b", "value": "3"}, {"key": "c", "value": "4"}])
    assert instance.tag_changes({"a": "1"}, {"a": "1"}) == ([], [])


def test_flavor_view_reads_the_strings_of_the_products_api():
    raw = {"type": "single", "product_id": "c6.2u4g.single", "ecs_flavor_id": "c6.large.2",
           "arch_types": ["X86"], "ios": [
               {"io_spec": "high", "type": "evs", "available_zones": ["z1", "z2"],
                "unavailable_zones": []},
               {"io_spec": "ultra", "type": "evs", "available_zones": ["z2", "z3"],
                "unavailable_zones": ["z1"]}],
           "properties": {"max_partition_per_broker": "250", "max_broker": "1", "min_broker": "1",
                          "max_storage_per_node": "10000", "min_storage_per_node": "100",
                          "product_alias": "kafka.2u4g.single", "engine_versions": "2.7"}}
    shaped = reference.flavor_view(raw, ["1.1.0", "3.x"])
    assert (shaped["flavor"], shaped["broker_num_min"], shaped["broker_num_max"],
            shaped["partitions_per_broker"], shaped["engine_versions"]) == (
        "c6.2u4g.single", 1, 1, 250, ["2.7"])
    assert shaped["availability_zones"] == ["z1", "z2", "z3"]
    del raw["properties"]["engine_versions"]
    assert reference.flavor_view(raw, ["1.1.0", "3.x"])["engine_versions"] == ["1.1.0", "3.x"]


def test_normalise_time():
    assert reference.normalise_time("2:00") == "02:00:00"
    assert reference.normalise_time("22:00:30") == "22:00:30"
    assert reference.normalise_time("22") == "22:00:00"
    assert reference.normalise_time("24:00") is None and reference.normalise_time("noon") is None


# -- topics -----------------------------------------------------------------------------------

def test_topic_rules_for_one_and_for_a_set():
    assert topic.problems("orders", {"partitions": 3, "replication": 2}) == []
    assert topic.problems("a.b", {}) == []
    assert topic.problems("_internal-ok", {}) == []
    assert topic.problems("ab", {}) == [
        "name 'ab' is invalid: use 3 to 200 letters, digits, '.', '_' or '-', starting with a "
        "letter or '_'."]
    assert topic.problems("__consumer_offsets", {}) == [
        "name '__consumer_offsets' is reserved for Kafka's own topics."]
    assert topic.problems("orders", {"replication": 1, "sync_replication": True}) == [
        "sync_replication: true needs more than one replica; replication is 1."]
    assert topic.problems("orders", {"description": "x" * 201}) == [
        "description is too long: at most 200 characters, got 201."]
    assert topic.problems("orders", {"configs": {
        "max.message.bytes": "lots", "message.timestamp.type": "Now", "cleanup.policy": "x"}}) == [
        "configs: 'cleanup.policy' is not a topic parameter the API accepts; use "
        "max.message.bytes or message.timestamp.type.",
        "configs: max.message.bytes must be an integer from 0 to 10485760, got 'lots'.",
        "configs: message.timestamp.type must be CreateTime or LogAppendTime, got 'Now'."]
    assert topic.problems("orders", {"configs": {"max.message.bytes": True}}) == [
        "configs: max.message.bytes must be an integer from 0 to 10485760, got true."]
    assert topic.set_problems([{"name": "orders", "partitions": 201},
                               {"name": "orders", "retention_time": 0},
                               {"name": "a_b"}, {"name": "a.b"}]) == [
        "topics[0].partitions (topic 'orders') must be 1 to 200, got 201.",
        "topics[1].retention_time (topic 'orders') must be 1 to 720, got 0.",
        "topics[1].name 'orders' repeats topics[0].name: list each topic once.",
        "topics[3].name 'a.b' collides with topics[2].name 'a_b': Kafka treats '.' and '_' in "
        "topic names alike."]
    assert topic.declared({"name": "x", "configs": {"max.message.bytes": "100"}})["configs"] == {
        "max.message.bytes": 100}


def test_topic_view_reads_the_api_booleans_in_both_spellings_and_types_the_configs():
    raw = {"name": "orders", "partition": "6", "replication": 3, "retention_time": 24,
           "sync_replication": "false", "sync_message_flush": True, "topic_desc": "d",
           "created_at": 1767261600000, "topic_other_configs": [
               {"name": "max.message.bytes", "value": "1024", "value_type": "int"},
               {"name": "message.timestamp.type", "value": "CreateTime", "value_type": "string"}]}
    assert topic.view(raw, "i1") == {
        "name": "orders", "partitions": 6, "replication": 3, "retention_time": 24,
        "sync_replication": False, "sync_message_flush": True, "description": "d",
        "configs": {"max.message.bytes": 1024, "message.timestamp.type": "CreateTime"},
        "created": "2026-01-01T10:00:00.000Z", "instance_id": "i1"}
    assert topic.predict("t", "i1", {"partitions": 6, "replication": None,
                                     "configs": {"max.message.bytes": 5}}, brokers=1) == {
        "name": "t", "partitions": 6, "replication": 1, "retention_time": 72,
        "sync_replication": False, "sync_message_flush": False, "description": "",
        "configs": {"max.message.bytes": 5, "message.timestamp.type": "CreateTime"},
        "created": None, "instance_id": "i1"}
    assert topic.predict("t", "i1", {})["replication"] == 3
    listing = topic.Listing([{"partitions": 6}], maximum=300, remaining=200)
    assert listing.partitions == {"max": 300, "remaining": 200, "used": 100}
    assert topic.Listing([{"partitions": 6}], None, None).partitions["used"] == 6


def test_topic_details_view():
    raw = {"topic": "t", "group_subscribed": ["b", "a"], "partitions": [
        {"partition": 1, "leader": 1, "leo": 9, "hw": 9, "lso": 4, "last_update_timestamp": 0,
         "replicas": [{"broker": 1, "leader": True, "in_sync": True, "size": 10, "lag": 0}]},
        {"partition": 0, "leader": 0, "leo": 3, "hw": 2, "lso": 0, "replicas": []}]}
    shown = topic.detail_view(raw)
    assert shown["consumer_groups"] == ["a", "b"]
    assert [(p["partition"], p["messages"], p["high_watermark"]) for p in
            shown["partition_details"]] == [(0, 3, 2), (1, 5, 9)]
    assert shown["partition_details"][1]["replicas"] == [
        {"broker": 1, "leader": True, "in_sync": True, "size": 10, "lag": 0}]
    assert shown["partition_details"][1]["last_update"] == "1970-01-01T00:00:00.000Z"


class _Client(object):
    """What no emulator run reaches: a batch delete that reports a topic still there as not
    deleted (the emulator deletes every topic it has)."""

    def __init__(self):
        self.requests = []

    def v2_delete_topics(self, instance_id, names):
        self.requests.append(("delete", names))
        return ["gone"]

    def v2_list_topics(self, instance_id):
        self.requests.append(("list",))
        return {"topics": [{"name": "stuck", "partition": 3}], "max_partitions": 9,
                "remain_partitions": 6}


def test_topic_delete_names_only_the_topics_still_there():
    from ansible_collections.otc.dms.plugins.module_utils import engine, parent
    ref = parent.InstanceRef("k", "i1", {"id": "i1", "name": "k", "status": "RUNNING"})
    client = _Client()
    topics = topic.TopicSet(client, engine.Run(), ref, "k")
    topics.delete([{"name": "gone"}, {"name": "lost"}])  # "lost": its first answer was lost
    with pytest.raises(Refusal) as refused:
        topics.delete([{"name": "gone"}, {"name": "stuck"}])
    assert refused.value.msg == ("Failed to delete topic 'stuck' of Kafka instance 'k' (id i1): "
                                 "the API reported no success for it.")
    assert refused.value.results["changed"] is True
    assert client.requests == [("delete", ["gone", "lost"]), ("list",),
                               ("delete", ["gone", "stuck"]), ("list",)]


# -- background tasks and consumer groups ------------------------------------------------------

def test_task_times_and_params():
    from ansible_collections.otc.dms.plugins.module_utils import task
    assert task.api_time(task.parse_time("2026-07-01")) == "20260701000000"
    assert task.api_time(task.parse_time("2026-07-01T08:30:00Z")) == "20260701083000"
    assert task.api_time(task.parse_time("2026-07-01T10:30:15.5+02:00")) == "20260701083015"
    assert task.api_time(task.parse_time("2026-07-01T00:30-0100")) == "20260701013000"
    assert task.parse_time("2026-02-30") is None and task.parse_time("noon") is None
    assert task.parsed_params('{"a": 1}') == {"a": 1}
    assert task.parsed_params("not json") == {"raw": "not json"}
    assert task.parsed_params("[1]") == {"value": [1]} and task.parsed_params(None) == {}


def test_group_states_in_every_spelling():
    from ansible_collections.otc.dms.plugins.module_utils import kafka_group
    assert [kafka_group.normal_state(s) for s in (
        "EMPTY", "Empty", "PreparingRebalance", "PREPARING_REBALANCE", "CompletingRebalance",
        None)] == ["EMPTY", "EMPTY", "PREPARING_REBALANCE", "PREPARING_REBALANCE",
                   "COMPLETING_REBALANCE", None]


def test_offset_reset_rules_and_timestamps():
    from ansible_collections.otc.dms.plugins.module_utils import offset
    assert offset.timestamp_ms(1571812144000) == 1571812144000
    assert offset.timestamp_ms("1571812144000") == 1571812144000
    assert offset.timestamp_ms("1970-01-01T00:00:01Z") == 1000
    assert offset.timestamp_ms(True) is None and offset.timestamp_ms("soon") is None
    assert offset.problems({"offset": 3}) == []
    assert offset.problems({}) == ["Give exactly one of offset, timestamp and position."]
    assert offset.problems({"timestamp": 0, "position": "latest"}) == [
        "Give exactly one of offset, timestamp and position, got timestamp and position.",
        "timestamp '0' is neither epoch milliseconds nor an ISO 8601 time."]
