"""Outgoing email through a transactional outbox: a request writes a row in its own
transaction, the worker (`flask worker`) delivers it. Token-bearing links are sealed in
the stored copy and withheld from every staff page."""
