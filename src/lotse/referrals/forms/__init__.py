"""Forms of the referrals pages: they validate; the services save."""
