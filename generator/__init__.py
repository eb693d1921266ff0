"""Huikan: a static site generator for event archives."""

__version__ = "0.1.0"
