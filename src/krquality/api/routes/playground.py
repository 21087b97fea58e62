"""``GET /``: the playground page (plain HTML, JS and CSS from ``api/static``)."""

from __future__ import annotations

import html
from importlib.resources import files

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from krquality.api.settings import Settings

router = APIRouter(tags=["playground"])

STATIC_DIR = files("krquality.api") / "static"

# The page loads only its own script, style sheet and API: nothing inline,
# nothing from elsewhere, and no other site may frame it.
PLAYGROUND_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def playground(request: Request) -> HTMLResponse:
    """The page where a person pastes key results and sees the analysis live.

    The page's script sends the API key in the header the service is
    configured with, which it reads from a ``meta`` element.
    """
    settings: Settings = request.app.state.settings
    page = (STATIC_DIR / "index.html").read_text(encoding="utf-8")
    meta = f'<meta name="krq-api-key-header" content="{html.escape(settings.api_key_header, quote=True)}">'
    page = page.replace("</head>", f"  {meta}\n</head>", 1)
    return HTMLResponse(page, headers={"Content-Security-Policy": PLAYGROUND_CSP})
