"""Every change users make to the offer catalog: one function per use case."""
