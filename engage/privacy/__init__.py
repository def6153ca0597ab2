"""Privacy under UK GDPR: retention, subject access and erasure over every domain's
personal data, registered in one list (registry.py)."""
