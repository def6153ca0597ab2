"""Accounts: residents, community partners and staff, their roles and sign-in."""
