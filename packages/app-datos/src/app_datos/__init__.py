"""app-datos: the workshop's container image program (standard library only)."""

__version__ = "1.0.0"
