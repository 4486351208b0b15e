"""Every change users make to the network: one function per use case, one transaction,
one audit event."""
