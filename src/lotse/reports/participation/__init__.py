"""Participation of families and partners: anonymous feedback on offers and on the
early-help contact, and needs-assessment surveys per social area."""
