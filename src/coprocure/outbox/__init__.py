"""The outbox: every e-mail and SMS the service sends is first a row written in the transaction
of the change that causes it, then delivered by a worker (docs/architecture.md, "Work outside
the request")."""
