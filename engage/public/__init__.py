"""Public pages that belong to no single domain: home, telling us in confidence, notices."""
