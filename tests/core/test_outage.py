"""When the database cannot be reached, people get a clear 503, not a 500."""

from engage import create_app


def test_unreachable_database_gives_a_503_page_and_json(tmp_path):
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:9/none",
                      "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"connect_timeout": 2}}})
    client = app.test_client()
    page = client.get("/")
    assert page.status_code == 503
    assert "briefly unavailable" in page.get_data(as_text=True)
    api = client.get("/api/v1/events")
    assert api.status_code == 503
    assert api.get_json()["errors"]
    with app.app_context():
        from engage.extensions import db

        db.engine.dispose()
