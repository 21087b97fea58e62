"""``GET /``: the playground page (plain HTML, JS and CSS from ``api/static``)."""

from __future__ import annotations

from importlib.resources import files

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(tags=["playground"])

STATIC_DIR = files("krquality.api") / "static"


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def playground() -> HTMLResponse:
    """The page where a person pastes key results and sees the analysis live."""
    return HTMLResponse((STATIC_DIR / "index.html").read_text(encoding="utf-8"))
