"""Valid variables for the roles, shared by the role tests and the bad-input table."""

# The SSL password the tests give the kafka_instance role; it must appear in no output.
KAFKA_PASSWORD = "Role-Secret-9173"


def changed(role_vars, changes):
    """``role_vars`` with ``changes`` applied: a None value removes the variable."""
    for key, value in changes.items():
        if value is None:
            role_vars.pop(key, None)
        else:
            role_vars[key] = value
    return role_vars


def kafka_instance_vars(network, **changes):
    """Valid kafka_instance role variables for ``network`` (vpc_id, subnet_id,
    security_group_id), then ``changes`` (a None value removes the variable)."""
    role_vars = {
        "kafka_instance_name": "kafka-orders",
        "kafka_instance_vpc_id": network["vpc_id"],
        "kafka_instance_subnet_id": network["subnet_id"],
        "kafka_instance_security_group_id": network["security_group_id"],
        "kafka_instance_availability_zones": ["eu-de-01"],
        "kafka_instance_flavor": "c6.2u4g.cluster",
        "kafka_instance_storage_space": 300,
        "kafka_instance_ssl_user": "kafka-admin",
        "kafka_instance_ssl_password": KAFKA_PASSWORD,
        "kafka_instance_maintain_begin": "22:00",
        "kafka_instance_maintain_end": "02:00",
        "kafka_instance_topics": [{"name": "orders", "partitions": 6},
                                  {"name": "audit", "retention_time": 720}],
    }
    return changed(role_vars, changes)


# The SASL users' passwords of the full declaration; none may appear in any output.
USER_PASSWORDS = ("Billing-Pass-4821", "Report-Pass-5932")


def kafka_setup_vars(network, **changes):
    """A whole Kafka setup for the kafka_instance role: the instance of kafka_instance_vars with
    parameters, three topics, two users, their permissions and two consumer groups."""
    role_vars = kafka_instance_vars(network)
    role_vars.update({
        "kafka_instance_parameters": {"log.retention.hours": 96,
                                      "auto.create.groups.enable": False},
        "kafka_instance_topics": [{"name": "orders", "partitions": 6},
                                  {"name": "audit", "retention_time": 720},
                                  {"name": "payments", "replication": 3,
                                   "sync_replication": True}],
        "kafka_instance_users": [{"name": "billing", "password": USER_PASSWORDS[0],
                                  "description": "billing service"},
                                 {"name": "reporting", "password": USER_PASSWORDS[1]}],
        "kafka_instance_permissions": [
            {"topic": "orders", "permissions": [{"user": "billing", "access": "pub"},
                                                {"user": "reporting", "access": "sub"}]},
            {"topic": "payments", "permissions": [{"user": "billing", "access": "all"}]}],
        "kafka_instance_consumer_groups": [{"name": "billing-readers"},
                                           {"name": "reports", "description": "daily reports"}],
    })
    return changed(role_vars, changes)


# The realistic declaration's parameters: four dynamic ones and one static (log.retention.hours).
KAFKA_PARAMETERS = {"auto.create.groups.enable": False, "offsets.retention.minutes": 20160,
                    "max.connections.per.ip": 500, "message.max.bytes": 2097152,
                    "log.retention.hours": 96}


def kafka_realistic_vars(name, network, zone, **changes):
    """The realistic Kafka declaration of the benchmark and the fault scenario: an instance,
    20 topics, 10 users, two permissions per topic, 5 consumer groups and 5 parameters."""
    users = [{"name": "svc%02d" % i, "password": "Bench-Pass-%04d" % (1000 + i)}
             for i in range(10)]
    topics = [{"name": "topic%02d" % i, "partitions": 3 + i % 4} for i in range(20)]
    role_vars = {
        "kafka_instance_name": name, "kafka_instance_vpc_id": network["vpc_id"],
        "kafka_instance_subnet_id": network["subnet_id"],
        "kafka_instance_security_group_id": network["security_group_id"],
        "kafka_instance_availability_zones": [zone], "kafka_instance_flavor": "c6.2u4g.cluster",
        "kafka_instance_storage_space": 300, "kafka_instance_ssl_user": "kafka-admin",
        "kafka_instance_ssl_password": "Bench-Admin-9876",
        "kafka_instance_parameters": dict(KAFKA_PARAMETERS), "kafka_instance_topics": topics,
        "kafka_instance_users": users,
        "kafka_instance_permissions": [
            {"topic": t["name"], "permissions": [
                {"user": users[i % 10]["name"], "access": "pub"},
                {"user": users[(i + 1) % 10]["name"], "access": "sub"}]}
            for i, t in enumerate(topics)],
        "kafka_instance_consumer_groups": [{"name": "group%d" % i} for i in range(5)],
    }
    return changed(role_vars, changes)
