"""Funding: allocation of the federal foundation's money, applications, measure plan, proof
of use."""
