"""The web UI and JSON API (FastAPI): ``create_app(db)`` builds it, ``serve(db)`` runs it."""

from .app import create_app, serve

__all__ = ["create_app", "serve"]
