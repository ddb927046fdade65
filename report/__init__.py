"""Exports built from metrics and figures: downloads, the summary command (and later decks)."""
