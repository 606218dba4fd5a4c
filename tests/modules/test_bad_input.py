"""Bad input for every module and role, in one table: refused in one line, no traceback, no write.

Each row is a module or role, its arguments, a category and what the message must say. For every
row the task fails and its ``msg`` is one line that names the option (its full path, such as
``topics[1].name``) and, where a value was given, the value. Nothing prints a traceback, and no
write request (POST, PUT, PATCH or DELETE) reaches DMS. Rows that need no look-up make no request
at all, not even the identity one: validation comes before connecting. Rows whose message needs
the cloud's answer (an unknown parent, zone or product) may read.

Module rows run the module once each with the request log cleared before: a row that makes no
request runs in this interpreter (``run_module_in_process``: the module's own main() with its
arguments on AnsibleModule's channel, one interpreter for all of them); a row that reads runs
as Ansible runs it, in a process of its own (``run_module``). Role rows are run per role in one ``ansible-playbook`` (a play per row costs
seconds): a marker task before each row fetches ``/__row__/<n>`` from the emulator, which splits
the request log, the recorded task results and the output into one part per row. The run is shared
by the pytest-xdist workers through a file next to their temporary directories.

The one exception to the one-line rule is named in the table (``argspec=True``): what a role's
``meta/argument_specs.yml`` refuses (types, choices, required and unknown keys), ansible-core
reports as ``Validation of arguments failed:`` followed by one line per error. That check runs
before the role's first task, so a role cannot put its own message in its place. Those rows assert
that exactly one error line follows the header, and that it names the option and the value.
"""

import fcntl
import json
import os
import re

import pytest

from support.ansible_run import DMS_PATHS, run_module, run_module_in_process, run_playbook
from support.collection import REPO, module_names
from support.role_vars import KAFKA_PASSWORD as PASSWORD, kafka_instance_vars

# Categories: what is wrong with the input.
WRONG_TYPE = "wrong-type"            # a string for an int or bool, ...
OUT_OF_RANGE = "out-of-range"        # a number or count outside its limits
BAD_CHOICE = "bad-choice"            # not one of the allowed values
FORBIDDEN_CHARS = "forbidden-chars"  # characters a name or text may not hold
OVERSIZE = "oversize"                # a name, text or message over its size limit
MISSING_REQUIRED = "missing-required"
MISSING_PAIR = "missing-pair"        # an option given without the one it needs
CONFLICT = "conflict"                # options (or values) that exclude each other, or a repeat
UNKNOWN_OPTION = "unknown-option"
UNKNOWN_PARENT = "unknown-parent"    # the queue, group or instance does not exist
UNKNOWN_REF = "unknown-ref"          # an availability zone, product or window the cloud lacks
CATEGORIES = (WRONG_TYPE, OUT_OF_RANGE, BAD_CHOICE, FORBIDDEN_CHARS, OVERSIZE, MISSING_REQUIRED,
              MISSING_PAIR, CONFLICT, UNKNOWN_OPTION, UNKNOWN_PARENT, UNKNOWN_REF)
# A value that is wrong by itself is named in the message; these categories are about presence.
VALUE_CATEGORIES = (WRONG_TYPE, OUT_OF_RANGE, BAD_CHOICE, FORBIDDEN_CHARS, OVERSIZE,
                    UNKNOWN_PARENT, UNKNOWN_REF)

QUEUE_SETUP = "roles/queue_setup"
KAFKA_INSTANCE = "roles/kafka_instance"
ARGSPEC_HEADER = "Validation of arguments failed:"
UNKNOWN_ID = "0b5b7a5e-1111-4222-8333-944445555666"
EXISTING_QUEUE = "bad-input-existing"  # made once per emulator for the rows that need a queue
OVERSIZE_BODY = "x" * 524289


class Row(object):
    """One bad input: ``says`` is a fragment of the message; ``option`` and ``value`` must appear.

    ``reads``: the message needs the cloud's answer, so reads are allowed (never writes).
    ``hidden``: a secret given in the input that must appear nowhere.
    ``create``: the module's create path, so the network ids of the project are added.
    ``argspec``: refused by the role's argument spec (the header line, see above).
    """

    def __init__(self, target, category, args, says, option, value=None, reads=False, hidden=None,
                 create=False, argspec=False):
        self.target, self.category, self.args, self.says = target, category, args, says
        self.option, self.value, self.reads, self.hidden = option, value, reads, hidden
        self.create, self.argspec = create, argspec

    @property
    def is_role(self):
        return self.target.startswith("roles/")

    def label(self):
        value = "" if self.value is None else "=" + str(self.value)[:20]
        text = "%s-%s-%s%s" % (self.target.split("/")[-1], self.category, self.option, value)
        return re.sub(r"[^A-Za-z0-9_.=\[\]<>-]+", "_", text)


def kafka_role(**changes):
    """Valid kafka_instance role variables with ``changes`` (None removes one); the network ids
    are placeholders that ``with_network`` fills in."""
    placeholders = dict((key, "<%s>" % key) for key in ("vpc_id", "subnet_id", "security_group_id"))
    return kafka_instance_vars(placeholders, **changes)


def wrong_type(target, args, option, value, to):
    """A row of a module given ``value`` (a string) for ``option``, which takes a bool or an int."""
    return Row(target, WRONG_TYPE, args, "argument '%s' is of type str and we were unable to "
               "convert to %s" % (option, to), option, value)


def Role(category, changes, says, option, value=None, hidden=PASSWORD):  # noqa: N802 (a Row)
    """A row of the kafka_instance role past its argument spec: its modules run in check mode,
    so it may read (never write)."""
    return Row(KAFKA_INSTANCE, category, kafka_role(**changes), says, option, value, reads=True,
               hidden=hidden)


def queues(*entries):
    return {"queue_setup_queues": list(entries)}


TOPICS_NAME_HINT = ("use 3 to 200 letters, digits, '.', '_' or '-', starting with a letter or "
                    "'_'.")

