"""Reading, normalising and validating the datasets. Nothing else reads raw files."""

import os

import pyarrow as pa

from ingest.load import LoadResult, load_dataset

# Arrow allocates from the C library's heap, as numpy does, unless ARROW_DEFAULT_MEMORY_POOL
# says otherwise: Arrow's own allocator keeps what a file's parsed text frees for Arrow
# alone, and numpy's typed columns then need as much again (importing 100× the sample
# peaked at 4.5 GB; 3.5 GB with this; benchmarks/README.md).
if not os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
    pa.set_memory_pool(pa.system_memory_pool())

__all__ = ["LoadResult", "load_dataset"]
