"""Evaluation: labelled datasets, suites, runners and scorers."""