ROWS = [
    # -- dms_queue ------------------------------------------------------------------------------
    Row("dms_queue", FORBIDDEN_CHARS, {"name": "bad name!"},
        "name 'bad name!' is invalid: use 1 to 64 letters", "name", "bad name!"),
    Row("dms_queue", FORBIDDEN_CHARS, {"name": "orders\nnew"},
        "name 'orders\\nnew' is invalid", "name", "orders\\nnew"),
    # A trailing line break is no name either ("$" in a pattern would let it through).
    Row("dms_queue", FORBIDDEN_CHARS, {"name": "orders\n"},
        "name 'orders\\n' is invalid", "name", "orders\\n"),
    Row("dms_queue", OVERSIZE, {"name": "x" * 65},
        "name '%s' is invalid: use 1 to 64 letters" % ("x" * 65), "name", "x" * 65),
    Row("dms_queue", FORBIDDEN_CHARS, {"name": "q", "description": "a <b>"},
        "description 'a <b>' must not contain < or >.", "description", "a <b>"),
    Row("dms_queue", OVERSIZE, {"name": "q", "description": "d" * 161},
        "description is too long: at most 160 characters, got 161.", "description", 161),
    Row("dms_queue", OUT_OF_RANGE, {"name": "q", "dead_letter": True, "max_consume_count": 0},
        "max_consume_count must be 1 to 100, got 0.", "max_consume_count", 0),
    Row("dms_queue", OUT_OF_RANGE, {"name": "q", "dead_letter": True, "max_consume_count": 101},
        "max_consume_count must be 1 to 100, got 101.", "max_consume_count", 101),
    Row("dms_queue", MISSING_PAIR, {"name": "q", "max_consume_count": 3},
        "max_consume_count is only valid with dead_letter: true.", "max_consume_count"),
    Row("dms_queue", MISSING_PAIR, {"name": "q", "dead_letter": True},
        "dead_letter is True but all of the following are missing: max_consume_count",
        "dead_letter"),
    Row("dms_queue", OUT_OF_RANGE, {"name": "q", "queue_mode": "kafka_ha", "retention_hours": 0},
        "retention_hours must be 1 to 72, got 0.", "retention_hours", 0),
    Row("dms_queue", OUT_OF_RANGE, {"name": "q", "queue_mode": "kafka_ht", "retention_hours": 73},
        "retention_hours must be 1 to 72, got 73.", "retention_hours", 73),
    Row("dms_queue", CONFLICT, {"name": "q", "queue_mode": "fifo", "retention_hours": 5},
        "retention_hours is only valid with queue_mode kafka_ha or kafka_ht, not fifo.",
        "retention_hours", "fifo"),
    Row("dms_queue", MISSING_PAIR, {"name": "q", "retention_hours": 5},
        "missing parameter(s) required by 'retention_hours': queue_mode", "queue_mode"),
    Row("dms_queue", CONFLICT,
        {"name": "q", "queue_mode": "kafka_ha", "dead_letter": True, "max_consume_count": 3},
        "dead_letter is not available for queue_mode kafka_ha", "dead_letter", "kafka_ha"),
    Row("dms_queue", BAD_CHOICE, {"name": "q", "queue_mode": "lifo"},
        "value of queue_mode must be one of: normal, fifo, kafka_ha, kafka_ht, got: lifo",
        "queue_mode", "lifo"),
    Row("dms_queue", BAD_CHOICE, {"name": "q", "state": "gone"},
        "value of state must be one of: present, absent, got: gone", "state", "gone"),
    Row("dms_queue", WRONG_TYPE, {"name": "q", "dead_letter": "enable", "max_consume_count": 3},
        "argument 'dead_letter' is of type str and we were unable to convert to bool",
        "dead_letter", "enable"),
    Row("dms_queue", WRONG_TYPE, {"name": "q", "queue_mode": "kafka_ha", "retention_hours": "many"},
        "argument 'retention_hours' is of type str and we were unable to convert to int",
        "retention_hours", "many"),
    Row("dms_queue", MISSING_REQUIRED, {}, "one of the following is required: name, queues", "name"),
    Row("dms_queue", FORBIDDEN_CHARS, {"queues": [{"name": "fine"}, {"name": "bad name"}]},
        "queues[1].name 'bad name' is invalid: use 1 to 64 letters", "queues[1].name", "bad name"),
    Row("dms_queue", CONFLICT, {"queues": [{"name": "q"}, {"name": "q"}]},
        "queues[1].name 'q' repeats queues[0].name: list each queue once.", "queues[1].name", "q"),
    Row("dms_queue", MISSING_PAIR, {"queues": [{"name": "q", "dead_letter": True}]},
        "queues[0].dead_letter is true but queues[0].max_consume_count is missing.",
        "queues[0].max_consume_count"),
    Row("dms_queue", CONFLICT, {"name": "q", "queues": [{"name": "q"}]},
        "parameters are mutually exclusive: name|queues", "queues"),
    Row("dms_queue", CONFLICT, {"name": "q", "purge": True}, "purge is only valid with queues.",
        "purge"),
    Row("dms_queue", UNKNOWN_OPTION, {"name": "q", "colour": "red"},
        "Unsupported parameters for (basic.py) module: colour.", "colour"),

    # -- dms_queue_info -------------------------------------------------------------------------
    Row("dms_queue_info", BAD_CHOICE, {"interface": "private"},
        "value of interface must be one of: public, internal, admin, got: private",
        "interface", "private"),
    Row("dms_queue_info", WRONG_TYPE, {"api_timeout": "fast"},
        "argument 'api_timeout' is of type str and we were unable to convert to int",
        "api_timeout", "fast"),
    Row("dms_queue_info", UNKNOWN_OPTION, {"queue_mode": "fifo"},
        "Unsupported parameters for (basic.py) module: queue_mode.", "queue_mode"),

    # -- dms_queue_group ------------------------------------------------------------------------
    Row("dms_queue_group", FORBIDDEN_CHARS, {"queue": "q", "name": "bad name"},
        "name 'bad name' is invalid: use 1 to 32 letters", "name", "bad name"),
    Row("dms_queue_group", FORBIDDEN_CHARS, {"queue": "q", "name": "readers\n"},
        "name 'readers\\n' is invalid", "name", "readers\\n"),
    Row("dms_queue_group", OVERSIZE, {"queue": "q", "name": "x" * 33},
        "name '%s' is invalid: use 1 to 32 letters" % ("x" * 33), "name", "x" * 33),
    Row("dms_queue_group", OUT_OF_RANGE, {"queue": "q", "name": ""},
        "name '' is invalid: use 1 to 32 letters", "name", "''"),
    Row("dms_queue_group", FORBIDDEN_CHARS, {"queue": "q", "groups": ["fine", "bad group"]},
        "groups[1] 'bad group' is invalid: use 1 to 32 letters", "groups[1]", "bad group"),
    Row("dms_queue_group", OUT_OF_RANGE, {"queue": "q", "groups": ["a", "b", "c", "d"]},
        "groups lists 4 groups (a, b, c, d); a queue has at most 3", "groups", "a, b, c, d"),
    Row("dms_queue_group", CONFLICT, {"queue": "q", "groups": ["a"], "purge": True,
                                      "state": "absent"},
        "purge is only valid with state: present.", "purge"),
    Row("dms_queue_group", MISSING_REQUIRED, {"queue": "q"},
        "one of the following is required: name, groups", "name"),
    Row("dms_queue_group", MISSING_REQUIRED, {"name": "readers"},
        "missing required arguments: queue", "queue"),
    Row("dms_queue_group", BAD_CHOICE, {"queue": "q", "name": "readers", "state": "emptied"},
        "value of state must be one of: present, absent, got: emptied", "state", "emptied"),
    Row("dms_queue_group", UNKNOWN_PARENT, {"queue": "no-such-queue", "name": "readers"},
        "Queue 'no-such-queue' does not exist.", "queue", "no-such-queue", reads=True),

    # -- dms_queue_group_info -------------------------------------------------------------------
    Row("dms_queue_group_info", MISSING_REQUIRED, {}, "missing required arguments: queue", "queue"),
    Row("dms_queue_group_info", WRONG_TYPE, {"queue": "q", "include_deadletter": "perhaps"},
        "argument 'include_deadletter' is of type str and we were unable to convert to bool",
        "include_deadletter", "perhaps"),

    # -- dms_message ----------------------------------------------------------------------------
    Row("dms_message", OUT_OF_RANGE, {"action": "send", "queue": "q", "messages": []},
        "messages is empty: list at least one message.", "messages", "empty"),
    Row("dms_message", MISSING_PAIR, {"action": "send", "queue": "q"},
        "action is send but all of the following are missing: messages", "messages"),
    Row("dms_message", OVERSIZE,
        {"action": "send", "queue": "q", "messages": [{"body": "ok"}, {"body": OVERSIZE_BODY}]},
        "messages[1] is 524291 bytes; a message may be at most 524288 bytes", "messages[1]",
        524291),
    Row("dms_message", MISSING_REQUIRED,
        {"action": "send", "queue": "q", "messages": [{"attributes": {"a": 1}}]},
        "missing required arguments: body found in messages", "body found in messages"),
    Row("dms_message", CONFLICT,
        {"action": "send", "queue": "q", "messages": [{"body": "x"}], "group": "g"},
        "group is not used with action=send.", "group", "send"),
    Row("dms_message", MISSING_PAIR, {"action": "consume", "queue": "q"},
        "action is consume but all of the following are missing: group", "group"),
    Row("dms_message", OUT_OF_RANGE,
        {"action": "consume", "queue": "q", "group": "g", "max_msgs": 11},
        "max_msgs must be 1 to 10, got 11.", "max_msgs", 11),
    Row("dms_message", OUT_OF_RANGE,
        {"action": "consume", "queue": "q", "group": "g", "max_msgs": 0},
        "max_msgs must be 1 to 10, got 0.", "max_msgs", 0),
    Row("dms_message", OUT_OF_RANGE,
        {"action": "consume", "queue": "q", "group": "g", "time_wait": 61},
        "time_wait must be 1 to 60, got 61.", "time_wait", 61),
    Row("dms_message", OUT_OF_RANGE,
        {"action": "consume", "queue": "q", "group": "g", "ack_wait": 14},
        "ack_wait must be 15 to 300, got 14.", "ack_wait", 14),
    Row("dms_message", CONFLICT,
        {"action": "consume", "queue": "q", "group": "g", "messages": [{"body": 1}]},
        "messages is not used with action=consume.", "messages", "consume"),
    Row("dms_message", FORBIDDEN_CHARS,
        {"action": "ack", "queue": "q", "group": "g", "handlers": ["h1", ""]},
        "handlers[1] is an empty string", "handlers[1]", "empty"),
    Row("dms_message", MISSING_PAIR, {"action": "ack", "queue": "q", "group": "g"},
        "action is ack but all of the following are missing: handlers", "handlers"),
    Row("dms_message", BAD_CHOICE,
        {"action": "ack", "queue": "q", "group": "g", "handlers": ["h"], "status": "failure"},
        "value of status must be one of: success, fail, got: failure", "status", "failure"),
    Row("dms_message", CONFLICT,
        {"action": "ack", "queue": "q", "group": "g", "handlers": ["h"], "ack": True},
        "ack is not used with action=ack.", "ack", "ack"),
    Row("dms_message", BAD_CHOICE, {"action": "peek", "queue": "q"},
        "value of action must be one of: send, consume, ack, got: peek", "action", "peek"),
    Row("dms_message", UNKNOWN_PARENT,
        {"action": "send", "queue": "no-such-queue", "messages": [{"body": 1}]},
        "Queue 'no-such-queue' does not exist.", "queue", "no-such-queue", reads=True),
    Row("dms_message", UNKNOWN_PARENT,
        {"action": "consume", "queue": EXISTING_QUEUE, "group": "ghost"},
        "Consumer group 'ghost' of queue '%s' does not exist." % EXISTING_QUEUE, "group", "ghost",
        reads=True),

    # -- dms_instance ---------------------------------------------------------------------------
    Row("dms_instance", FORBIDDEN_CHARS, {"name": "1kafka"},
        "name '1kafka' is invalid: 4 to 64 characters, starting with a letter", "name", "1kafka"),
    Row("dms_instance", FORBIDDEN_CHARS, {"name": "kafka-1\n"},
        "name 'kafka-1\\n' is invalid", "name", "kafka-1\\n"),
    Row("dms_instance", OUT_OF_RANGE, {"name": "kaf"},
        "name 'kaf' is invalid: 4 to 64 characters", "name", "kaf"),
    Row("dms_instance", FORBIDDEN_CHARS, {"name": "kafka-x", "new_name": "9bad"},
        "new_name '9bad' is invalid", "new_name", "9bad"),
    Row("dms_instance", FORBIDDEN_CHARS, {"id": "not-a-uuid"},
        "id 'not-a-uuid' is not an instance id (a UUID).", "id", "not-a-uuid"),
    Row("dms_instance", MISSING_REQUIRED, {}, "one of the following is required: name, id", "name"),
    Row("dms_instance", BAD_CHOICE, {"name": "kafka-x", "security_protocol": "SSL",
                                     "ssl_enable": True, "access_user": "admin-user",
                                     "password": PASSWORD},
        "value of security_protocol must be one of: SASL_SSL, SASL_PLAINTEXT, got: SSL",
        "security_protocol", "SSL", hidden=PASSWORD),
    Row("dms_instance", BAD_CHOICE, {"name": "kafka-x", "sasl_mechanisms": ["GSSAPI"]},
        "value of sasl_mechanisms must be one or more of: PLAIN, SCRAM-SHA-512. Got no match for: "
        "GSSAPI", "sasl_mechanisms", "GSSAPI"),
    Row("dms_instance", BAD_CHOICE, {"name": "kafka-x", "update_password": "sometimes"},
        "value of update_password must be one of: always, on_create, got: sometimes",
        "update_password", "sometimes"),
    Row("dms_instance", BAD_CHOICE, {"name": "kafka-x", "retention_policy": "forever"},
        "value of retention_policy must be one of: time_base, produce_reject, got: forever",
        "retention_policy", "forever"),
    Row("dms_instance", BAD_CHOICE, {"name": "kafka-x", "state": "stopped"},
        "value of state must be one of: present, absent, restarted, got: stopped",
        "state", "stopped"),
    wrong_type("dms_instance", {"name": "kafka-x", "enable_auto_topic": "maybe"}, "enable_auto_topic", "maybe", "bool"),
    Row('dms_instance', WRONG_TYPE, {'name': 'kafka-x', 'ipv6_enable': 'maybe'},
        "argument 'ipv6_enable' is of type str and we were unable to convert to bool", 'ipv6_enable', 'maybe'),
    wrong_type("dms_instance", {"name": "kafka-x", "ssl_enable": "maybe"}, "ssl_enable", "maybe", "bool"),
    wrong_type("dms_instance", {"name": "kafka-x", "purge_tags": "maybe"}, "purge_tags", "maybe", "bool"),
    wrong_type("dms_instance", {"name": "kafka-x", "enable_publicip": "maybe"}, "enable_publicip", "maybe", "bool"),
    wrong_type("dms_instance", {"name": "kafka-x", "broker_num": "many"}, "broker_num", "many", "int"),
    wrong_type("dms_instance", {"name": "kafka-x", "timeout": "long"}, "timeout", "long", "int"),
    wrong_type("dms_instance_topic", {"instance": "kafka-1", "name": "orders", "sync_message_flush": "maybe"}, "sync_message_flush", "maybe", "bool"),
    wrong_type("dms_instance_topic", {"instance": "kafka-1", "name": "orders", "retention_time": "week"}, "retention_time", "week", "int"),
    wrong_type("dms_instance_config", {"instance": "kafka-1", "restart": "maybe"}, "restart", "maybe", "bool"),
    wrong_type("dms_instance_consumer_group", {"instance": "kafka-1", "groups": [{"name": "g1"}], "purge": "maybe"}, "purge", "maybe", "bool"),
    wrong_type("dms_instance_user", {"instance": "kafka-1", "users": [{"name": "billing", "password": "Billing-Pass-4821"}], "purge": "maybe"}, "purge", "maybe", "bool"),
    wrong_type("dms_instance_topic_permission", {"instance": "kafka-1", "topic": "orders", "permissions": [{"user": "billing", "access": "all"}], "purge": "maybe"}, "purge", "maybe", "bool"),
    Row("dms_instance", WRONG_TYPE, {"name": "kafka-x", "storage_space": "lots"},
        "argument 'storage_space' is of type str and we were unable to convert to int",
        "storage_space", "lots"),
    Row("dms_instance", CONFLICT,
        {"name": "kafka-x", "access_user": "admin-user", "password": PASSWORD},
        "access_user is only used with ssl_enable: true. password is only used with ssl_enable: "
        "true.", "access_user", hidden=PASSWORD),
    Row("dms_instance", CONFLICT, {"name": "kafka-x", "sasl_mechanisms": ["PLAIN"]},
        "sasl_mechanisms is only used with ssl_enable: true.", "sasl_mechanisms"),
    Row("dms_instance", MISSING_PAIR, {"name": "kafka-x", "ssl_enable": True},
        "ssl_enable is True but all of the following are missing: access_user, password",
        "access_user"),
    Row("dms_instance", FORBIDDEN_CHARS,
        {"name": "kafka-x", "ssl_enable": True, "access_user": "ad", "password": PASSWORD},
        "access_user 'ad' is invalid: 4 to 64 characters, starting with a letter; letters, "
        "digits, hyphens and underscores.", "access_user", "ad",
        hidden=PASSWORD),
    # The password is a secret: the message names the option and the rule, never the value.
    Row("dms_instance", OUT_OF_RANGE,
        {"name": "kafka-x", "ssl_enable": True, "access_user": "admin-user", "password": "short"},
        "password must be 8 to 32 characters long", "password", hidden="short"),
    Row("dms_instance", FORBIDDEN_CHARS,
        {"name": "kafka-x", "ssl_enable": True, "access_user": "admin-user",
         "password": "alllowercase1"},
        "password needs at least three of", "password", hidden="alllowercase1"),
    Row("dms_instance", CONFLICT,
        {"name": "kafka-x", "ssl_enable": True, "access_user": "Admin-User1",
         "password": "Admin-User1"},
        "password must not be the user name", "password", hidden="Admin-User1"),
    Row("dms_instance", FORBIDDEN_CHARS,
        {"name": "kafka-x", "ssl_enable": True, "access_user": "admin-user",
         "password": "-Starts-With-1"},
        "password must not start with a hyphen", "password", hidden="-Starts-With-1"),
    Row("dms_instance", MISSING_PAIR, {"name": "kafka-x", "maintain_begin": "22:00"},
        "parameters are required together: maintain_begin, maintain_end", "maintain_end"),
    Row("dms_instance", WRONG_TYPE,
        {"name": "kafka-x", "maintain_begin": "late", "maintain_end": "02:00"},
        "maintain_begin 'late' is not a time of day (HH:mm or HH:mm:ss).", "maintain_begin",
        "late"),
    Row("dms_instance", OUT_OF_RANGE,
        {"name": "kafka-x", "availability_zones": ["eu-de-01", "eu-de-02"]},
        "availability_zones must list one AZ or at least three, got 2: eu-de-01, eu-de-02.",
        "availability_zones", "eu-de-01, eu-de-02"),
    Row("dms_instance", OUT_OF_RANGE, {"name": "kafka-x", "availability_zones": []},
        "availability_zones must list one AZ or at least three, got none.",
        "availability_zones", "none"),
    Row("dms_instance", MISSING_PAIR, {"name": "kafka-x", "enable_publicip": True},
        "enable_publicip is True but all of the following are missing: publicip_ids",
        "publicip_ids"),
    Row("dms_instance", MISSING_PAIR, {"name": "kafka-x", "publicip_ids": ["eip-1"]},
        "publicip_ids are only used with enable_publicip: true.", "enable_publicip"),
    Row("dms_instance", MISSING_PAIR, {"name": "kafka-x", "update_password": "always"},
        "update_password is always but all of the following are missing: password", "password"),
    Row("dms_instance", OUT_OF_RANGE, {"name": "kafka-x", "storage_space": 0},
        "storage_space must be positive, got 0.", "storage_space", 0),
    Row("dms_instance", OUT_OF_RANGE, {"name": "kafka-x", "broker_num": 0},
        "broker_num must be positive, got 0.", "broker_num", 0),
    Row("dms_instance", FORBIDDEN_CHARS, {"name": "kafka-x", "tags": {"_sys_owner": "x"}},
        "tags: key '_sys_owner' is invalid", "tags", "_sys_owner"),
    Row("dms_instance", OUT_OF_RANGE,
        {"name": "kafka-x", "tags": dict(("k%d" % n, "v") for n in range(21))},
        "tags: at most 20 tags, got 21.", "tags", 21),
    Row("dms_instance", OVERSIZE, {"name": "kafka-x", "description": "d" * 1025},
        "description is too long: at most 1024 characters, got 1025.", "description", 1025),
    Row("dms_instance", OUT_OF_RANGE, {"name": "kafka-x", "timeout": 0},
        "timeout must be positive, got 0.", "timeout", 0),
    Row("dms_instance", UNKNOWN_PARENT, {"id": UNKNOWN_ID},
        "Kafka instance with id '%s' does not exist; to create one, give name instead of id."
        % UNKNOWN_ID, "id", UNKNOWN_ID, reads=True),
    Row("dms_instance", UNKNOWN_REF, {"name": "kafka-x", "availability_zones": ["eu-de-09"]},
        "availability_zones: 'eu-de-09' is not an availability zone of this region",
        "availability_zones", "eu-de-09", reads=True, create=True),
    Row("dms_instance", UNKNOWN_REF, {"name": "kafka-x", "flavor": "nope"},
        "flavor 'nope' is not a Kafka flavour of this region", "flavor", "nope", reads=True,
        create=True),
    Row("dms_instance", BAD_CHOICE, {"name": "kafka-x", "engine_version": "3.0"},
        "engine_version '3.0' is not offered by flavour c6.2u4g.cluster; it offers",
        "engine_version", "3.0", reads=True, create=True),
    Row("dms_instance", UNKNOWN_REF,
        {"name": "kafka-x", "storage_spec_code": "dms.physical.storage.slow"},
        "storage_spec_code 'dms.physical.storage.slow' is not offered by flavour",
        "storage_spec_code", "dms.physical.storage.slow", reads=True, create=True),
    Row("dms_instance", OUT_OF_RANGE, {"name": "kafka-x", "storage_space": 200},
        "storage_space 200 GB is outside what 3 brokers of flavour c6.2u4g.cluster hold",
        "storage_space", 200, reads=True, create=True),
    Row("dms_instance", OUT_OF_RANGE, {"name": "kafka-x", "broker_num": 60},
        "broker_num 60 is not offered by flavour c6.2u4g.cluster (creating it): it takes 3 to 30 "
        "brokers.", "broker_num", 60, reads=True, create=True),
    Row("dms_instance", UNKNOWN_REF,
        {"name": "kafka-x", "maintain_begin": "22:30", "maintain_end": "02:30"},
        "maintain_begin/maintain_end 22:30-02:30 is not a maintenance window", "maintain_begin",
        "22:30", reads=True, create=True),

    # -- dms_instance_info ----------------------------------------------------------------------
    Row("dms_instance_info", UNKNOWN_OPTION, {"engine": "kafka"},
        "Unsupported parameters for (basic.py) module: engine.", "engine"),
    Row("dms_instance_info", WRONG_TYPE, {"exact_match": "mostly"},
        "argument 'exact_match' is of type str and we were unable to convert to bool",
        "exact_match", "mostly"),

    # -- dms_instance_topic ---------------------------------------------------------------------
    Row("dms_instance_topic", OUT_OF_RANGE, {"instance": "kafka-1", "name": "ab"},
        "name 'ab' is invalid: " + TOPICS_NAME_HINT, "name", "ab"),
    Row("dms_instance_topic", FORBIDDEN_CHARS, {"instance": "kafka-1", "name": "1abcd"},
        "name '1abcd' is invalid", "name", "1abcd"),
    Row("dms_instance_topic", FORBIDDEN_CHARS, {"instance": "kafka-1", "name": "ab:cd"},
        "name 'ab:cd' is invalid", "name", "ab:cd"),
    Row("dms_instance_topic", FORBIDDEN_CHARS, {"instance": "kafka-1", "name": "orders\n"},
        "name 'orders\\n' is invalid", "name", "orders\\n"),
    Row("dms_instance_topic", OVERSIZE, {"instance": "kafka-1", "name": "a" * 201},
        "name '%s' is invalid" % ("a" * 201), "name", "a" * 201),
    Row("dms_instance_topic", CONFLICT, {"instance": "kafka-1", "name": "__consumer_offsets"},
        "name '__consumer_offsets' is reserved for Kafka's own topics.", "name",
        "__consumer_offsets"),
    Row("dms_instance_topic", OUT_OF_RANGE,
        {"instance": "kafka-1", "name": "orders", "partitions": 0},
        "partitions must be 1 to 200, got 0.", "partitions", 0),
    Row("dms_instance_topic", OUT_OF_RANGE,
        {"instance": "kafka-1", "name": "orders", "partitions": 201},
        "partitions must be 1 to 200, got 201.", "partitions", 201),
    Row("dms_instance_topic", OUT_OF_RANGE,
        {"instance": "kafka-1", "name": "orders", "replication": 0},
        "replication must be 1 to 3, got 0.", "replication", 0),
    Row("dms_instance_topic", OUT_OF_RANGE,
        {"instance": "kafka-1", "name": "orders", "replication": 4},
        "replication must be 1 to 3, got 4.", "replication", 4),
    Row("dms_instance_topic", OUT_OF_RANGE,
        {"instance": "kafka-1", "name": "orders", "retention_time": 0},
        "retention_time must be 1 to 720, got 0.", "retention_time", 0),
    Row("dms_instance_topic", OUT_OF_RANGE,
        {"instance": "kafka-1", "name": "orders", "retention_time": 721},
        "retention_time must be 1 to 720, got 721.", "retention_time", 721),
    Row("dms_instance_topic", OVERSIZE,
        {"instance": "kafka-1", "name": "orders", "description": "d" * 201},
        "description is too long: at most 200 characters, got 201.", "description", 201),
    Row("dms_instance_topic", BAD_CHOICE,
        {"instance": "kafka-1", "name": "orders", "configs": {"cleanup.policy": "compact"}},
        "configs: 'cleanup.policy' is not a topic parameter the API accepts; use "
        "max.message.bytes or message.timestamp.type.", "configs", "cleanup.policy"),
    Row("dms_instance_topic", OUT_OF_RANGE,
        {"instance": "kafka-1", "name": "orders", "configs": {"max.message.bytes": 10485761}},
        "configs: max.message.bytes must be an integer from 0 to 10485760, got 10485761.",
        "configs", 10485761),
    Row("dms_instance_topic", WRONG_TYPE,
        {"instance": "kafka-1", "name": "orders", "configs": {"max.message.bytes": "big"}},
        "configs: max.message.bytes must be an integer from 0 to 10485760, got 'big'.",
        "configs", "big"),
    Row("dms_instance_topic", BAD_CHOICE,
        {"instance": "kafka-1", "topics": [
            {"name": "orders", "configs": {"message.timestamp.type": "Now"}}]},
        "topics[0].configs (topic 'orders'): message.timestamp.type must be CreateTime or "
        "LogAppendTime, got 'Now'.", "topics[0].configs", "Now"),
    Row("dms_instance_topic", CONFLICT,
        {"instance": "kafka-1", "topics": [{"name": "a_b"}, {"name": "a.b"}]},
        "topics[1].name 'a.b' collides with topics[0].name 'a_b': Kafka treats '.' and '_' in "
        "topic names alike.", "topics[1].name", "a.b"),
    Row("dms_instance_topic", FORBIDDEN_CHARS,
        {"instance": "kafka-1", "topics": [{"name": "good"}, {"name": "b"}]},
        "topics[1].name 'b' is invalid", "topics[1].name", "b"),
    Row("dms_instance_topic", OUT_OF_RANGE,
        {"instance": "kafka-1", "topics": [{"name": "orders", "partitions": 201}]},
        "topics[0].partitions (topic 'orders') must be 1 to 200, got 201.", "topics[0].partitions",
        201),
    Row("dms_instance_topic", CONFLICT,
        {"instance": "kafka-1", "topics": [{"name": "orders"}, {"name": "orders"}]},
        "topics[1].name 'orders' repeats topics[0].name: list each topic once.", "topics[1].name",
        "orders"),
    Row("dms_instance_topic", MISSING_REQUIRED,
        {"instance": "kafka-1", "topics": [{"partitions": 3}]},
        "missing required arguments: name found in topics", "name found in topics"),
    Row("dms_instance_topic", CONFLICT, {"instance": "kafka-1", "name": "orders", "purge": True},
        "purge is only valid with topics.", "purge"),
    Row("dms_instance_topic", CONFLICT,
        {"instance": "kafka-1", "topics": [], "purge": True, "state": "absent"},
        "purge is only valid with state: present.", "purge"),
    Row("dms_instance_topic", CONFLICT,
        {"instance": "kafka-1", "name": "orders", "topics": [{"name": "orders"}]},
        "parameters are mutually exclusive: name|topics", "topics"),
    Row("dms_instance_topic", CONFLICT,
        {"instance": "kafka-1", "topics": [{"name": "orders"}], "retention_time": 3},
        "parameters are mutually exclusive: topics|retention_time", "retention_time"),
    Row("dms_instance_topic", MISSING_REQUIRED, {"instance": "kafka-1"},
        "one of the following is required: name, topics", "topics"),
    Row("dms_instance_topic", MISSING_REQUIRED, {"name": "orders"},
        "missing required arguments: instance", "instance"),
    Row("dms_instance_topic", BAD_CHOICE,
        {"instance": "kafka-1", "name": "orders", "state": "gone"},
        "value of state must be one of: present, absent, got: gone", "state", "gone"),
    Row("dms_instance_topic", CONFLICT,
        {"instance": "kafka-1", "name": "orders", "replication": 1, "sync_replication": True},
        "sync_replication: true needs more than one replica; replication is 1.",
        "sync_replication", 1),
    Row("dms_instance_topic", CONFLICT,
        {"instance": "kafka-1",
         "topics": [{"name": "orders", "replication": 1, "sync_replication": True}]},
        "topics[0].sync_replication (topic 'orders'): true needs more than one replica; "
        "topics[0].replication is 1.", "topics[0].sync_replication", 1),
    # -- dms_instance_consumer_group ------------------------------------------------------------
    Row("dms_instance_consumer_group", OUT_OF_RANGE, {"instance": "kafka-1", "name": "ab"},
        "name 'ab' is invalid", "name", "ab"),
    Row("dms_instance_consumer_group", FORBIDDEN_CHARS, {"instance": "kafka-1", "name": "1group"},
        "name '1group' is invalid", "name", "1group"),
    Row("dms_instance_consumer_group", OVERSIZE, {"instance": "kafka-1", "name": "g" * 65},
        "name '%s' is invalid" % ("g" * 65), "name", "g" * 65),
    Row("dms_instance_consumer_group", OVERSIZE,
        {"instance": "kafka-1", "name": "billing", "description": "d" * 201},
        "description is too long: at most 200 characters, got 201.", "description", 201),
    Row("dms_instance_consumer_group", FORBIDDEN_CHARS,
        {"instance": "kafka-1", "groups": [{"name": "billing"}, {"name": "bad group"}]},
        "groups[1].name 'bad group' is invalid", "groups[1].name", "bad group"),
    Row("dms_instance_consumer_group", CONFLICT,
        {"instance": "kafka-1", "groups": [{"name": "billing"}, {"name": "billing"}]},
        "groups[1].name 'billing' repeats groups[0].name: list each consumer group once.",
        "groups[1].name", "billing"),
    Row("dms_instance_consumer_group", CONFLICT,
        {"instance": "kafka-1", "name": "billing", "purge": True},
        "purge is only valid with groups.", "purge"),
    Row("dms_instance_consumer_group", CONFLICT,
        {"instance": "kafka-1", "groups": [], "purge": True, "state": "absent"},
        "purge is only valid with state: present.", "purge"),
    Row("dms_instance_consumer_group", CONFLICT,
        {"instance": "kafka-1", "groups": [{"name": "billing"}], "description": "x"},
        "parameters are mutually exclusive: groups|description", "description"),
    Row("dms_instance_consumer_group", MISSING_REQUIRED, {"instance": "kafka-1"},
        "one of the following is required: name, groups", "groups"),
    Row("dms_instance_consumer_group", BAD_CHOICE,
        {"instance": "kafka-1", "name": "billing", "state": "gone"},
        "value of state must be one of: present, absent, got: gone", "state", "gone"),
    Row("dms_instance_consumer_group", UNKNOWN_PARENT, {"instance": "no-such-kafka", "name": "billing"},
        "Kafka instance 'no-such-kafka' does not exist.", "instance", "no-such-kafka", reads=True),

    # -- dms_instance_consumer_group_info -------------------------------------------------------
    Row("dms_instance_consumer_group_info", MISSING_REQUIRED, {"name": "billing"},
        "missing required arguments: instance", "instance"),
    Row("dms_instance_consumer_group_info", UNKNOWN_OPTION, {"instance": "kafka-1", "lag": 5},
        "Unsupported parameters for (basic.py) module: lag.", "lag"),

    # -- dms_instance_task_info -----------------------------------------------------------------
    Row("dms_instance_task_info", FORBIDDEN_CHARS, {"instance": "kafka-1", "id": "not-a-task"},
        "id 'not-a-task' is not a background task id (32 hexadecimal characters).", "id",
        "not-a-task"),
    Row("dms_instance_task_info", WRONG_TYPE, {"instance": "kafka-1", "since": "last week"},
        "since 'last week' is not an ISO 8601 time", "since", "last week"),
    Row("dms_instance_task_info", OUT_OF_RANGE, {"instance": "kafka-1", "until": "2026-02-30"},
        "until '2026-02-30' is not an ISO 8601 time", "until", "2026-02-30"),
    Row("dms_instance_task_info", CONFLICT,
        {"instance": "kafka-1", "since": "2026-07-02", "until": "2026-07-01"},
        "since (2026-07-02) is later than until (2026-07-01).", "since", "2026-07-02"),
    Row("dms_instance_task_info", CONFLICT,
        {"instance": "kafka-1", "id": "0" * 32, "since": "2026-07-01"},
        "parameters are mutually exclusive: id|since", "since"),
    Row("dms_instance_task_info", MISSING_REQUIRED, {"since": "2026-07-01"},
        "missing required arguments: instance", "instance"),

    # -- dms_instance_config --------------------------------------------------------------------
    Row("dms_instance_config", WRONG_TYPE, {"instance": "kafka-1", "restart": "perhaps"},
        "argument 'restart' is of type str and we were unable to convert to bool", "restart",
        "perhaps"),
    Row("dms_instance_config", WRONG_TYPE,
        {"instance": "kafka-1", "parameters": {"message.max.bytes": [1, 2]}},
        "parameters: message.max.bytes must be a string, a number or a boolean, got a list.",
        "parameters", "message.max.bytes"),
    Row("dms_instance_config", MISSING_REQUIRED, {"parameters": {"message.max.bytes": 1}},
        "missing required arguments: instance", "instance"),
    Row("dms_instance_config", UNKNOWN_OPTION, {"instance": "kafka-1", "configs": {}},
        "Unsupported parameters for (basic.py) module: configs.", "configs"),
    Row("dms_instance_config", UNKNOWN_PARENT,
        {"instance": "no-such-kafka", "parameters": {"message.max.bytes": 1}},
        "Kafka instance 'no-such-kafka' does not exist.", "instance", "no-such-kafka", reads=True),

    # -- dms_instance_consumer_group_offset -----------------------------------------------------
    Row("dms_instance_consumer_group_offset", MISSING_REQUIRED, {"instance": "kafka-1", "group": "billing", "topic": "orders"},
        "Give exactly one of offset, timestamp and position.", "position"),
    Row("dms_instance_consumer_group_offset", CONFLICT, dict({"instance": "kafka-1", "group": "billing", "topic": "orders"}, offset=1, position="latest"),
        "Give exactly one of offset, timestamp and position, got offset and position.",
        "offset"),
    Row("dms_instance_consumer_group_offset", OUT_OF_RANGE, dict({"instance": "kafka-1", "group": "billing", "topic": "orders"}, offset=-1),
        "offset must be 0 or more, got -1.", "offset", -1),
    Row("dms_instance_consumer_group_offset", OUT_OF_RANGE, dict({"instance": "kafka-1", "group": "billing", "topic": "orders"}, offset=0, partition=-2),
        "partition must be 0 or more, got -2", "partition", -2),
    Row("dms_instance_consumer_group_offset", WRONG_TYPE, dict({"instance": "kafka-1", "group": "billing", "topic": "orders"}, timestamp="last monday"),
        "timestamp 'last monday' is neither epoch milliseconds nor an ISO 8601 time.",
        "timestamp", "last monday"),
    Row("dms_instance_consumer_group_offset", BAD_CHOICE, dict({"instance": "kafka-1", "group": "billing", "topic": "orders"}, position="middle"),
        "value of position must be one of: earliest, latest, got: middle", "position", "middle"),
    Row("dms_instance_consumer_group_offset", FORBIDDEN_CHARS,
        {"instance": "kafka-1", "group": "bad group", "topic": "orders", "offset": 0},
        "group 'bad group' is invalid", "group", "bad group"),
    Row("dms_instance_consumer_group_offset", FORBIDDEN_CHARS,
        {"instance": "kafka-1", "group": "billing", "topic": "or:ders", "offset": 0},
        "topic 'or:ders' is invalid", "topic", "or:ders"),
    Row("dms_instance_consumer_group_offset", MISSING_REQUIRED,
        {"instance": "kafka-1", "group": "billing", "offset": 0},
        "missing required arguments: topic", "topic"),
    Row("dms_instance_consumer_group_offset", UNKNOWN_PARENT, dict({"instance": "kafka-1", "group": "billing", "topic": "orders"}, offset=0, instance="no-such-kafka"),
        "Kafka instance 'no-such-kafka' does not exist.", "instance", "no-such-kafka", reads=True),

    # -- dms_instance_user ----------------------------------------------------------------------
    Row("dms_instance_user", OUT_OF_RANGE, {"instance": "kafka-1", "name": "abc"},
        "name 'abc' is invalid", "name", "abc"),
    Row("dms_instance_user", FORBIDDEN_CHARS, {"instance": "kafka-1", "name": "1-app"},
        "name '1-app' is invalid", "name", "1-app"),
    Row("dms_instance_user", FORBIDDEN_CHARS, {"instance": "kafka-1", "name": "app.user"},
        "name 'app.user' is invalid", "name", "app.user"),
    Row("dms_instance_user", OVERSIZE, {"instance": "kafka-1", "name": "u" * 65},
        "name '%s' is invalid" % ("u" * 65), "name", "u" * 65),
    Row("dms_instance_user", OUT_OF_RANGE,
        {"instance": "kafka-1", "name": "billing", "password": "Sh0rt!"},
        "password must be 8 to 32 characters long", "password", hidden="Sh0rt!"),
    Row("dms_instance_user", FORBIDDEN_CHARS,
        {"instance": "kafka-1", "name": "billing", "password": "-Starts-With-1"},
        "password must not start with a hyphen", "password", hidden="-Starts-With-1"),
    Row("dms_instance_user", FORBIDDEN_CHARS,
        {"instance": "kafka-1", "name": "billing", "password": "alllowercase1"},
        "password needs at least three of", "password", hidden="alllowercase1"),
    Row("dms_instance_user", CONFLICT,
        {"instance": "kafka-1", "name": "Billing-1", "password": "1-gnilliB"},
        "password must not be the user name or the user name backwards", "password",
        hidden="1-gnilliB"),
    Row("dms_instance_user", OVERSIZE,
        {"instance": "kafka-1", "name": "billing", "description": "d" * 201},
        "description is too long: at most 200 characters, got 201.", "description", 201),
    Row("dms_instance_user", BAD_CHOICE,
        {"instance": "kafka-1", "name": "billing", "update_password": "sometimes"},
        "value of update_password must be one of: always, on_create, got: sometimes",
        "update_password", "sometimes"),
    Row("dms_instance_user", FORBIDDEN_CHARS,
        {"instance": "kafka-1", "users": [{"name": "billing"}, {"name": "9lives"}]},
        "users[1].name '9lives' is invalid", "users[1].name", "9lives"),
    Row("dms_instance_user", OUT_OF_RANGE,
        {"instance": "kafka-1", "users": [{"name": "billing", "password": "Tiny-1"}]},
        "users[0].password (user 'billing') must be 8 to 32 characters long",
        "users[0].password", hidden="Tiny-1"),
    Row("dms_instance_user", CONFLICT,
        {"instance": "kafka-1", "users": [{"name": "billing"}, {"name": "billing"}]},
        "users[1].name 'billing' repeats users[0].name: list each user once.", "users[1].name",
        "billing"),
    Row("dms_instance_user", MISSING_REQUIRED,
        {"instance": "kafka-1", "users": [{"password": "Billing-Pass-301"}]},
        "missing required arguments: name found in users", "name found in users",
        hidden="Billing-Pass-301"),
    Row("dms_instance_user", CONFLICT, {"instance": "kafka-1", "name": "billing", "purge": True},
        "purge is only valid with users.", "purge"),
    Row("dms_instance_user", CONFLICT,
        {"instance": "kafka-1", "users": [], "purge": True, "state": "absent"},
        "purge is only valid with state: present.", "purge"),
    Row("dms_instance_user", CONFLICT,
        {"instance": "kafka-1", "users": [{"name": "billing"}], "password": "Billing-Pass-301"},
        "parameters are mutually exclusive: users|password", "password",
        hidden="Billing-Pass-301"),
    Row("dms_instance_user", MISSING_REQUIRED, {"instance": "kafka-1"},
        "one of the following is required: name, users", "users"),
    Row("dms_instance_user", BAD_CHOICE, {"instance": "kafka-1", "name": "billing", "state": "gone"},
        "value of state must be one of: present, absent, got: gone", "state", "gone"),
    Row("dms_instance_user", OVERSIZE,
        {"instance": "kafka-1", "users": [{"name": "billing", "description": "d" * 201}]},
        "users[0].description (user 'billing') is too long: at most 200 characters, got 201.",
        "users[0].description", 201),
    Row("dms_instance_user", UNKNOWN_OPTION,
        {"instance": "kafka-1", "users": [{"name": "billing", "role": "admin"}]},
        "Unsupported parameters for (basic.py) module: users.role", "users.role"),
    Row("dms_instance_user", UNKNOWN_PARENT,
        {"instance": "no-such-kafka", "name": "billing", "password": "Billing-Pass-301"},
        "Kafka instance 'no-such-kafka' does not exist.", "instance", "no-such-kafka", reads=True,
        hidden="Billing-Pass-301"),

    # -- dms_instance_user_info -----------------------------------------------------------------
    Row("dms_instance_user_info", MISSING_REQUIRED, {"name": "billing"},
        "missing required arguments: instance", "instance"),
    Row("dms_instance_user_info", UNKNOWN_OPTION, {"instance": "kafka-1", "password": "x"},
        "Unsupported parameters for (basic.py) module: password.", "password"),

    # -- dms_instance_topic_permission ----------------------------------------------------------
    Row("dms_instance_topic_permission", BAD_CHOICE,
        {"instance": "kafka-1", "topic": "orders", "permissions": [
            {"user": "billing", "access": "read"}]},
        "value of access must be one of: all, pub, sub, got: read found in permissions", "access",
        "read"),
    Row("dms_instance_topic_permission", FORBIDDEN_CHARS,
        {"instance": "kafka-1", "topic": "orders", "permissions": [
            {"user": "bill ing", "access": "pub"}]},
        "permissions[0].user 'bill ing' is invalid", "permissions[0].user", "bill ing"),
    Row("dms_instance_topic_permission", FORBIDDEN_CHARS,
        {"instance": "kafka-1", "topic": "or:ders", "permissions": []},
        "topic 'or:ders' is invalid", "topic", "or:ders"),
    Row("dms_instance_topic_permission", MISSING_REQUIRED,
        {"instance": "kafka-1", "topic": "orders", "permissions": [{"user": "billing"}]},
        "permissions[0].access is required with state: present (one of all, pub, sub).",
        "permissions[0].access"),
    Row("dms_instance_topic_permission", CONFLICT,
        {"instance": "kafka-1", "topic": "orders", "permissions": [
            {"user": "billing", "access": "pub"}, {"user": "billing", "access": "sub"}]},
        "permissions[1].user 'billing' repeats permissions[0].user: list each user once.",
        "permissions[1].user", "billing"),
    Row("dms_instance_topic_permission", CONFLICT,
        {"instance": "kafka-1", "topics": [{"topic": "orders", "permissions": []},
                                           {"topic": "orders", "permissions": []}]},
        "topics[1].topic 'orders' repeats topics[0].topic: list each topic once.",
        "topics[1].topic", "orders"),
    Row("dms_instance_topic_permission", MISSING_PAIR, {"instance": "kafka-1", "topic": "orders"},
        "missing parameter(s) required by 'topic': permissions", "permissions"),
    Row("dms_instance_topic_permission", MISSING_REQUIRED,
        {"instance": "kafka-1", "topics": [{"topic": "orders"}]},
        "missing required arguments: permissions found in topics", "permissions"),
    Row("dms_instance_topic_permission", CONFLICT,
        {"instance": "kafka-1", "topic": "orders", "permissions": [], "topics": []},
        "parameters are mutually exclusive: topic|topics", "topics"),
    Row("dms_instance_topic_permission", CONFLICT,
        {"instance": "kafka-1", "topic": "orders", "permissions": [], "purge": True,
         "state": "absent"},
        "purge is only valid with state: present.", "purge"),
    Row("dms_instance_topic_permission", BAD_CHOICE,
        {"instance": "kafka-1", "topic": "orders", "permissions": [], "state": "revoked"},
        "value of state must be one of: present, absent, got: revoked", "state", "revoked"),
    Row("dms_instance_topic_permission", BAD_CHOICE,
        {"instance": "kafka-1", "topics": [{"topic": "orders", "permissions": [
            {"user": "billing", "access": "write"}]}]},
        "value of access must be one of: all, pub, sub, got: write found in topics -> "
        "permissions", "access", "write"),
    Row("dms_instance_topic_permission", FORBIDDEN_CHARS,
        {"instance": "kafka-1", "topics": [{"topic": "orders", "permissions": [
            {"user": "-billing", "access": "pub"}]}]},
        "topics[0].permissions[0].user '-billing' is invalid", "topics[0].permissions[0].user",
        "-billing"),
    Row("dms_instance_topic_permission", UNKNOWN_PARENT,
        {"instance": UNKNOWN_ID, "topic": "orders", "permissions": [
            {"user": "billing", "access": "pub"}]},
        "Kafka instance '%s' does not exist." % UNKNOWN_ID, "instance", UNKNOWN_ID, reads=True),

    Row("dms_instance_topic", UNKNOWN_PARENT, {"instance": "no-such-kafka", "name": "orders"},
        "Kafka instance 'no-such-kafka' does not exist.", "instance", "no-such-kafka", reads=True),
    Row("dms_instance_topic", UNKNOWN_PARENT,
        {"instance": UNKNOWN_ID, "topics": [{"name": "orders"}]},
        "Kafka instance '%s' does not exist." % UNKNOWN_ID, "instance", UNKNOWN_ID, reads=True),

    # -- dms_instance_topic_info ----------------------------------------------------------------
    Row("dms_instance_topic_info", MISSING_REQUIRED, {}, "missing required arguments: instance",
        "instance"),
    Row("dms_instance_topic_info", WRONG_TYPE, {"instance": "kafka-1", "timeout": "long"},
        "argument 'timeout' is of type str and we were unable to convert to int", "timeout",
        "long"),

    # -- dms_az_info, dms_product_info, dms_maintenance_window_info -----------------------------
    Row("dms_az_info", WRONG_TYPE, {"validate_certs": "sure"},
        "argument 'validate_certs' is of type str and we were unable to convert to bool",
        "validate_certs", "sure"),
    Row("dms_az_info", UNKNOWN_OPTION, {"region": "eu-de"},
        "Unsupported parameters for (basic.py) module: region.", "region"),
    Row("dms_product_info", BAD_CHOICE, {"type": "huge"},
        "value of type must be one of: cluster, cluster.small, single, got: huge",
        "type", "huge"),
    Row("dms_product_info", UNKNOWN_OPTION, {"bandwidth": "100MB"},
        "Unsupported parameters for (basic.py) module: bandwidth.", "bandwidth"),
    Row("dms_maintenance_window_info", WRONG_TYPE, {"default_only": "maybe"},
        "argument 'default_only' is of type str and we were unable to convert to bool",
        "default_only", "maybe"),

    # -- roles/queue_setup ----------------------------------------------------------------------
    Row(QUEUE_SETUP, BAD_CHOICE, queues({"name": "q", "queue_mode": "lifo"}),
        "value of queue_mode must be one of: normal, fifo, kafka_ha, kafka_ht, got: lifo found "
        "in queue_setup_queues", "queue_mode", "lifo", argspec=True),
    Row(QUEUE_SETUP, UNKNOWN_OPTION, queues({"name": "q", "group": ["a"]}),
        "queue_setup_queues.group. Supported parameters include:", "queue_setup_queues.group",
        argspec=True),
    Row(QUEUE_SETUP, MISSING_REQUIRED, queues({"queue_mode": "fifo"}),
        "missing required arguments: name found in queue_setup_queues",
        "name found in queue_setup_queues", argspec=True),
    Row(QUEUE_SETUP, WRONG_TYPE, dict(queues({"name": "q"}), queue_setup_purge_queues="sometimes"),
        "argument 'queue_setup_purge_queues' is of type str and we were unable to convert to bool",
        "queue_setup_purge_queues", "sometimes", argspec=True),
    Row(QUEUE_SETUP, CONFLICT, queues({"name": "q"}, {"name": "q"}),
        "queue_setup_queues[1].name 'q' repeats queue_setup_queues[0].name: list each queue once.",
        "queue_setup_queues[1].name", "q"),
    Row(QUEUE_SETUP, OUT_OF_RANGE, queues({"name": "q", "groups": ["a", "b", "c", "d"]}),
        "queue_setup_queues[0].groups lists 4 groups (a, b, c, d); a queue has at most 3",
        "queue_setup_queues[0].groups", "a, b, c, d"),
    Row(QUEUE_SETUP, CONFLICT, queues({"name": "q", "groups": ["a", "b", "a"]}),
        "queue_setup_queues[0].groups[2] 'a' repeats queue_setup_queues[0].groups[0]",
        "queue_setup_queues[0].groups[2]", "a"),
    # The first queue is fine: before this check, it was created before the second one failed.
    Row(QUEUE_SETUP, FORBIDDEN_CHARS, queues({"name": "fine"}, {"name": "bad name"}),
        "queue_setup_queues[1].name 'bad name' is invalid: use 1 to 64 letters",
        "queue_setup_queues[1].name", "bad name"),
    Row(QUEUE_SETUP, FORBIDDEN_CHARS, queues({"name": "orders\n"}),
        "queue_setup_queues[0].name 'orders\\n' is invalid: use 1 to 64 letters",
        "queue_setup_queues[0].name", "orders\\n"),
    Row(QUEUE_SETUP, FORBIDDEN_CHARS, queues({"name": "q", "groups": ["fine", "bad group"]}),
        "queue_setup_queues[0].groups[1] 'bad group' is invalid: use 1 to 32 letters",
        "queue_setup_queues[0].groups[1]", "bad group"),
    Row(QUEUE_SETUP, FORBIDDEN_CHARS, queues({"name": "q", "description": "a <b>"}),
        "queue_setup_queues[0].description 'a <b>' must not contain < or >.",
        "queue_setup_queues[0].description", "a <b>"),
    Row(QUEUE_SETUP, OVERSIZE, queues({"name": "q", "description": "d" * 161}),
        "queue_setup_queues[0].description is too long: at most 160 characters, got 161.",
        "queue_setup_queues[0].description", 161),
    Row(QUEUE_SETUP, OUT_OF_RANGE,
        queues({"name": "fine"}, {"name": "q", "dead_letter": True, "max_consume_count": 0}),
        "queue_setup_queues[1].max_consume_count must be 1 to 100, got 0.",
        "queue_setup_queues[1].max_consume_count", 0),
    Row(QUEUE_SETUP, MISSING_PAIR, queues({"name": "q", "dead_letter": True}),
        "queue_setup_queues[0].dead_letter is true but queue_setup_queues[0].max_consume_count "
        "is missing.", "queue_setup_queues[0].max_consume_count"),
    Row(QUEUE_SETUP, CONFLICT, queues({"name": "q", "queue_mode": "fifo", "retention_hours": 5}),
        "queue_setup_queues[0].retention_hours is only valid with queue_mode kafka_ha or kafka_ht, "
        "not fifo.", "queue_setup_queues[0].retention_hours", "fifo"),
    Row(QUEUE_SETUP, OUT_OF_RANGE,
        queues({"name": "q", "queue_mode": "kafka_ha", "retention_hours": 73}),
        "queue_setup_queues[0].retention_hours must be 1 to 72, got 73.",
        "queue_setup_queues[0].retention_hours", 73),

    # -- roles/kafka_instance -------------------------------------------------------------------
    Row(KAFKA_INSTANCE, MISSING_REQUIRED, kafka_role(kafka_instance_flavor=None),
        "missing required arguments: kafka_instance_flavor", "kafka_instance_flavor",
        argspec=True, hidden=PASSWORD),
    Row(KAFKA_INSTANCE, MISSING_REQUIRED, kafka_role(kafka_instance_vpc_id=None),
        "missing required arguments: kafka_instance_vpc_id", "kafka_instance_vpc_id",
        argspec=True, hidden=PASSWORD),
    Row(KAFKA_INSTANCE, WRONG_TYPE, kafka_role(kafka_instance_storage_space="lots"),
        "argument 'kafka_instance_storage_space' is of type str and we were unable to convert to "
        "int",
        "kafka_instance_storage_space", "lots", argspec=True, hidden=PASSWORD),
    Row(KAFKA_INSTANCE, UNKNOWN_OPTION,
        kafka_role(kafka_instance_topics=[{"name": "orders", "partition": 3}]),
        "kafka_instance_topics.partition. Supported parameters include:",
        "kafka_instance_topics.partition", argspec=True, hidden=PASSWORD),
    Row(KAFKA_INSTANCE, WRONG_TYPE, kafka_role(kafka_instance_parameters=["log.retention.hours"]),
        "kafka_instance_parameters", "kafka_instance_parameters", argspec=True, hidden=PASSWORD),
    Row(KAFKA_INSTANCE, WRONG_TYPE, kafka_role(kafka_instance_restart="sometimes"),
        "kafka_instance_restart", "kafka_instance_restart", "sometimes", argspec=True,
        hidden=PASSWORD),
    Row(KAFKA_INSTANCE, WRONG_TYPE, kafka_role(kafka_instance_purge_users="maybe"),
        "kafka_instance_purge_users", "kafka_instance_purge_users", "maybe", argspec=True,
        hidden=PASSWORD),
    Row(KAFKA_INSTANCE, BAD_CHOICE, kafka_role(kafka_instance_update_password="never"),
        "kafka_instance_update_password must be one of: on_create, always", 
        "kafka_instance_update_password", "never", argspec=True, hidden=PASSWORD),
    Row(KAFKA_INSTANCE, UNKNOWN_OPTION,
        kafka_role(kafka_instance_users=[{"name": "billing", "pasword": "x"}]),
        "kafka_instance_users.pasword. Supported parameters include:",
        "kafka_instance_users.pasword", argspec=True, hidden=PASSWORD),
    Row(KAFKA_INSTANCE, MISSING_REQUIRED, kafka_role(kafka_instance_permissions=[
        {"topic": "orders"}]), "missing required arguments: permissions",
        "permissions", argspec=True, hidden=PASSWORD),
    Row(KAFKA_INSTANCE, BAD_CHOICE, kafka_role(kafka_instance_permissions=[
        {"topic": "orders", "permissions": [{"user": "kafka-admin", "access": "write"}]}]),
        "access must be one of: all, pub, sub", "access", "write", argspec=True, hidden=PASSWORD),
    Row(KAFKA_INSTANCE, UNKNOWN_OPTION,
        kafka_role(kafka_instance_consumer_groups=[{"name": "readers", "lag": 0}]),
        "kafka_instance_consumer_groups.lag. Supported parameters include:",
        "kafka_instance_consumer_groups.lag", argspec=True, hidden=PASSWORD),
    # The role's modules in check mode, before any write: what needs a read may read.
    Role(MISSING_PAIR, dict(kafka_instance_ssl_password=None),
         "parameters are required together: kafka_instance_ssl_user, kafka_instance_ssl_password",
         "kafka_instance_ssl_password"),
    Role(MISSING_PAIR, dict(kafka_instance_ssl_user=None),
         "kafka_instance_ssl_user", "kafka_instance_ssl_user"),
    Role(MISSING_PAIR, dict(kafka_instance_maintain_end=None),
         "parameters are required together: kafka_instance_maintain_begin, "
         "kafka_instance_maintain_end", "kafka_instance_maintain_end"),
    Role(FORBIDDEN_CHARS, dict(kafka_instance_name="1kafka"),
         "kafka_instance_name '1kafka' is invalid", "kafka_instance_name", "1kafka"),
    Role(OVERSIZE, dict(kafka_instance_name="k" * 65),
         "kafka_instance_name '%s' is invalid" % ("k" * 65), "kafka_instance_name", "k" * 65),
    Role(OUT_OF_RANGE, dict(kafka_instance_broker_num=0),
         "kafka_instance_broker_num must be positive, got 0.", "kafka_instance_broker_num", 0),
    Role(OUT_OF_RANGE, dict(kafka_instance_storage_space=200),
         "kafka_instance_storage_space 200 GB is outside what 3 brokers of flavour c6.2u4g.cluster "
         "hold", "kafka_instance_storage_space", 200),
    Role(OUT_OF_RANGE, dict(kafka_instance_availability_zones=["eu-de-01", "eu-de-02"]),
         "kafka_instance_availability_zones must list one AZ or at least three, got 2",
         "kafka_instance_availability_zones", "eu-de-02"),
    Role(UNKNOWN_REF, dict(kafka_instance_availability_zones=["eu-xx-09"]),
         "kafka_instance_availability_zones: 'eu-xx-09' is not an availability zone",
         "kafka_instance_availability_zones", "eu-xx-09"),
    Role(UNKNOWN_REF, dict(kafka_instance_flavor="c6.99u.cluster"),
         "is not a Kafka flavour of this region", "kafka_instance_flavor", "c6.99u.cluster"),
    Role(UNKNOWN_REF, dict(kafka_instance_engine_version="9.9"),
         "kafka_instance_engine_version '9.9' is not offered by flavour c6.2u4g.cluster",
         "kafka_instance_engine_version", "9.9"),
    Role(UNKNOWN_REF, dict(kafka_instance_storage_spec_code="dms.physical.storage.tape"),
         "kafka_instance_storage_spec_code 'dms.physical.storage.tape' is not offered",
         "kafka_instance_storage_spec_code", "dms.physical.storage.tape"),
    Role(FORBIDDEN_CHARS, dict(kafka_instance_ssl_user="1admin"),
         "kafka_instance_ssl_user '1admin' is invalid", "kafka_instance_ssl_user", "1admin"),
    Role(FORBIDDEN_CHARS, dict(kafka_instance_ssl_password="weakpassword"),
         "kafka_instance_ssl_password needs at least three of", "kafka_instance_ssl_password",
         hidden="weakpassword"),
    Role(FORBIDDEN_CHARS, dict(kafka_instance_maintain_begin="25:00"),
         "kafka_instance_maintain_begin '25:00' is not a time of day",
         "kafka_instance_maintain_begin", "25:00"),
    Role(UNKNOWN_REF, dict(kafka_instance_maintain_begin="21:00", kafka_instance_maintain_end="01:00"),
         "is not a maintenance window", "kafka_instance_maintain_begin", "21:00"),
    Role(OVERSIZE, dict(kafka_instance_description="d" * 1025),
         "kafka_instance_description", "kafka_instance_description", 1025),
    Role(FORBIDDEN_CHARS, dict(kafka_instance_tags={"bad key!": "x"}),
         "kafka_instance_tags: key 'bad key!' is invalid", "kafka_instance_tags", "bad key!"),
    Role(OUT_OF_RANGE, dict(kafka_instance_tags=dict(("t%d" % i, "v") for i in range(21))),
         "kafka_instance_tags: at most 20 tags, got 21.", "kafka_instance_tags", 21),
    Role(BAD_CHOICE, dict(kafka_instance_sasl_mechanisms=["GSSAPI"]),
         "kafka_instance_sasl_mechanisms", "kafka_instance_sasl_mechanisms", "GSSAPI"),
    Role(OUT_OF_RANGE, dict(kafka_instance_timeout=0),
         "kafka_instance_timeout must be positive, got 0.", "kafka_instance_timeout", 0),
    Role(WRONG_TYPE, dict(kafka_instance_parameters={"log.retention.hours": {"hours": 96}}),
         "kafka_instance_parameters: log.retention.hours must be a string, a number or a boolean, "
         "got a dict.", "kafka_instance_parameters", "log.retention.hours"),
    Role(CONFLICT, dict(kafka_instance_topics=[{"name": "orders"}, {"name": "orders"}]),
         "kafka_instance_topics[1].name 'orders' repeats kafka_instance_topics[0].name: list each "
         "topic once.", "kafka_instance_topics[1].name", "orders"),
    Role(CONFLICT, dict(kafka_instance_topics=[{"name": "a.b"}, {"name": "a_b"}]),
         "kafka_instance_topics[1].name 'a_b' collides with kafka_instance_topics[0].name 'a.b'",
         "kafka_instance_topics[1].name", "a_b"),
    Role(OUT_OF_RANGE, dict(kafka_instance_topics=[{"name": "orders"},
                                                   {"name": "audit", "partitions": 201}]),
         "kafka_instance_topics[1].partitions (topic 'audit') must be 1 to 200, got 201.",
         "kafka_instance_topics[1].partitions", 201),
    Role(OUT_OF_RANGE, dict(kafka_instance_topics=[{"name": "orders", "retention_time": 0}]),
         "kafka_instance_topics[0].retention_time (topic 'orders') must be 1 to 720, got 0.",
         "kafka_instance_topics[0].retention_time", 0),
    Role(OUT_OF_RANGE, dict(kafka_instance_topics=[{"name": "orders", "replication": 4}]),
         "kafka_instance_topics[0].replication (topic 'orders') must be 1 to 3, got 4.",
         "kafka_instance_topics[0].replication", 4),
    Role(FORBIDDEN_CHARS, dict(kafka_instance_topics=[{"name": "1-orders"}]),
         "kafka_instance_topics[0].name '1-orders' is invalid: " + TOPICS_NAME_HINT,
         "kafka_instance_topics[0].name", "1-orders"),
    Role(OVERSIZE, dict(kafka_instance_topics=[{"name": "t" * 201}]),
         "kafka_instance_topics[0].name", "kafka_instance_topics[0].name", "t" * 201),
    Role(OVERSIZE, dict(kafka_instance_topics=[{"name": "orders", "description": "d" * 201}]),
         "kafka_instance_topics[0].description", "kafka_instance_topics[0].description", 201),
    Role(CONFLICT, dict(kafka_instance_topics=[{"name": "orders", "replication": 1,
                                                "sync_replication": True}]),
         "kafka_instance_topics[0].sync_replication (topic 'orders'): true needs more than one "
         "replica; kafka_instance_topics[0].replication is 1.",
         "kafka_instance_topics[0].sync_replication", 1),
    Role(BAD_CHOICE, dict(kafka_instance_topics=[{"name": "orders", "configs": {
        "message.timestamp.type": "WallClock"}}]),
         "kafka_instance_topics[0].configs", "kafka_instance_topics[0].configs", "WallClock"),
    Role(UNKNOWN_OPTION, dict(kafka_instance_topics=[{"name": "orders", "configs": {
        "cleanup.policy": "compact"}}]),
         "kafka_instance_topics[0].configs", "cleanup.policy"),
    Role(FORBIDDEN_CHARS, dict(kafka_instance_users=[{"name": "1billing", "password": "Billing-Pass-4821"}]),
         "kafka_instance_users[0].name '1billing' is invalid", "kafka_instance_users[0].name",
         "1billing"),
    Role(FORBIDDEN_CHARS, dict(kafka_instance_users=[{"name": "billing", "password": "weakweakweak"}]),
         "kafka_instance_users[0].password", "kafka_instance_users[0].password",
         hidden="weakweakweak"),
    Role(CONFLICT, dict(kafka_instance_users=[{"name": "billing", "password": "Billing-Pass-4821"},
                                              {"name": "billing", "password": "Billing-Pass-4821"}]),
         "kafka_instance_users[1].name 'billing' repeats kafka_instance_users[0].name",
         "kafka_instance_users[1].name", "billing"),
    Role(OVERSIZE, dict(kafka_instance_users=[{"name": "billing", "password": "Billing-Pass-4821",
                                               "description": "d" * 201}]),
         "kafka_instance_users[0].description", "kafka_instance_users[0].description", 201),
    Role(MISSING_PAIR, dict(kafka_instance_users=[{"name": "billing"}]),
         "a password is needed to create it", "password"),
    Role(MISSING_PAIR, dict(kafka_instance_ssl_user=None, kafka_instance_ssl_password=None,
                            kafka_instance_users=[{"name": "billing",
                                                   "password": "Billing-Pass-4821"}]),
         "kafka_instance_users needs SASL", "kafka_instance_users"),
    Role(FORBIDDEN_CHARS, dict(kafka_instance_permissions=[
        {"topic": "orders", "permissions": [{"user": "1x", "access": "all"}]}]),
         "kafka_instance_permissions[0].permissions[0].user '1x' is invalid",
         "kafka_instance_permissions[0].permissions[0].user", "1x"),
    Role(CONFLICT, dict(kafka_instance_permissions=[
        {"topic": "orders", "permissions": [{"user": "kafka-admin", "access": "all"},
                                            {"user": "kafka-admin", "access": "sub"}]}]),
         "kafka_instance_permissions[0].permissions[1].user 'kafka-admin' repeats",
         "kafka_instance_permissions[0].permissions[1].user", "kafka-admin"),
    Role(CONFLICT, dict(kafka_instance_permissions=[
        {"topic": "orders", "permissions": [{"user": "kafka-admin", "access": "all"}]},
        {"topic": "orders", "permissions": [{"user": "kafka-admin", "access": "sub"}]}]),
         "kafka_instance_permissions[1].topic 'orders' repeats", "kafka_instance_permissions[1].topic",
         "orders"),
    Role(UNKNOWN_PARENT, dict(kafka_instance_permissions=[
        {"topic": "payments", "permissions": [{"user": "kafka-admin", "access": "all"}]}]),
         "kafka_instance_permissions[0].topic 'payments' is not in kafka_instance_topics and the "
         "instance has no such topic.", "kafka_instance_permissions[0].topic", "payments"),
    Role(UNKNOWN_PARENT, dict(kafka_instance_permissions=[
        {"topic": "orders", "permissions": [{"user": "nobody", "access": "all"}]}]),
         "kafka_instance_permissions[0].permissions[0].user 'nobody' is not in kafka_instance_users "
         "and the instance has no such user.", "kafka_instance_permissions[0].permissions[0].user",
         "nobody"),
    Role(FORBIDDEN_CHARS, dict(kafka_instance_consumer_groups=[{"name": "bad group"}]),
         "kafka_instance_consumer_groups[0].name 'bad group' is invalid",
         "kafka_instance_consumer_groups[0].name", "bad group"),
    Role(CONFLICT, dict(kafka_instance_consumer_groups=[{"name": "readers"}, {"name": "readers"}]),
         "kafka_instance_consumer_groups[1].name 'readers' repeats",
         "kafka_instance_consumer_groups[1].name", "readers"),
    Role(OVERSIZE, dict(kafka_instance_consumer_groups=[{"name": "readers",
                                                         "description": "d" * 201}]),
         "kafka_instance_consumer_groups[0].description",
         "kafka_instance_consumer_groups[0].description", 201),
]

