"""Secretariat side: intake, eligibility report, package building, merge, results, reports."""
