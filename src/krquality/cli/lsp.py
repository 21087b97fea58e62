"""``krquality lsp``: the language server, for editors (VS Code, Neovim, any LSP client)."""

from __future__ import annotations

from krquality.cli.app import app


@app.command("lsp")
def lsp() -> None:
    """Run the language server over stdio (editors start this; it speaks JSON-RPC, not text).

    Settings come from the editor (``krquality.*``); see editors/README.md.
    """
    from krquality.lsp import main

    main()
