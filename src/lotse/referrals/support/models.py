"""Help plans: brokering to offers, family midwives and FGKiKP, volunteer sponsors, individual
support; welcome visits."""
