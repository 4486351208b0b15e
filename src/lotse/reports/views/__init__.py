"""Pages of reports: dashboards, gap analysis, settings and the annual report."""
