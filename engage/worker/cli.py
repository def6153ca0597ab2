"""`flask worker [--burst]`: deliver the outbox and run the schedule."""

import sys

import click

from engage.worker.runner import Worker


@click.command("worker")
@click.option("--burst", is_flag=True, help="Run the due jobs, deliver what is due, then exit.")
def worker_command(burst):
    """Deliver queued email (retrying with backoff) and run the scheduled jobs."""
    worker = Worker(echo=click.echo)
    if not burst:
        worker.install_signal_handlers()
    code = worker.run(burst=burst)
    if code:
        sys.exit(code)
