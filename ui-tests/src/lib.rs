//! Home of the ui and expansion tests (see tests/).
