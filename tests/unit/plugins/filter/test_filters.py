"""The filters: the kinds' rules for a whole declaration, plain data in and out, no request."""

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.otc.dms.plugins.filter.queue_problems import FilterModule, queue_problems
from ansible_collections.otc.dms.plugins.filter.rename_options import rename_options


def test_a_valid_declaration_has_no_problem():
    assert queue_problems([{"name": "orders", "queue_mode": "fifo", "dead_letter": True,
                            "max_consume_count": 3, "groups": ["billing", "shipping"]},
                           {"name": "clicks", "queue_mode": "kafka_ha", "retention_hours": 24}]) == []


def test_every_problem_is_named_by_its_path_under_the_root():
    problems = queue_problems([
        {"name": "fine", "groups": ["a", "b", "a", "d"]},
        {"name": "bad name", "description": "a <b>", "groups": [5, "bad group"]},
        {"name": "fine", "queue_mode": "fifo", "retention_hours": 5},
    ], "my_queues")
    assert problems == [
        "my_queues[1].name 'bad name' is invalid: use 1 to 64 letters, digits, hyphens or "
        "underscores.",
        "my_queues[1].description 'a <b>' must not contain < or >.",
        "my_queues[2].retention_hours is only valid with queue_mode kafka_ha or kafka_ht, not fifo.",
        "my_queues[2].name 'fine' repeats my_queues[0].name: list each queue once.",
        "my_queues[0].groups[2] 'a' repeats my_queues[0].groups[0]: list each group once.",
        "my_queues[0].groups lists 4 groups (a, b, a, d); a queue has at most 3 (the limit of the "
        "API).",
        "my_queues[1].groups[1] 'bad group' is invalid: use 1 to 32 letters, digits, hyphens or "
        "underscores.",
    ]


def test_the_root_defaults_to_the_modules_option_and_the_filter_is_registered():
    assert queue_problems([{"name": "x y"}])[0].startswith("queues[0].name 'x y'")
    assert FilterModule().filters() == {"queue_problems": queue_problems}


@pytest.mark.parametrize("value", [None, "orders", [{"name": "ok"}, "orders"]])
def test_anything_but_a_list_of_dicts_is_refused(value):
    with pytest.raises(AnsibleFilterError, match="expects a list of queue declarations"):
        queue_problems(value)


def test_topic_problems_name_each_topic_and_read_the_roles_strings():
    from ansible_collections.otc.dms.plugins.filter.topic_problems import topic_problems

    assert topic_problems([{"name": "orders", "partitions": "6", "sync_replication": "yes",
                            "replication": 2}]) == []
    assert topic_problems([{"name": "orders"}, {"name": "audit", "partitions": 201},
                           {"name": "orders", "replication": "1", "sync_replication": "true"}],
                          "my_topics") == [
        "my_topics[1].partitions (topic 'audit') must be 1 to 200, got 201.",
        "my_topics[2].sync_replication (topic 'orders'): true needs more than one replica; "
        "my_topics[2].replication is 1.",
        "my_topics[2].name 'orders' repeats my_topics[0].name: list each topic once."]
    with pytest.raises(AnsibleFilterError, match="expects a list of topic declarations"):
        topic_problems("orders")


# -- rename_options ---------------------------------------------------------------------------

def test_rename_options_names_option_paths_by_the_variables_they_come_from():
    message = ("topics[1].partitions (topic 'audit') must be 1 to 200, got 201. "
               "topics[0].name 'a_b' collides with topics[1].name 'a.b'")
    assert rename_options(message, {'topics[': 'kafka_instance_topics['}) == (
        "kafka_instance_topics[1].partitions (topic 'audit') must be 1 to 200, got 201. "
        "kafka_instance_topics[0].name 'a_b' collides with kafka_instance_topics[1].name 'a.b'")


def test_rename_options_leaves_words_that_only_contain_an_option_alone():
    names = {'name': 'kafka_instance_name', 'password': 'kafka_instance_ssl_password',
             'access_user': 'kafka_instance_ssl_user', 'tags:': 'kafka_instance_tags:'}
    assert rename_options(
        "name 'x' is invalid; named twice; topic_name; has no topics 'a'; at most 20 tags, got 21. "
        "parameters are required together: access_user, password. tags: key 'k!' is invalid",
        names) == (
        "kafka_instance_name 'x' is invalid; named twice; topic_name; has no topics 'a'; at most "
        "20 tags, got 21. parameters are required together: kafka_instance_ssl_user, "
        "kafka_instance_ssl_password. kafka_instance_tags: key 'k!' is invalid")


def test_rename_options_prefers_the_longer_key_and_refuses_names_that_are_no_dict():
    assert rename_options('maintain_begin/maintain_end 21:00-01:00 is not a window',
                          {'maintain_begin': 'b', 'maintain_end': 'e', 'maintain': 'x'}) == (
        'b/e 21:00-01:00 is not a window')
    assert rename_options(None, {}) == ''
    with pytest.raises(AnsibleFilterError):
        rename_options('x', ['x'])
