"""Open Referral HSDS 3.0: mapping, export, import and validation of the offer catalog."""
