"""The background worker (`flask worker`): delivers the outbox and runs the schedule
(reminders, offer expiry, retention purge, safeguarding digest), leaving a heartbeat
that the staff home and the outbox page show."""