ROLES = sorted(set(row.target for row in ROWS if row.is_role))


def labelled(rows):
    """pytest ids: the row's label, numbered when two rows share one."""
    seen, ids = {}, []
    for row in rows:
        label = row.label()
        seen[label] = seen.get(label, 0) + 1
        ids.append(label if seen[label] == 1 else "%s-%d" % (label, seen[label]))
    return ids


# -- the table itself -------------------------------------------------------------------------

def test_the_table_covers_every_module_role_and_category():
    roles = sorted("roles/" + name for name in os.listdir(os.path.join(REPO, "roles")))
    assert sorted(set(row.target for row in ROWS)) == sorted(module_names() + roles)
    assert len(ROWS) >= 50
    assert set(row.category for row in ROWS) == set(CATEGORIES)
    assert len(set(labelled(ROWS))) == len(ROWS)
    for row in ROWS:
        # A value that is itself wrong must be named (a secret is named by its option only).
        assert row.value is not None or row.hidden or row.category not in VALUE_CATEGORIES, \
            row.label()
        assert not row.argspec or row.is_role, row.label()
        assert row.reads == (row.category in (UNKNOWN_PARENT, UNKNOWN_REF) or row.create
                             or (row.target == KAFKA_INSTANCE and not row.argspec)), row.label()


