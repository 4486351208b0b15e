"""Staff pages of the offer catalog."""
