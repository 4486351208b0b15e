"""Pages of funding: the coordination office's, the applicants' and the measure plan."""