# -- running the rows -------------------------------------------------------------------------

def network(emulator):
    return emulator.seed()["projects"][0]["network"]


def with_network(emulator, args):
    """Fill in the project's network ids (for the create path and for the role)."""
    net = network(emulator)
    return json.loads(json.dumps(args).replace('"<vpc_id>"', json.dumps(net["vpc_id"]))
                      .replace('"<subnet_id>"', json.dumps(net["subnet_id"]))
                      .replace('"<security_group_id>"', json.dumps(net["security_group_id"])))


def create_args(emulator, args):
    """What creating an instance needs, then ``args`` (a None removes an option)."""
    net = network(emulator)
    full = dict(engine_version="3.x", flavor="c6.2u4g.cluster", broker_num=3, storage_space=300,
                storage_spec_code="dms.physical.storage.ultra.v2", availability_zones=["eu-de-01"],
                vpc_id=net["vpc_id"], subnet_id=net["subnet_id"],
                security_group_id=net["security_group_id"])
    full.update(args)
    return dict((k, v) for k, v in full.items() if v is not None)


def ensure_existing_queue(emulator):
    found = run_module(emulator, "dms_queue_info", {"name": EXISTING_QUEUE})
    if not found.get("queues"):
        made = run_module(emulator, "dms_queue", {"name": EXISTING_QUEUE})
        assert made.rc == 0, made.get("msg")


