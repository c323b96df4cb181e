"""Template rendering: one Jinja2 environment with autoescaping always on."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .highlight import entity_href, safe_url, snippet_html

ENV = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENV.filters["snippet"] = snippet_html
ENV.filters["safe_url"] = safe_url
ENV.filters["entity_href"] = entity_href


def _number(value: float | int | None) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _query(params: dict[str, Any], **changes: Any) -> str:
    """A query string from ``params`` with ``changes``; empty values are left out."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "")})


ENV.filters["num"] = _number
ENV.globals["qs"] = _query


def render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """The named template rendered with ``context`` and the request."""
    html = ENV.get_template(name).render(request=request, path=request.url.path, **context)
    return HTMLResponse(html, status_code=status_code)
