"""Pages of the help for families."""
