"""Seeded identities, projects and networks (fixed ids, derived from the names)."""

import hashlib

DOMAIN = {"id": "d0d0e3c0a1b2c3d4e5f60718293a4b5c", "name": "OTC-EU-DE-00000000001000000001"}


def _hex(*parts):
    return hashlib.sha256("/".join(parts).encode()).hexdigest()[:32]


def _uuid(*parts):
    h = _hex(*parts)
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:32])


def seed_accounts(region, cloud_name):
    """Two users, each with a project of its own and a VPC, subnet and security group."""
    accounts = []
    for index, (suffix, user, password) in enumerate(
            (("", "emulator-user", "Emulator-Pass-1"),
             ("_other", "other-user", "Other-Pass-2"))):
        project_name = region + suffix
        cidr = "192.168.%d.0/24" % index
        accounts.append({
            "cloud": cloud_name + ("-other" if suffix else ""),
            "user": {"id": _hex("user", user), "name": user, "password": password,
                     "domain": dict(DOMAIN)},
            "project": {"id": _hex("project", region, project_name), "name": project_name},
            "network": {
                "vpc_id": _uuid("vpc", region, project_name),
                "vpc_name": "vpc-%s" % project_name,
                "subnet_id": _uuid("subnet", region, project_name),
                "subnet_name": "subnet-%s" % project_name,
                "subnet_cidr": cidr,
                "security_group_id": _uuid("sg", region, project_name),
                "security_group_name": "sg-%s" % project_name,
            },
        })
    return accounts
