"""Pure pandas transforms: typed frames in, frames, series and numbers out."""
