"""The web UI and JSON API: ``create_app(db)`` builds it, ``serve(db)`` runs it.

The server is read-only: the store is opened with ``read_only=True`` and no
route writes. It binds 127.0.0.1 unless told otherwise. Each worker thread
gets its own store connection (SQLite connections are not shared across
threads safely). Responses carry a Content-Security-Policy that forbids inline
and remote scripts, a second wall behind template escaping.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import api as ng_api
from ..errors import NewsgraphError
from ..store.sql import SQLStore
from .render import render

HERE = Path(__file__).parent
WORKERS = 8
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


class StorePool:
    """One read-only store per thread, opened on first use and closed at shutdown."""

    def __init__(self, db: str) -> None:
        self.db = db
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[SQLStore] = []

    def get(self) -> SQLStore:
        store = getattr(self._local, "store", None)
        if store is None:
            store = ng_api.open(self.db, read_only=True).store
            if store.dialect.name == "sqlite":
                # a larger page cache and memory-mapped reads: list pages join
                # mentions to articles row by row (about halves their time at 20k articles)
                store.execute("PRAGMA cache_size = -32768")
                store.execute("PRAGMA mmap_size = 268435456")
            self._local.store = store
            with self._lock:
                self._open.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._open:
                store.close()
            self._open.clear()


def get_store(request: Request) -> SQLStore:
    """FastAPI dependency: this thread's store."""
    pool: StorePool = request.app.state.stores
    return pool.get()


def _messages(exc: RequestValidationError) -> list[str]:
    out = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path"))
        out.append(f"{loc or 'request'}: {err.get('msg', 'invalid')}")
    return out


def _repeated(request: Request) -> list[str]:
    """Query parameters given more than once (no route takes a list)."""
    names = [name for name, _ in request.query_params.multi_items()]
    return sorted({n for n in names if names.count(n) > 1})


def create_app(db: str) -> FastAPI:
    """The FastAPI app over the store at ``db`` (a path or a ``postgresql://`` URL).

    Raises ``StoreError`` at once when the database cannot be opened, rather
    than on the first request.
    """
    ng_api.open(db, read_only=True).close()
    pool = StorePool(str(db))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # each worker thread holds its own connection (and SQLite page cache): a
        # local read-only tool needs a few, not anyio's default forty
        anyio.to_thread.current_default_thread_limiter().total_tokens = WORKERS
        yield
        pool.close()

    app = FastAPI(
        title="newsgraph",
        version="1",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        description="Read-only JSON API over a newsgraph store. Lists take "
        "limit/offset; bad parameters get a 422 with a message.",
    )
    app.state.stores = pool
    app.state.db = str(db)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        repeated = _repeated(request)
        if repeated:
            # every parameter takes one value; FastAPI would silently keep the last
            messages = [f"{name}: given more than once" for name in repeated]
            response: Response = (
                JSONResponse({"error": "invalid parameters", "messages": messages}, 422)
                if request.url.path.startswith("/api/")
                else render(
                    request,
                    "error.html",
                    {"title": "Invalid request", "messages": messages},
                    status_code=422,
                )
            )
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        messages = _messages(exc)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "invalid parameters", "messages": messages}, 422)
        return render(
            request,
            "error.html",
            {"title": "Invalid request", "messages": messages},
            status_code=422,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": str(exc.detail)}, exc.status_code)
        return render(
            request,
            "error.html",
            {"title": f"Error {exc.status_code}", "messages": [str(exc.detail)]},
            status_code=exc.status_code,
        )

    @app.exception_handler(NewsgraphError)
    async def store_error(request: Request, exc: NewsgraphError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": str(exc)}, 400)
        return render(
            request, "error.html", {"title": "Error", "messages": [str(exc)]}, status_code=400
        )

    from .routes import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app


def not_found(what: str, key: str) -> HTTPException:
    return HTTPException(404, f"no {what} with id {key!r}")


def serve(db: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the server until interrupted (``newsgraph serve``)."""
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level="info")
