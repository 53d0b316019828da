"""Who may prepare and send a procurement's eForms notices (every permission takes the procurement).

Staff of the contracting authority fill in what a notice needs and read its preview and XML;
sending one publishes in the authority's name, so only its officials may.
"""
from __future__ import annotations

import rules

from .predicates import is_closed, is_procurement_official, is_procurement_staff

rules.add_perm("notices.prepare", is_procurement_staff & ~is_closed)
rules.add_perm("notices.view", is_procurement_staff)
rules.add_perm("notices.send", is_procurement_official & ~is_closed)
