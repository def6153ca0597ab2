"""Outgoing email: SMTP when configured, otherwise the outbox table officers can read."""
