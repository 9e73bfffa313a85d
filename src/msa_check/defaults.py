"""Default settings that the command line shows in its help, in a module that imports
nothing: `msa-check --help` must not load spaCy or the fetch stage to print them."""

from __future__ import annotations

DEFAULT_MODEL = "blank:en"  # the spaCy pipeline (nlp.py): no trained weights needed
FETCH_THREADS = 8  # threads fetching statements in a batch (batch/run.py)
PER_HOST = 2  # most requests to one host at a time in a batch
DEFAULT_CLASSIFIER = "aims-sentences"  # the bundled sentence classifier (classifier/model.py)
# Three members: with one model, which threshold was best moved with the seed; with the
# mean of three it held across the draws of seeds tried (benchmarks/ACCURACY.md). More would
# pass the 50 MB the package may weigh (each member is about 12 MB, mostly bag of words).
DEFAULT_MEMBERS = 3
LABEL_SET = "aims"  # the `labels:` key of the criteria that `evaluate` scores against
