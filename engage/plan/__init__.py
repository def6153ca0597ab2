"""The Police and Crime Plan as data: the active plan (priority areas mapped to the
tagger's fixed labels, objectives, Key Ambitions) is a versioned row loaded from a plan
file, and the figures officers record against its ambitions from other sources."""
