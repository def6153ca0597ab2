"""The annual rural crime summit."""
