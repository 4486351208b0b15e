"""Every change users make to the help for families: one function per use case."""
