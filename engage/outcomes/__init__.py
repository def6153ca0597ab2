"""Closing the loop: published outcomes ("You said, we did") from sessions, consultations
and the summit, in one public list."""
