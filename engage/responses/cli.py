"""`flask nlp ...`: operator commands for the tagger."""

from flask.cli import AppGroup

nlp_cli = AppGroup("nlp", help="Tag responses against the priority areas.")
