"""The web routes: ``pages`` (HTML) and ``api`` (JSON under /api/), over ``store.reads``."""
