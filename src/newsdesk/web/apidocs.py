"""The interactive API documentation: Swagger UI at ``/docs`` and ReDoc at ``/redoc``, both over
``/openapi.json`` and both loaded from the npm build's files in ``static/vendor/`` (``make
vendor``), never from a CDN, so that they work offline. Their pages hold no inline script
(``static/apidocs.js`` starts them), so Swagger UI runs under the UI's Content-Security-Policy;
ReDoc writes its styles into ``<style>`` elements, so its page allows inline styles (not scripts).
Without the npm build, each page says how to get it and where the schema is."""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from newsdesk.web import STATIC
from newsdesk.web.security import CONTENT_SECURITY_POLICY

router = APIRouter(include_in_schema=False)

SWAGGER = ("swagger-ui.css", "swagger-ui-bundle.js")
REDOC = ("redoc.standalone.js",)
# ReDoc's styled-components insert <style> elements: inline styles only are let through.
REDOC_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


def _have(names: tuple[str, ...]) -> bool:
    return all((STATIC / "vendor" / name).is_file() for name in names)


def _page(title: str, head: str, body: str) -> str:
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{escape(title)}</title>\n<link rel="icon" href="data:,">\n{head}</head>\n<body>\n{body}</body>\n</html>\n'
    )


def _missing(request: Request, title: str) -> HTMLResponse:
    schema = escape(request.app.openapi_url or "/openapi.json")
    body = (
        f"<h1>{escape(title)}</h1>\n<p>The interactive documentation is drawn by files of the npm build, which is not "
        "here: run <code>make vendor</code> (it needs Node.js and npm), then reload this page.</p>\n"
        f'<p>The API\'s OpenAPI schema is at <a href="{schema}">{schema}</a>.</p>\n'
    )
    return HTMLResponse(_page(title, '<link rel="stylesheet" href="/static/newsdesk.css">\n', f"<main>{body}</main>\n"))


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui(request: Request) -> HTMLResponse:
    title = "newsdesk API: interactive documentation"
    if not _have(SWAGGER):
        return _missing(request, title)
    schema = escape(request.app.openapi_url or "/openapi.json")
    head = '<link rel="stylesheet" href="/static/vendor/swagger-ui.css">\n'
    body = (
        f'<div id="swagger-ui" data-openapi="{schema}"></div>\n'
        '<script src="/static/vendor/swagger-ui-bundle.js"></script>\n'
        '<script src="/static/apidocs.js"></script>\n'
    )
    return HTMLResponse(_page(title, head, body))


@router.get("/redoc", response_class=HTMLResponse)
def redoc(request: Request) -> HTMLResponse:
    title = "newsdesk API: reference"
    if not _have(REDOC):
        return _missing(request, title)
    schema = escape(request.app.openapi_url or "/openapi.json")
    body = (
        f'<div id="redoc" data-openapi="{schema}"></div>\n'
        '<script src="/static/vendor/redoc.standalone.js"></script>\n'
        '<script src="/static/apidocs.js"></script>\n'
    )
    return HTMLResponse(_page(title, "", body), headers={"Content-Security-Policy": REDOC_POLICY})
