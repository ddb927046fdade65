"""The synthetic sample, a module per dataset; ``data/generate.py`` assembles and writes it."""
