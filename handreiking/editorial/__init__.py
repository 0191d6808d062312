"""The editorial wing: revisions, review, scheduling and the one write path for chapters."""