def run_module_row(emulator, row):
    """{result, stdout, stderr, requests} of the module run with the row's arguments."""
    args = create_args(emulator, row.args) if row.create else row.args
    if EXISTING_QUEUE in json.dumps(args):
        ensure_existing_queue(emulator)
    emulator.clear_faults()
    emulator.reset_requests()
    if row.reads:
        result = run_module(emulator, row.target, args)
    else:
        # The emulator is the cloud of this interpreter too: a request would show in its log.
        saved = dict((key, os.environ.get(key)) for key in emulator.env)
        os.environ.update(emulator.env)
        try:
            result = run_module_in_process(row.target, args)
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
    return dict(failed=result.failed, result=dict(result), stdout=result.stdout,
                stderr=result.stderr, requests=emulator.requests(), rc=result.rc)


MARKER = "row marker %d"
RESCUE_TASK = "Report what is wrong"


def role_play(emulator, rows):
    """One play: per row, a marker task (a GET the request log keeps), then the role in a block."""
    tasks = []
    for index, row in enumerate(rows):
        tasks.append({
            "name": MARKER % index,
            "ansible.builtin.debug": {
                "msg": "{{ lookup('ansible.builtin.url', '%s/__row__/%d', errors='ignore', "
                       "use_proxy=false) }}" % (emulator.url, index)}})
        tasks.append({
            "name": "row %d" % index,
            "block": [{"name": "Run the role of row %d" % index,
                       "ansible.builtin.include_role": {"name": "otc.dms." + row.target[6:]},
                       "vars": with_network(emulator, row.args)}],
            "rescue": [{"name": "Rescue row %d" % index, "ansible.builtin.meta": "noop"}]})
    return json.dumps([{"name": "Bad input for the roles", "hosts": "localhost",
                        "gather_facts": False, "tasks": tasks}], indent=1)


