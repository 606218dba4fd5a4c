# -*- coding: utf-8 -*-
# Copyright (c) 2026, otc.dms contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The action plugin of otc.dms.dms_instance_info (plugins/plugin_utils/dms_action.py says what it does)."""

from __future__ import annotations

from ansible_collections.otc.dms.plugins.plugin_utils.dms_action import DmsActionModule


class ActionModule(DmsActionModule):
    """Runs otc.dms.dms_instance_info."""
