"""The staff home page's links, one line per page, with the roles that may open it
(admins see everything). Each domain adds its own pages here."""

STAFF_LINKS: list[tuple[str, str, tuple[str, ...]]] = [
    # (endpoint, link text, roles)
    ("events.staff.dashboard", "Meet the Commissioner sessions and capacity alerts", ("officer",)),
    ("events.staff.calendar", "Sessions calendar: coverage by district", ("officer",)),
    ("responses.try_tagger", "Try the priority-area tagger", ("officer", "analyst")),
    ("responses.agreement", "How the tagger agrees with analysts", ("analyst",)),
    (
        "analysis.dashboard",
        "Analysis dashboard: responses by priority area, objective, channel, district and month",
        ("analyst",),
    ),
    ("analysis.responses", "Browse and correct tagged responses", ("analyst",)),
    ("analysis.summary", "Themed consultation summary, report and exports", ("analyst",)),
    ("analysis.differences", "Differences between groups", ("analyst",)),
    ("analysis.representation", "Who we heard from against Census 2021", ("analyst",)),
    ("audit.index", "Audit log of exports and access to personal data", ("admin",)),
    (
        "surveys.builder.index",
        "Consultation surveys: build, publish, paper forms, results and exports",
        ("officer", "analyst"),
    ),
    (
        "surveys.results.ambitions",
        "Key Ambitions tracker: survey indicators against the plan's baselines",
        ("officer", "analyst"),
    ),
    (
        "plan.performance",
        "Performance and Insight: every Key Ambition's baseline, latest figure and trend",
        ("officer", "analyst"),
    ),
    ("figures.index", "Key Ambition figures from other sources: record, correct, delete", ("officer", "analyst")),
    ("plan.admin", "The Police and Crime Plan: priority areas, objectives, ambitions; load the next plan", ("admin",)),
    ("summit.manage", "Rural crime summits: set-up, agenda and summit pack", ("officer",)),
    ("voices.partners", "Community partners: verify applications", ("officer",)),
    ("voices.feedback", "Feedback from community partners (lesser-heard voices)", ("officer",)),
    ("voices.organisation", "Your partner organisation and its feedback", ("partner",)),
    ("voices.submit", "Submit community feedback", ("partner",)),
    ("safeguarding.index", "Safeguarding queue", ("officer",)),
    ("alerts.edit", "Safeguarding rota: who is emailed about new cases", ("admin",)),
    ("mail.outbox", "Email outbox: what was sent, what waits, what failed", ("officer",)),
    ("privacy.index", "Subject access and erasure", ("admin",)),
    ("privacy.retention", "Retention periods", ("admin",)),
]
