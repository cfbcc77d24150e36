"""The gazetteer: GeoNames index, candidate lookup, ranking."""

from crisislens.geo.gazetteer import Candidate, Gazetteer, GazetteerMissing

__all__ = ["Candidate", "Gazetteer", "GazetteerMissing"]
