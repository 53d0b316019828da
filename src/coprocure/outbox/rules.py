"""Who may see the messages that could not be sent, and send them again: site administrators,
who run the service (the messages' causes cross every procurement)."""

import rules

from coprocure.permissions.predicates import is_site_admin

rules.add_perm("outbox.view_failed", is_site_admin)
rules.add_perm("outbox.retry", is_site_admin)
