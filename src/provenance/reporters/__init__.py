"""Reporters turn findings into text for people and machines; they never parse a report."""
