"""When: temporal expressions normalised against each article's reference date."""
