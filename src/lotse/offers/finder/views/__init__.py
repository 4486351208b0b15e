"""Public pages of the finder; every view is public, multilingual and sets no cookie."""
