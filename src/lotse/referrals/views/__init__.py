"""Pages of the referrals app: intake, cases, settings, § 4 KKG, the public contact form."""
