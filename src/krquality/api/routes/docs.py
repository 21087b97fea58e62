"""``GET /docs`` (Swagger UI) and ``GET /redoc`` (ReDoc), with their assets served here.

FastAPI's default pages load Swagger UI and ReDoc from a CDN: blank on a
machine without internet access, and code from elsewhere running beside the
API key. The assets come from the ``fastapi-offline`` package, which ships
them, and are mounted at :data:`ASSETS` by :func:`krquality.api.app.create_app`.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)

# Only this service's files: FastAPI's pages start the viewers with an inline
# script, and ReDoc runs a worker from a blob and shows a logo from its CDN,
# which this refuses (the page works without it).
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
    " img-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none';"
    " base-uri 'none'; frame-ancestors 'none'"
)


def _with_csp(page: HTMLResponse) -> HTMLResponse:
    page.headers["Content-Security-Policy"] = DOCS_CSP
    return page


# Where the Swagger UI and ReDoc files are served.
ASSETS = "/docs-assets"
# The package and folder holding them (a StaticFiles ``packages`` entry).
ASSETS_PACKAGE = ("fastapi_offline", "static")


@router.get("/docs", response_class=HTMLResponse)
async def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI on this service's OpenAPI document, from this service's own files."""
    return _with_csp(
        get_swagger_ui_html(
            openapi_url=str(request.app.openapi_url),
            title=f"{request.app.title} - API docs",
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon.png",
        )
    )


@router.get("/redoc", response_class=HTMLResponse)
async def redoc(request: Request) -> HTMLResponse:
    """ReDoc on this service's OpenAPI document, without web fonts from elsewhere."""
    return _with_csp(
        get_redoc_html(
            openapi_url=str(request.app.openapi_url),
            title=f"{request.app.title} - API reference",
            redoc_js_url=f"{ASSETS}/redoc.standalone.js",
            redoc_favicon_url=f"{ASSETS}/favicon.png",
            with_google_fonts=False,
        )
    )
