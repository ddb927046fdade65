"""Reading, normalising and validating the four datasets. Nothing else reads raw files."""

from ingest.load import LoadResult, load_dataset

__all__ = ["LoadResult", "load_dataset"]
