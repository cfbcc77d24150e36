"""Running extraction on more than one core: local processes or a Ray cluster."""
