from engage.accounts.models import User
from engage.events.models import Event
from engage.places import DISTRICTS
from engage.responses.models import Response


def test_users_create_and_token(runner, db, client):
    result = runner.invoke(
        args=["users", "create", "Officer@Example.org", "--role", "officer", "--password", "a long enough password"]
    )
    assert result.exit_code == 0, result.output
    assert db.session.scalar(db.select(User).filter_by(email="officer@example.org")).role == "officer"
    result = runner.invoke(
        args=["users", "create", "officer@example.org", "--role", "officer", "--password", "a long enough password"]
    )
    assert result.exit_code != 0 and "already exists" in result.output
    result = runner.invoke(args=["users", "create", "x@example.org", "--role", "officer", "--password", "short"])
    assert result.exit_code != 0 and "at least 10" in result.output
    token = runner.invoke(args=["users", "token", "officer@example.org"]).output.strip()
    assert len(token) > 30
    assert client.get("/api/v1/responses", headers={"Authorization": f"Bearer {token}"}).status_code == 403
    assert runner.invoke(args=["users", "token", "nobody@example.org"]).exit_code != 0


def test_users_create_prompts_for_the_password(runner, db):
    result = runner.invoke(
        args=["users", "create", "p@example.org", "--role", "analyst"], input="prompted password\nprompted password\n"
    )
    assert result.exit_code == 0, result.output
    assert db.session.scalar(db.select(User).filter_by(email="p@example.org")).check_password("prompted password")


def test_seed_demo_is_idempotent_and_prints_credentials(runner, db):
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "officer@demo.example.org" in first.output
    events = db.session.scalar(db.select(db.func.count(Event.id)))
    responses = db.session.scalar(db.select(db.func.count(Response.id)))
    districts = set(db.session.scalars(db.select(Event.district)))
    assert events >= 16 and responses >= 200 and set(DISTRICTS) <= districts
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert db.session.scalar(db.select(db.func.count(Event.id))) == events
    labelled = db.session.scalar(
        db.select(db.func.count(Response.id)).where(Response.tagged_model_version.is_not(None))
    )
    assert labelled == responses
