"""Shared-cache copies of the public pages many people read, kept honest.

A page is served from the cache only to an anonymous reader with no session, in the language
they asked for, and only while its procurement's version is unchanged. The version is bumped
after every committed change to the data those pages show (``signals``), so a change shows up
at once; and a page is stored only when its response sets no cookie and carries no CSRF token.
"""
