"""Meet the Commissioner sessions."""
