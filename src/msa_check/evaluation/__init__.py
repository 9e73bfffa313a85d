"""Measuring msa-check against expert labels: the corpus format, predictions, metrics."""
