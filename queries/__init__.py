"""The query layer: one function per figure or table, called by every surface."""
