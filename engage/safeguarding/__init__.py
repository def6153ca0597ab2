"""Safeguarding: responses that disclose current risk go to an officers' queue, are
never published or quoted, and are never lost."""
