"""The themed summary as an editable Word document (python-docx), for analysts to paste
into the annual Needs Assessment: the same data and filters as the HTML and PDF report,
charts as PNG images drawn from the same chart geometry, tables as Word tables."""

from io import BytesIO

from docx import Document
from docx.shared import Cm
from PIL import Image, ImageDraw, ImageFont

from engage.analysis.charts import Chart
from engage.analysis.report import report_context
from engage.db import utcnow
from engage.places import district_name
from engage.responses.queries import ResponseFilter
from engage.web import CHANNEL_NAMES

SCALE = 2  # draw at twice the SVG's size so the image stays sharp when printed


def chart_png(chart: Chart) -> bytes:
    """The bar chart as a PNG, bar for bar as the SVG draws it."""
    image = Image.new("RGB", (chart.width * SCALE, chart.height * SCALE), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=13 * SCALE)
    for bar in chart.bars:
        top = bar.y * SCALE
        left = chart.label_width * SCALE
        draw.text((left - 8 * SCALE, top + chart.bar_height * SCALE // 2), bar.short_label,
                  fill="#0b0c0c", font=font, anchor="rm")
        if bar.width:
            draw.rectangle([left, top, left + bar.width * SCALE, top + chart.bar_height * SCALE],
                           fill=bar.colour)
        draw.text((left + (bar.width + 6) * SCALE, top + chart.bar_height * SCALE // 2),
                  f"{bar.value:,} ({bar.share * 100:.0f}%)", fill="#0b0c0c", font=font, anchor="lm")
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _table(doc, caption: str, header: list[str], rows: list[list[str]]) -> None:
    doc.add_paragraph(caption, style="Caption")
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def _joined(counts: dict, name) -> str:
    return "; ".join(f"{name(k)} {n}" for k, n in sorted(counts.items(), key=lambda kv: -kv[1])) or "None"


def render_report_docx(flt: ResponseFilter) -> bytes:
    ctx = report_context(flt)
    summary, charts = ctx["summary"], ctx["charts"]
    doc = Document()
    doc.add_heading("What we heard: themed consultation summary", level=0)
    scope = ", ".join(f"{k} {v}" for k, v in summary["scope"].items()) or "all responses"
    doc.add_paragraph(f"Scope: {scope}. Produced {utcnow():%-d %B %Y}.")
    doc.add_heading("At a glance", level=1)
    prev = summary["previous_period"]
    text = f"{summary['total']:,} responses in scope."
    if prev:
        text += (f" The previous period of the same length, {prev['since']:%-d %B %Y} to "
                 f"{prev['until']:%-d %B %Y}, had {prev['total']:,}.")
    doc.add_paragraph(text)
    for chart in charts:
        doc.add_heading(chart.title, level=2)
        doc.add_picture(BytesIO(chart_png(chart)), width=Cm(16))
        _table(doc, chart.title, ["", "Responses", "Share"],
               [[b.label, f"{b.value:,}", f"{b.share * 100:.0f}%"] for b in chart.bars])
    doc.add_heading("Priority areas", level=1)
    for area in summary["areas"]:
        doc.add_heading(area["name"], level=2)
        doc.add_paragraph(f"{area['count']:,} responses, {_pct(area['share'])} of all.")
        _table(doc, f"{area['name']}: where it came from", ["Breakdown", "Responses"], [
            ["District", _joined(area["by_district"], district_name)],
            ["Channel", _joined(area["by_channel"], lambda c: CHANNEL_NAMES.get(c, c))],
            ["Most often with", "; ".join(f"{c['name']} ({c['count']})" for c in area["appears_with"])
             or "On its own"],
        ])
        for quote in area["quotes"]:
            doc.add_paragraph(f"“{quote['text']}” ({quote['reference']})", style="Quote")
    doc.add_heading("By plan objective", level=1)
    _table(doc, "Responses by objective of the Police and Crime Plan (a response can serve more than one)",
           ["Objective", "Responses", "Share"],
           [[o["objective"], f"{o['count']:,}", _pct(o["share"])] for o in summary["objectives"]])
    doc.add_paragraph("Quotes are only from people who agreed to be quoted, never from responses flagged "
                      "for safeguarding or hidden by moderation, with personal details taken out.")
    out = BytesIO()
    doc.save(out)
    return out.getvalue()
