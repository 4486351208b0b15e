"""Pages of the network app (thin: parse, check access, call a service, render)."""
