"""The ``krquality`` command line: thin commands over the Python API."""
