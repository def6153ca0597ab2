"""Consultation surveys."""
