"""The themed summary as a printable report: HTML, and PDF through WeasyPrint.
Charts are inline SVG so they print; the PDF renderer may fetch nothing from outside."""

import logging

from flask import render_template

from engage.analysis import dashboard
from engage.analysis.summary import build_summary
from engage.analysis.tally import Tally
from engage.responses.queries import ResponseFilter

log = logging.getLogger(__name__)


def report_context(flt: ResponseFilter) -> dict:
    tally = Tally(flt)  # one set of reads for the summary and its charts
    summary = build_summary(flt, tally=tally)
    total = summary["total"]
    charts = [
        chart(flt, total, tally=tally)
        for chart in (dashboard.area_chart, dashboard.objective_chart, dashboard.channel_chart,
                      dashboard.district_chart)
    ]
    return {"summary": summary, "charts": charts, "flt": flt}


def render_report_html(flt: ResponseFilter, for_pdf: bool = False) -> str:
    from engage.db import utcnow

    return render_template(
        "analysis/report.html", for_pdf=for_pdf, now=utcnow(), **report_context(flt)
    )


def _no_fetch(url: str, *args, **kwargs):
    """WeasyPrint may not fetch URLs: everything it needs is inline."""
    raise ValueError(f"External resource refused: {url[:60]}")


def render_report_pdf(flt: ResponseFilter) -> bytes:
    from weasyprint import CSS, HTML

    html = render_report_html(flt, for_pdf=True)
    css = CSS(string=render_template("analysis/report.css"), url_fetcher=_no_fetch)
    document = HTML(string=html, url_fetcher=_no_fetch, base_url=None)
    # PDF/UA-1: a tagged PDF (headings, tables, reading order) that screen readers can follow.
    try:
        return document.write_pdf(stylesheets=[css], pdf_variant="pdf/ua-1")
    except ValueError:  # WeasyPrint could not tag some layout: an untagged report beats none
        log.exception("The summary PDF could not be tagged (PDF/UA); sending it untagged")
        return document.write_pdf(stylesheets=[css])
