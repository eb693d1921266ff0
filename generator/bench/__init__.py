"""`make bench`: a synthetic archive at scale, timed against the anchors (Hugo when installed)."""
