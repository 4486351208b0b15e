"""Reports and quality development: indicators, gap analysis, dashboards, annual report."""
