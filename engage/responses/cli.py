"""`flask nlp ...`: operator commands for the tagger."""

import json

import click
from flask.cli import AppGroup
from tqdm import tqdm

from engage.responses.corrections import corrections_as_training_data
from engage.responses.retag import pending_ids, retag_responses
from engage.responses.tagging import tagger

nlp_cli = AppGroup("nlp", help="Tag responses against the priority areas.")


@nlp_cli.command("retag")
@click.option("--all", "everything", is_flag=True, help="Re-tag even responses tagged by this model version.")
@click.option("--batch-size", default=256, show_default=True, type=click.IntRange(1, 10_000))
def retag_command(everything, batch_size):
    """Re-tag responses with the current model (resumable: rerun after an interruption)."""
    version = tagger().version
    total = len(pending_ids(version, everything))
    with tqdm(total=total, unit="resp", desc=f"Tagging with {version}") as bar:
        done = retag_responses(batch_size=batch_size, everything=everything, progress=bar.update)
    click.echo(f"Tagged {done} responses with {version}.")


@nlp_cli.command("export-corrections")
@click.argument("out", type=click.File("w", encoding="utf-8"))
def export_corrections_command(out):
    """Write analysts' corrected responses as training data ({"text", "labels"} lines)."""
    n = 0
    for item in corrections_as_training_data():
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
        n += 1
    click.echo(f"Wrote {n} corrected responses; train with: python -m nlp train --extra FILE", err=True)
