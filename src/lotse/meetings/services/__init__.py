"""Every change users make in the meetings app: one function per use case, keyword-only
arguments, one transaction, one audit event."""
