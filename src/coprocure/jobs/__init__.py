"""Periodic jobs and the worker process: the daily and hourly work that used to need cron,
run once per period however many workers there are (docs/architecture.md)."""
