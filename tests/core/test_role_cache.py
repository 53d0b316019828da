"""Permission checks cache a user's procurement roles on the user object; giving a role clears
that cache, so a flow without requests (the demo, a command) sees the new role at once."""

from coprocure.core import services

from .. import factories


def test_a_role_given_without_a_request_is_seen_by_the_next_permission_check(official, procurement):
    person = factories.UserFactory()
    assert not person.has_perm("tendering.evaluate", procurement)  # caches "no roles"
    services.assign_role(official, procurement, person, "evaluator")
    assert person.has_perm("tendering.evaluate", procurement)