def split(items, is_marker):
    """``items`` in parts: part n follows the n-th marker (the marker itself left out)."""
    parts = []
    for item in items:
        if is_marker(item):
            parts.append([])
        elif parts:
            parts[-1].append(item)
    return parts


def run_role_rows(emulator, rows):
    """Per row (in order): {result, stdout, stderr, requests} out of one ansible-playbook run."""
    emulator.clear_faults()
    emulator.reset_requests()
    run = run_playbook(emulator, role_play(emulator, rows))
    requests = split(emulator.requests(), lambda r: r["path"].startswith("/__row__/"))
    tasks = split((run.data or {}).get("tasks", []),
                  lambda task: re.match(r"row marker \d+$", task["task"]))
    outputs = split(run.stdout.splitlines(keepends=True),
                    lambda line: re.match(r"TASK \[row marker \d+\]", line))
    assert len(requests) == len(tasks) == len(outputs) == len(rows), run.stdout[-3000:]
    parts = []
    for index in range(len(rows)):
        failed = [t for t in tasks[index] if t["status"] == "failed"]
        # A module's failure that the role's rescue reports in the role's own terms: the
        # rescue's failure is what the user reads.
        if len(failed) == 2 and failed[1]["task"].startswith(RESCUE_TASK):
            failed = failed[1:]
        failed = [t["result"] for t in failed]
        parts.append(dict(failed=len(failed) == 1,
                          result=failed[0] if len(failed) == 1 else {"failed_tasks": failed},
                          stdout="".join(outputs[index]), stderr=run.stderr,
                          requests=requests[index], rc=run.rc))
    return parts


