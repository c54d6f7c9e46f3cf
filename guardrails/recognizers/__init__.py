"""Identifier recognizers, one per file."""
