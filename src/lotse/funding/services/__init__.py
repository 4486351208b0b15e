"""Every change users make to funding: one function per use case, one transaction, one
audit event."""
