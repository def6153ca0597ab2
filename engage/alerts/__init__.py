"""Telling people when it matters: officers on the safeguarding rota about a new case
(a link, never the text) and each morning about open ones; officers about partner
applications; partners about decisions; residents a receipt with their reference.
Every alert is an outbox row in the transaction of the change that causes it."""
