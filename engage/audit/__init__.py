"""The audit log: who did what to which scope of data, and how many rows it touched."""
