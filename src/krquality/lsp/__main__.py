"""``python -m krquality.lsp``: the language server over stdio."""

from krquality.lsp import main

main()
