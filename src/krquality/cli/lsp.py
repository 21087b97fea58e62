"""``krquality lsp``: the language server, for editors (VS Code, Neovim, any LSP client)."""

from __future__ import annotations

from krquality.cli.app import app


@app.command("lsp")
def lsp() -> None:
    """Run the language server over stdio (editors start this; it speaks JSON-RPC, not text).

    Settings come from the editor (``krquality.*``); see editors/README.md.
    A model file that cannot be loaded is one line on stderr and exit code 2
    before the server starts (editors show it in their log).
    """
    from krquality.lsp import main
    from krquality.model.io import load_model

    load_model()

    main()
