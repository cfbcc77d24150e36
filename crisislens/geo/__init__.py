"""The gazetteer: GeoNames index, candidate lookup, ranking."""
