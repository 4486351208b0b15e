"""Offer catalog: offers (HSDS services), locations, schedules, taxonomy; providers' and
coordinators' tools, HSDS import/export, brochure and the prevention-chain view."""