@pytest.fixture(scope="session")
def role_runs(emulator, tmp_path_factory):
    """role -> its rows' parts, run once per test session and shared by the xdist workers."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    cache = {}

    def get(target):
        if target not in cache:
            path = shared / ("bad-input-%s.json" % target.replace("/", "-"))
            with open(str(path) + ".lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if not path.exists():
                    parts = run_role_rows(emulator, [row for row in ROWS if row.target == target])
                    path.write_text(json.dumps(parts))
                cache[target] = json.loads(path.read_text())
        return cache[target]
    return get


def writes(requests):
    """Write requests to DMS; the identity exchange (POST /v3/auth/tokens) is not one."""
    return [r for r in requests if r["path"].startswith(DMS_PATHS) and r["method"] != "GET"]


@pytest.mark.parametrize("row", ROWS, ids=labelled(ROWS))
def test_bad_input_fails_in_one_line_naming_option_and_value_without_traceback_or_write(
        emulator, role_runs, row):
    if row.is_role:
        part = role_runs(row.target)[[r for r in ROWS if r.target == row.target].index(row)]
    else:
        part = run_module_row(emulator, row)
    result = part["result"]
    assert part["failed"], result

    msg = result["msg"]
    if row.argspec:
        # ansible-core's role argument validation: a fixed header, then one line per error.
        assert msg.startswith(ARGSPEC_HEADER + "\n"), msg
        line = msg[len(ARGSPEC_HEADER) + 1:]
        assert result["argument_errors"] == [line]
    else:
        line = msg
    assert "\n" not in line and "\r" not in line, msg
    assert row.says in line, line
    assert row.option in line or line.startswith(row.option[:1].upper() + row.option[1:]), line
    if row.value is not None:
        assert str(row.value) in line, line

    # No traceback: not in the result, not in what the run printed.
    assert "Traceback" not in json.dumps(result)
    assert not set(result) & {"module_stderr", "module_stdout", "failed_tasks"}, result
    assert result.get("exception") in (None, "(traceback unavailable)"), result["exception"]
    output = part["stdout"] + part["stderr"]
    assert "Traceback" not in output and "MODULE FAILURE" not in output, output[-3000:]
    if not row.is_role:
        assert part["rc"] == 1 and part["stderr"] == "", part["stderr"]
    if row.hidden:
        assert row.hidden not in json.dumps(result) + output

    # No write ever; no request at all unless the answer needs a look-up.
    assert writes(part["requests"]) == []
    if not row.reads:
        assert part["requests"] == []
