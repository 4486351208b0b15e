"""The public offer finder for families: search, filters, languages, accessibility."""
