"""Lesser-heard voices, brought in by community partners."""
