"""Pages of the meetings app, split by topic."""
