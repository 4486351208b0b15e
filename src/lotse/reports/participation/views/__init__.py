"""Pages of participation: public forms for families and partners, staff pages."""
