"""The krquality language server: diagnostics, hovers and code actions in any LSP editor.

The server (:mod:`krquality.lsp.server`) only reads documents, calls the public
API (:func:`krquality.get_analyzer`, ``Analyzer.analyze_okrs``, or a remote
krquality service with the same answers) and formats the results with the pure
functions of :mod:`krquality.lsp.convert`. Run it with ``krquality lsp`` or
``python -m krquality.lsp``; it speaks JSON-RPC over stdio.
"""

from __future__ import annotations

__all__ = ["main"]


def main() -> None:
    """Serve the Language Server Protocol over stdio until the client exits."""
    from krquality.lsp.server import serve_stdio

    serve_stdio()
