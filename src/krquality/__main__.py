"""``python -m krquality`` runs the command line."""

from krquality.cli.app import main

main()
