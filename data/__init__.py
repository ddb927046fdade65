"""The bundled sample (sample/), the national reference figures (reference/) and the
generator that makes the sample (generate.py)."""
