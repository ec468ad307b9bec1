"""sakiplint: a consistency linter for Indonesian government performance reports (LKjIP)."""

__version__ = "0.1.0"
