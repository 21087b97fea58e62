"""A Model Context Protocol server: krquality's analyses as tools for AI assistants.

``krquality mcp`` serves three tools over stdio (:mod:`krquality.mcp.server`):
``classify`` (key results), ``check_okrs`` (a Markdown or YAML OKR document)
and ``list_checks`` (the catalogue). :mod:`krquality.mcp.tools` holds what
they do and return, without the SDK, so it is tested and typed on its own.
"""
