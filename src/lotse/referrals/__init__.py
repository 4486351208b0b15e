"""Families, consent, referrals, contact deadlines, triage; data protection of families' data."""
