"""Lotse: platform for municipal early-help networks (Netzwerke Frühe Hilfen)."""
