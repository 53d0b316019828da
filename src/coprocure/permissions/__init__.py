"""Every permission rule, as named predicates composed with django-rules.

Deny by default: an action not registered here is refused for everyone but nobody else
decides. Views, the API and the admin all ask ``user.has_perm(name, obj)``.
"""
