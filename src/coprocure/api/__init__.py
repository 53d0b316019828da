"""The JSON API under /api/v1/: one router per app, the same services and permissions as the UI."""
