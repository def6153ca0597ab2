"""A small registry that lets each API route describe itself for openapi.json."""

from collections.abc import Callable

from marshmallow import Schema


def doc(summary: str, *, query: type[Schema] | None = None, body: type[Schema] | None = None,
        responses: dict[int, type[Schema] | None] | None = None, auth: str = "public",
        tags: tuple[str, ...] = ()) -> Callable:
    """Attach OpenAPI metadata to a view; `auth` is "public" or the roles, for the reader."""

    def decorator(view):
        view.api_doc = {"summary": summary, "query": query, "body": body,
                        "responses": responses or {200: None}, "auth": auth, "tags": tags}
        return view

    return decorator
